"""Thouless conductance and level curvatures: exact cases, perturbation theory vs finite
differences, error calibration, and the 1D localization length from level shifts."""

import numpy as np
import pytest

from rmt_meso import ConvergenceError
from rmt_meso.ensembles import Anderson
from rmt_meso.spectral import (curvature_conductance, level_curvatures, level_window,
                               thouless_conductance)


pytestmark = pytest.mark.usefixtures("one_blas_thread")


# ---------------------------------------------------------------- level curvatures
def test_curvatures_of_twisted_clean_ring_are_exact():
    """E_n(θ) = -2t cos((2πn + θ)/L) => d²E_n/dθ² = (2t/L²) cos((2πn + θ)/L)."""
    L, th0, t = 9, 0.4, 1.5
    ring = Anderson((L,), boundary="twisted", twist=th0, t=t)
    H = ring.hamiltonian(onsite=np.zeros(L))
    dH, d2H = ring.twist_derivatives(0)
    e, c = level_curvatures(H, dH, d2H)
    k = (2 * np.pi * np.arange(L) + th0) / L
    order = np.argsort(-2 * t * np.cos(k))
    np.testing.assert_allclose(e, (-2 * t * np.cos(k))[order], atol=1e-12)
    np.testing.assert_allclose(c, (2 * t / L**2 * np.cos(k))[order], atol=1e-12)


@pytest.mark.parametrize("kw", [
    dict(shape=(6, 5), W=3.0, boundary="periodic"),
    dict(shape=(5, 6), W=2.0, flux=1 / 6, boundary="periodic"),
    dict(shape=(4, 4, 3), W=5.0, boundary=("periodic", "open", "periodic")),
], ids=["2d-beta1", "2d-beta2", "3d-mixed"])
def test_curvatures_match_finite_differences(kw):
    model = Anderson(**kw)
    eps = model.onsite(rng=31)
    H = model.hamiltonian(onsite=eps)
    dH, d2H = model.twist_derivatives(0)
    e, c = level_curvatures(H, dH, d2H, target=0.3, n_levels=12)
    h = 1e-3
    tw = [0.0] * model.dim

    def levels(theta):
        tw[0] = theta
        full = model.eigvals(onsite=eps, twist=tuple(tw))
        return full[level_window(model.eigvals(onsite=eps), 0.3, 12)]

    fd = (levels(h) - 2 * levels(0.0) + levels(-h)) / h**2
    scale = np.max(np.abs(c))
    np.testing.assert_allclose(c, fd, atol=1e-4 * scale + 1e-6)
    np.testing.assert_allclose(e, levels(0.0), atol=1e-12)


def test_curvature_conductance_matches_definition():
    rng = np.random.default_rng(3)
    e = np.sort(rng.random((30, 8)), axis=1)
    c = rng.normal(size=(30, 8))
    est = curvature_conductance(e, c)
    spacing = ((e[:, -1] - e[:, 0]) / 7).mean()
    assert est.value == pytest.approx(np.abs(c).mean() / spacing, rel=1e-12)
    # dimensionless: invariant under a change of energy unit (E -> 3E, c -> 3c)
    assert curvature_conductance(3 * e, 3 * c).value == pytest.approx(est.value, rel=1e-12)


def test_curvatures_refuse_degenerate_levels_and_bad_input():
    so = Anderson((4, 4), W=2.0, spin_orbit=0.5, boundary="periodic")
    dH, d2H = so.twist_derivatives(0)
    with pytest.raises(ConvergenceError, match="degenerate levels"):
        level_curvatures(so.hamiltonian(rng=1), dH, d2H)
    with pytest.raises(ValueError, match="Hermitian"):
        level_curvatures([[0, 1.0], [0, 0]], np.eye(2), np.eye(2))
    with pytest.raises(ValueError, match="same shape"):
        level_curvatures(np.eye(2), np.eye(3), np.eye(2))
    with pytest.raises(ValueError, match="n_levels needs target"):
        level_curvatures(np.diag([0.0, 1.0, 2.0]), np.eye(3), np.eye(3), n_levels=2)


# ---------------------------------------------------------------- level shifts
def test_level_window_centres_and_clips():
    e = np.arange(10.0)
    assert level_window(e, 4.5, 4) == slice(3, 7)
    assert level_window(e, -3.0, 4) == slice(0, 4)
    assert level_window(e, 30.0, 4) == slice(6, 10)
    assert level_window(e, 0.0) == slice(0, 10)


def test_shift_of_clean_ring():
    """Periodic vs antiperiodic clean ring: the sorted levels are known in closed form."""
    L = 10
    ring = Anderson((L,), boundary="periodic")
    e0 = ring.eigvals()
    e1 = ring.eigvals(twist=np.pi)
    np.testing.assert_allclose(e1, np.sort(-2 * np.cos((2 * np.arange(L) + 1) * np.pi / L)), atol=1e-13)
    res = thouless_conductance(np.stack([e0, e0]), np.stack([e1, e1]))
    # documented definition: <|δE|> over the mean spacing of the two spectra
    want = np.mean(np.abs(e1 - e0)) / (((e0[-1] - e0[0]) + (e1[-1] - e1[0])) / 2 / (L - 1))
    assert res.g.value == pytest.approx(want, rel=1e-12) and res.g.stderr == 0.0


def test_standard_error_is_calibrated():
    """Synthetic spectra with known g = 1/2: the z-scores of the estimate are ~N(0, 1)."""
    rng = np.random.default_rng(7)
    z = []
    n, R = 12, 40
    for _ in range(300):
        # level n moves a uniform fraction f of the way to level n+1 (stays sorted):
        # E|δE| = s/2 and the mean window span per spacing is s for both spectra, so g = 1/2
        s = rng.uniform(0.8, 1.2, size=(R, 1))                   # realisation-dependent scale
        e = np.cumsum(rng.exponential(size=(R, n + 1)), axis=1) * s
        f = rng.random(size=(R, n))
        e0 = e[:, :n]
        e1 = e0 + f * np.diff(e, axis=1)
        res = thouless_conductance(e0, e1)
        z.append((res.g.value - 0.5) / res.g.stderr)
    z = np.asarray(z)
    assert abs(np.mean(z)) < 5 * 1 / np.sqrt(z.size) + 0.1   # allow the O(1/R) ratio bias
    assert 0.8 < np.std(z) < 1.2


def test_thouless_bad_input():
    e = np.sort(np.random.default_rng(0).random((4, 6)), axis=1)
    with pytest.raises(ValueError, match="levels_twisted must have shape"):
        thouless_conductance(e, e[:, :5])
    with pytest.raises(ValueError, match="at least 2 realisations"):
        thouless_conductance(e[:1], e[:1] + 0.1)
    with pytest.raises(ValueError, match="sorted"):
        thouless_conductance(e[:, ::-1], e[:, ::-1])
    with pytest.raises(ConvergenceError, match="round-off"):
        thouless_conductance(e, e.copy())


def _shifts_1d(L, W, E, R, seed):
    chain = Anderson((L,), W=W, boundary="periodic")
    e0, e1 = [], []
    for s in chain.realisation_seeds(R, rng=seed):
        eps = chain.onsite(rng=np.random.default_rng(s))
        a, b = chain.eigvals(onsite=eps), chain.eigvals(onsite=eps, twist=np.pi)
        w = level_window(a, E, max(4, L // 10))
        e0.append(a[w]); e1.append(b[w])
    return thouless_conductance(np.array(e0), np.array(e1), target=E)


def test_1d_typical_shift_decays_with_the_localization_length():
    """1D box disorder away from the band centre: 1/ξ = W²/(24(4 - E²)) (Thouless 1979;
    Kappus & Wegner 1981), and the typical shift ~ ψ(0)ψ(L) ~ exp(-L/ξ), so
    d<ln δE>/dL = d(ln g_typ - ln L)/dL = -1/ξ."""
    W, E = 3.0, 1.0
    Ls = np.array([30, 50, 70])
    res = [_shifts_1d(L, W, E, 150, seed=100 + L) for L in Ls]
    y = np.array([r.ln_g_typ.value - np.log(L) for r, L in zip(res, Ls)])
    s = np.array([r.ln_g_typ.stderr for r in res])
    w = 1 / s**2
    A = np.vstack([Ls, np.ones_like(Ls)]).T
    cov = np.linalg.inv(A.T @ (A * w[:, None]))
    slope = (cov @ (A.T @ (w * y)))[0]
    err = np.sqrt(cov[0, 0])
    theory = -W**2 / (24 * (4 - E**2))
    assert abs(slope - theory) < 5 * err, f"slope {slope:.4f} ± {err:.4f} vs -1/ξ = {theory:.4f}"
    assert err < 0.2 * abs(theory), "the test has no power"


def _curvature_g(L, W, R, seed):
    cube = Anderson((L, L, L), W=W, boundary="periodic")
    dH, d2H = cube.twist_derivatives(0)
    E, C = [], []
    for s in cube.realisation_seeds(R, rng=seed):
        e, c = level_curvatures(cube.hamiltonian(rng=np.random.default_rng(s)), dH, d2H,
                                target=0.0, n_levels=L**3 // 8)
        E.append(e); C.append(c)
    return curvature_conductance(np.array(E), np.array(C))


def _shift_g(L, W, R, seed):
    cube = Anderson((L, L, L), W=W, boundary="periodic")
    # the same realisations (same seed) with periodic and antiperiodic x; whole spectra,
    # so that levels are matched by their index
    e0 = cube.eigvals(R, rng=seed, method="dense")
    e1 = cube.eigvals(R, rng=seed, method="dense", twist=(np.pi, 0.0, 0.0))
    return thouless_conductance(e0, e1, n_levels=L**3 // 8).g


@pytest.mark.slow
def test_3d_thouless_criterion_on_small_cubes():
    """Metal (W = 8 < W_c): the curvature conductance grows with L (g ~ L in 3D);
    insulator (W = 30): the Edwards-Thouless conductance decays with L."""
    m4, m7 = _curvature_g(4, 8.0, 60, 1), _curvature_g(7, 8.0, 60, 2)
    assert m7.value - m4.value > 4 * np.hypot(m4.stderr, m7.stderr), (m4, m7)
    i4, i6 = _shift_g(4, 30.0, 60, 3), _shift_g(7, 30.0, 60, 4)
    assert i4.value - i6.value > 4 * np.hypot(i4.stderr, i6.stderr), (i4, i6)


def test_typical_curvature_conductance_and_window():
    rng = np.random.default_rng(4)
    e = np.sort(rng.random((25, 6)), axis=1)
    c = rng.normal(size=(25, 6))
    est = curvature_conductance(e, c, log=True)
    spacing = ((e[:, -1] - e[:, 0]) / 5).mean()
    assert est.value == pytest.approx(np.log(np.abs(c)).mean() - np.log(spacing), rel=1e-12)
    with pytest.raises(ValueError, match="exact zeros"):
        curvature_conductance(e, np.zeros_like(c), log=True)
    model = Anderson((5, 5), W=3.0, boundary="periodic")
    H = model.hamiltonian(rng=6)
    dH, d2H = model.twist_derivatives(0)
    ew, cw, w = level_curvatures(H, dH, d2H, target=0.5, n_levels=7, return_window=True)
    np.testing.assert_allclose(ew, np.linalg.eigvalsh(H.toarray())[w], atol=1e-12)
    e_all, c_all = level_curvatures(H, dH, d2H)
    np.testing.assert_allclose(cw, c_all[w], atol=1e-10)
