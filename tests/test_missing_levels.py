"""Missing levels: the thinned spacing law of Bohigas & Pato and the fraction it estimates."""

import numpy as np
import pytest
from scipy import integrate, stats

from rmt_meso.ensembles import GaussianEnsemble
from rmt_meso.spectral import unfold
from rmt_meso.spectral.inference import _thinned_logpdf, estimate_missing_fraction
from rmt_meso.theory import spacing_law
from rmt_meso.theory._fredholm import gauss_legendre
from rmt_meso.theory.superposition import thinned_gap, thinned_spacing_pdf


def _thinned_goe(rng, count, n, phi, beta=1):
    """``count`` unfolded bulk spectra of the beta-Hermite ensemble, each level kept with
    probability ``phi``, rescaled to unit observed mean spacing."""
    x = unfold(GaussianEnsemble(beta, n).eigvals(size=count, rng=rng), "semicircle", beta=beta, bulk=0.6)
    out = []
    for v in x:
        k = v[rng.random(v.size) < phi] * phi
        out.append(k - k[0])
    return out


@pytest.mark.parametrize("beta,phi", [(1, 0.55), (1, 0.85), (2, 0.6), (4, 0.7)])
def test_thinned_law_normalised_with_unit_mean(beta, phi):
    # sum_k (1 - phi)^k p(k; s/phi) integrates to 1 and has mean 1 only if every k-th
    # neighbour law p(k; x) is normalised with mean k + 1: a check of the generating
    # function (Gaudin's interlacing for beta = 1, 4) to quadrature accuracy.  Gauss-Legendre
    # panels on [0, 16]; the tail beyond is < 1e-9 (P ~ (1 - phi)^(s/phi)).
    edges = np.linspace(0.0, 16.0, 9)
    s = np.concatenate([gauss_legendre(20, a, b)[0] for a, b in zip(edges[:-1], edges[1:])])
    w = np.concatenate([gauss_legendre(20, a, b)[1] for a, b in zip(edges[:-1], edges[1:])])
    p = thinned_spacing_pdf(s, beta, phi)
    assert np.all(p >= -1e-12)
    assert abs(np.sum(w * p) - 1.0) < 1e-8
    assert abs(np.sum(w * s * p) - 1.0) < 1e-8
    # E(0) = 1, E'(0) = -1 (unit density), and P = E'' against finite differences of E
    assert thinned_gap(0.0, beta, phi) == pytest.approx(1.0, abs=1e-13)
    assert thinned_gap(0.0, beta, phi, derivative=1) == pytest.approx(-1.0, abs=1e-12)
    h, s0 = 1e-3, 1.3
    fd = (thinned_gap(s0 + h, beta, phi) - 2 * thinned_gap(s0, beta, phi) + thinned_gap(s0 - h, beta, phi)) / h ** 2
    assert fd == pytest.approx(thinned_spacing_pdf(s0, beta, phi), abs=1e-6)


def test_thinned_law_limits():
    s = np.linspace(0.05, 3.0, 7)
    for beta in (1, 2, 4):
        np.testing.assert_allclose(thinned_spacing_pdf(s, beta, 1.0), spacing_law(beta).pdf(s), rtol=1e-10)
    np.testing.assert_allclose(thinned_spacing_pdf(s, 0, 0.3), np.exp(-s), rtol=1e-14)
    # almost everything missing: the survivors are nearly Poisson
    assert np.max(np.abs(thinned_spacing_pdf(s, 1, 0.02) - np.exp(-s))) < 0.03
    with pytest.raises(ValueError, match="fraction"):
        thinned_gap(1.0, 1, 0.0)
    with pytest.raises(ValueError, match="s must be >= 0"):
        thinned_gap(-1.0, 1, 0.5)


@pytest.mark.parametrize("beta", [1, 2])
def test_thinned_law_against_thinned_spectra(beta):
    # independent check: spacings of tridiagonal beta-Hermite spectra with levels deleted at
    # random, chi-square against the law (fixed seed; p-value threshold 1e-4)
    rng = np.random.default_rng(11 + beta)
    phi = 0.65
    sp = np.concatenate([np.diff(k) for k in _thinned_goe(rng, 60, 1000, phi, beta)])
    sp = sp / sp.mean()
    edges = np.concatenate([np.linspace(0.0, 4.0, 41), [np.inf]])
    cdf = np.array([integrate.quad(lambda t: thinned_spacing_pdf(t, beta, phi), a, b)[0]
                    for a, b in zip(edges[:-2], edges[1:-1])])
    prob = np.append(cdf, 1.0 - cdf.sum())
    counts = np.histogram(sp, edges)[0]
    chi2 = float(np.sum((counts - sp.size * prob) ** 2 / (sp.size * prob)))
    assert stats.chi2.sf(chi2, len(prob) - 1) > 1e-4, chi2
    # and the complete law is rejected (the test has power)
    full = np.diff(np.append([0.0], spacing_law(beta).cdf(edges[1:-1])))
    pfull = np.append(full, 1.0 - full.sum())
    chi2_full = float(np.sum((counts - sp.size * pfull) ** 2 / (sp.size * pfull)))
    assert stats.chi2.sf(chi2_full, len(prob) - 1) < 1e-10


@pytest.mark.parametrize("beta", [1, 2])
def test_interpolated_log_density_matches_direct(beta):
    s = np.linspace(0.001, 6.5, 157)
    for phi in (0.41, 0.63, 0.8, 0.93, 0.999):
        exact = thinned_spacing_pdf(s, beta, phi)
        err = np.abs(_thinned_logpdf(s, beta, phi) - np.log(np.maximum(exact, 1e-300)))
        assert err[exact > 1e-3].max() < 1e-5
        assert err[exact > 1e-6].max() < 1e-3


@pytest.mark.parametrize("phi", [1.0, 0.75])
def test_spacing_estimate_recovers_fraction(phi):
    rng = np.random.default_rng(31)
    kept = _thinned_goe(rng, 40, 800, phi)
    est = estimate_missing_fraction(kept, 1, statistic="spacings")
    o = est.observed
    assert est.statistic == "spacings" and est.L.size == 0
    # at phi = 1 the truth is the boundary of the parameter range (the Wald interval is not
    # meant for it): require the estimate within 4 standard errors instead
    assert abs(o.value - phi) < 4 * o.stderr, o
    if phi < 1:
        assert o.lo <= phi <= o.hi, o
    assert 0.0 < o.stderr < 0.05
    assert est.missing.value == pytest.approx(1.0 - o.value)
    if phi < 1:   # the interval has power: the complete spectrum is excluded
        assert o.hi < 0.95


def test_spacing_estimate_bad_input():
    with pytest.raises(ValueError, match="statistic must be one of"):
        estimate_missing_fraction(np.arange(100.0), 1, statistic="ratios")


@pytest.mark.slow
def test_spacing_estimate_calibrated():
    # 200 spectra of ~190 observed levels (phi = 0.8): the 95 % interval covers the truth at
    # its nominal rate within 4 binomial standard errors
    rng = np.random.default_rng(2026)
    phi, n_spec, level = 0.8, 200, 0.95
    hits = 0
    for v in _thinned_goe(rng, n_spec, 400, phi):
        hits += estimate_missing_fraction(v, 1, statistic="spacings", level=level).observed.covers(phi)
    rate = hits / n_spec
    sd = np.sqrt(level * (1 - level) / n_spec)
    assert abs(rate - level) < 4 * sd, (rate, sd)
