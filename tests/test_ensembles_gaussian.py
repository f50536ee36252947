"""Gaussian ensembles: normalisation, exact moments, semicircle, dense vs tridiagonal, API."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.linalg import eigvalsh_tridiagonal

from rmt_meso.ensembles import GOE, GSE, GUE, GaussianEnsemble
from rmt_meso.ensembles.gaussian import dense_gaussian
from rmt_meso.theory.density import gaussian_trace_moment, semicircle_law

DENSE = {1: GOE, 2: GUE, 4: GSE}
NSIG = 4.5


def e_tr_h2(beta, n):
    return gaussian_trace_moment(beta, n, 2)


def e_tr_h4(beta, n):
    return gaussian_trace_moment(beta, n, 4)


def test_e_tr_h4_known_cases():
    for n in range(1, 8):
        assert e_tr_h4(2, n) == pytest.approx(2 * n ** 3 + n)
    # GOE n = 2 by hand: H = [[a, c], [c, b]], a, b ~ N(0,1), c ~ N(0,1/2): 11.5
    assert e_tr_h4(1, 2) == pytest.approx(11.5)
    assert e_tr_h2(4, 3) == pytest.approx(3 + 4 * 3)
    # n = 2 from the joint density: u = (λ1+λ2)/√2 ~ N(0,1), v = (λ1−λ2)/√2 ∝ |v|^β e^{−v²/2},
    # E v² = β+1, E v⁴ = (β+1)(β+3), tr H⁴ = (u⁴ + 6u²v² + v⁴)/2
    for beta in (0.3, 1, 2.5, 4, 9):
        want = (3 + 6 * (beta + 1) + (beta + 1) * (beta + 3)) / 2
        assert e_tr_h4(beta, 2) == pytest.approx(want)
    with pytest.raises(ValueError, match="power must be 2 or 4; got 3"):
        gaussian_trace_moment(1, 3, 3)


def _check_moments(vals, beta, n):
    for power, exact in ((2, e_tr_h2(beta, n)), (4, e_tr_h4(beta, n))):
        t = np.sum(vals ** power, axis=-1)
        mean, se = t.mean(), t.std(ddof=1) / np.sqrt(t.size)
        assert abs(mean - exact) < NSIG * se, (
            f"E tr H^{power} (beta={beta}, n={n}): {mean:.4f} ± {se:.4f}, exact {exact}")


@pytest.mark.parametrize("beta", [1, 2, 4])
@pytest.mark.parametrize("method", ["dense", "tridiagonal"])
def test_exact_moments_dense_classes(beta, method):
    n = 4
    vals = DENSE[beta](n).eigvals(size=6000, rng=100 + beta, method=method)
    _check_moments(vals, beta, n)


@pytest.mark.parametrize("beta", [0.5, 2.7, 7.0])
def test_exact_moments_beta(beta):
    n = 5
    vals = GaussianEnsemble(beta, n).eigvals(size=6000, rng=7)
    _check_moments(vals, beta, n)


def test_moments_catch_wrong_diagonal_variance():
    """A diagonal N(0, 1/2) instead of N(0, 1) (the N(0,1)-before-1/√2 slip) is detected."""
    n, beta = 4, 1
    d, e = GaussianEnsemble(beta, n).sample(size=6000, rng=3)
    vals = np.array([eigvalsh_tridiagonal(di / np.sqrt(2), ei) for di, ei in zip(d, e)])
    t = np.sum(vals ** 2, axis=-1)
    assert abs(t.mean() - e_tr_h2(beta, n)) > 10 * t.std(ddof=1) / np.sqrt(t.size)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_entry_variances_dense(beta):
    """The stated normalisation: diagonal N(0,1), off-diagonal E|H_ij|² = 1/2 · (β real parts)."""
    n = 3
    h = DENSE[beta](n).sample(size=20000, rng=11)
    if beta == 4:
        a, b = h[:, :n, :n], h[:, :n, n:]
        off = np.abs(a[:, 0, 1]) ** 2 + np.abs(b[:, 0, 1]) ** 2   # |quaternion|²
        diag = a[:, 0, 0]
    else:
        off = np.abs(h[:, 0, 1]) ** 2
        diag = h[:, 0, 0]
    assert np.allclose(np.imag(diag), 0)
    d2 = np.real(diag) ** 2
    for x, exact in ((d2, 1.0), (off, beta / 2)):
        assert abs(x.mean() - exact) < NSIG * x.std(ddof=1) / np.sqrt(x.size)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_dense_and_tridiagonal_same_law(beta):
    """Two-sample KS on i.i.d. per-spectrum statistics: λ_max, a bulk spacing, tr H²."""
    n, m = 6, 3000
    cls = DENSE[beta](n)
    dense = cls.eigvals(size=m, rng=21, method="dense")
    tri = cls.eigvals(size=m, rng=22, method="tridiagonal")
    for name, f in (("lambda_max", lambda v: v[:, -1]),
                    ("spacing", lambda v: v[:, n // 2] - v[:, n // 2 - 1]),
                    ("tr H^2", lambda v: np.sum(v ** 2, axis=1))):
        p = stats.ks_2samp(f(dense), f(tri)).pvalue
        assert p > 1e-4, f"beta={beta}: {name} differs between dense and tridiagonal (p={p:.2e})"


@pytest.mark.parametrize("beta", [1, 2, 4, 1.5])
def test_semicircle_density(beta):
    n = 1000
    vals = GaussianEnsemble(beta, n).eigvals(size=4, rng=5)
    law = semicircle_law(np.sqrt(2 * beta * n))
    p = stats.kstest(vals.ravel(), law.cdf).pvalue
    assert p > 1e-4, f"beta={beta}: eigenvalue density is not the semicircle (p={p:.2e})"
    assert np.all(np.abs(vals) < 1.1 * law.support()[1])


def test_semicircle_detects_wrong_radius():
    n = 1000
    vals = GaussianEnsemble(2, n).eigvals(size=4, rng=5)
    assert stats.kstest(vals.ravel(), semicircle_law(np.sqrt(2 * n)).cdf).pvalue < 1e-10


# ----------------------------------------------------------------- structure and API
def test_gse_quaternion_structure_and_kramers():
    n = 4
    h = GSE(n).sample(rng=3)
    assert h.shape == (2 * n, 2 * n) and h.dtype == complex
    np.testing.assert_allclose(h, h.conj().T, atol=1e-14, err_msg="GSE not Hermitian")
    j = np.block([[np.zeros((n, n)), np.eye(n)], [-np.eye(n), np.zeros((n, n))]])
    np.testing.assert_allclose(j @ h.T @ j.T, h, atol=1e-14, err_msg="GSE not self-dual")
    lam = np.linalg.eigvalsh(h)
    np.testing.assert_allclose(lam[0::2], lam[1::2], atol=1e-12, err_msg="no Kramers pairs")
    both = GSE(n).eigvals(rng=3, method="dense", kramers="both")
    once = GSE(n).eigvals(rng=3, method="dense")
    np.testing.assert_allclose(both, lam, atol=1e-12)
    np.testing.assert_allclose(once, 0.5 * (lam[0::2] + lam[1::2]), atol=1e-12)
    tri = GSE(n).eigvals(size=2, rng=3, kramers="both")
    assert tri.shape == (2, 2 * n) and np.array_equal(tri[:, 0::2], tri[:, 1::2])


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_eigvals_are_those_of_sample(beta):
    cls = DENSE[beta](5)
    h = cls.sample(size=3, rng=42)
    lam = np.linalg.eigvalsh(h)
    if beta == 4:
        lam = lam[:, 0::2]
    np.testing.assert_allclose(cls.eigvals(size=3, rng=42, method="dense"), lam, atol=1e-12)
    ens = GaussianEnsemble(beta, 5)
    d, e = ens.sample(size=3, rng=42)
    ref = np.array([eigvalsh_tridiagonal(di, ei) for di, ei in zip(d, e)])
    np.testing.assert_allclose(ens.eigvals(size=3, rng=42), ref, atol=1e-12)
    np.testing.assert_allclose(cls.eigvals(size=3, rng=42, method="tridiagonal"), ref, atol=1e-12)


def test_tridiagonal_model_entries():
    """Off-diagonal k has E b_k² = β(n−k)/2 and the diagonal is N(0,1)."""
    beta, n = 2.5, 4
    d, e = GaussianEnsemble(beta, n).sample(size=20000, rng=8)
    assert d.shape == (20000, n) and e.shape == (20000, n - 1) and np.all(e >= 0)
    want = beta * np.arange(n - 1, 0, -1) / 2
    se = (e ** 2).std(axis=0, ddof=1) / np.sqrt(e.shape[0])
    assert np.all(np.abs((e ** 2).mean(axis=0) - want) < NSIG * se)
    assert abs((d ** 2).mean() - 1) < NSIG * (d ** 2).std(ddof=1) / np.sqrt(d.size)


def test_dense_chunking_keeps_the_stream(monkeypatch):
    import rmt_meso.ensembles.gaussian as g
    ref = GUE(6).eigvals(size=7, rng=9, method="dense")
    monkeypatch.setattr(g, "_DENSE_CHUNK_FLOATS", 4 * 36 * 2)   # 2 matrices per chunk
    np.testing.assert_array_equal(GUE(6).eigvals(size=7, rng=9, method="dense"), ref)


def test_windows():
    ens = GaussianEnsemble(1, 30)
    full = ens.eigvals(size=3, rng=4)
    idx = ens.eigvals(size=3, rng=4, window=("index", 5, 9))
    np.testing.assert_allclose(idx, full[:, 5:10], atol=1e-12)
    val = ens.eigvals(size=3, rng=4, window=("value", -2.0, 1.5))
    assert isinstance(val, list) and len(val) == 3
    for v, f in zip(val, full):
        np.testing.assert_allclose(v, f[(f > -2.0) & (f <= 1.5)], atol=1e-12)
    one = ens.eigvals(rng=4, window=("value", -np.inf, 0.0))
    ref = ens.eigvals(rng=4)
    np.testing.assert_allclose(one, ref[ref <= 0.0], atol=1e-12)
    d = GOE(30).eigvals(size=2, rng=4, method="dense", window=("index", 0, 0))
    assert d.shape == (2, 1)
    g = GSE(5).eigvals(rng=1, kramers="both", window=("index", 0, 1))
    assert g.shape == (4,)


def test_same_seed_same_numbers_and_seed_kinds():
    ens = GaussianEnsemble(2, 10)
    a = ens.eigvals(size=2, rng=123)
    np.testing.assert_array_equal(a, ens.eigvals(size=2, rng=123))
    np.testing.assert_array_equal(a, ens.eigvals(size=2, rng=np.random.SeedSequence(123)))
    np.testing.assert_array_equal(a, ens.eigvals(size=2, rng=np.random.default_rng(123)))
    assert not np.array_equal(a, ens.eigvals(size=2, rng=124))
    assert not np.array_equal(ens.eigvals(size=2), ens.eigvals(size=2))
    gen = np.random.default_rng(5)
    assert not np.array_equal(GOE(4).sample(rng=gen), GOE(4).sample(rng=gen))


def test_repr_and_attributes():
    assert repr(GaussianEnsemble(2.5, 7)) == "GaussianEnsemble(beta=2.5, n=7)"
    assert repr(GSE(3)) == "GSE(n=3)"
    assert (GOE(3).beta, GUE(3).beta, GSE(3).beta) == (1, 2, 4)
    assert GSE(3).radius == pytest.approx(np.sqrt(24))
    assert type(dense_gaussian(2, 5)) is GUE and dense_gaussian(4.0, 2).n == 2


def test_n_equals_one():
    assert GaussianEnsemble(3.0, 1).eigvals(size=4, rng=1).shape == (4, 1)
    assert GSE(1).sample(rng=1).shape == (2, 2)
    assert GOE(1).eigvals(rng=1, method="dense").shape == (1,)


@settings(max_examples=25, deadline=None)
@given(beta=st.sampled_from([1, 2, 4]), n=st.integers(1, 6),
       size=st.one_of(st.none(), st.integers(1, 3)), seed=st.integers(0, 2 ** 32))
def test_property_dense_shapes_hermitian(beta, n, size, seed):
    cls = DENSE[beta](n)
    h = cls.sample(size=size, rng=seed)
    dim = 2 * n if beta == 4 else n
    assert h.shape == ((dim, dim) if size is None else (size, dim, dim))
    assert h.dtype == (np.float64 if beta == 1 else np.complex128)
    np.testing.assert_allclose(h, np.conj(np.swapaxes(h, -1, -2)), atol=1e-14)
    for method in ("dense", "tridiagonal"):
        lam = cls.eigvals(size=size, rng=seed, method=method)
        assert lam.shape == ((n,) if size is None else (size, n)) and lam.dtype == np.float64
        assert np.all(np.diff(lam, axis=-1) >= 0)


@settings(max_examples=25, deadline=None)
@given(beta=st.floats(0.05, 20), n=st.integers(1, 8), size=st.one_of(st.none(), st.integers(1, 3)),
       seed=st.integers(0, 2 ** 32))
def test_property_beta_shapes(beta, n, size, seed):
    ens = GaussianEnsemble(beta, n)
    d, e = ens.sample(size=size, rng=seed)
    lead = () if size is None else (size,)
    assert d.shape == lead + (n,) and e.shape == lead + (n - 1,)
    lam = ens.eigvals(size=size, rng=seed)
    assert lam.shape == lead + (n,) and np.all(np.isfinite(lam))
    assert np.all(np.diff(lam, axis=-1) >= 0)
    # trace is preserved by diagonalisation
    np.testing.assert_allclose(lam.sum(axis=-1), d.sum(axis=-1), atol=1e-10 * (1 + np.abs(lam).max()))


BAD = [
    (lambda: GaussianEnsemble(0, 5), ValueError, "beta must be > 0"),
    (lambda: GaussianEnsemble(-1.0, 5), ValueError, "beta must be > 0"),
    (lambda: GaussianEnsemble(float("nan"), 5), ValueError, "beta must be a finite"),
    (lambda: GaussianEnsemble("1", 5), TypeError, "beta must be a real number"),
    (lambda: GaussianEnsemble(1, 0), ValueError, "n must be an integer >= 1"),
    (lambda: GaussianEnsemble(1, 2.0), TypeError, "n must be an integer"),
    (lambda: GOE(0), ValueError, "n must be an integer >= 1"),
    (lambda: GSE(1.5), TypeError, "n must be an integer"),
    (lambda: dense_gaussian(3, 5), ValueError, r"beta must be one of \(1, 2, 4\); got 3"),
    (lambda: dense_gaussian(0.5, 5), ValueError, "beta must be one of"),
    (lambda: GOE(3).sample(size=0), ValueError, "size must be an integer >= 1"),
    (lambda: GOE(3).sample(size=2.0), TypeError, "size must be an integer"),
    (lambda: GaussianEnsemble(1, 3).eigvals(size=-1), ValueError, "size must be an integer >= 1"),
    (lambda: GOE(3).sample(rng="seed"), TypeError, "rng must be None, a non-negative int"),
    (lambda: GaussianEnsemble(1, 3).eigvals(rng=-5), ValueError, "rng must be a non-negative"),
    (lambda: GOE(3).eigvals(method="qr"), ValueError, "method must be one of"),
    (lambda: GSE(3).eigvals(kramers="twice"), ValueError, "kramers must be one of"),
    (lambda: GaussianEnsemble(1, 5).eigvals(window=("index", 0, 5)), ValueError,
     "window hi must be an integer <= 4; got 5"),
    (lambda: GaussianEnsemble(1, 5).eigvals(window=("index", -1, 2)), ValueError,
     "window lo must be an integer >= 0; got -1"),
    (lambda: GaussianEnsemble(1, 5).eigvals(window=("index", 3, 2)), ValueError,
     "window hi must be an integer >= 3; got 2"),
    (lambda: GaussianEnsemble(1, 5).eigvals(window=("value", 1.0, 1.0)), ValueError,
     "needs a < b"),
    (lambda: GaussianEnsemble(1, 5).eigvals(window=("range", 0, 1)), ValueError,
     r"window\[0\] must be one of"),
    (lambda: GaussianEnsemble(1, 5).eigvals(window=[0, 1]), TypeError, "window must be None"),
    (lambda: GOE(5).eigvals(window=("index", 0, 9), method="dense"), ValueError,
     "window hi must be an integer <= 4"),
]


@pytest.mark.parametrize("call, exc, message", BAD, ids=[b[2][:40] for b in BAD])
def test_bad_input(call, exc, message):
    with pytest.raises(exc, match=message):
        call()
