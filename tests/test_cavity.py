"""Chaotic cavities: circular and β-Jacobi samplers and the Mahaux–Weidenmüller model vs exact theory."""

import numpy as np
import pytest

from rmt_meso import ConvergenceError
from rmt_meso.compare import ks_test, zscore
from rmt_meso.theory import cavity as th
from rmt_meso.transport.cavity import (CavityScattering, ChaoticCavity, HamiltonianCavity,
                                       jacobi_parameters, reflection_moments)
from rmt_meso.transport.smatrix import G0

CASES = [(1, 1), (2, 2), (5, 5), (2, 5)]
NSAMPLES = 3000


def _var_with_error(x):
    """Sample variance and its standard error sqrt((m4 - s^4)/n)."""
    n = x.size
    d = x - x.mean()
    s2 = d.var(ddof=1)
    m4 = np.mean(d**4)
    return s2, np.sqrt(max(m4 - s2**2, 0.0) / n)


@pytest.mark.parametrize("method", ["circular", "jacobi"])
@pytest.mark.parametrize("beta", [1, 2, 4])
@pytest.mark.parametrize("n1,n2", CASES, ids=[f"{a}x{b}" for a, b in CASES])
def test_conductance_moments_match_exact_theory(n1, n2, beta, method):
    seed = 1000 * n1 + 100 * n2 + 10 * beta + (method == "jacobi")
    g = ChaoticCavity(n1, n2, beta).conductance(NSAMPLES, rng=seed, method=method)
    assert g.shape == (NSAMPLES,)
    mean = zscore(g.mean(), g.std(ddof=1) / np.sqrt(g.size), th.mean_transmission(n1, n2, beta),
                  label=f"<g> {method} beta={beta} {n1}x{n2}")
    assert mean.passed, mean.summary()
    v, ve = _var_with_error(g)
    var = zscore(v, ve, th.var_transmission(n1, n2, beta), label=f"var g {method}")
    assert var.passed, var.summary()


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_single_channel_distribution(beta):
    tn = ChaoticCavity(1, 1, beta).transmission_eigenvalues(4000, rng=7 + beta)
    assert tn.shape == (4000, 1)
    res = ks_test(tn[:, 0], th.single_channel_transmission(beta, 1).cdf, label="P(T)")
    assert res.passed, res.summary()


def test_jacobi_parameters_and_two_samplers_agree():
    assert jacobi_parameters(1, 1, 1) == (1, -0.5, 0.0)
    assert jacobi_parameters(5, 2, 2) == (2, 3.0, 0.0)
    assert jacobi_parameters(2, 5, 4) == (2, 7.0, 0.0)
    # non-classical beta: only the Jacobi sampler exists; moments still follow the theory
    g = ChaoticCavity(2, 3, 3.0).conductance(4000, rng=3, method="jacobi")
    assert zscore(g.mean(), g.std(ddof=1) / 63.24555, th.mean_transmission(2, 3, 3.0)).passed


@pytest.mark.parametrize("beta,name", [(1, "COE"), (2, "CUE"), (4, "CSE")])
def test_coherent_backscattering(beta, name):
    n = 4
    sc = ChaoticCavity(2, 2, beta).sample(4000, rng=11 * beta)
    diag, off = reflection_moments(sc)
    assert diag.compare(th.reflection_mean(n, beta)).passed, (name, diag)
    assert off.compare(th.reflection_mean(n, beta, diagonal=False)).passed, (name, off)
    # enhancement factor 2/beta: 2 (COE), 1 (CUE), 1/2 (CSE)
    ratio = diag.value / off.value
    err = ratio * np.hypot(diag.stderr / diag.value, off.stderr / off.value)
    assert abs(ratio - 2 / beta) < 4 * err, (name, ratio, err)


def test_symmetries_of_samples():
    for beta in (1, 2, 4):
        sc = ChaoticCavity(2, 3, beta).sample(5, rng=beta)
        d = 10 if beta == 4 else 5
        assert sc.s.shape == (5, d, d)
        assert np.all(sc.unitarity_error() < 1e-12)
    s1 = ChaoticCavity(2, 3, 1).sample(3, rng=1).s
    assert np.allclose(s1, np.swapaxes(s1, -1, -2), atol=1e-12), "COE must be symmetric"
    s4 = ChaoticCavity(2, 3, 4).sample(3, rng=1).s
    n = 5
    j = np.block([[np.zeros((n, n)), np.eye(n)], [-np.eye(n), np.zeros((n, n))]])
    assert np.allclose(j @ np.swapaxes(s4, -1, -2) @ j.T, s4, atol=1e-12), "CSE must be self-dual"
    # Kramers degeneracy of the full t block, eigenvalues returned once per pair
    sc4 = CavityScattering(s4, 2, 3, 4)
    full = np.sort(np.linalg.svd(sc4.t, compute_uv=False) ** 2, axis=-1)
    assert np.allclose(full[:, 0::2], full[:, 1::2], atol=1e-12)
    assert sc4.transmission_eigenvalues().shape == (3, 2)


def test_smatrix_view_and_units():
    sc = ChaoticCavity(2, 3, 2).sample(4, rng=5)
    s0 = sc.smatrix(0)
    assert np.isclose(s0.conductance(), sc.conductance()[0])
    assert np.isclose(s0.fano(), sc.fano()[0])
    assert np.isclose(sc.conductance(unit="S")[0], G0 * sc.conductance()[0])
    s0.check_unitarity()
    sc4 = ChaoticCavity(2, 3, 4).sample(2, rng=5)
    # spinful SMatrix counts both Kramers partners in g, but agrees in siemens
    assert np.isclose(sc4.smatrix(1).conductance(), 2 * sc4.conductance()[1])
    assert np.isclose(sc4.smatrix(1).conductance(unit="S"), sc4.conductance(unit="S")[1])


def test_reproducible_and_size_none():
    c = ChaoticCavity(2, 2, 1)
    assert np.array_equal(c.conductance(10, rng=4), c.conductance(10, rng=4))
    assert not np.array_equal(c.conductance(10, rng=4), c.conductance(10, rng=5))
    assert c.transmission_eigenvalues(rng=1).shape == (2,)
    assert c.transmission_eigenvalues(rng=1, method="jacobi").shape == (2,)


# ------------------------------------------------------------------ Mahaux–Weidenmüller

@pytest.mark.parametrize("beta", [1, 2, 4])
def test_mw_two_algorithms_and_symmetry(beta):
    cav = HamiltonianCavity(12, 1, 2, beta, coupling=[1.0, 0.4, 0.8])
    h = cav.hamiltonians(3, rng=2)
    s_k = cav.smatrix(h, 0.7).matrix
    s_d = cav.smatrix_direct(h, 0.7).matrix
    assert np.allclose(s_k, s_d, atol=1e-12), "K-matrix and direct MW formula disagree"
    s_e = cav.smatrix(h, [0.7, -2.0]).matrix
    assert s_e.shape == s_k.shape[:1] + (2,) + s_k.shape[1:]
    assert np.allclose(s_e[:, 0], s_k, atol=1e-12), "eigenbasis route disagrees with LU route"
    assert np.all(CavityScattering(s_k, 1, 2, beta).unitarity_error() < 1e-10)
    if beta == 1:
        assert np.allclose(s_k, np.swapaxes(s_k, -1, -2), atol=1e-12)
    if beta == 4:
        n = 3
        j = np.block([[np.zeros((n, n)), np.eye(n)], [-np.eye(n), np.zeros((n, n))]])
        assert np.allclose(j @ np.swapaxes(s_k, -1, -2) @ j.T, s_k, atol=1e-12)


def test_mw_poles_are_the_poles_of_s():
    cav = HamiltonianCavity(10, 1, 1, 2, coupling=0.6)
    h = cav.hamiltonians(rng=3)
    z = cav.poles(h)
    assert z.shape == (10,) and np.all(z.imag < 0)
    # det S(E) = prod_n (E - z_n*)/(E - z_n) (Weidenmüller's pole expansion)
    for e in (0.3, -1.7):
        det = np.linalg.det(cav.smatrix(h, e).matrix)
        assert np.isclose(det, np.prod((e - np.conj(z)) / (e - z)), rtol=1e-9)
    # trace identity: sum of widths = 2 pi tr(W W^dag) / Delta
    w = cav.coupling_matrix
    assert np.isclose(np.sum(-2 * z.imag), 2 * np.pi * np.trace(w @ w.T) / cav.spacing, rtol=1e-10)


def test_mw_coupling_relation():
    # T_c = 1 - |<S_cc>|^2 for the requested transmission coefficients (M large).
    t_req = np.array([0.3, 0.8])
    cav = HamiltonianCavity(60, 1, 1, 1, coupling=t_req)
    s = cav.sample(3000, rng=21).s
    sd = np.einsum("kii->ki", s)
    mean = sd.mean(axis=0)
    err = np.sqrt(sd.real.var(axis=0, ddof=1) + sd.imag.var(axis=0, ddof=1)) / np.sqrt(sd.shape[0])
    expected = (1 - cav.kappa) / (1 + cav.kappa)
    # allowance 1/M for the finite-M band-centre density of states
    assert np.all(np.abs(mean - expected) <= 4 * err + 1.0 / cav.M), (mean, expected, err)


@pytest.mark.parametrize("beta", [1, 2])
def test_mw_ideal_coupling_reproduces_circular_mean(beta):
    cav = HamiltonianCavity(40, 2, 2, beta)
    g = cav.sample(3000, rng=31 + beta).conductance()
    m, se = g.mean(), g.std(ddof=1) / np.sqrt(g.size)
    theory = th.mean_transmission(2, 2, beta)
    # statistical 4 sigma plus a stated finite-size allowance 1/M (Gaussian H -> CβE as M -> inf)
    assert abs(m - theory) <= 4 * se + 1.0 / cav.M, (m, se, theory)


def test_mw_parametric():
    cav = HamiltonianCavity(16, 1, 1, 1)
    s = cav.sample_parametric(4, rng=2, x=[0.0, 0.5], energy=[0.0, 1.0], kind="rotation")
    assert s.shape == (4, 2, 2, 2, 2)
    # X = 0 is H1 itself
    h1 = cav.hamiltonians(4, rng=np.random.default_rng(2))
    assert np.allclose(s[:, 0, 0], cav.smatrix(h1, 0.0).matrix, atol=1e-12)
    f = cav.sample_parametric(3, rng=2, x=[0.0, 0.5], kind="field")
    assert np.allclose(f[:, 0, 0], np.swapaxes(f[:, 0, 0], -1, -2), atol=1e-12)
    assert not np.allclose(f[:, 1, 0], np.swapaxes(f[:, 1, 0], -1, -2), atol=1e-6), "field must break S = S^T"


# ------------------------------------------------------------------ bad input

@pytest.mark.parametrize("call,exc", [
    (lambda: ChaoticCavity(0, 1, 1), ValueError),
    (lambda: ChaoticCavity(1, 2.0, 1), TypeError),
    (lambda: ChaoticCavity(1, 1, 0), ValueError),
    (lambda: ChaoticCavity(1, 1, 3).sample(2), ValueError),
    (lambda: ChaoticCavity(1, 1, 1).transmission_eigenvalues(2, method="qr"), ValueError),
    (lambda: ChaoticCavity(1, 1, 1).sample(0), ValueError),
    (lambda: HamiltonianCavity(3, 2, 2, 1), ValueError),
    (lambda: HamiltonianCavity(10, 1, 1, 3), ValueError),
    (lambda: HamiltonianCavity(10, 1, 1, 1, coupling=0.0), ValueError),
    (lambda: HamiltonianCavity(10, 1, 1, 1, coupling=[1.0, 1.5]), ValueError),
    (lambda: HamiltonianCavity(10, 1, 1, 1, coupling=[0.5]), ValueError),
    (lambda: HamiltonianCavity(10, 1, 1, 1, coupling="weak"), ValueError),
    (lambda: HamiltonianCavity(10, 1, 1, 2).sample_parametric(2, kind="field"), ValueError),
    (lambda: HamiltonianCavity(4, 1, 1, 1).smatrix(np.ones((3, 3))), ValueError),
    (lambda: HamiltonianCavity(4, 1, 1, 1).smatrix(np.triu(np.ones((4, 4)))), ValueError),
    (lambda: CavityScattering.from_matrices(1.01 * np.eye(2), 1, 1, 1), ValueError),
    (lambda: CavityScattering.from_matrices(np.eye(3), 1, 1, 1), ValueError),
    (lambda: reflection_moments(np.eye(2)), TypeError),
])
def test_bad_input(call, exc):
    with pytest.raises(exc):
        call()


def test_user_matrices_accepted_when_unitary():
    s = CavityScattering.from_matrices(np.array([[0.6, 0.8], [0.8, -0.6]]), 1, 1, 1)
    assert np.isclose(s.conductance()[0], 0.64)
    assert isinstance(ConvergenceError("x"), RuntimeError)


@pytest.mark.parametrize("beta", [1, 2])
def test_mw_weak_coupling_widths_follow_porter_thomas(beta):
    cav = HamiltonianCavity(30, 1, 1, beta, coupling=0.005)
    widths = -2 * cav.sample_poles(40, rng=50 + beta).imag
    first_order_mean = 2 * np.pi * np.sum(cav.w**2) / (cav.M * cav.spacing)
    res = ks_test(widths.ravel() / first_order_mean, th.porter_thomas(2 * beta).cdf,
                  label=f"Porter-Thomas nu={2 * beta}")
    assert res.passed, res.summary()


def test_mw_mean_width_moldauer_simonius():
    t, m = 0.5, 48
    cav = HamiltonianCavity(m, 2, 2, 1, coupling=t)
    z = cav.sample_poles(100, rng=61)
    inside = np.abs(z.real) < 0.1 * cav.radius / cav.spacing
    w, c = np.where(inside, -2 * z.imag, 0).sum(axis=1), inside.sum(axis=1)
    mean = w.sum() / c.sum()
    err = np.sqrt(np.sum((w - mean * c) ** 2)) / c.sum()
    ms = th.moldauer_simonius_width([t] * 4)
    # 4 sigma plus a stated finite-M allowance ms/M (the sum rule holds for M -> infinity)
    assert abs(mean - ms) < 4 * err + ms / m, (mean, err, ms)
    assert abs(mean - th.weisskopf_width([t] * 4)) > 4 * err, "Weisskopf must fail at T = 0.5"
