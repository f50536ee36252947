"""Transfer-matrix Lyapunov exponents: exact clean-lattice checks, 1D theory, errors, input."""

import math

import numpy as np
import pytest

from rmt_meso._validate import ConvergenceError
from rmt_meso.theory.anderson import (born_mean_free_path, lyapunov_1d_band_centre,
                                      lyapunov_1d_exact, lyapunov_1d_perturbative)
from rmt_meso.transport.localization import (LyapunovResult, choose_qr_interval,
                                             lyapunov_exponents, transverse_hamiltonian)


def _clean_transverse_energies(cross_section, boundary):
    """Analytic transverse band energies (independent of transverse_hamiltonian)."""
    per_side = []
    for m in cross_section:
        if boundary == "periodic":
            per_side.append(-2 * np.cos(2 * np.pi * np.arange(m) / m))
        else:
            per_side.append(-2 * np.cos(np.pi * np.arange(1, m + 1) / (m + 1)))
    eps = per_side[0]
    for e in per_side[1:]:
        eps = np.add.outer(eps, e).ravel()
    return eps


CLEAN_CASES = [((5,), "periodic", 0.7), ((6,), "open", 1.3), ((3, 4), "periodic", 0.9),
               ((3, 4), "open", 2.9), ((4,), "periodic", 4.5)]


@pytest.mark.parametrize("cross_section,boundary,energy", CLEAN_CASES,
                         ids=[f"{c}-{b}-E{e}" for c, b, e in CLEAN_CASES])
def test_clean_bar_exponents_are_the_mode_decay_rates(cross_section, boundary, energy):
    # clean bar: the modes decouple; mode k has lambda + 1/lambda = E - eps_k, so an
    # evanescent mode (|E - eps_k| > 2) decays with cosh(gamma) = |E - eps_k|/2 and a
    # propagating one has gamma = 0
    n = 4000
    res = lyapunov_exponents(cross_section, energy, 0.0, n, boundary=boundary, exponents="all", rng=3)
    eps = _clean_transverse_energies(cross_section, boundary)
    expected = np.sort(np.arccosh(np.maximum(np.abs(energy - eps) / 2, 1.0)))[::-1]
    N = eps.size
    assert res.exponents.shape == (2 * N,)
    evan = expected > 0
    # evanescent rates: exact up to rounding (the frame aligns exponentially fast)
    np.testing.assert_allclose(res.exponents[:N][evan], expected[evan], rtol=0, atol=1e-10,
                               err_msg="evanescent decay rates differ from arccosh(|E-eps|/2)")
    # propagating channels: bounded products, estimate is O(1/L)
    np.testing.assert_allclose(res.exponents[:N][~evan], 0.0, atol=4.0 / n)
    # symplectic symmetry gamma -> -gamma
    np.testing.assert_allclose(res.exponents[N:][::-1], -res.exponents[:N], atol=4.0 / n)


def _strip_blocks_with_flux(M, flux, boundary):
    """H00 (slice) and H10 = <x+1|H|x> of a strip, built site by site from the model."""
    H00 = np.zeros((M, M), complex)
    for y in range(M - 1):
        H00[y, y + 1] = H00[y + 1, y] = -1.0
    if boundary == "periodic" and M > 2:
        H00[0, M - 1] = H00[M - 1, 0] = -1.0
    H10 = np.diag(-np.exp(2j * np.pi * flux * np.arange(M)))  # bond x -> x+1 at row y
    return H00, H10


@pytest.mark.parametrize("M,flux,boundary,energy", [(5, 0.2, "periodic", 0.3), (6, 0.13, "open", -0.8)])
def test_clean_strip_with_flux_matches_transfer_matrix_eigenvalues(M, flux, boundary, energy):
    # translation invariant along x: the exponents are log|eigenvalues| of the one-slice
    # transfer matrix, built here from the Hamiltonian blocks:
    # psi_{n+1} = H01^{-1} [(E - H00) psi_n - H10 psi_{n-1}]
    H00, H10 = _strip_blocks_with_flux(M, flux, boundary)
    # the same blocks cut out of the Anderson model's own Hamiltonian of a 3-slice strip
    # (C order: site index x * M + y), so the transfer matrix follows its flux convention
    from rmt_meso.ensembles import Anderson
    H = Anderson((3, M), W=0.0, flux=flux, boundary=("open", boundary)).hamiltonian().toarray()
    np.testing.assert_allclose(H[M:2 * M, M:2 * M], H00, atol=1e-14)
    np.testing.assert_allclose(H[2 * M:3 * M, M:2 * M], H10, atol=1e-14)
    H01 = H10.conj().T
    inv = np.linalg.inv(H01)
    T = np.block([[inv @ (energy * np.eye(M) - H00), -inv @ H10], [np.eye(M), np.zeros((M, M))]])
    expected = np.sort(np.log(np.abs(np.linalg.eigvals(T))))[::-1]
    n = 6000
    res = lyapunov_exponents((M,), energy, 0.0, n, flux=flux, boundary=boundary, exponents="all", rng=5)
    np.testing.assert_allclose(res.exponents, expected, atol=5.0 / n)
    np.testing.assert_allclose(res.exponents, -res.exponents[::-1], atol=5.0 / n,
                               err_msg="exponents with flux are not symmetric under gamma -> -gamma")
    assert np.max(np.abs(expected)) > 0.3   # the case has evanescent channels (non-trivial)


def test_disordered_strip_with_flux_is_symmetric():
    res = lyapunov_exponents((4,), 0.5, 3.0, 4000, flux=0.25, exponents="all", rng=11)
    # exact symmetry of the spectrum of a pseudo-unitary product, up to the O(1/L) transient
    np.testing.assert_allclose(res.exponents, -res.exponents[::-1], atol=5e-3)
    assert res.gamma_min > 0


def test_transverse_hamiltonian_spectrum():
    for cs, b in [((5,), "periodic"), ((3, 4), "open"), ((4, 3), "periodic")]:
        h = transverse_hamiltonian(cs, b)
        np.testing.assert_allclose(h, h.T)
        np.testing.assert_allclose(np.linalg.eigvalsh(h), np.sort(_clean_transverse_energies(cs, b)),
                                   atol=1e-12)


# ----------------------------------------------------------------------------- 1D chain

@pytest.mark.slow
def test_1d_transfer_matrix_matches_exact_invariant_measure_and_born():
    W, E = 1.0, 1.0
    res = lyapunov_exponents((), E, W, 20000, n_bars=2000, rng=2026)
    exact = lyapunov_1d_exact(E, W)
    # stated accuracy of the invariant-measure solution (2e-4 relative at W = 1) as theory error
    z = abs(res.gamma_min - exact) / math.hypot(res.gamma_min_stderr, 2e-4 * exact)
    assert z < 4.5, (res.gamma_min, res.gamma_min_stderr, exact)
    # perturbative W^2 law: deviation within 4.5 sigma plus the O(W^4) allowance, which we
    # take from the all-orders solution: |gamma_exact - gamma_pert| = 1.6 % at W = 1, E = 1
    pert = lyapunov_1d_perturbative(E, W)
    allowance = abs(exact - pert)
    assert allowance / pert < 0.03
    assert abs(res.gamma_min - pert) <= 4.5 * res.gamma_min_stderr + allowance
    # Born: xi = 4 l with l = v_F tau (golden rule counts forward and back scattering);
    # the numerical xi excludes the "xi = 2 l" reading
    l_born = born_mean_free_path(E, W, 1)
    ratio, ratio_err = res.xi / l_born, res.xi_stderr / l_born
    assert abs(ratio - 4.0) <= 4.5 * ratio_err + 4.0 * allowance / pert
    assert abs(ratio - 2.0) > 100 * ratio_err


@pytest.mark.slow
def test_1d_band_centre_anomaly_detected():
    W = 1.0
    res = lyapunov_exponents((), 0.0, W, 20000, n_bars=2000, rng=7)
    kw = lyapunov_1d_band_centre(W)
    naive = W ** 2 / 96
    exact = lyapunov_1d_exact(0.0, W)
    allowance = abs(exact - kw)          # O(W^4): 0.8 % at W = 1
    assert abs(res.gamma_min - kw) <= 4.5 * res.gamma_min_stderr + allowance
    assert abs(res.gamma_min - exact) <= 4.5 * math.hypot(res.gamma_min_stderr, 2e-4 * exact)
    # the naive Thouless value is excluded by far
    assert (naive - res.gamma_min) > 20 * res.gamma_min_stderr


@pytest.mark.parametrize("disorder,W", [("gaussian", 0.5), ("binary", 0.5 / math.sqrt(3))])
def test_1d_other_disorder_same_variance_same_leading_gamma(disorder, W):
    # at lowest order gamma depends only on <eps^2> = W_box^2/12 (W_box = 0.5 here)
    E = 1.2
    res = lyapunov_exponents((), E, W, 8000, n_bars=1000, disorder=disorder, rng=21)
    pert = lyapunov_1d_perturbative(E, 0.5)
    # O(W^4) allowance: relative 1.6 % W^2 / ... <= 1 % at W_box = 0.5 (cf. the exact solution
    # for box disorder, 0.4 % at E = 1); take 1 %
    assert abs(res.gamma_min - pert) <= 4.5 * res.gamma_min_stderr + 0.01 * pert


def test_strip_of_width_one_is_the_chain():
    a = lyapunov_exponents((), 0.7, 1.5, 800, n_bars=4, rng=17)
    b = lyapunov_exponents((1,), 0.7, 1.5, 800, n_bars=4, rng=17)
    np.testing.assert_array_equal(a.exponents, b.exponents)


def test_1d_all_exponents_are_plus_minus_gamma():
    res = lyapunov_exponents((), 0.4, 2.0, 2000, n_bars=50, exponents="all", rng=1)
    np.testing.assert_allclose(res.exponents[1], -res.exponents[0], rtol=1e-10)


# ----------------------------------------------------------------------------- algorithm

def test_qr_interval_does_not_change_results():
    # the same disorder (the generator is consumed slice by slice) with q = 2 and q = 5:
    # the accumulated log-volumes telescope, so the estimates agree to rounding
    kw = dict(n_slices=16 * 10 * 12, n_blocks=16, warmup=100, exponents="all", rng=99)
    a = lyapunov_exponents((3, 3), 0.3, 10.0, q=2, **kw)
    b = lyapunov_exponents((3, 3), 0.3, 10.0, q=5, **kw)
    assert a.n_slices == b.n_slices
    np.testing.assert_allclose(a.exponents, b.exponents, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a.block_estimates, b.block_estimates, rtol=1e-8, atol=1e-11)


def test_reproducible_from_seed():
    kw = dict(n_slices=500, n_bars=2)
    a = lyapunov_exponents((4,), 0.0, 5.0, rng=123, **kw)
    b = lyapunov_exponents((4,), 0.0, 5.0, rng=np.random.SeedSequence(123), **kw)
    c = lyapunov_exponents((4,), 0.0, 5.0, rng=124, **kw)
    np.testing.assert_array_equal(a.exponents, b.exponents)
    assert not np.array_equal(a.exponents, c.exponents)


def test_result_fields_and_errors_consistent():
    res = lyapunov_exponents((4,), 0.5, 4.0, 3200, n_bars=2, n_blocks=8, rng=4)
    assert isinstance(res, LyapunovResult)
    assert res.block_estimates.shape == (16, 4)
    np.testing.assert_allclose(res.block_estimates.mean(axis=0), res.exponents)
    assert res.gamma_min == res.exponents[3]
    assert res.xi == pytest.approx(1 / res.gamma_min)
    assert res.xi_stderr == pytest.approx(res.gamma_min_stderr / res.gamma_min ** 2)
    assert res.Lambda == pytest.approx(res.xi / 4)
    assert np.all(np.diff(res.exponents) <= 0)
    with pytest.raises(AttributeError):
        res.xi = 1.0


def test_block_error_is_honest():
    # the scatter of independent runs agrees with the reported standard error
    vals, errs = [], []
    for seed in range(12):
        r = lyapunov_exponents((3,), 0.2, 3.0, 1600, n_blocks=8, rng=seed)
        vals.append(r.gamma_min)
        errs.append(r.gamma_min_stderr)
    ratio = np.std(vals, ddof=1) / np.mean(errs)
    # chi-square spread of a sample std of 12 values: ratio in [0.5, 1.6] at > 99.9 %
    assert 0.45 < ratio < 1.7, ratio


def test_rtol_mode_reaches_requested_accuracy_and_raises_when_impossible():
    res = lyapunov_exponents((2,), 0.0, 4.0, 400, rtol=0.03, rng=8)
    assert res.relative_error <= 0.03
    with pytest.raises(ConvergenceError, match="rtol"):
        lyapunov_exponents((2,), 0.0, 4.0, 64, n_blocks=4, rtol=1e-5, max_slices=256, rng=8)


def test_choose_qr_interval_rule():
    assert choose_qr_interval(0.0, 0.0) == 64
    assert choose_qr_interval(13.82 / 3.0, 0.1) == 2      # floor(ln(1e6)/spread) rounds down
    assert choose_qr_interval(100.0, 1.0) == 1
    assert choose_qr_interval(0.0, 10.0) == 23


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("kwargs,exc,match", [
    (dict(cross_section=(4,), energy=0.0, W=-1.0), ValueError, "W"),
    (dict(cross_section=(0,), energy=0.0, W=1.0), ValueError, "cross_section"),
    (dict(cross_section=(2, 2, 2), energy=0.0, W=1.0), ValueError, "cross_section"),
    (dict(cross_section=4, energy=0.0, W=1.0), TypeError, "tuple"),
    (dict(cross_section=(4.0,), energy=0.0, W=1.0), TypeError, "integer"),
    (dict(cross_section=(4,), energy=np.nan, W=1.0), ValueError, "energy"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, disorder="cauchy"), ValueError, "disorder"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, boundary="twisted"), ValueError, "boundary"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, exponents="some"), ValueError, "exponents"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, flux=0.1), ValueError, "flux"),
    (dict(cross_section=(), energy=0.0, W=1.0, flux=0.25), ValueError, "flux"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, n_slices=0), ValueError, "n_slices"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, q=0), ValueError, "q"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, n_blocks=1), ValueError, "n_blocks"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, rtol=0.0), ValueError, "rtol"),
    (dict(cross_section=(4,), energy=0.0, W=1.0, rng="seed"), TypeError, "rng"),
])
def test_bad_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        lyapunov_exponents(**kwargs)


def test_flux_commensurate_periodic_and_open_accepted():
    lyapunov_exponents((4,), 0.0, 1.0, 64, flux=0.25, rng=0)
    lyapunov_exponents((4,), 0.0, 1.0, 64, flux=0.1, boundary="open", rng=0)


# ----------------------------------------------------------------------------- claims

@pytest.mark.slow
@pytest.mark.parametrize("name", ["localization_1d"])
def test_claim_passes_quick(name):
    from rmt_meso.claims import REGISTRY, Context, discover, run_claim
    discover()
    out = run_claim(REGISTRY[name], Context(preset="quick"))
    assert out.error == "", out.error
    assert out.passed, [c.summary() for c in out.result.comparisons]
    assert out.result.figure is not None
    assert np.isfinite(out.result.value) and out.result.error > 0
