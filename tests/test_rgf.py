"""Recursive Green's function and sparse-LU S-matrices against exact and independent results."""

import numpy as np
import pytest

from rmt_meso import ConvergenceError
from rmt_meso.transport.leads import Lead
from rmt_meso.transport.rgf import caroli_transmission, rgf_smatrix
from rmt_meso.transport.smatrix import SMatrix

CHAIN = Lead([[0.0]], [[-1.0]])
ALGORITHMS = ["rgf", "sparse"]


def transfer_matrix_transmission(eps, energy):
    """Exact T of a 1D chain (t = 1) with on-site energies eps on sites 0..N-1.

    Plane waves e^{±ikn} in the leads; ψ_{n+1} = (ε_n - E) ψ_n - ψ_{n-1} inside.
    """
    k = np.arccos(-energy / 2)
    n = len(eps)
    q0 = np.array([[1, 1], [np.exp(-1j * k), np.exp(1j * k)]])          # (ψ_0, ψ_{-1}) from (A, B)
    p = np.eye(2, dtype=complex)
    for e in eps:
        p = np.array([[e - energy, -1], [1, 0]]) @ p
    qn = np.array([[np.exp(1j * k * n), np.exp(-1j * k * n)],
                   [np.exp(1j * k * (n - 1)), np.exp(-1j * k * (n - 1))]])  # (ψ_N, ψ_{N-1}) from (C, D)
    tm = np.linalg.solve(qn, p @ q0)
    r = -tm[1, 0] / tm[1, 1]
    c = tm[0, 0] + tm[0, 1] * r
    return abs(c) ** 2


def strip(m, L, *, W=1.0, flux=0.0, seed=0):
    rng = np.random.default_rng(seed)
    h0 = -(np.eye(m, k=1) + np.eye(m, k=-1))
    v = -np.diag(np.exp(2j * np.pi * flux * np.arange(m)))
    slices = h0[None] + np.einsum("ij,li->lij", np.eye(m), W * (rng.random((L, m)) - 0.5))
    return slices, v, Lead(h0, v)


def spin_orbit_strip(m, L, *, W=1.0, theta=0.5, seed=0):
    rng = np.random.default_rng(seed)
    ux = np.array([[np.cos(theta), np.sin(theta)], [-np.sin(theta), np.cos(theta)]])
    uy = np.array([[np.cos(theta), 1j * np.sin(theta)], [1j * np.sin(theta), np.cos(theta)]])
    h0 = -np.kron(np.eye(m, k=-1), uy)
    h0 = h0 + h0.conj().T
    v = -np.kron(np.eye(m), ux)
    eps = np.repeat(W * (rng.random((L, m)) - 0.5), 2, axis=1)
    slices = h0[None] + np.einsum("ij,li->lij", np.eye(2 * m), eps)
    return slices, v, Lead(h0, v)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("energy", [-1.7, -0.3, 0.8, 1.9])
@pytest.mark.parametrize("v_imp", [0.4, 2.5, -1.0])
def test_single_impurity_exact(algorithm, energy, v_imp):
    k = np.arccos(-energy / 2)
    exact = 1.0 / (1.0 + (v_imp / (2 * np.sin(k))) ** 2)
    slices = np.zeros((3, 1, 1))
    slices[1] = v_imp
    s = rgf_smatrix(slices, [[-1.0]], CHAIN, energy=energy, algorithm=algorithm)
    assert abs(s.conductance() - exact) < 1e-12


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("energy", [-1.2, 0.1, 1.5])
@pytest.mark.parametrize("height,width", [(0.5, 6), (3.0, 4), (-0.8, 9)])
def test_rectangular_barrier_transfer_matrix(algorithm, energy, height, width):
    eps = np.concatenate([np.zeros(2), np.full(width, height), np.zeros(3)])
    exact = transfer_matrix_transmission(eps, energy)
    s = rgf_smatrix(eps[:, None, None], [[-1.0]], CHAIN, energy=energy, algorithm=algorithm)
    assert abs(s.conductance() - exact) < 1e-11


def test_transfer_matrix_helper_single_impurity():
    # the reference itself reproduces the closed form (so it is a valid independent check)
    e, v = 0.6, 1.3
    k = np.arccos(-e / 2)
    assert abs(transfer_matrix_transmission([v], e) - 1 / (1 + (v / (2 * np.sin(k))) ** 2)) < 1e-13


def caroli_spectrum(slices, v, lead, energy):
    """Nonzero eigenvalues of Γ_L G Γ_R G† by one dense inversion: the T_n (independent route)."""
    L, m = slices.shape[0], slices.shape[1]
    n = L * m
    h = np.zeros((n, n), complex)
    for i in range(L):
        h[i * m:(i + 1) * m, i * m:(i + 1) * m] = slices[i]
        if i + 1 < L:
            h[(i + 1) * m:(i + 2) * m, i * m:(i + 1) * m] = v
            h[i * m:(i + 1) * m, (i + 1) * m:(i + 2) * m] = v.conj().T
    sl = np.zeros((n, n), complex)
    sr = np.zeros((n, n), complex)
    sl[:m, :m] = lead.self_energy(energy, side="left", method="decimation", eta=1e-12)
    sr[-m:, -m:] = lead.self_energy(energy, side="right", method="decimation", eta=1e-12)
    g = np.linalg.inv(energy * np.eye(n) - h - sl - sr)
    gl, gr = 1j * (sl - sl.conj().T), 1j * (sr - sr.conj().T)
    ev = np.linalg.eigvals(gl @ g @ gr @ g.conj().T)
    return np.sort(ev.real)


SYSTEMS = {
    "strip": lambda: strip(5, 7, W=2.0),
    "strip_flux": lambda: strip(5, 7, W=2.0, flux=0.11),
    "spin_orbit": lambda: spin_orbit_strip(3, 6, W=2.0),
}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("name", list(SYSTEMS))
def test_against_dense_green_function(name, algorithm):
    slices, v, lead = SYSTEMS[name]()
    for energy in (-1.1, 0.45):
        s = rgf_smatrix(slices, v, lead, energy=energy, algorithm=algorithm)
        tn = s.transmission_eigenvalues()
        ref = caroli_spectrum(slices, v, lead, energy)[-len(tn):]
        np.testing.assert_allclose(tn, ref, atol=1e-7, err_msg=name)
        assert abs(s.conductance() - caroli_transmission(slices, v, lead, energy=energy)) < 1e-10
        s.check_unitarity(1e-10)


@pytest.mark.parametrize("name", list(SYSTEMS))
def test_rgf_equals_sparse(name):
    slices, v, lead = SYSTEMS[name]()
    a = rgf_smatrix(slices, v, lead, energy=0.3, algorithm="rgf")
    b = rgf_smatrix(slices, v, lead, energy=0.3, algorithm="sparse")
    np.testing.assert_allclose(a.matrix, b.matrix, atol=1e-11)


@pytest.mark.parametrize("name", list(SYSTEMS))
def test_energies_vectorised_equal_one_by_one(name):
    slices, v, lead = SYSTEMS[name]()
    es = np.array([-1.3, 0.2, 0.9, 7.5])
    many = rgf_smatrix(slices, v, lead, energy=es)
    for e, s in zip(es, many):
        one = rgf_smatrix(slices, v, lead, energy=e)
        np.testing.assert_allclose(s.matrix, one.matrix, atol=1e-12)
    assert many[-1].n_left == 0 and many[-1].conductance() == 0.0


def merged(slices, v, lead):
    """The same system with pairs of slices merged into one (cell size 2m)."""
    m = slices.shape[1]
    z = np.zeros((m, m))
    big = np.array([np.block([[slices[i], v.conj().T], [v, slices[i + 1]]]) for i in range(0, len(slices), 2)])
    vbig = np.block([[z, v], [z, z]])           # second half of cell j -> first half of cell j+1
    h0 = np.block([[lead.h0, lead.h1.conj().T], [lead.h1, lead.h0]])
    return big, vbig, Lead(h0, vbig)


@pytest.mark.parametrize("name", list(SYSTEMS))
def test_independent_of_slicing(name):
    slices, v, lead = SYSTEMS[name]()
    if len(slices) % 2:
        slices = np.concatenate([slices, slices[:1]])     # even length
    a = rgf_smatrix(slices, v, lead, energy=0.35)
    b = rgf_smatrix(*merged(slices, v, lead), energy=0.35)   # doubled cells, singular h1
    assert a.n_left == b.n_left
    np.testing.assert_allclose(a.transmission_eigenvalues(), b.transmission_eigenvalues(), atol=1e-10)
    # left <-> right reversal: slices in reverse order, hoppings and lead reversed (h1 -> h1^†)
    c = rgf_smatrix(slices[::-1].copy(), v.conj().T, Lead(lead.h0, lead.h1.conj().T), energy=0.35)
    np.testing.assert_allclose(a.transmission_eigenvalues(), c.transmission_eigenvalues(), atol=1e-10)
    np.testing.assert_allclose(np.sort(np.linalg.svd(a.tp, compute_uv=False) ** 2),
                               a.transmission_eigenvalues(), atol=1e-12)


def test_list_of_slices_with_varying_hoppings():
    slices, v, lead = strip(4, 5, W=1.5)
    hops = [v * (1 + 0.1 * i) for i in range(4)]
    a = rgf_smatrix(list(slices), hops, lead, energy=0.2, algorithm="rgf")
    b = rgf_smatrix(list(slices), hops, lead, energy=0.2, algorithm="sparse")
    np.testing.assert_allclose(a.matrix, b.matrix, atol=1e-11)
    assert abs(a.conductance() - caroli_transmission(list(slices), hops, lead, energy=0.2)) < 1e-10


def test_zero_channel_result():
    slices, v, lead = strip(4, 3)
    s = rgf_smatrix(slices, v, lead, energy=-5.0)
    assert isinstance(s, SMatrix) and s.n_left == s.n_right == 0
    assert s.conductance() == 0.0 and s.transmission_eigenvalues().size == 0
    assert s.matrix.shape == (0, 0)


def test_single_slice():
    slices, v, lead = strip(3, 1, W=2.0)
    s = rgf_smatrix(slices, v, lead, energy=0.4)
    assert abs(s.conductance() - caroli_transmission(slices, v, lead, energy=0.4)) < 1e-12


def test_bad_input():
    slices, v, lead = strip(4, 3)
    with pytest.raises(ValueError, match="cell size"):
        rgf_smatrix(slices, v, Lead(np.zeros((3, 3)), -np.eye(3)), energy=0.1)
    with pytest.raises(ValueError, match="hoppings"):
        rgf_smatrix(slices, np.eye(3), lead, energy=0.1)
    with pytest.raises(ValueError, match="L-1"):
        rgf_smatrix(slices, [v] * 5, lead, energy=0.1)
    bad = slices.copy()
    bad[1, 0, 1] += 0.5
    with pytest.raises(ValueError, match="Hermitian"):
        rgf_smatrix(bad, v, lead, energy=0.1)
    with pytest.raises(TypeError, match="Lead"):
        rgf_smatrix(slices, v, "lead", energy=0.1)
    with pytest.raises(ValueError, match="algorithm"):
        rgf_smatrix(slices, v, lead, energy=0.1, algorithm="dense")
    with pytest.raises(ValueError, match="finite"):
        rgf_smatrix(slices, v, lead, energy=np.nan)
    with pytest.raises(ValueError, match="beta"):
        rgf_smatrix(slices, v, lead, energy=0.1, beta=3)
    with pytest.raises(ConvergenceError, match="band edge"):
        rgf_smatrix(np.zeros((2, 1, 1)), [[-1.0]], CHAIN, energy=2.0)


def test_algorithm_choice_by_shape():
    # measured: the recursion wins at every shape tried (see rgf.choose_algorithm)
    from rmt_meso.transport.rgf import choose_algorithm
    for shape in [(20, 100), (80, 400), (300, 40), (600, 10)]:
        assert choose_algorithm(*shape) == "rgf"
