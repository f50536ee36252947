"""Circular ensembles: Haar moments, symmetries, CMV model, band-pencil eigenphases, API."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from rmt_meso.ensembles import COE, CSE, CUE, CircularEnsemble
from rmt_meso.ensembles.circular import _pair_phases, dense_circular
from rmt_meso.theory.density import uniform_phase_law

NSIG = 4.5
DENSE = {1: COE, 2: CUE, 4: CSE}


def _mean_se(x, axis=0):
    x = np.asarray(x)
    return x.mean(axis=axis), x.std(axis=axis, ddof=1) / np.sqrt(x.shape[axis])


def _within(x, exact, label):
    mean, se = _mean_se(x)
    z = np.abs(mean - exact) / se
    assert np.all(z < NSIG), f"{label}: {mean} ± {se} vs {exact} (z = {np.max(z):.2f})"


def _rtilde(theta):
    """Mean over a spectrum's bulk of r̃ = min(s_i, s_{i+1}) / max(s_i, s_{i+1}) (circle)."""
    s = np.diff(np.concatenate([theta, theta[..., :1] + 2 * np.pi], axis=-1), axis=-1)
    a, b = s, np.roll(s, -1, axis=-1)
    return (np.minimum(a, b) / np.maximum(a, b)).mean(axis=-1)


# ----------------------------------------------------------------- Haar CUE
def test_cue_entry_moments():
    """E U_ij = 0, E|U_ij|² = 1/n, E|U_ij|⁴ = 2/(n(n+1)) (Haar; no QR phase bias)."""
    n = 4
    u = CUE(n).sample(size=6000, rng=1).reshape(6000, -1)
    _within(u.real, 0.0, "E Re U_ij")
    _within(u.imag, 0.0, "E Im U_ij")
    _within(np.abs(u) ** 2, 1.0 / n, "E|U_ij|^2")
    _within(np.abs(u) ** 4, 2.0 / (n * (n + 1)), "E|U_ij|^4")


def test_qr_without_phase_fix_would_be_caught():
    """The plain QR factor (no Mezzadri phase fix) fails the E Re U_11 = 0 check above."""
    rng = np.random.default_rng(1)
    z = rng.standard_normal((6000, 4, 4, 2)).view(complex)[..., 0]
    q = np.linalg.qr(z)[0]
    mean, se = _mean_se(q[:, 0, 0].real)
    assert abs(mean) > 10 * se


@pytest.mark.parametrize("method", ["dense", "cmv"])
def test_cue_trace_powers(method):
    """E|tr U^k|² = min(k, n) (Diaconis & Shahshahani 1994)."""
    n, m = 4, 6000
    theta = CUE(n).eigphases(size=m, rng=2, method=method)
    for k in range(1, 7):
        t = np.abs(np.exp(1j * k * theta).sum(axis=1)) ** 2
        _within(t, min(k, n), f"E|tr U^{k}|^2 ({method})")


@pytest.mark.parametrize("cls", [CUE, COE, CSE])
def test_unitarity(cls):
    u = cls(7).sample(size=3, rng=3)
    eye = np.eye(u.shape[-1])
    err = np.abs(u @ np.conj(np.swapaxes(u, -1, -2)) - eye).max()
    assert err < 1e-12, f"{cls.__name__} not unitary: {err:.2e}"


def test_cmv_unitary_and_five_diagonal():
    c = CircularEnsemble(1.7, 9).sample(size=3, rng=4)
    assert np.abs(c @ np.conj(np.swapaxes(c, -1, -2)) - np.eye(9)).max() < 1e-12
    i, j = np.indices((9, 9))
    assert np.all(c[:, np.abs(i - j) > 2] == 0)


def test_coe_symmetric():
    s = COE(6).sample(size=4, rng=5)
    np.testing.assert_allclose(s, np.swapaxes(s, -1, -2), atol=1e-14, err_msg="COE not symmetric")


def test_cse_self_dual_and_degenerate():
    n = 5
    s = CSE(n).sample(rng=6)
    assert s.shape == (2 * n, 2 * n)
    j = np.block([[np.zeros((n, n)), np.eye(n)], [-np.eye(n), np.zeros((n, n))]])
    np.testing.assert_allclose(j @ s.T @ j.T, s, atol=1e-13, err_msg="CSE not self-dual")
    th = np.sort(np.angle(np.linalg.eigvals(s)))
    gaps = np.diff(th)
    assert np.sort(gaps)[n - 1] < 1e-6, "phases are not doubly degenerate"
    both = CSE(n).eigphases(rng=6, method="dense", kramers="both")
    assert both.shape == (2 * n,) and np.array_equal(both[0::2], both[1::2])


def test_pair_phases_across_the_cut():
    th = np.array([-np.pi + 1e-13, -1.0, -1.0, 0.5, 0.5, np.pi - 1e-13])
    out = _pair_phases(np.exp(1j * th))
    np.testing.assert_allclose(np.sort(np.cos(out)), np.sort(np.cos([-np.pi, -1.0, 0.5])), atol=1e-12)


# ----------------------------------------------------------------- CβE and the band route
@pytest.mark.parametrize("beta", [0.3, 1, 2, 4, 9.5])
@pytest.mark.parametrize("n", [1, 2, 3, 6, 11])
def test_band_route_equals_dense(beta, n):
    ens = CircularEnsemble(beta, n)
    band = ens.eigphases(size=4, rng=n, method="band")
    dense = ens.eigphases(size=4, rng=n, method="dense")
    # compare on the circle (a phase at the cut may appear as ±π)
    err = np.abs(np.exp(1j * band) - np.exp(1j * dense)).max()
    assert err < 1e-11, f"band and dense eigenphases differ by {err:.2e}"
    c = ens.sample(size=4, rng=n)
    ref = np.sort(np.angle(np.linalg.eigvals(c)), axis=-1)
    assert np.abs(np.exp(1j * np.sort(band, -1)) - np.exp(1j * ref)).max() < 1e-11


def test_band_route_large_n_accuracy():
    ens = CircularEnsemble(2, 100)
    band = ens.eigphases(rng=9)
    dense = ens.eigphases(rng=9, method="dense")
    assert np.abs(np.exp(1j * band) - np.exp(1j * dense)).max() < 1e-11


def test_verblunsky_moduli():
    """|α_j|² ~ Beta(1, β(n−j−1)/2): mean 2/(2 + β(n−j−1)); α_{n−1} on the circle."""
    beta, n = 2.5, 5
    a = CircularEnsemble(beta, n).verblunsky(size=8000, rng=10)
    np.testing.assert_allclose(np.abs(a[:, -1]), 1.0, atol=1e-14)
    want = 2.0 / (2.0 + beta * np.arange(n - 1, 0, -1))
    _within(np.abs(a[:, :-1]) ** 2, want, "E|alpha_j|^2")
    _within(np.exp(1j * np.angle(a)).real, 0.0, "phase uniform")


@pytest.mark.parametrize("beta", [0.5, 1, 2, 4, 7.0])
def test_cbe_phase_density_uniform(beta):
    theta = CircularEnsemble(beta, 12).eigphases(size=300, rng=11)
    assert np.all((theta >= -np.pi) & (theta < np.pi))
    p = stats.kstest(theta.ravel(), uniform_phase_law().cdf).pvalue
    assert p > 1e-4, f"beta={beta}: phases not uniform (p={p:.2e})"
    # one phase per spectrum at a random index: i.i.d. draws of the one-point density
    pick = np.random.default_rng(0).integers(0, 12, size=300)
    p1 = stats.kstest(theta[np.arange(300), pick], uniform_phase_law().cdf).pvalue
    assert p1 > 1e-4


def test_mean_spacing_ratio_ordered_by_beta():
    """⟨r̃⟩ grows with β (level repulsion): 0.5307 (β=1) < 0.5996 (2) < 0.6744 (4), Atas 2013."""
    betas = [0.5, 1, 2, 4, 8]
    stats_ = []
    for beta in betas:
        r = _rtilde(CircularEnsemble(beta, 40).eigphases(size=400, rng=12))
        stats_.append(_mean_se(r))
    for (m1, s1), (m2, s2) in zip(stats_, stats_[1:]):
        assert m2 - m1 > NSIG * np.hypot(s1, s2), f"r~ not increasing: {stats_}"
    # large-n surmise values (Atas et al. 2013): agreement to 1% at n = 40
    for beta, want in ((1, 0.5307), (2, 0.5996), (4, 0.6744)):
        m = stats_[betas.index(beta)][0]
        assert abs(m - want) < 0.01, f"beta={beta}: <r~> = {m:.4f}, expected ≈ {want}"


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_dense_and_cmv_same_law(beta):
    """Two-sample KS on i.i.d. per-spectrum statistics of the dense and CMV routes."""
    n, m = 5, 2000
    cls = DENSE[beta](n)
    dense = cls.eigphases(size=m, rng=13, method="dense")
    cmv = cls.eigphases(size=m, rng=14, method="cmv")
    for name, f in (("first spacing", lambda t: t[:, 1] - t[:, 0]),
                    ("r~", _rtilde),
                    ("|tr U|^2", lambda t: np.abs(np.exp(1j * t).sum(axis=1)) ** 2)):
        p = stats.ks_2samp(f(dense), f(cmv)).pvalue
        assert p > 1e-4, f"{cls.__name__}: {name} differs between dense and CMV (p={p:.2e})"


# ----------------------------------------------------------------- API
def test_seeds_and_repr():
    ens = CircularEnsemble(2.5, 8)
    a = ens.eigphases(size=2, rng=1)
    np.testing.assert_array_equal(a, ens.eigphases(size=2, rng=np.random.SeedSequence(1)))
    np.testing.assert_array_equal(a, ens.eigphases(size=2, rng=np.random.default_rng(1)))
    assert not np.array_equal(a, ens.eigphases(size=2, rng=2))
    np.testing.assert_array_equal(CUE(3).sample(rng=4), CUE(3).sample(rng=4))
    assert repr(ens) == "CircularEnsemble(beta=2.5, n=8)"
    assert repr(CSE(3)) == "CSE(n=3)" and CSE(3).dim == 6 and COE(3).beta == 1
    assert type(dense_circular(4, 3)) is CSE


@settings(max_examples=20, deadline=None)
@given(beta=st.sampled_from([1, 2, 4]), n=st.integers(1, 6),
       size=st.one_of(st.none(), st.integers(1, 3)), seed=st.integers(0, 2 ** 32))
def test_property_dense_circular(beta, n, size, seed):
    cls = DENSE[beta](n)
    u = cls.sample(size=size, rng=seed)
    dim = 2 * n if beta == 4 else n
    assert u.shape == ((dim, dim) if size is None else (size, dim, dim)) and u.dtype == complex
    assert np.abs(u @ np.conj(np.swapaxes(u, -1, -2)) - np.eye(dim)).max() < 1e-12
    if beta == 1:
        assert np.abs(u - np.swapaxes(u, -1, -2)).max() < 1e-13
    for method in ("dense", "cmv"):
        th = cls.eigphases(size=size, rng=seed, method=method)
        assert th.shape == ((n,) if size is None else (size, n)) and th.dtype == np.float64
        assert np.all((th >= -np.pi) & (th < np.pi)) and np.all(np.diff(th, axis=-1) >= 0)


@settings(max_examples=20, deadline=None)
@given(beta=st.floats(0.05, 30), n=st.integers(1, 9), size=st.one_of(st.none(), st.integers(1, 3)),
       seed=st.integers(0, 2 ** 32))
def test_property_cbe(beta, n, size, seed):
    ens = CircularEnsemble(beta, n)
    c = ens.sample(size=size, rng=seed)
    assert np.abs(c @ np.conj(np.swapaxes(c, -1, -2)) - np.eye(n)).max() < 1e-12
    th = ens.eigphases(size=size, rng=seed)
    assert th.shape == ((n,) if size is None else (size, n))
    ref = np.sort(np.angle(np.linalg.eigvals(c)), axis=-1)
    assert np.abs(np.exp(1j * np.sort(th, -1)) - np.exp(1j * ref)).max() < 1e-10


BAD = [
    (lambda: CircularEnsemble(0, 3), ValueError, "beta must be > 0"),
    (lambda: CircularEnsemble(-2, 3), ValueError, "beta must be > 0"),
    (lambda: CircularEnsemble(1, 0), ValueError, "n must be an integer >= 1"),
    (lambda: CircularEnsemble(1, 3.0), TypeError, "n must be an integer"),
    (lambda: CUE(-1), ValueError, "n must be an integer >= 1"),
    (lambda: COE("3"), TypeError, "n must be an integer"),
    (lambda: dense_circular(3, 4), ValueError, r"beta must be one of \(1, 2, 4\); got 3"),
    (lambda: CUE(3).sample(size=0), ValueError, "size must be an integer >= 1"),
    (lambda: CSE(3).eigphases(size=1.0), TypeError, "size must be an integer"),
    (lambda: COE(3).eigphases(rng=1.5), TypeError, "rng must be None, a non-negative int"),
    (lambda: COE(3).eigphases(method="qr"), ValueError, "method must be one of"),
    (lambda: CircularEnsemble(1, 3).eigphases(method="cmv"), ValueError, "method must be one of"),
    (lambda: CSE(3).eigphases(kramers="x"), ValueError, "kramers must be one of"),
]


@pytest.mark.parametrize("call, exc, message", BAD, ids=[b[2][:40] for b in BAD])
def test_bad_input(call, exc, message):
    with pytest.raises(exc, match=message):
        call()


@pytest.mark.slow
def test_haar_claim_passes_quick():
    import rmt_meso.claims.haar_circular  # noqa: F401  registers the claim
    from rmt_meso.claims import REGISTRY, Context, run_claim
    out = run_claim(REGISTRY["haar_circular"], Context(preset="quick"))
    assert out.error == "" and out.passed, out.error or [c.summary() for c in out.result.comparisons]
    assert out.result.figure is not None
