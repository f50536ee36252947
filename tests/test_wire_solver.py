"""Wire: quantised clean conductance, unitarity, symmetries, temperature, bad input."""

import numpy as np
import pytest
import scipy.constants as const

from rmt_meso.transport import G0, SMatrix, Wire, conductance, fano_factor, thermal_average
from rmt_meso.transport.rgf import caroli_transmission


def transverse_energies(width, dim):
    eps = -2 * np.cos(np.pi * np.arange(1, width + 1) / (width + 1))
    return eps if dim == 2 else (eps[:, None] + eps[None, :]).ravel()


@pytest.mark.parametrize("dim,width", [(2, 7), (3, 4)])
def test_clean_wire_quantised(dim, width):
    wire = Wire(width, 5, dim=dim)
    eps = transverse_energies(width, dim)
    energies = np.linspace(-2 * dim + 0.05, 2 * dim - 0.05, 37)
    for e, s in zip(energies, wire.smatrix(energies)):
        n_open = int(np.sum(np.abs(e - eps) < 2))
        assert s.n_left == s.n_right == n_open == wire.n_channels(e)
        assert abs(s.conductance() - n_open) < 1e-10
        np.testing.assert_allclose(s.transmission_eigenvalues(), 1.0, atol=1e-10)


def test_clean_wire_with_flux_and_spin_orbit_is_ballistic():
    for kw in (dict(flux=0.07), dict(spin_orbit=0.6), dict(flux=0.05, spin_orbit=0.3)):
        wire = Wire(5, 6, **kw)
        for e in (-2.1, 0.3, 1.7):
            assert abs(wire.conductance(e) - wire.n_channels(e)) < 1e-10, kw


CASES = {
    "disorder": dict(W=2.0),
    "flux": dict(W=2.0, flux=0.09),
    "spin_orbit": dict(W=2.0, spin_orbit=np.pi / 6),
    "so_flux": dict(W=2.0, spin_orbit=0.5, flux=0.04),
    "3d": dict(W=3.0, dim=3),
}


@pytest.mark.parametrize("name", list(CASES))
def test_unitarity_and_caroli(name):
    wire = Wire(5 if CASES[name].get("dim", 2) == 2 else 3, 8, **CASES[name]).realisation(11)
    for e in (-1.3, 0.4):
        for algorithm in ("rgf", "sparse"):
            s = wire.smatrix(e, algorithm=algorithm)
            assert s.unitarity_error() < 1e-10
        slices, v = wire.hamiltonian_slices()
        assert abs(s.conductance() - caroli_transmission(slices, v, wire.lead, energy=e)) < 1e-10


@pytest.mark.parametrize("flux", [0.0, 0.5])
def test_reciprocity_beta1(flux):
    wire = Wire(6, 9, W=2.5, flux=flux).realisation(3)
    assert wire.beta == 1
    for e in (-0.9, 0.6):
        s = wire.smatrix(e).matrix
        np.testing.assert_allclose(s, s.T, atol=1e-10)


def test_no_reciprocity_with_flux():
    wire = Wire(6, 9, W=2.5, flux=0.1).realisation(3)
    assert wire.beta == 2
    s = wire.smatrix(0.6).matrix
    assert np.max(np.abs(s - s.T)) > 1e-3


def test_kramers_degenerate_transmissions():
    wire = Wire(5, 10, W=2.0, spin_orbit=np.pi / 6).realisation(5)
    assert wire.beta == 4 and wire.spinful
    for e in (-1.0, 0.5):
        tn = wire.transmission_eigenvalues(e)
        assert tn.size % 2 == 0
        np.testing.assert_allclose(tn[::2], tn[1::2], atol=1e-10)
        # non-trivial: the pairs themselves differ
        assert np.ptp(tn[1::2]) > 1e-3


def test_onsite_override_and_realisations():
    wire = Wire(5, 7, W=1.5).realisation(2)
    same = wire.with_onsite(wire.onsite)
    assert same.lead is wire.lead
    np.testing.assert_array_equal(wire.smatrix(0.2).matrix, same.smatrix(0.2).matrix)
    assert Wire(5, 9, W=0.5).realisation(7).lead is wire.lead        # one lead per cross-section
    assert Wire(5, 7, flux=0.1).lead is not wire.lead
    other = wire.realisation(rng=3)
    assert other.lead is wire.lead and not np.array_equal(other.onsite, wire.onsite)
    # same seed, same realisation; the realisation is Anderson's draw
    np.testing.assert_array_equal(Wire(5, 7, W=1.5).realisation(2).onsite, wire.onsite)
    from rmt_meso.ensembles import Anderson
    np.testing.assert_array_equal(Anderson((7, 5), 1.5).onsite(rng=2), wire.onsite)


def test_slices_are_the_anderson_hamiltonian():
    from rmt_meso.ensembles import Anderson
    wire = Wire(4, 5, W=1.0, flux=0.1, spin_orbit=0.3).realisation(1)
    h = Anderson((5, 4), 1.0, flux=0.1, spin_orbit=0.3).hamiltonian(onsite=wire.onsite).toarray()
    slices, v = wire.hamiltonian_slices()
    m = wire.slice_size
    for n in range(5):
        np.testing.assert_array_equal(h[n * m:(n + 1) * m, n * m:(n + 1) * m], slices[n])
    np.testing.assert_array_equal(h[m:2 * m, :m], v)


def test_conductance_units():
    wire = Wire(4, 3)
    n = wire.n_channels(0.1)
    assert abs(wire.conductance(0.1, unit="S") - n * 2 * const.e ** 2 / const.h) < 1e-10 * G0
    assert abs(G0 - 7.748091729e-5) < 1e-14
    so = Wire(4, 3, spin_orbit=0.4)
    assert abs(so.conductance(0.1, unit="S") - so.n_channels(0.1) * const.e ** 2 / const.h) < 1e-10 * G0


def test_temperature_average():
    wire = Wire(5, 8, W=1.0).realisation(4)
    kt, mu = 0.02, 0.3
    grid = np.linspace(mu - 10 * kt, mu + 10 * kt, 61)
    gs = np.array([s.conductance() for s in wire.smatrix(grid)])
    w = 1 / (4 * kt * np.cosh((grid - mu) / (2 * kt)) ** 2)
    manual = np.trapezoid(w * gs, grid) / np.trapezoid(w, grid)
    assert abs(wire.conductance(mu, temperature=kt, n_energies=61) - manual) < 1e-12
    # clean wire: the plateau minus the Fermi tail above the channel closing at
    # E = 2 - 2 cos(pi/6) (21.8 kT away), exact to the rule's 1e-10
    clean = Wire(5, 3)
    top = 2 - 2 * np.cos(np.pi / 6)
    exact = clean.n_channels(0.05) - 1 / (1 + np.exp((top - 0.05) / 0.01))
    assert abs(clean.conductance(0.05, temperature=0.01) - exact) < 1e-10


def test_thermal_average_function():
    e = np.linspace(-1, 1, 801)
    assert abs(thermal_average(e, np.ones_like(e), 0.05, 0.1) - 1) < 1e-14
    # odd part averages out, even part is <x²> = π²(kT)²/3 (Sommerfeld)
    kt = 0.02
    val = thermal_average(e, (e - 0.1) + (e - 0.1) ** 2, kt, 0.1)
    assert abs(val - np.pi ** 2 * kt ** 2 / 3) < 2e-3 * np.pi ** 2 * kt ** 2 / 3
    assert thermal_average(e, 2 * e, 0.0, 0.25) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="cover"):
        thermal_average(e, e, 0.2, 0.5)
    with pytest.raises(ValueError, match="coarse"):
        thermal_average(np.linspace(-1, 1, 11), np.zeros(11), 0.05, 0.0)
    with pytest.raises(ValueError, match="increasing"):
        thermal_average(e[::-1], e, 0.01, 0.0)


def test_smatrix_helpers():
    s = SMatrix(t=np.array([[0.6]]), r=np.array([[0.8]]), tp=np.array([[0.6]]), rp=np.array([[-0.8]]),
                energy=0.0, n_left=1, n_right=1)
    assert s.check_unitarity() is s
    assert conductance(s) == pytest.approx(0.36)
    assert fano_factor([1.0, 0.5]) == pytest.approx(0.25 / 1.5)
    np.testing.assert_allclose(conductance(np.array([[1.0, 0.5], [0.2, 0.1]])), [1.5, 0.3])
    with pytest.raises(ValueError, match="undefined"):
        fano_factor([0.0, 0.0])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        conductance([1.2])
    with pytest.raises(ValueError, match="unit"):
        conductance([0.5], unit="mS")
    bad = SMatrix(t=np.array([[0.6]]), r=np.array([[0.9]]), tp=np.array([[0.6]]), rp=np.array([[-0.8]]),
                  energy=0.0, n_left=1, n_right=1)
    from rmt_meso import ConvergenceError
    with pytest.raises(ConvergenceError, match="unitary"):
        bad.check_unitarity()
    with pytest.raises(ValueError, match="shape"):
        SMatrix(t=np.zeros((2, 1)), r=np.zeros((1, 1)), tp=np.zeros((1, 1)), rp=np.zeros((1, 1)),
                energy=0.0, n_left=1, n_right=1)


def test_zero_channels():
    wire = Wire(4, 3, W=1.0).realisation(0)
    s = wire.smatrix(-4.5)
    assert s.n_left == 0 and wire.conductance(-4.5) == 0.0 and wire.n_channels(-4.5) == 0


@pytest.mark.parametrize("kwargs,exc,match", [
    (dict(width=-1, length=3), ValueError, "width"),
    (dict(width=3, length=0), ValueError, "length"),
    (dict(width=3.0, length=3), TypeError, "width"),
    (dict(width=3, length=3, dim=4), ValueError, "dim"),
    (dict(width=3, length=3, W=-1.0), ValueError, "W"),
    (dict(width=3, length=3, flux="0.1"), TypeError, "flux"),
    (dict(width=3, length=3, flux=np.nan), ValueError, "flux"),
    (dict(width=3, length=3, spin_orbit="x"), TypeError, "spin_orbit"),
    (dict(width=3, length=3, spin_orbit=4.0), ValueError, "spin_orbit"),
    (dict(width=3, length=3, onsite=np.zeros((3, 4))), ValueError, "onsite"),
    (dict(width=3, length=3, onsite=np.full((3, 3), np.nan)), ValueError, "finite"),
    (dict(width=3, length=3, dim=3, onsite=np.zeros((3, 3))), ValueError, "onsite"),
    (dict(width=3, length=3, onsite=np.zeros((3, 3)), rng=1), ValueError, "either"),
    (dict(width=3, length=3, disorder="cauchy"), ValueError, "disorder"),
])
def test_bad_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        Wire(**kwargs)


def test_bad_call_arguments():
    wire = Wire(3, 3)
    with pytest.raises(ValueError, match="temperature"):
        wire.conductance(0.1, temperature=-1.0)
    with pytest.raises(TypeError, match="one energy"):
        wire.transmission_eigenvalues([0.1, 0.2])
    with pytest.raises(ValueError, match="algorithm"):
        wire.smatrix(0.1, algorithm="kwant")


@pytest.mark.parametrize("kw", [dict(), dict(flux=0.05), dict(spin_orbit=0.5), dict(dim=3)],
                         ids=["beta1", "flux", "spin_orbit", "3d"])
def test_sample_transmission_eigenvalues_equals_one_by_one(kw):
    width = 3 if kw.get("dim") == 3 else 5
    wire = Wire(width, 12, W=2.0, **kw)
    batched = wire.sample_transmission_eigenvalues(0.3, 7, rng=9, batch=3)
    gen = np.random.default_rng(9)
    loop = np.array([wire.realisation(gen).transmission_eigenvalues(0.3) for _ in range(7)])
    np.testing.assert_allclose(batched, loop, atol=1e-12)
    np.testing.assert_allclose(wire.sample_conductance(0.3, 7, rng=9), loop.sum(axis=1), atol=1e-12)


def test_sample_wide_slices_and_zero_channels():
    wire = Wire(17, 4, W=1.0)                    # >= 16 orbitals: one realisation at a time
    a = wire.sample_transmission_eigenvalues(-0.9, 2, rng=3)
    gen = np.random.default_rng(3)
    b = np.array([wire.realisation(gen).transmission_eigenvalues(-0.9) for _ in range(2)])
    np.testing.assert_allclose(a, b, atol=1e-12)
    assert Wire(4, 3, W=1.0).sample_transmission_eigenvalues(-5.0, 3, rng=1).shape == (3, 0)
    with pytest.raises(ValueError, match="size"):
        wire.sample_conductance(0.1, 0)


def test_rng_validated_eagerly_and_onsite_read_only():
    with pytest.raises(TypeError, match="rng"):
        Wire(3, 3, W=1.0).realisation("seed")
    with pytest.raises(ValueError, match="rng"):
        Wire(3, 3, W=1.0).realisation(-1)
    given = np.zeros((3, 3))
    wire = Wire(3, 3, onsite=given)
    given[0, 0] = 5.0                          # the wire keeps its own copy
    assert wire.onsite[0, 0] == 0.0 and not wire.onsite.flags.writeable


@pytest.mark.parametrize("name", ["conductance_quantization", "landauer"])
def test_solver_claims_pass(name):
    import importlib

    from rmt_meso.claims import REGISTRY, Context, run_claim
    importlib.import_module(f"rmt_meso.claims.{name}")
    outcome = run_claim(REGISTRY[name], Context(preset="quick"))
    assert outcome.error == "", outcome.error
    assert outcome.passed, [c.summary() for c in outcome.result.comparisons]
    assert outcome.result.figure is not None


def test_sampler_kernels_match_one_by_one_realisations():
    """transport.samplers: g per spin direction (Kramers pairs once) of the same realisations
    as Wire.realisation drawn one after another."""
    from rmt_meso.transport.samplers import wire_conductance
    g = wire_conductance(4, 3, width=4, length=6, W=1.5, energy=0.4, spin_orbit=0.5)
    gen = np.random.default_rng(4)
    tmpl = Wire(4, 6, W=1.5, spin_orbit=0.5)
    ref = [tmpl.realisation(gen).conductance(0.4) / 2 for _ in range(3)]
    assert np.allclose(g, ref, atol=1e-12)


def test_paired_flux_samples_share_the_disorder():
    """Each row of paired_flux_conductance is one realisation at every flux: recomputed one
    by one from its on-site energies, flux by flux."""
    from rmt_meso.transport.samplers import paired_flux_conductance
    x = paired_flux_conductance(np.random.default_rng(8), 2, width=4, length=6, W=1.5,
                                energy=0.4, fluxes=[0.0, 0.5])
    gen = np.random.default_rng(np.random.default_rng(8).integers(0, 2**63 - 1))
    for row in x:
        onsite = Wire(4, 6, W=1.5).realisation(gen).onsite
        ref = [Wire(4, 6, W=1.5, flux=f / 24).with_onsite(onsite).conductance(0.4) for f in (0.0, 0.5)]
        assert np.allclose(row, ref, atol=1e-12)
