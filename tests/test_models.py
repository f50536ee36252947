"""Many-body and Floquet generators: Hamiltonians against independent constructions, symmetry classes."""

from functools import reduce

import numpy as np
import pytest

from rmt_meso.models import XXZChain, eigvals_near, kicked_top, sector_basis, spin_matrices, syk_class, syk_eigvals, \
    syk_hamiltonian
from rmt_meso.models.syk import _majorana_tables
from rmt_meso.spectral.inference import class_likelihoods, estimate_sectors, fit_beta

SX = np.array([[0, 1], [1, 0]]) / 2
SY = np.array([[0, -1j], [1j, 0]]) / 2
SZ = np.array([[1, 0], [0, -1]]) / 2   # basis (up, down)


def _site_op(op, i, L):
    # bit i of the integer basis index = site i; kron order puts site L-1 first; bit value 1 = up
    ops = [np.eye(2)] * L
    flip = np.array([[0, 1], [1, 0]])
    ops[L - 1 - i] = flip @ op @ flip            # our bit convention: index 0 = down, 1 = up
    return reduce(np.kron, ops)


@pytest.mark.parametrize("periodic,flux", [(True, 0.0), (False, 0.0), (True, 0.9)])
def test_xxz_matches_kronecker_construction(periodic, flux):
    L, W, delta = 6, 1.5, 0.7
    ch = XXZChain(L, W=W, delta=delta, periodic=periodic, flux=flux)
    h_fields = ch.fields(rng=3)
    full = sum(h_fields[i] * _site_op(SZ, i, L) for i in range(L))
    bonds = [(i, i + 1) for i in range(L - 1)] + ([(L - 1, 0)] if periodic else [])
    sp = lambda i: _site_op(SX + 1j * SY, i, L)
    sm = lambda i: _site_op(SX - 1j * SY, i, L)
    ph = np.exp(1j * flux / L)
    for i, j in bonds:
        full = full + 0.5 * (ph * sp(i) @ sm(j) + np.conj(ph) * sm(i) @ sp(j))
        full = full + delta * _site_op(SZ, i, L) @ _site_op(SZ, j, L)
    b = sector_basis(L, L // 2)
    np.testing.assert_allclose(ch.hamiltonian(fields=h_fields).toarray(), full[np.ix_(b, b)], atol=1e-13)


def test_sector_basis_and_errors():
    assert sector_basis(18, 9).size == 48620
    with pytest.raises(ValueError, match="sz must be one of"):
        XXZChain(6, sz=0.5)
    with pytest.raises(ValueError, match="flux needs periodic=True"):
        XXZChain(6, flux=1.0, periodic=False)


def test_mirror_fields_commute_with_reflection():
    ch = XXZChain(8, W=2.0, mirror=True)
    h = ch.hamiltonian(rng=1).toarray()
    b = ch.basis
    refl = np.array([int(format(int(x), "08b")[::-1], 2) for x in b])
    perm = np.searchsorted(b, refl)
    p = np.zeros((b.size, b.size))
    p[perm, np.arange(b.size)] = 1
    np.testing.assert_allclose(p @ h @ p.T, h, atol=1e-13)


def test_shift_invert_matches_dense():
    h = XXZChain(12, W=2.0).hamiltonian(rng=2)
    full = np.linalg.eigvalsh(h.toarray())
    sigma = 0.5 * (full[0] + full[-1])
    near = eigvals_near(h, 20)
    expect = np.sort(full[np.argsort(np.abs(full - sigma))[:20]])
    np.testing.assert_allclose(near, expect, atol=1e-9)


def test_majoranas_anticommute():
    n_q = 4
    masks, phases = _majorana_tables(n_q)
    dim = 1 << n_q
    b = np.arange(dim)
    chis = []
    for m, ph in zip(masks, phases):
        c = np.zeros((dim, dim), complex)
        c[b ^ m, b] = ph
        chis.append(c)
    for a in range(2 * n_q):
        for c in range(2 * n_q):
            anti = chis[a] @ chis[c] + chis[c] @ chis[a]
            np.testing.assert_allclose(anti, np.eye(dim) * (a == c), atol=1e-13)
        np.testing.assert_allclose(chis[a], chis[a].conj().T, atol=1e-13)


def test_syk_variance_and_parity():
    N = 10
    hs = [syk_hamiltonian(N, rng=s) for s in range(30)]
    # tr H^2 / 2^{N/2} = sum_J J^2 / 16 = C(N,4) (6/N^3) / 16 for J = 1
    from math import comb
    m2 = np.mean([np.trace(h @ h).real / h.shape[0] for h in hs])
    expect = comb(N, 4) * 6 / N ** 3 / 16
    assert abs(m2 - expect) < 0.15 * expect
    pop = np.array([bin(i).count("1") % 2 for i in range(32)])
    np.testing.assert_allclose(hs[0][np.ix_(pop == 0, pop == 1)], 0, atol=1e-14)


def test_syk_degeneracies_by_n_mod_8():
    e12 = syk_eigvals(12, rng=1, kramers="all")           # 4 mod 8: Kramers pairs in a block
    np.testing.assert_allclose(e12[::2], e12[1::2], atol=1e-10)
    e0, e1 = (np.linalg.eigvalsh(syk_hamiltonian(10, rng=2, parity=p)) for p in (0, 1))
    np.testing.assert_allclose(e0, e1, atol=1e-10)        # 2 mod 8: blocks mirror each other
    f0, f1 = (np.linalg.eigvalsh(syk_hamiltonian(16, rng=2, parity=p)) for p in (0, 1))
    assert np.min(np.abs(f0[:, None] - f1[None, :])) > 1e-8   # 0 mod 8: independent blocks
    assert [syk_class(n) for n in (8, 10, 12, 14)] == [1, 2, 4, 2]


@pytest.mark.parametrize("N,realisations", [(12, 80), (14, 30), (16, 12), (18, 5)])
def test_syk_class_recovered(N, realisations):
    e = [syk_eigvals(N, rng=s) for s in range(realisations)]
    e = [v[int(0.2 * v.size): int(0.8 * v.size)] for v in e]
    cl = class_likelihoods(e)
    assert cl.best == syk_class(N), cl.zscore


def test_kicked_top_unitary_and_time_reversal():
    jx, jy, jz = spin_matrices(5)
    np.testing.assert_allclose(jx @ jy - jy @ jx, 1j * jz, atol=1e-12)
    u = kicked_top(5)
    np.testing.assert_allclose(u @ u.conj().T, np.eye(11), atol=1e-12)
    # T = exp(-i pi J_z) K: T U' T^-1 = U'^dagger for the symmetrised U' = A^1/2 B A^1/2
    w, v = np.linalg.eigh(jy)
    half = (v * np.exp(-0.5j * 1.7 * w)) @ v.conj().T
    b = np.diag(np.exp(-1j * (10 * np.diag(jz) ** 2 / 11 + 0.3 * np.diag(jz))))
    np.testing.assert_allclose(kicked_top(5), b @ half @ half, atol=1e-12)      # U = B A
    up = half @ b @ half
    r = np.diag(np.exp(-1j * np.pi * np.diag(jz)))
    np.testing.assert_allclose(r @ up.conj() @ r.conj().T, up.conj().T, atol=1e-12)
    np.testing.assert_allclose(np.sort(np.angle(np.linalg.eigvals(up))),
                               np.sort(np.angle(np.linalg.eigvals(b @ half @ half))), atol=1e-10)


@pytest.mark.parametrize("tr,beta", [(True, 1), (False, 2)])
def test_kicked_top_class(tr, beta):
    from rmt_meso.models import kicked_top_phases
    ph = [kicked_top_phases(120, kz=kz, time_reversal=tr) for kz in np.linspace(10, 12, 6)]
    cl = class_likelihoods(ph)
    assert cl.best == beta, cl.zscore


@pytest.mark.parametrize("W,flux,mirror,beta", [(0.5, 0.0, False, 1), (8.0, 0.0, False, 0),
                                                (0.5, np.pi / 2, False, 2)])
def test_xxz_phases(W, flux, mirror, beta):
    ch = XXZChain(12, W=W, flux=flux, mirror=mirror)
    e = [ch.eigvals(rng=s)[231:693] for s in range(5)]
    fit = fit_beta(e)
    assert class_likelihoods(e).best == beta
    assert abs(fit.beta.value - beta) < 4 * fit.beta.stderr, fit.beta


def test_xxz_unresolved_reflection_gives_two_sectors():
    ch = XXZChain(12, W=1.0, mirror=True)
    e = [ch.eigvals(rng=s)[231:693] for s in range(8)]
    est = estimate_sectors(e, beta=1)
    assert abs(est.zscores[2]) < 4 and abs(est.zscores[1]) > 4, est


def test_syk_matches_dense_majorana_construction():
    """H from explicit Jordan-Wigner Kronecker products and the same couplings."""
    from itertools import combinations
    N, n_q = 8, 4
    X = np.array([[0, 1], [1, 0]])
    Y = np.array([[0, -1j], [1j, 0]])
    Z = np.diag([1.0, -1.0])

    def op(k, p):                      # Z_0 ... Z_{k-1} P_k on bits (bit k <-> kron slot n_q - 1 - k)
        ops = [np.eye(2)] * n_q
        for i in range(k):
            ops[n_q - 1 - i] = Z
        ops[n_q - 1 - k] = p
        return reduce(np.kron, ops) / np.sqrt(2)

    chi = [op(a // 2, X if a % 2 == 0 else Y) for a in range(N)]
    # the |0>/|1> convention of Z (Z|0> = |0>, bit value 0) matches _majorana_tables' (-1)^bit
    quads = list(combinations(range(N), 4))
    coup = np.random.default_rng(4).standard_normal(len(quads)) * np.sqrt(6.0 / N ** 3)
    dense = sum(j * chi[a] @ chi[b] @ chi[c] @ chi[d] for (a, b, c, d), j in zip(quads, coup))
    np.testing.assert_allclose(syk_hamiltonian(N, rng=4), dense, atol=1e-13)


@pytest.mark.parametrize("permc_spec", ["RCM", "MMD_AT_PLUS_A", "COLAMD"])
def test_shift_invert_orderings_and_singular_shift(permc_spec):
    # the shared kernel (rmt_meso._sparse): every ordering gives the same levels, and a shift
    # exactly at an eigenvalue (singular H - sigma) is moved, not an error
    h = XXZChain(10, W=1.0).hamiltonian(rng=4)
    full = np.linalg.eigvalsh(h.toarray())
    sigma = float(full[full.size // 2])
    near = eigvals_near(h, 8, sigma=sigma, permc_spec=permc_spec)
    np.testing.assert_allclose(near, np.sort(full[np.argsort(np.abs(full - sigma))[:8]]), atol=1e-9)
    with pytest.raises(ValueError, match="permc_spec must be one of"):
        eigvals_near(h, 8, permc_spec="METIS")
