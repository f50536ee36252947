"""Plot one-liners of rmt_meso.plot.quick: (fig, ax), the right artists, the right numbers."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import rmt_meso as rm  # noqa: E402
from rmt_meso.compare import Estimate  # noqa: E402
from rmt_meso.plot import (plot_conductance_band, plot_estimates, plot_ratios,  # noqa: E402
                           plot_rigidity, plot_spacings)


def _errorbar_data(ax):
    (container,) = ax.containers
    line = container.lines[0]
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


def _curves(ax):
    """Lines that are not part of an errorbar container (the theory curves, the mean)."""
    parts = set()
    for c in ax.containers:
        data, caps, _bars = c.lines
        parts |= {data, *caps}
    return [line for line in ax.lines if line not in parts]


def test_plot_spacings_of_poisson_spacings_follows_exponential():
    s = np.random.default_rng(3).exponential(size=(40, 500))
    fig, ax = plot_spacings(s, beta=0, bins=20)
    assert fig is ax.figure
    assert len(ax.containers) == 1 and len(_curves(ax)) == 1   # data marker line + one law
    x, y = _errorbar_data(ax)
    # density of the pooled histogram against exp(-s) (bin average), within 5 sigma per bin
    edges = np.linspace(0, 4, 21)
    exact = (np.exp(-edges[:-1]) - np.exp(-edges[1:])) / np.diff(edges)
    counts, _ = np.histogram(s, edges)
    sigma = np.sqrt(exact * np.diff(edges) * s.size) / (s.size * np.diff(edges))
    assert np.all(np.abs(y - exact) < 5 * sigma + 1e-12)
    assert np.allclose(y, counts / (s.size * np.diff(edges)))


def test_plot_spacings_from_levels_draws_all_laws_by_default():
    levels = rm.GOE(60).eigvals(size=10, rng=1)
    fig, ax = plot_spacings(levels)
    assert len(_curves(ax)) == 4 and len(ax.get_legend().get_texts()) == 5
    with pytest.raises(ValueError, match="beta"):
        plot_spacings(levels, beta=3)
    with pytest.raises(ValueError, match="kind"):
        plot_spacings(levels, kind="eigs")


def test_plot_ratios_mean_in_label_and_artists():
    levels = rm.GUE(50).eigvals(size=12, rng=2)
    r = rm.spacing_ratios(levels)
    fig, ax = plot_ratios(levels, beta=(0, 2))
    assert len(ax.containers) == 1 and len(_curves(ax)) == 2
    assert any(f"{r.mean():.4f}" in t.get_text() for t in ax.get_legend().get_texts())
    fig2, ax2 = plot_ratios(r.ravel(), beta=2, kind="ratios")
    assert np.allclose(_errorbar_data(ax2)[1].sum() * (1 / 25), 1.0)   # normalised density on [0, 1]
    with pytest.raises(ValueError, match="ratios"):
        plot_ratios(np.array([0.2, 1.5]), kind="ratios")


def test_plot_rigidity_two_panels():
    unfolded = rm.unfold(rm.GOE(200).eigvals(size=6, rng=4))
    fig, axes = plot_rigidity(unfolded, L=np.linspace(0.5, 4, 6), beta=1)
    assert len(axes) == 2
    for ax in axes:
        assert len(ax.containers) == 1 and len(_curves(ax)) == 1
        assert len(_errorbar_data(ax)[0]) == 6


def test_plot_conductance_band_mean_and_bands():
    g = np.random.default_rng(0).normal(2.0, 0.3, size=(50, 7))
    e = np.linspace(-1, 1, 7)
    fig, ax = plot_conductance_band(e, g)
    assert len(_curves(ax)) == 1 and len(ax.collections) == 2
    np.testing.assert_allclose(ax.lines[0].get_ydata(), g.mean(axis=0))
    with pytest.raises(ValueError, match="shape"):
        plot_conductance_band(e, g[:, :3])


def test_plot_estimates_values_and_theory():
    ests = [Estimate(0.5 + 0.1 * k, 0.01, 100) for k in range(4)]
    fig, ax = plot_estimates([1, 2, 3, 4], ests, theory=lambda v: 0.4 + 0.1 * v)
    assert len(ax.containers) == 1 and len(_curves(ax)) == 1
    np.testing.assert_allclose(_errorbar_data(ax)[1], [0.5, 0.6, 0.7, 0.8])
    fig, ax = plot_estimates([1, 2], [(1.0, 0.1), (2.0, 0.2)], theory=1.5)
    assert len(_curves(ax)) == 1
    with pytest.raises(ValueError, match="one value per estimate"):
        plot_estimates([1, 2, 3], ests)
    with pytest.raises(TypeError, match="estimates"):
        plot_estimates([1], ["x"])


def test_plot_aas_harmonic_draws_samples_and_the_two_harmonics():
    from rmt_meso.plot.aharonov_bohm import plot_aas_harmonic
    phi = np.arange(8) / 8
    g = 0.3 + 0.05 * np.cos(2 * np.pi * phi) - 0.02 * np.cos(4 * np.pi * phi) + np.zeros((6, 1))
    fig, (ax, bx) = plot_aas_harmonic(phi, g, 3, (0.05, -0.02), (0.01, 0.004))
    assert len(ax.lines) == 3
    curve = _curves(bx)[0]
    x, y = curve.get_data()
    assert len(x) > 100
    np.testing.assert_allclose(y, 0.05 * np.cos(2 * np.pi * x) - 0.02 * np.cos(4 * np.pi * x))
    assert "c_2" in curve.get_label()
    matplotlib.pyplot.close(fig)


def test_plot_poisson_kernel_conductance_density_and_curves():
    from rmt_meso.plot.chaos import plot_poisson_kernel_conductance
    rng = np.random.default_rng(0)
    gb, gk, gi = rng.uniform(0, 1, 500), rng.uniform(0, 1, 2000), rng.uniform(0, 1, 2000)
    fig, ax = plot_poisson_kernel_conductance(gb, gk, gi, bins=10)
    x, y = _errorbar_data(ax)
    assert x.size == 10 and np.isclose(np.sum(y) * 0.1, 1.0)      # a normalised density on [0, 1]
    labels = ax.get_legend_handles_labels()[1]
    assert any("Poisson kernel" in s for s in labels) and any("ideal" in s for s in labels)
    matplotlib.pyplot.close(fig)


def test_plot_wl_line_shapes_points_and_fitted_curves():
    from rmt_meso.analysis import LineShapeFit
    from rmt_meso.plot.chaos import plot_wl_line_shapes
    x = np.array([0.0, 0.2, 0.5, 1.0])
    lor = LineShapeFit(1.5, 0.2, 0.5, np.eye(3), 3.0, 1)
    cusp = LineShapeFit(1.5, 0.1, 0.3, np.eye(3), 40.0, 1)
    dg = 0.2 * (1 - 1 / (1 + (x / 0.5) ** 2))
    fig, axes = plot_wl_line_shapes(x, [("chaotic", dg, np.full(4, 0.01), lor, cusp),
                                        ("integrable", dg, np.full(4, 0.01), lor, None)], rmt_amplitude=0.214)
    assert len(axes) == 2
    px, py = _errorbar_data(axes[0])
    np.testing.assert_allclose(py, dg)
    curves = _curves(axes[0])
    xs, ys = curves[0].get_data()
    np.testing.assert_allclose(ys, 0.2 * (1 - 1 / (1 + (xs / 0.5) ** 2)))       # Lorentzian, zero at 0
    xs, ys = curves[1].get_data()
    np.testing.assert_allclose(ys, 0.1 * (1 - np.exp(-xs / 0.3)))              # cusp
    assert len(_curves(axes[1])) == 2                   # Lorentzian and the RMT level, no cusp
    labels = axes[0].get_legend_handles_labels()[1]
    assert any("Lorentzian" in s for s in labels) and any("RMT" in s for s in labels)
    matplotlib.pyplot.close(fig)


def test_plot_open_billiard_density_and_size_sequence():
    from rmt_meso.plot.chaos import plot_open_billiard
    edges = np.linspace(0, 1, 6)
    dens = np.array([2.0, 1.0, 0.5, 0.5, 1.0])
    seq = {r: {k: {"rel_dev": 0.01 * r, "rel_err": 0.01} for k in ("mean_g", "var_g", "fano")} for r in (16, 24)}
    rng = np.random.default_rng(0)
    fig, (ax, bx) = plot_open_billiard(edges, dens, np.full(5, 0.1), {1: rng.uniform(0, 1, 1000)}, seq, radius=24)
    x, y = _errorbar_data(ax)
    np.testing.assert_allclose(x, [0.1, 0.3, 0.5, 0.7, 0.9])
    np.testing.assert_allclose(y, dens)
    assert any("COE" in s for s in ax.get_legend_handles_labels()[1])
    assert len(bx.get_legend_handles_labels()[1]) == 3                # <g>, var g, F against R
    matplotlib.pyplot.close(fig)
