"""Laguerre, Jacobi and Ginibre ensembles against exact laws and direct constructions."""

import numpy as np
import pytest
import scipy.linalg as sl
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from rmt_meso.ensembles import COE, CSE, CUE, Ginibre, JacobiEnsemble, LaguerreEnsemble
from rmt_meso.theory.density import marchenko_pastur_law

NSIG = 4.5
ALPHA = 1e-4


def _gauss(rng, beta, k, rows, cols):
    """k real (β=1), complex (β=2) or quaternion (β=4, as 2×2 blocks) Gaussian matrices
    whose β real components are N(0, 1)."""
    if beta == 1:
        return rng.standard_normal((k, rows, cols))
    x = rng.standard_normal((k, rows, cols)) + 1j * rng.standard_normal((k, rows, cols))
    if beta == 2:
        return x
    y = rng.standard_normal((k, rows, cols)) + 1j * rng.standard_normal((k, rows, cols))
    return np.block([[x, y], [-np.conj(y), np.conj(x)]])


def _herm(x):
    return np.conj(np.swapaxes(x, -1, -2))


def _ks_columns(a, b, label):
    for j in range(a.shape[1]):
        p = stats.ks_2samp(a[:, j], b[:, j]).pvalue
        assert p > ALPHA, f"{label}: eigenvalue #{j} law differs (p={p:.2e})"


# ----------------------------------------------------------------- Laguerre
@pytest.mark.parametrize("beta, a", [(1, 0.0), (2.3, 0.7), (4, -0.5), (0.4, 3.0)])
def test_laguerre_one_eigenvalue_is_gamma(beta, a):
    """n = 1: density ∝ λ^a e^{−λ/2}, i.e. Gamma(a + 1, scale 2)."""
    x = LaguerreEnsemble(beta, 1, a).eigvals(size=5000, rng=1)[:, 0]
    assert stats.kstest(x, stats.gamma(a + 1, scale=2).cdf).pvalue > ALPHA


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_laguerre_matches_wishart(beta):
    n, m, k = 3, 5, 3000
    g = _gauss(np.random.default_rng(beta), beta, k, m, n)
    w = np.linalg.eigvalsh(_herm(g) @ g)
    if beta == 4:
        w = w[:, 0::2]
    lag = LaguerreEnsemble.wishart(beta, n, m).eigvals(size=k, rng=10 + beta)
    _ks_columns(w, lag, f"Laguerre vs Wishart beta={beta}")


@pytest.mark.parametrize("beta, a", [(1, 0.3), (2.5, -0.4), (6, 2.0)])
def test_laguerre_mean_trace(beta, a):
    """E Σλ = n(2a + 2 + β(n − 1)) (Selberg/Aomoto; = βmn for Wishart)."""
    n = 4
    t = LaguerreEnsemble(beta, n, a).eigvals(size=5000, rng=2).sum(axis=1)
    exact = n * (2 * a + 2 + beta * (n - 1))
    assert abs(t.mean() - exact) < NSIG * t.std(ddof=1) / np.sqrt(t.size)


@pytest.mark.parametrize("beta, ratio", [(1, 0.5), (2, 0.25), (4, 1.0), (2.7, 0.8)])
def test_marchenko_pastur(beta, ratio):
    n = 400
    ens = LaguerreEnsemble.wishart(beta, n, n / ratio)
    lam = ens.eigvals(size=3, rng=3) / (beta * ens.m)
    p = stats.kstest(lam.ravel(), marchenko_pastur_law(ratio).cdf).pvalue
    assert p > ALPHA, f"beta={beta}, y={ratio}: not Marchenko-Pastur (p={p:.2e})"


def test_laguerre_small_eigenvalues_relative_accuracy():
    """dqds keeps tiny eigenvalues accurate: compare with the SVD of the dense bidiagonal."""
    ens = LaguerreEnsemble(1, 60, -0.9)
    d, e = ens.sample(rng=4)
    b = np.diag(d) + np.diag(e, -1)
    ref = np.sort(np.linalg.svd(b, compute_uv=False) ** 2)
    lam = ens.eigvals(rng=4)
    np.testing.assert_allclose(lam, ref, rtol=1e-10)


# ----------------------------------------------------------------- Jacobi
@pytest.mark.parametrize("beta, a, b", [(1, 0.0, 0.0), (2, 1.5, -0.5), (4, -0.7, 2.0), (0.3, 3.0, 1.0)])
def test_jacobi_one_eigenvalue_is_beta(beta, a, b):
    """n = 1: density ∝ λ^a (1−λ)^b, Beta(a+1, b+1), mean (a+1)/(a+b+2)."""
    x = JacobiEnsemble(beta, 1, a, b).eigvals(size=5000, rng=5)[:, 0]
    assert stats.kstest(x, stats.beta(a + 1, b + 1).cdf).pvalue > ALPHA
    exact = (a + 1) / (a + b + 2)
    assert abs(x.mean() - exact) < NSIG * x.std(ddof=1) / np.sqrt(x.size)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_jacobi_matches_manova(beta):
    """Eigenvalues of (A + B)^{-1}A, A = G1ᴴG1, B = G2ᴴG2 (m1 = 4, m2 = 6, n = 3)."""
    n, m1, m2, k = 3, 4, 6, 2000
    rng = np.random.default_rng(20 + beta)
    a = _herm(g := _gauss(rng, beta, k, m1, n)) @ g
    b = _herm(h := _gauss(rng, beta, k, m2, n)) @ h
    lam = np.array([sl.eigh(x, x + y, eigvals_only=True) for x, y in zip(a, b)])
    if beta == 4:
        lam = lam[:, 0::2]
    jac = JacobiEnsemble.manova(beta, n, m1, m2).eigvals(size=k, rng=30 + beta)
    _ks_columns(lam, jac, f"Jacobi vs MANOVA beta={beta}")


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_jacobi_matches_cavity_transmission(beta):
    """Transmission eigenvalues of a circular-ensemble cavity with N1 = 2, N2 = 4 channels:
    JacobiEnsemble(β, 2, a = β(|N1 − N2| + 1)/2 − 1, b = 0) (the cavity helper's convention)."""
    n1, n2, k = 2, 4, 2000
    nn = n1 + n2
    s = {1: COE, 2: CUE, 4: CSE}[beta](nn).sample(size=k, rng=40 + beta)
    if beta == 4:   # quaternion layout: channel i and its Kramers partner i + N
        left = np.r_[0:n1, nn:nn + n1]
        right = np.r_[n1:nn, nn + n1:2 * nn]
    else:
        left, right = np.arange(n1), np.arange(n1, nn)
    t = s[:, right][:, :, left]
    tt = np.linalg.eigvalsh(_herm(t) @ t)
    if beta == 4:
        tt = tt[:, 0::2]
    jac = JacobiEnsemble(beta, n1, beta * (abs(n1 - n2) + 1) / 2 - 1, 0).eigvals(size=k, rng=50 + beta)
    _ks_columns(tt, jac, f"Jacobi vs cavity beta={beta}")


def test_jacobi_mean_trace_selberg():
    """Aomoto: E Σλ = n(a + 1 + β(n−1)/2)/(a + b + 2 + β(n−1))."""
    beta, n, a, b = 2.5, 4, 0.3, 1.2
    t = JacobiEnsemble(beta, n, a, b).eigvals(size=5000, rng=6).sum(axis=1)
    exact = n * (a + 1 + beta * (n - 1) / 2) / (a + b + 2 + beta * (n - 1))
    assert abs(t.mean() - exact) < NSIG * t.std(ddof=1) / np.sqrt(t.size)


# ----------------------------------------------------------------- Ginibre
def test_ginibre_entries_and_mean_square_modulus():
    n = 5
    g = Ginibre(n).sample(size=4000, rng=7)
    x = np.abs(g.ravel()) ** 2
    assert abs(x.mean() - 1) < NSIG * x.std(ddof=1) / np.sqrt(x.size)
    z = Ginibre(n).eigvals(size=4000, rng=7)
    np.testing.assert_allclose(np.sort_complex(z[0]), np.sort_complex(np.linalg.eigvals(g[0])), atol=1e-10)
    t = (np.abs(z) ** 2).sum(axis=1)
    exact = n * (n + 1) / 2
    assert abs(t.mean() - exact) < NSIG * t.std(ddof=1) / np.sqrt(t.size)


def test_ginibre_kostlan_radial_law():
    """Kostlan (1992): {|z_i|²} are independent Gamma(k, 1), k = 1..n; so one eigenvalue at a
    random index has P(|z|² <= x) = (1/n) Σ_k P(Gamma(k) <= x); phases are uniform."""
    n, k = 6, 3000
    z = Ginibre(n).eigvals(size=k, rng=8)
    pick = z[np.arange(k), np.random.default_rng(0).integers(0, n, size=k)]
    cdf = lambda x: np.mean([special.gammainc(j, x) for j in range(1, n + 1)], axis=0)  # noqa: E731
    assert stats.kstest(np.abs(pick) ** 2, cdf).pvalue > ALPHA
    assert stats.kstest(np.angle(pick), stats.uniform(-np.pi, 2 * np.pi).cdf).pvalue > ALPHA
    # the largest modulus is the maximum of independent Gammas
    top = np.abs(z[:, -1]) ** 2
    cdf_max = lambda x: np.prod([special.gammainc(j, x) for j in range(1, n + 1)], axis=0)  # noqa: E731
    assert stats.kstest(top, cdf_max).pvalue > ALPHA


# ----------------------------------------------------------------- API
def test_repr_and_seeds():
    assert repr(LaguerreEnsemble(2, 3, 0.5)) == "LaguerreEnsemble(beta=2.0, n=3, a=0.5)"
    assert repr(JacobiEnsemble(1, 2, 0, 1)) == "JacobiEnsemble(beta=1.0, n=2, a=0.0, b=1.0)"
    assert repr(Ginibre(4)) == "Ginibre(n=4)"
    for ens in (LaguerreEnsemble(2, 5, 1.0), JacobiEnsemble(3, 5, 0.2, 0.1), Ginibre(5)):
        a = ens.eigvals(size=2, rng=9)
        np.testing.assert_array_equal(a, ens.eigvals(size=2, rng=np.random.SeedSequence(9)))
        assert not np.array_equal(a, ens.eigvals(size=2, rng=10))
    assert LaguerreEnsemble.wishart(2, 3, 7).m == pytest.approx(7)


@settings(max_examples=20, deadline=None)
@given(beta=st.floats(0.05, 20), n=st.integers(1, 7), a=st.floats(-0.95, 10), b=st.floats(-0.95, 10),
       size=st.one_of(st.none(), st.integers(1, 3)), seed=st.integers(0, 2 ** 32))
def test_property_shapes_and_ranges(beta, n, a, b, size, seed):
    lead = () if size is None else (size,)
    lam = LaguerreEnsemble(beta, n, a).eigvals(size=size, rng=seed)
    assert lam.shape == lead + (n,) and np.all(lam >= 0) and np.all(np.diff(lam, axis=-1) >= 0)
    d, e = LaguerreEnsemble(beta, n, a).sample(size=size, rng=seed)
    assert d.shape == lead + (n,) and e.shape == lead + (n - 1,)
    np.testing.assert_allclose(lam.sum(-1), (d ** 2).sum(-1) + (e ** 2).sum(-1), rtol=1e-10)
    jac = JacobiEnsemble(beta, n, a, b).eigvals(size=size, rng=seed)
    assert jac.shape == lead + (n,) and np.all((jac >= 0) & (jac <= 1))
    assert np.all(np.diff(jac, axis=-1) >= 0)
    z = Ginibre(n).eigvals(size=size, rng=seed)
    assert z.shape == lead + (n,) and z.dtype == np.complex128


BAD = [
    (lambda: LaguerreEnsemble(0, 3, 1.0), ValueError, "beta must be > 0"),
    (lambda: LaguerreEnsemble(1, 0, 1.0), ValueError, "n must be an integer >= 1"),
    (lambda: LaguerreEnsemble(1, 3, -1.0), ValueError, "a must be > -1.0; got -1.0"),
    (lambda: LaguerreEnsemble(1, 3, "x"), TypeError, "a must be a real number"),
    (lambda: LaguerreEnsemble.wishart(1, 3, 2), ValueError, "m must be > 2"),
    (lambda: JacobiEnsemble(1, 3, 0.0, -1.5), ValueError, "b must be > -1.0; got -1.5"),
    (lambda: JacobiEnsemble(-1, 3, 0.0, 0.0), ValueError, "beta must be > 0"),
    (lambda: JacobiEnsemble(1, 1.5, 0.0, 0.0), TypeError, "n must be an integer"),
    (lambda: JacobiEnsemble.manova(2, 3, 5, 1), ValueError, "m2 must be > 2"),
    (lambda: Ginibre(0), ValueError, "n must be an integer >= 1"),
    (lambda: Ginibre(3).eigvals(size=0), ValueError, "size must be an integer >= 1"),
    (lambda: JacobiEnsemble(1, 3, 0, 0).eigvals(rng="a"), TypeError, "rng must be None"),
    (lambda: LaguerreEnsemble(1, 3, 0).sample(size=1.5), TypeError, "size must be an integer"),
]


@pytest.mark.parametrize("call, exc, message", BAD, ids=[b[2][:40] for b in BAD])
def test_bad_input(call, exc, message):
    with pytest.raises(exc, match=message):
        call()
