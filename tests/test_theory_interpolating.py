"""Interpolating laws, the continuous-beta ratio surmise, superpositions and missing levels (theory)."""

import numpy as np
import pytest
from scipy import integrate, special

from rmt_meso.theory import MEAN_RTILDE_LARGE_N, gap_probability, number_variance, ratio_law, rigidity
from rmt_meso.theory import interpolating as il
from rmt_meso.theory import superposition as sup
from rmt_meso.theory.spacing import wigner_goe


@pytest.mark.parametrize("beta", [0.0, 0.37, 1.0, 2.0, 3.3, 4.0])
def test_surmise_normaliser_is_the_integral(beta):
    z, _ = integrate.quad(lambda r: (r + r * r) ** beta / (1 + r + r * r) ** (1 + 1.5 * beta), 0, np.inf,
                          epsabs=0, epsrel=1e-12, limit=200)
    assert np.isclose(np.exp(il.surmise_log_normaliser(beta)), z, rtol=1e-9)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_continuous_surmise_reproduces_atas_laws(beta):
    r = np.linspace(0.01, 1.0, 17)
    np.testing.assert_allclose(il.ratio_beta_surmise.pdf(r, beta), ratio_law(beta).pdf(r), rtol=1e-12)


@pytest.mark.parametrize("beta", [0.2, 1.0, 2.7])
def test_surmise_moments_of_the_statistic(beta):
    law = il.ratio_beta_surmise
    m = law.expect(il.ratio_statistic, args=(beta,), epsabs=1e-12, epsrel=1e-12)
    v = law.expect(lambda r: (il.ratio_statistic(r) - m) ** 2, args=(beta,), epsabs=1e-12, epsrel=1e-12)
    assert np.isclose(il.surmise_mean_statistic(beta), m, atol=1e-8)
    assert np.isclose(il.surmise_var_statistic(beta), v, atol=1e-7)


def test_statistic_is_symmetric_and_poisson_mean():
    r = np.array([0.1, 0.5, 0.9])
    np.testing.assert_allclose(il.ratio_statistic(r), il.ratio_statistic(1 / r), rtol=1e-13)
    # Poisson: int_0^inf T(r) / (1 + r)^2 dr over the unfolded ratio gives the same value
    full, _ = integrate.quad(lambda r: il.ratio_statistic(r) / (1 + r) ** 2, 0, np.inf, limit=200)
    assert np.isclose(il.poisson_mean_statistic(), full, atol=1e-9)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_large_n_table_matches_atas_values(beta):
    v, e = il.large_n_mean_rtilde(beta, error=True)
    ref, ref_err, _ = MEAN_RTILDE_LARGE_N[beta]
    assert abs(v - ref) < 4 * np.hypot(e, ref_err), (v, e, ref)


def test_large_n_calibration_is_monotone_and_invertible():
    b = np.linspace(0, il.BETA_MAX, 81)
    t = il.large_n_mean_statistic(b)
    assert np.all(np.diff(t) > 0)
    assert il.large_n_mean_statistic(0.0) == pytest.approx(il.poisson_mean_statistic())
    np.testing.assert_allclose(il.beta_from_statistic(t[1:-1]), b[1:-1], atol=1e-9)
    assert il.beta_from_statistic(t[0] - 1) == 0.0 and il.beta_from_statistic(t[-1] + 1) == il.BETA_MAX
    with pytest.raises(ValueError, match="beta must lie in"):
        il.large_n_mean_statistic(9.0)


LAWS = [(il.brody, [0.0, 0.3, 1.0]), (il.berry_robnik, [0.0, 0.4, 1.0]), (il.izrailev, [0.0, 0.5, 1.0, 2.0, 4.0])]


@pytest.mark.parametrize("law,params", LAWS, ids=["brody", "berry_robnik", "izrailev"])
def test_interpolating_laws_unit_norm_and_mean(law, params):
    for p in params:
        norm = integrate.quad(lambda s: law.pdf(s, p), 0, np.inf, limit=200)[0]
        mean = integrate.quad(lambda s: s * law.pdf(s, p), 0, np.inf, limit=200)[0]
        assert np.isclose(norm, 1, atol=1e-8), (law.name, p, norm)
        assert np.isclose(mean, 1, atol=1e-8), (law.name, p, mean)
        x = np.array([0.3, 1.1, 2.5])
        cdf = [integrate.quad(lambda s: law.pdf(s, p), 0, xi)[0] for xi in x]
        np.testing.assert_allclose(law.cdf(x, p), cdf, atol=1e-9, err_msg=law.name)


def test_interpolating_laws_limits():
    s = np.linspace(0.05, 4, 9)
    np.testing.assert_allclose(il.brody.pdf(s, 0.0), np.exp(-s), rtol=1e-12)
    np.testing.assert_allclose(il.brody.pdf(s, 1.0), wigner_goe.pdf(s), rtol=1e-12)
    np.testing.assert_allclose(il.berry_robnik.pdf(s, 1.0), np.exp(-s), rtol=1e-12)
    np.testing.assert_allclose(il.berry_robnik.pdf(s, 0.0), wigner_goe.pdf(s), rtol=1e-12)
    np.testing.assert_allclose(il.izrailev.pdf(s, 0.0), np.exp(-s), rtol=1e-9)


def test_izrailev_constants_by_quadrature():
    # the parabolic-cylinder closed form against direct quadrature of the moments
    for beta in (0.05, 1.0, 3.0):
        a, b = il._izrailev_constants(beta)
        f = lambda s, k: s ** k * a * (np.pi * s / 2) ** beta * np.exp(
            -beta * np.pi ** 2 * s * s / 16 - np.pi / 4 * (b - beta) * s)
        assert np.isclose(integrate.quad(f, 0, np.inf, args=(0,))[0], 1, atol=1e-9)
        assert np.isclose(integrate.quad(f, 0, np.inf, args=(1,))[0], 1, atol=1e-9)


def test_superposition_single_sector_and_poisson():
    s = np.linspace(0, 3, 13)
    np.testing.assert_allclose(sup.superposition_gap(s, [1.0], 2), gap_probability(2, s), rtol=1e-12)
    np.testing.assert_allclose(sup.superposition_spacing_pdf(s, [0.3, 0.7], 0), np.exp(-s), rtol=1e-10)
    # a Poisson sector of weight rho with a GOE sector: the Berry-Robnik structure E = e^{-rho s} E_GOE
    e = sup.superposition_gap(s, [0.25, 0.75], [0, 1])
    np.testing.assert_allclose(e, np.exp(-0.25 * s) * gap_probability(1, 0.75 * s), rtol=1e-12)


@pytest.mark.parametrize("weights,beta", [([0.5, 0.5], 1), ([0.2, 0.3, 0.5], 2)])
def test_superposition_density_normalised_unit_mean(weights, beta):
    p = lambda s: sup.superposition_spacing_pdf(s, weights, beta)
    assert np.isclose(integrate.quad(p, 0, 12, limit=200)[0], 1, atol=1e-7)
    assert np.isclose(integrate.quad(lambda s: s * p(s), 0, 12, limit=200)[0], 1, atol=1e-7)
    # the derivatives are consistent: P = -d/ds (1 + E')
    s = np.array([0.4, 1.2])
    h = 1e-5
    num = (sup.superposition_gap(s + h, weights, beta, 1) - sup.superposition_gap(s - h, weights, beta, 1)) / (2 * h)
    np.testing.assert_allclose(num, p(s), rtol=1e-6)


def test_mixed_table_ordering():
    for beta in (1, 2):
        v, e = np.array([sup.mixed_mean_rtilde(m, beta, error=True) for m in range(1, sup.MIXED_M_MAX + 1)]).T
        assert np.all(np.diff(v[:4]) < 0), v            # steps of >= 0.006 for m <= 4
        assert np.all(np.diff(v) < 4 * np.hypot(e[1:], e[:-1])), v   # beyond: within the table errors
        assert v[-1] > 2 * np.log(2) - 1
        one, err = sup.mixed_mean_rtilde(1, beta, error=True)
        ref, ref_err, _ = MEAN_RTILDE_LARGE_N[beta]
        assert abs(one - ref) < 4 * np.hypot(err, ref_err)


def test_thinned_laws():
    L = np.array([1.0, 5.0, 12.0])
    np.testing.assert_allclose(sup.thinned_rigidity(L, 1, 1.0), rigidity(L, 1), rtol=1e-12)
    np.testing.assert_allclose(sup.thinned_number_variance(L, 2, 1.0), number_variance(L, 2), rtol=1e-12)
    # thinning a Poisson sequence leaves it Poisson
    np.testing.assert_allclose(sup.thinned_rigidity(L, 0, 0.4), L / 15, rtol=1e-9)
    np.testing.assert_allclose(sup.thinned_number_variance(L, 0, 0.4), L, rtol=1e-9)
    # few observed levels: Poisson-like, Sigma^2 / L -> 1 as the observed fraction -> 0
    assert sup.thinned_number_variance(5.0, 1, 0.05) / 5.0 > 0.95 > sup.thinned_number_variance(5.0, 1, 0.3) / 5.0


def test_thinned_rigidity_against_simulation():
    from rmt_meso.ensembles import GaussianEnsemble
    from rmt_meso.spectral import rigidity as rigidity_est, unfold
    rng = np.random.default_rng(11)
    x = unfold(GaussianEnsemble(1, 400).eigvals(size=150, rng=rng), "semicircle", beta=1, bulk=0.6)
    phi = 0.7
    rows = []
    for v in x:
        k = v[rng.random(v.size) < phi] * phi
        rows.append(k - k[0])
    n = min(r.size for r in rows)
    est = rigidity_est(np.array([r[:n] for r in rows]), [3.0, 8.0])
    theory = sup.thinned_rigidity(est.x, 1, phi)
    z = (est.value - theory) / est.stderr
    assert np.all(np.abs(z) < 4.5), z


def test_bad_arguments():
    with pytest.raises(ValueError, match="weights must sum to 1"):
        sup.superposition_gap(1.0, [0.5, 0.4], 1)
    with pytest.raises(ValueError, match="beta must be one value or one per sector"):
        sup.superposition_gap(1.0, [0.5, 0.5], [1, 2, 4])
    with pytest.raises(ValueError, match="fraction"):
        sup.thinned_rigidity(2.0, 1, 0.0)
    with pytest.raises(ValueError, match="m must be"):
        sup.mixed_mean_rtilde(0, 1)
    assert special.gamma(1.0) == 1.0


@pytest.mark.parametrize("law,args", [(il.ratio_beta_surmise, (1.5,)), (il.brody, (0.4,)),
                                      (il.berry_robnik, (0.3,)), (il.izrailev, (1.0,))],
                         ids=["ratio_beta", "brody", "berry_robnik", "izrailev"])
def test_laws_edges_and_rng_kinds(law, args):
    """The LawMixin contract of the other theory laws: zero density at infinity, project rng kinds."""
    assert law.pdf(np.inf, *args) == 0.0 and law.logpdf(np.inf, *args) == -np.inf
    if law is not il.izrailev:          # scipy's generic sampler would integrate the pdf per draw
        a = law.rvs(*args, size=3, random_state=7)
        np.testing.assert_array_equal(a, law.rvs(*args, size=3, random_state=np.random.default_rng(7)))
