"""Your own spectrum: class inference, calibration of its intervals, sectors, missing levels, bad input."""

import warnings

import numpy as np
import pytest

from rmt_meso.ensembles import GaussianEnsemble
from rmt_meso.spectral import unfold
from rmt_meso.spectral.analysis import (UnfoldingWarning, analyse_spectrum, choose_unfolding, load_spectrum,
                                        prepare_levels)
from rmt_meso.spectral.inference import (class_likelihoods, estimate_missing_fraction, estimate_sectors,
                                         fit_beta, fit_spacing_law, sigma2_departure)
from rmt_meso.theory.interpolating import berry_robnik, brody, izrailev


def _bulk(beta, n, size, rng, keep=(0.2, 0.8)):
    """Central 60 % of beta-Hermite spectra (beta = 0: a Poisson sequence)."""
    if beta == 0:
        return np.cumsum(rng.exponential(size=(size, int(n * (keep[1] - keep[0])))), axis=1)
    e = GaussianEnsemble(beta, n).eigvals(size=size, rng=rng)
    return e[:, int(keep[0] * n):int(keep[1] * n)]


# ------------------------------------------------------------------ calibration of the beta interval
@pytest.mark.slow
@pytest.mark.parametrize("beta", [0, 0.5, 1, 2, 4])
def test_beta_interval_coverage(beta):
    """1000 spectra of 120 bulk levels: the 95 % interval covers the true beta at its nominal rate.

    At beta = 0 the interval is one-sided (clipped at 0): nominal rate 1 - 0.05/2.
    The rate's binomial standard error sqrt(p (1 - p)/1000) sets a 4-sigma tolerance.
    """
    rng = np.random.default_rng(1000 + int(10 * beta))
    spectra = _bulk(beta, 200, 1000, rng)
    covered = np.array([fit_beta(e).beta.covers(beta) for e in spectra])
    nominal = 0.975 if beta == 0 else 0.95
    se = np.sqrt(nominal * (1 - nominal) / covered.size)
    assert abs(covered.mean() - nominal) < 4 * se, (beta, covered.mean())


def test_surmise_mle_is_biased_for_large_spectra():
    """At the large-n GOE mean of T the surmise MLE gives beta ~ 0.97, far outside the table error;
    on GOE data the calibrated estimate is within 4 standard errors of 1."""
    from scipy import optimize
    from rmt_meso.theory import interpolating as il
    t, dt = il.large_n_mean_statistic(1.0, error=True)
    b_s = optimize.brentq(lambda b: il.surmise_mean_statistic(b) - t, 0.1, 3)
    assert 1 - b_s > 10 * dt / il.surmise_var_statistic(1.0), b_s
    fit = fit_beta(_bulk(1, 1000, 300, np.random.default_rng(3)))
    assert abs(fit.beta.value - 1) < 4 * fit.beta.stderr, fit.beta
    assert abs(fit.beta_surmise.value - b_s) < 4 * fit.beta_surmise.stderr, fit.beta_surmise


@pytest.mark.parametrize("beta", [0, 1, 2, 4])
def test_class_likelihood_names_the_class(beta):
    rng = np.random.default_rng(40 + beta)
    e = _bulk(beta, 300, 20, rng)
    cl = class_likelihoods(e)
    assert cl.best == beta
    assert set(cl.excluded()) == {0, 1, 2, 4} - {beta}, cl.zscore


# ------------------------------------------------------------------ interpolating laws
@pytest.mark.parametrize("law,dist,p", [("brody", brody, 0.4), ("berry_robnik", berry_robnik, 0.5),
                                        ("izrailev", izrailev, 1.3)])
def test_spacing_law_fit_recovers_parameter(law, dist, p):
    # inverse-cdf sampling from a fine tabulated cdf (scipy's generic rvs would integrate per draw)
    grid = np.linspace(0, 8, 4001)
    pdf = dist.pdf(grid, p)
    cdf = np.concatenate([[0], np.cumsum(0.5 * (pdf[1:] + pdf[:-1]) * np.diff(grid))])
    u = np.random.default_rng(7).random((20, 300)) * cdf[-1]
    s = np.interp(u, cdf, grid)
    fit = fit_spacing_law(s, law)
    assert fit.estimate.covers(p), fit.estimate
    assert fit.estimate.stderr < 0.1


# ------------------------------------------------------------------ sectors and missing levels
def _merged(m, beta, n_draws, rng, n=800):
    out = []
    for _ in range(n_draws):
        parts = [m * (unfold(GaussianEnsemble(beta, n).eigvals(rng=rng), "semicircle", beta=beta, bulk=0.5))
                 + rng.uniform(0, 1) for _ in range(m)]
        lo, hi = max(p[0] for p in parts), min(p[-1] for p in parts)
        v = np.sort(np.concatenate(parts))
        out.append(v[(v >= lo) & (v <= hi)])
    return out


@pytest.mark.parametrize("m,beta", [(2, 1), (3, 1), (2, 2)])
def test_sector_number_estimated(m, beta):
    est = estimate_sectors(_merged(m, beta, 40, np.random.default_rng(m + 10 * beta)), beta=beta)
    assert abs(est.zscores[m]) < 4 and abs(est.zscores[1]) > 4, est


@pytest.mark.parametrize("statistic", ["delta3", "sigma2"])
def test_missing_fraction_from_long_range_statistics(statistic):
    rng = np.random.default_rng(21)
    x = unfold(GaussianEnsemble(1, 600).eigvals(size=80, rng=rng), "semicircle", beta=1, bulk=0.6)
    for phi in (1.0, 0.75):
        kept = [v[rng.random(v.size) < phi] * phi for v in x]
        est = estimate_missing_fraction([k - k[0] for k in kept], 1, statistic=statistic)
        assert abs(est.observed.value - phi) < 4 * est.observed.stderr + 1e-3, (phi, est.observed)
        if phi < 1:
            assert est.observed.value + 4 * est.observed.stderr < 1.0, est.observed


def test_sigma2_departure_finds_saturation():
    """GOE spectra follow the GOE law; Poisson spectra leave it from the smallest lengths on."""
    rng = np.random.default_rng(5)
    x = unfold(GaussianEnsemble(1, 600).eigvals(size=60, rng=rng), "semicircle", beta=1, bulk=0.6)
    assert sigma2_departure(x, 1, L=np.array([0.5, 1, 2, 4])).L_departure is None
    poisson = np.cumsum(rng.exponential(size=(60, 400)), axis=1)
    dep = sigma2_departure(poisson, 1, L=np.array([0.5, 1, 2, 4, 8]))
    assert dep.L_departure is not None and dep.L_departure <= 1


# ------------------------------------------------------------------ the entry point
def test_analyse_goe_batch_names_goe():
    e = GaussianEnsemble(1, 300).eigvals(size=20, rng=2)
    res = analyse_spectrum(e)
    assert res.classes.best == 1 and abs(res.beta.beta.value - 1) < 4 * res.beta.beta.stderr
    assert "GOE" in res.verdict
    assert all(abs(w.value - 1) < 5 * w.stderr + 0.02 for w in res.window_spacing)
    assert res.form_factor is not None and res.sigma2 is not None


def test_analyse_ragged_batch_and_file(tmp_path):
    rng = np.random.default_rng(3)
    spectra = [GaussianEnsemble(2, n).eigvals(rng=rng) for n in (250, 300, 350, 400) * 3]
    res = analyse_spectrum(spectra)
    assert res.n_spectra == 12 and res.classes.best == 2
    path = tmp_path / "levels.txt"
    np.savetxt(path, spectra[-1])
    np.testing.assert_allclose(load_spectrum(path), spectra[-1])
    np.save(tmp_path / "levels.npy", spectra[0])
    np.savez(tmp_path / "levels.npz", run1=spectra[1])
    np.testing.assert_allclose(load_spectrum(tmp_path / "levels.npz", dataset="run1"), spectra[1])
    with pytest.raises(ValueError, match="dataset must name one of"):
        load_spectrum(tmp_path / "levels.npz")
    with pytest.raises(FileNotFoundError):
        load_spectrum(tmp_path / "nothing.npy")
    r2 = analyse_spectrum(str(tmp_path / "levels.npy"), missing=False)
    assert r2.n_spectra == 1


def test_poor_unfolding_warns():
    e = GaussianEnsemble(1, 2000).eigvals(rng=4)
    with pytest.warns(UnfoldingWarning, match="mean unfolded spacing"):
        analyse_spectrum(e, unfolding="polynomial", degree=1, missing=False)


def test_choose_unfolding_prefers_few_parameters_on_smooth_density():
    e = GaussianEnsemble(1, 1000).eigvals(size=3, rng=8)
    c = choose_unfolding(list(e))
    assert c.method in ("polynomial", "spline") and c.parameter <= 16


def test_floquet_phases():
    from rmt_meso.ensembles import CUE
    ph = np.angle(np.linalg.eigvals(CUE(400).sample(rng=5)))
    res = analyse_spectrum(ph, kind="phases", missing=False)
    assert res.unfolding.method == "uniform" and res.classes.best == 2


# ------------------------------------------------------------------ bad input
def test_bad_input_errors_name_the_argument():
    good = np.sort(np.random.default_rng(0).normal(size=300))
    with pytest.raises(ValueError, match=r"levels contains 1 non-finite value"):
        analyse_spectrum(np.concatenate([good, [np.nan]]))
    with pytest.raises(ValueError, match=r"non-finite"):
        analyse_spectrum(np.concatenate([good, [np.inf]]))
    with pytest.raises(TypeError, match=r"levels must be real levels; got complex.*eigenphases"):
        analyse_spectrum(good + 1j)
    with pytest.raises(ValueError, match=r"levels hold 40 levels in all; the analysis needs at least 100"):
        analyse_spectrum(good[:40])
    with pytest.raises(ValueError, match=r"levels has 15 levels; .* need at least 22 levels"):
        fit_beta(good[:15])
    with pytest.raises(ValueError, match=r"levels\[1\] holds 2 level"):
        analyse_spectrum([good, good[:2]])
    with pytest.raises(ValueError, match=r"must be 1-D .* or 2-D"):
        analyse_spectrum(good.reshape(3, 10, 10))
    with pytest.raises(TypeError, match="numeric"):
        analyse_spectrum(np.array(["a", "b", "c"]))


def test_degenerate_levels_reported_or_resolved():
    e = GaussianEnsemble(4, 400).eigvals(rng=1)
    doubled = np.repeat(e, 2)                     # Kramers pairs given twice
    with pytest.raises(ValueError, match=r"400 degenerate spacing.*degeneracy='resolve'"):
        analyse_spectrum(doubled)
    spectra, mult = prepare_levels(doubled, degeneracy="resolve")
    assert mult == {2: 400} and spectra[0].size == 400
    res = analyse_spectrum(doubled, degeneracy="resolve", missing=False)
    assert res.multiplicity == {2: 400} and res.classes.best == 4


def test_option_errors():
    good = np.sort(np.random.default_rng(0).normal(size=300))
    with pytest.raises(ValueError, match="unfolding must be one of"):
        analyse_spectrum(good, unfolding="magic")
    with pytest.raises(ValueError, match="bulk must be"):
        analyse_spectrum(good, bulk=1.5)
    with pytest.raises(TypeError, match="staircase=callable"):
        analyse_spectrum(good, unfolding="staircase")
    with pytest.raises(ValueError, match="beta must be 1 .* or 2"):
        estimate_sectors(good, beta=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnfoldingWarning)
        res = analyse_spectrum(good, unfolding="staircase", missing=False,
                               staircase=lambda x: 300 * 0.5 * (1 + __import__("scipy").special.erf(x / np.sqrt(2))))
    assert res.unfolding.method == "staircase"


@pytest.mark.parametrize("alpha", [np.sqrt(2), np.pi])
def test_number_theoretic_sequence_is_poisson(alpha):
    """Fractional parts of n^2 alpha have Poissonian local statistics (Rudnick & Sarnak,
    Commun. Math. Phys. 194, 61 (1998)): the inference names Poisson and beta's interval reaches 0."""
    n = np.arange(1, 4001, dtype=float)
    x = np.sort(np.mod(n ** 2 * alpha, 1.0))
    assert class_likelihoods(x).best == 0
    fit = fit_beta(x)
    assert fit.beta.lo == 0.0 and fit.beta.value < 4 * fit.beta.stderr + 1e-12, fit.beta


def test_energy_window_and_near_degeneracies():
    e = GaussianEnsemble(1, 600).eigvals(size=4, rng=9)
    res = analyse_spectrum(e, window=(-10.0, 10.0), missing=False)
    assert all(np.all((v >= -10) & (v <= 10)) for v in res.levels)
    assert res.n_levels == sum(int(np.sum((v >= -10) & (v <= 10))) for v in e)
    # levels split by 1e-9 mean spacings: exact-equality check passes them, tol catches them
    v = np.sort(np.concatenate([e[0], e[0][:50] + 1e-9 * np.mean(np.diff(e[0]))]))
    with pytest.raises(ValueError, match=r"50 degenerate spacing"):
        prepare_levels(v, tol=1e-6)
    spectra, mult = prepare_levels(v, tol=1e-6, degeneracy="resolve")
    assert mult == {2: 50} and spectra[0].size == e[0].size
