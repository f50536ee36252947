"""Leads: modes, current normalisation, self-energies by two algorithms."""

import numpy as np
import pytest

from rmt_meso import ConvergenceError
from rmt_meso.transport.leads import Lead


def chain(m, flux=0.0, t=1.0):
    h0 = -t * (np.eye(m, k=1) + np.eye(m, k=-1))
    h1 = -t * np.diag(np.exp(2j * np.pi * flux * np.arange(m)))
    return h0, h1


def spin_orbit_cell(m, theta=0.4):
    ux = np.array([[np.cos(theta), np.sin(theta)], [-np.sin(theta), np.cos(theta)]])
    uy = np.array([[np.cos(theta), 1j * np.sin(theta)], [1j * np.sin(theta), np.cos(theta)]])
    h0 = -np.kron(np.eye(m, k=-1), uy)
    h0 = h0 + h0.conj().T
    return h0, -np.kron(np.eye(m), ux)


def random_lead(m, seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(m, m)) + 1j * rng.normal(size=(m, m))
    h0 = (a + a.conj().T) / 2
    h1 = rng.normal(size=(m, m)) + 1j * rng.normal(size=(m, m))
    return h0, h1


LEADS = {
    "chain1d": ([[0.0]], [[-1.0]]),
    "strip": chain(5),
    "strip_flux": chain(5, flux=0.13),
    "spin_orbit": spin_orbit_cell(3),
    "random_complex": random_lead(4, 0),
    "singular_h1": (chain(4)[0], np.diag([-1.0, -1.0, 0.0, -1.0])),
}


def test_chain_exact():
    lead = Lead([[0.0]], [[-1.0]])
    for e in (-1.7, -0.4, 0.0, 0.9, 1.95):
        k = np.arccos(-e / 2)
        m = lead.modes(e)
        assert m.n_open == 1
        np.testing.assert_allclose(m.momenta_right, [k], atol=1e-12)
        np.testing.assert_allclose(m.velocities_right, [2 * np.sin(k)], rtol=1e-12)
        # retarded Σ = -t e^{ik} = E/2 - i sqrt(1 - E²/4) on both sides
        want = e / 2 - 1j * np.sqrt(1 - e * e / 4)
        for side in ("left", "right"):
            np.testing.assert_allclose(lead.self_energy(e, side=side), [[want]], atol=1e-12)
    # outside the band: no open channel, real Σ = E/2 - sign(E) sqrt(E²/4 - 1)
    for e in (-2.5, 3.0):
        assert lead.modes(e).n_open == 0
        want = e / 2 - np.sign(e) * np.sqrt(e * e / 4 - 1)
        np.testing.assert_allclose(lead.self_energy(e), [[want]], atol=1e-12)


@pytest.mark.parametrize("name", list(LEADS))
@pytest.mark.parametrize("energy", [-2.3, 0.37, 1.1, 6.5])
def test_self_energy_two_algorithms(name, energy):
    lead = Lead(*LEADS[name])
    for side in ("left", "right"):
        s_modes = lead.self_energy(energy, side=side)
        s_dec = lead.self_energy(energy, side=side, method="decimation", eta=1e-10)
        np.testing.assert_allclose(s_modes, s_dec, atol=1e-7, err_msg=f"{name} {side}")
        # retarded: Γ = i(Σ - Σ^†) is positive semi-definite
        gamma = 1j * (s_modes - s_modes.conj().T)
        assert np.linalg.eigvalsh(gamma).min() > -1e-10


@pytest.mark.parametrize("name", list(LEADS))
@pytest.mark.parametrize("energy", [-1.3, 0.37, 2.2])
def test_modes_solve_schroedinger_and_carry_unit_current(name, energy):
    lead = Lead(*LEADS[name])
    h0, h1 = lead.h0, lead.h1
    m = lead.modes(energy)
    assert m.right.shape == m.left.shape
    assert m.n_open + m.decaying.shape[1] == lead.size or np.linalg.matrix_rank(h1) < lead.size
    for phi, k in [(m.right, m.momenta_right), (m.left, m.momenta_left)]:
        for j in range(phi.shape[1]):
            lam = np.exp(1j * k[j])
            res = (energy * np.eye(lead.size) - h0 - h1 / lam - lam * h1.conj().T) @ phi[:, j]
            assert np.linalg.norm(res) < 1e-9
        # current matrix: diagonal ±1 within the set (unit, independent currents)
        lam = np.exp(1j * k)
        cur = np.array([[(-1j * (np.conj(lam[a]) * phi[:, a].conj() @ h1 @ phi[:, b]
                                 - lam[b] * phi[:, a].conj() @ h1.conj().T @ phi[:, b]))
                         if np.isclose(lam[a], lam[b]) else 0.0 for b in range(len(lam))]
                        for a in range(len(lam))]).reshape(len(lam), len(lam))
        sign = 1 if phi is m.right else -1
        np.testing.assert_allclose(cur, sign * np.eye(len(lam)), atol=1e-9)
    assert np.all(m.velocities_right > 0) and np.all(m.velocities_left < 0)
    for phi, lam in [(m.decaying, m.lambda_decaying)]:
        assert np.all(np.abs(lam) < 1)
        for j in range(phi.shape[1]):
            if lam[j] != 0:
                res = (energy * lam[j] * np.eye(lead.size) - lam[j] * h0 - h1 - lam[j] ** 2 * h1.conj().T) @ phi[:, j]
                assert np.linalg.norm(res) < 1e-8


@pytest.mark.parametrize("phase", [0.0, 0.7])
def test_separable_and_general_agree(phase):
    h0, _ = chain(7)
    lead = Lead(h0, -np.exp(1j * phase) * np.eye(7))     # h1 = c·1, also complex c
    assert lead._separable
    for e in (-3.1, -0.2, 1.5):
        a = lead.modes(e, algorithm="separable")
        b = lead.modes(e, algorithm="general")
        np.testing.assert_allclose(a.momenta_right, b.momenta_right, atol=1e-10)
        np.testing.assert_allclose(a.velocities_right, b.velocities_right, atol=1e-10)
        np.testing.assert_allclose(np.sort(np.abs(a.lambda_decaying)), np.sort(np.abs(b.lambda_decaying)),
                                   atol=1e-10)
        np.testing.assert_allclose(lead._solve(e, "separable").sigma_right, lead._solve(e, "general").sigma_right,
                                   atol=1e-10)
        # the same modes up to a phase (non-degenerate transverse energies)
        overlap = np.abs(a.right.conj().T @ b.right)
        np.testing.assert_allclose(overlap, np.abs(a.right.conj().T @ a.right), atol=1e-9)


def test_number_of_open_channels_strip():
    m = 9
    lead = Lead(*chain(m))
    eps = -2 * np.cos(np.pi * np.arange(1, m + 1) / (m + 1))
    for e in np.linspace(-3.9, 3.9, 23):
        assert lead.n_open(e) == np.sum(np.abs(e - eps) < 2)


def test_time_reversal_basis():
    lead = Lead(*chain(5))
    m = lead.modes(0.3)
    assert m.time_reversal_basis
    np.testing.assert_array_equal(m.left, m.right.conj())
    assert not Lead(*chain(5, flux=0.1)).modes(0.3).time_reversal_basis


def test_spin_orbit_lead_time_reversal_partners():
    # T = i σ_y K maps a right-mover at k onto a left-mover at -k with the same speed
    lead = Lead(*spin_orbit_cell(4))
    m = lead.modes(0.5)
    assert not m.time_reversal_basis and m.n_open % 2 == 0
    np.testing.assert_allclose(np.sort(m.momenta_right), np.sort(-m.momenta_left), atol=1e-10)
    np.testing.assert_allclose(np.sort(m.velocities_right), np.sort(-m.velocities_left), rtol=1e-10)


def test_band_edge_raises():
    lead = Lead([[0.0]], [[-1.0]])
    with pytest.raises(ConvergenceError, match="band edge"):
        lead.modes(2.0)


def test_cache_is_used():
    lead = Lead(*chain(4))
    a = lead._solve(0.3)
    assert lead._solve(0.3) is a


@pytest.mark.parametrize("h0,h1,exc,match", [
    (np.zeros((2, 3)), np.zeros((2, 3)), ValueError, "square"),
    ([[0.0, 1.0], [0.0, 0.0]], -np.eye(2), ValueError, "Hermitian"),
    (np.zeros((2, 2)), -np.eye(3), ValueError, "shape"),
    (np.zeros((2, 2)), np.zeros((2, 2)), ValueError, "vanish"),
    ([[np.nan]], [[-1.0]], ValueError, "finite"),
    ("abc", [[-1.0]], TypeError, "numeric"),
])
def test_bad_input(h0, h1, exc, match):
    with pytest.raises(exc, match=match):
        Lead(h0, h1)


def test_bad_arguments():
    lead = Lead([[0.0]], [[-1.0]])
    with pytest.raises(ValueError, match="side"):
        lead.self_energy(0.1, side="top")
    with pytest.raises(ValueError, match="method"):
        lead.self_energy(0.1, method="magic")
    with pytest.raises(TypeError, match="energy"):
        lead.modes("0.1")
    with pytest.raises(ValueError, match="separable"):
        Lead(*chain(3, flux=0.1)).modes(0.1, algorithm="separable")


def test_lead_does_not_freeze_caller_arrays():
    h0 = np.zeros((2, 2), complex)
    h1 = -np.eye(2, dtype=complex)
    Lead(h0, h1)
    assert h0.flags.writeable and h1.flags.writeable


@pytest.mark.parametrize("width, flux, offsets", [
    (8, 0.1, (1e-6, 1e-5, 1e-4, 1e-3)),      # flat lowest Landau level: v ~ 5e-5 at 1e-6 above
    (20, 0.05, (1e-4, 1e-3, 1e-2)),
])
def test_slow_modes_near_landau_threshold_keep_current_orthonormality(width, flux, offsets):
    """Just above a flat (Landau-level) band bottom the modes' velocities are tiny; the pencil's
    eigenvectors then carried errors ~ eps/v that unit-current scaling turned into S errors of
    ~1e-6 (Wire(8, 20, flux=0.1): 9e-7 at 1e-6 above).  With the Hermitian H(k) refinement and
    the Schur evanescent basis the current matrix stays diagonal and S unitary to ~1e-3 ε/v²."""
    from rmt_meso.transport.wire import Wire
    w = Wire(width, 20, flux=flux)
    lead = w.lead
    h1 = lead.h1
    e0 = lead.thresholds()[0]
    for d in offsets:
        e = e0 + d
        m = lead.modes(e)
        phi = np.concatenate([m.right, m.left], axis=1)
        lam = np.concatenate([m.lambda_right, m.lambda_left])
        a = (phi * lam[None, :]).conj().T @ h1 @ phi
        cur = -1j * (a - a.conj().T)
        want = np.diag([1.0] * m.n_open + [-1.0] * m.n_open)
        assert m.n_open >= 1
        assert np.max(np.abs(cur - want)) < 1e-9, d
        # the refined modes still solve the Bloch problem at their own k
        for phi_n, k in zip(m.right.T, m.momenta_right):
            r = lead.bloch_hamiltonian(k) @ phi_n - e * phi_n
            assert np.linalg.norm(r) < 1e-9 * np.linalg.norm(phi_n)
        # unit-current normalisation divides by v: rounding errors reach S as up to ~ε/v²
        # (measured (1e-3 – 4e-2) ε/v², e.g. 1.2e-10 at v = 5e-5, over a ~3e-13 floor; BLAS
        # dependent); the bug this guards against gave 9e-7 at v = 5e-5, 100 times this bound
        v_min = float(np.min(np.abs(m.velocities_right)))
        assert w.smatrix(e, tol=1.0).unitarity_error() < 1e-11 + 0.1 * np.finfo(float).eps / v_min**2, d


@pytest.mark.parametrize("case", ["armchair", "random_rank3"])
def test_rank_reduced_modes_equal_full_pencil(case):
    """A singular h1 (rank r < m) is solved from a 2r × 2r pencil; self-energies, sources and
    projections equal those of the full 2m × 2m pencil and of Sancho-Rubio decimation."""
    if case == "armchair":
        from rmt_meso.transport.devices import armchair_ribbon
        lead = armchair_ribbon(6, 15).leads[0].lead
        energies = [0.3, 0.75, 1.4, 2.2]
    else:
        rng = np.random.default_rng(7)
        m, r = 8, 3
        a = rng.normal(size=(m, m)) + 1j * rng.normal(size=(m, m))
        h0 = (a + a.conj().T) / 4
        h1 = (rng.normal(size=(m, r)) + 1j * rng.normal(size=(m, r))) @ rng.normal(size=(r, m)) / 2
        lead = Lead(h0, h1)
        energies = [-0.9, 0.1, 0.8]
    assert lead._svd is not None and lead._svd[1].size < lead.size / 2
    full = Lead(lead.h0, lead.h1)
    full._svd = None                                    # force the full pencil
    for e in energies:
        a, b = lead._solve(e), full._solve(e)
        assert a.modes.n_open == b.modes.n_open >= 1
        for name in ("sigma_right", "sigma_left"):
            np.testing.assert_allclose(getattr(a, name), getattr(b, name), atol=1e-10)
        # propagating modes agree up to a phase each (same momenta, unit current)
        np.testing.assert_allclose(a.modes.momenta_right, b.modes.momenta_right, atol=1e-10)
        ov = np.abs(np.sum(a.modes.right.conj() * b.modes.right, axis=0))
        np.testing.assert_allclose(ov, np.sum(np.abs(b.modes.right) ** 2, axis=0), rtol=1e-8)
        dec = lead.self_energy(e, method="decimation", eta=1e-9)
        np.testing.assert_allclose(a.sigma_right, dec, atol=1e-6)


@pytest.mark.parametrize("name", ["strip_flux", "spin_orbit", "random_complex"])
def test_reversed_lead_solution_equals_its_own_solve(name):
    """The lead traversed backwards (h1 -> h1^dag) needs no solve of its own: the sides of the
    lead's solution swap (Σ_R <-> Σ_L, right- <-> left-movers with k -> -k)."""
    from rmt_meso.transport.leads import _is_reverse, _reversed_solution
    h0, h1 = LEADS[name]
    a = Lead(h0, h1)
    b = Lead(h0, np.asarray(h1, complex).conj().T)
    assert _is_reverse(a, b) and _is_reverse(b, a)
    assert not _is_reverse(a, Lead(np.asarray(h0) + 0.1 * np.eye(len(h0)), np.asarray(h1, complex).conj().T))
    for e in (-0.7, 0.4):
        got, want = _reversed_solution(a._solve(e)), b._solve(e)
        assert got.modes.n_open == want.modes.n_open
        np.testing.assert_allclose(got.sigma_right, want.sigma_right, atol=1e-10)
        np.testing.assert_allclose(got.sigma_left, want.sigma_left, atol=1e-10)
        np.testing.assert_allclose(np.sort(got.modes.momenta_right), np.sort(want.modes.momenta_right), atol=1e-10)
        np.testing.assert_allclose(np.sort(got.modes.velocities_right), np.sort(want.modes.velocities_right),
                                   atol=1e-10)
        # the swapped projections still pick the outgoing modes: P_R φ_R = 1
        np.testing.assert_allclose(got.proj_right @ got.modes.right, np.eye(got.modes.n_open), atol=1e-10)
