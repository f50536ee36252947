"""Weak-localization correction of the shot noise of a wire: -1/45 (beta = 1), not -2/45.

Two independent routes to ``theory.wire.noise_wl_correction``:

* the DMPK equation written for the moments ``<sum T^k>`` (Mello & Stone 1991), integrated
  here numerically order by order in 1/N (no closed form used), against the closed forms of
  ``noise_wl_correction_length`` / ``wl_correction_length`` and, at s -> inf, against
  Beenakker's linear-statistic integral that ``noise_wl_correction`` evaluates;
* a Monte-Carlo sample of DMPK wires (``ensembles.dmpk_transmissions``: chains of isotropic
  scatterers), beta = 1 against beta = 2 at the same Drude conductance.
"""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from rmt_meso.ensembles import dmpk_transmissions
from rmt_meso.theory import wire as tw


def _hierarchy(s_values, kmax=3):
    """Leading a_k(s) and weak-localization c_k(s) of <sum T^k> = N a_k + (1 - 2/beta) c_k,
    k = 1..kmax, from the DMPK generator (see noise_wl_correction_length, Notes)."""
    def rhs(_, y):
        a = np.concatenate([[0.0], y[:kmax + 1]])
        c = np.concatenate([[0.0], y[kmax + 1:], [0.0]])
        da = [k * (sum(a[j] * a[k - j] for j in range(1, k))
                   - sum(a[j] * a[k + 1 - j] for j in range(1, k + 1))) for k in range(1, kmax + 2)]
        dc = [2 * k * (sum(a[j] * c[k - j] for j in range(1, k))
                       - sum(a[j] * c[k + 1 - j] for j in range(1, k + 1)))
              + k * (k * a[k + 1] - (k - 1) * a[k]) for k in range(1, kmax + 1)]
        return np.concatenate([da, dc])
    y0 = np.concatenate([np.ones(kmax + 1), np.zeros(kmax)])
    sol = solve_ivp(rhs, (0.0, max(s_values)), y0, t_eval=s_values, rtol=1e-11, atol=1e-13)
    return sol.y[:kmax + 1], sol.y[kmax + 1:]


def test_moment_hierarchy_gives_the_closed_forms_and_one_45th():
    s = np.array([0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 400.0])
    a, c = _hierarchy(s)
    np.testing.assert_allclose(a[0], 1 / (1 + s), rtol=1e-8)                     # Drude
    np.testing.assert_allclose(a[1] / a[0], 1 - (1 - (1 + s) ** -3) / 3, rtol=1e-8)   # F_0(s)
    # beta = 1: (1 - 2/beta) = -1
    np.testing.assert_allclose(-c[0], tw.wl_correction_length(1, s, 1.0), rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(-(c[0] - c[1]), tw.noise_wl_correction_length(1, s, 1.0),
                               rtol=1e-7, atol=1e-10)
    # s -> inf: Beenakker's linear-statistic formula, -1/45 and not -2/45
    assert abs(-(c[0][-1] - c[1][-1]) - tw.noise_wl_correction(1)) < 1e-6
    for beta, factor in ((2, 0.0), (4, -0.5)):
        np.testing.assert_allclose(tw.noise_wl_correction_length(beta, s, 1.0),
                                   factor * tw.noise_wl_correction_length(1, s, 1.0), atol=1e-15)


def test_noise_wl_correction_length_inputs():
    assert tw.noise_wl_correction_length(1, 0.0, 1.0) == 0.0
    assert tw.noise_wl_correction_length(1, 2.0, 1.0, spin_degeneracy=2) == pytest.approx(
        2 * tw.noise_wl_correction_length(1, 2.0, 1.0))
    with pytest.raises(ValueError, match="beta"):
        tw.noise_wl_correction_length(3, 1.0, 1.0)
    with pytest.raises(ValueError, match="mfp"):
        tw.noise_wl_correction_length(1, 1.0, 0.0)
    with pytest.raises(ValueError, match="length"):
        tw.noise_wl_correction_length(1, -1.0, 1.0)


# --------------------------------------------------------------------------------------
# the Monte-Carlo DMPK sampler
# --------------------------------------------------------------------------------------
def test_dmpk_sampler_contract():
    t = dmpk_transmissions(5, 1.5, 1, 4, rng=3)
    assert t.shape == (4, 5) and np.all((t >= 0) & (t <= 1))
    assert np.all(np.diff(t, axis=1) >= 0)                       # ascending
    np.testing.assert_array_equal(t, dmpk_transmissions(5, 1.5, 1, 4, rng=3))
    assert dmpk_transmissions(3, 1.0, 4, rng=1).shape == (3,)    # Kramers pairs once
    np.testing.assert_array_equal(dmpk_transmissions(3, 0.0, 2, 2, rng=1), np.ones((2, 3)))
    for kwargs, name in [(dict(n_channels=0, s=1.0, beta=1), "n_channels"),
                         (dict(n_channels=2, s=-1.0, beta=1), "s"),
                         (dict(n_channels=2, s=1.0, beta=3), "beta"),
                         (dict(n_channels=2, s=1.0, beta=0), "beta"),
                         (dict(n_channels=2, s=1.0, beta=1, slices=0), "slices")]:
        with pytest.raises(ValueError, match=name):
            dmpk_transmissions(**kwargs)


def test_dmpk_sampler_drude_and_weak_localization():
    """beta = 2: <g> = N/(1+s) (no O(1) term); beta = 1 - beta = 2: Mello-Stone dg(s)."""
    n, s, size = 8, 2.0, 3000
    seeds = np.random.SeedSequence(20261207).spawn(2)
    g1 = dmpk_transmissions(n, s, 1, size, slices=12, rng=seeds[0]).sum(axis=1)
    g2 = dmpk_transmissions(n, s, 2, size, slices=12, rng=seeds[1]).sum(axis=1)
    se2 = g2.std(ddof=1) / math.sqrt(size)
    assert abs(g2.mean() - n / (1 + s)) < 4 * se2
    dg, se = g1.mean() - g2.mean(), math.hypot(g1.std(ddof=1), g2.std(ddof=1)) / math.sqrt(size)
    assert abs(dg - tw.wl_correction_length(1, s, 1.0)) < 4 * se
    assert abs(dg) > 20 * se                                     # the correction is resolved


@pytest.mark.slow
def test_monte_carlo_resolves_one_45th_from_two_45ths():
    """<sum T(1-T)>_{beta=1} - <sum T(1-T)>_{beta=2} of DMPK wires -> noise_wl_correction_length.

    s = L/l = 3: theory -0.0199 = 0.90 x (-1/45); the coefficient 2/45 would give -0.0398.
    The O(1/N) terms are removed by measuring at N = 8 and N = 16 (same s) and extrapolating
    linearly in 1/N (standard error propagated): measured before (this sampler, K = 20)
    -0.0359(14) at N = 8, -0.0286(24) at N = 16, -0.0275(24) at N = 24.  Slices: K = 20
    (classical reflection rho = s/(K+s) = 0.13 each); the finite-rho sequence at N = 16,
    -0.0286(24), -0.0240(24), -0.0294(24) for K = 20, 40, 80, shows no trend beyond the
    errors.  sigma ~ 0.0032, so the 2/45 alternative lies > 6 sigma away.
    """
    s, slices = 3.0, 20
    runs = []
    for n, size, seed in ((8, 14000, 1), (16, 11000, 2)):
        seeds = np.random.SeedSequence([20261207, seed]).spawn(2)
        p = []
        for beta, sd in zip((1, 2), seeds):
            t = dmpk_transmissions(n, s, beta, size, slices=slices, rng=sd)
            p.append((t * (1 - t)).sum(axis=1))
        d = p[0].mean() - p[1].mean()
        se = math.hypot(p[0].std(ddof=1), p[1].std(ddof=1)) / math.sqrt(size)
        runs.append((n, d, se))
    (_, d8, e8), (_, d16, e16) = runs
    d0, se0 = 2 * d16 - d8, math.hypot(2 * e16, e8)      # linear in 1/N to N = inf
    theory = tw.noise_wl_correction_length(1, s, 1.0)
    wrong = 2 * theory                                   # the coefficient 2/45
    assert se0 < abs(wrong - theory) / 6, (se0, theory)  # the design resolves the two
    assert abs(d0 - theory) < 4 * se0, (d0, se0, theory, runs)
    assert abs(d0 - wrong) > 4 * se0, (d0, se0, wrong, runs)
