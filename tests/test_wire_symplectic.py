"""Time-reversal symmetry of the wire S-matrix with spin-orbit coupling (beta = 4).

Derivation (checked here numerically).  Let the time-reversal operator be
``T = U_T K`` with ``U_T`` unitary (``U_T = 1`` spinless, ``U_T = 1 ⊗ iσ_y`` per site for
Ando's spin-orbit model, spin fastest) and ``T² = ε`` (ε = +1 resp. -1).  If the lead is
time-reversal invariant, ``T`` maps each incoming flux-normalised mode to a combination of
outgoing ones, ``U_T conj(φ_in) = φ_out M`` (column ``a`` of ``M`` expands the
time-reversed incoming mode ``a``); ``M`` is unitary because ``T`` preserves the magnitude
of the current and flips its sign.  For this code's lead basis:

* in the left lead, incoming = right-movers R, outgoing = left-movers L: ``U_T conj(R) = L A``;
* in the right lead, incoming = L, outgoing = R: ``U_T conj(L) = R B``, and ``T² = ε`` gives
  ``B = ε Aᵀ`` (the same Lead object serves both sides);

so ``M = diag(A, B)`` with the ordering of ``S = [[r, t'], [t, r']]``.  Applying ``T`` to a
scattering state ``c_in φ_in + (S c_in) φ_out`` gives a scattering state with incoming
amplitudes ``ε Mᵀ conj(S c_in)`` and outgoing ``M conj(c_in)``, hence

    M = ε S Mᵀ conj(S)   <=>   S Mᵀ = ε (S Mᵀ)ᵀ,

i.e. ``S Mᵀ`` is symmetric for β = 1 and **antisymmetric for β = 4** (equivalently
``S = ε M Sᵀ conj(M)``).  In this code's basis (``time_reversal_basis`` for real leads,
``A = 1``) the β = 1 case is plain ``S = Sᵀ``.  For Ando's spin-orbit leads the right-movers
are sorted by k and the Kramers partner of right-mover ``a`` (momentum ``k_a``) is the
left-mover with momentum ``-k_a``, which sits at index ``n - 1 - a``: ``A`` is an
anti-diagonal matrix of phases whenever the momenta are non-degenerate.  Then the
antisymmetry makes the Kramers-partner reflection amplitudes vanish,
``r[n-1-a, a] = r'[n-1-a, a] = 0`` (no backscattering into the time-reversed channel), and
every transmission and reflection eigenvalue is doubly degenerate (Kramers).

References
----------
C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. II.B (symmetry classes of S).
T. Ando, Phys. Rev. B 40, 5325 (1989) (spin-orbit lattice model).
"""

import numpy as np
import pytest

from rmt_meso.transport import Wire


def time_reversal_matrix(lead, energy, spinful):
    """(M, eps): ``U_T conj(phi_in) = phi_out M`` for both leads, and T² = eps."""
    m = lead.size
    if spinful:
        u_t, eps = np.kron(np.eye(m // 2), np.array([[0.0, 1.0], [-1.0, 0.0]])), -1.0
    else:
        u_t, eps = np.eye(m), 1.0
    # the lead Hamiltonian must be invariant: U_T conj(h) U_T^dag = h
    for h in (lead.h0, lead.h1):
        assert np.max(np.abs(u_t @ h.conj() @ u_t.T - h)) < 1e-13
    md = lead.modes(energy)
    right, left = md.right, md.left
    a = np.linalg.lstsq(left, u_t @ right.conj(), rcond=None)[0]
    b = np.linalg.lstsq(right, u_t @ left.conj(), rcond=None)[0]
    # exact expansions (T maps the open modes at k onto those at -k) ...
    assert np.max(np.abs(left @ a - u_t @ right.conj())) < 1e-11
    assert np.max(np.abs(right @ b - u_t @ left.conj())) < 1e-11
    # ... unitary (current magnitude preserved), and T² = eps relates the two leads
    n = md.n_open
    np.testing.assert_allclose(a.conj().T @ a, np.eye(n), atol=1e-11)
    np.testing.assert_allclose(b, eps * a.T, atol=1e-11)
    z = np.zeros((n, n))
    return np.block([[a, z], [z, b]]), eps


SO_WIRES = [  # (width, length, W, theta, dim, seed, energies)
    (5, 10, 2.0, np.pi / 6, 2, 5, (-1.0, 0.5)),
    (6, 12, 3.0, 0.9, 2, 17, (-2.3, 0.33, 1.4)),
    (4, 9, 1.5, np.pi / 4, 2, 123, (0.1, 2.2)),
    (3, 5, 3.0, 0.5, 3, 8, (-0.7, 1.1)),         # 3D bar: degenerate transverse modes
]


@pytest.mark.parametrize("width,length,W,theta,dim,seed,energies", SO_WIRES)
def test_symplectic_reciprocity(width, length, W, theta, dim, seed, energies):
    wire = Wire(width, length, W=W, spin_orbit=theta, dim=dim).realisation(seed)
    assert wire.beta == 4
    for e in energies:
        mt, eps = time_reversal_matrix(wire.lead, e, spinful=True)
        assert eps == -1.0
        for algorithm in ("rgf", "sparse"):
            s = wire.smatrix(e, algorithm=algorithm).matrix
            q = s @ mt.T
            assert np.max(np.abs(q + q.T)) < 1e-10           # S Mᵀ antisymmetric
            np.testing.assert_allclose(s, -mt @ s.T @ mt.conj(), atol=1e-10)
            # non-trivial: S itself is far from symmetric or antisymmetric
            assert np.max(np.abs(s - s.T)) > 1e-2 and np.max(np.abs(s + s.T)) > 1e-2


@pytest.mark.parametrize("width,length,W,theta,dim,seed,energies", SO_WIRES[:3])
def test_kramers_partner_backscattering_vanishes(width, length, W, theta, dim, seed, energies):
    wire = Wire(width, length, W=W, spin_orbit=theta, dim=dim).realisation(seed)
    for e in energies:
        md = wire.lead.modes(e)
        n = md.n_open
        # strip leads: non-degenerate momenta, Kramers partner of right-mover a is left-mover n-1-a
        assert np.min(np.diff(md.momenta_right)) > 1e-6
        np.testing.assert_allclose(md.momenta_left, -md.momenta_right[::-1], atol=1e-12)
        mt, _ = time_reversal_matrix(wire.lead, e, spinful=True)
        a = mt[:n, :n]
        np.testing.assert_allclose(np.abs(a), np.eye(n)[::-1], atol=1e-11)   # phased anti-diagonal
        s = wire.smatrix(e)
        partner = np.arange(n)[::-1]
        for refl in (s.r, s.rp):
            assert np.max(np.abs(refl[partner, np.arange(n)])) < 1e-10
            # while the other reflection amplitudes are not small
            off = np.ones((n, n), bool)
            off[partner, np.arange(n)] = False
            assert np.max(np.abs(refl[off])) > 1e-2
        # Kramers degeneracy: transmission and reflection eigenvalues in pairs
        tn = s.transmission_eigenvalues()
        rn = np.sort(np.linalg.eigvalsh(s.r @ s.r.conj().T))
        rpn = np.sort(np.linalg.eigvalsh(s.rp @ s.rp.conj().T))
        np.testing.assert_allclose(tn[::2], tn[1::2], atol=1e-10)
        np.testing.assert_allclose(rn[::2], rn[1::2], atol=1e-10)
        np.testing.assert_allclose(rpn, rn, atol=1e-10)
        np.testing.assert_allclose(np.sort(1.0 - rn), tn, atol=1e-10)
        if tn.size >= 4:                 # non-trivial: the pairs themselves differ
            assert np.ptp(tn[1::2]) > 1e-3


def test_same_machinery_gives_plain_reciprocity_for_beta1():
    """eps = +1 with U_T = 1: M is the identity in the time-reversal basis and S Mᵀ = S symmetric."""
    wire = Wire(6, 9, W=2.5).realisation(3)
    for e in (-0.9, 0.6):
        mt, eps = time_reversal_matrix(wire.lead, e, spinful=False)
        assert eps == 1.0
        np.testing.assert_allclose(mt, np.eye(len(mt)), atol=1e-12)
        q = wire.smatrix(e).matrix @ mt.T
        assert np.max(np.abs(q - q.T)) < 1e-10


def test_flux_breaks_symplectic_reciprocity():
    """Negative control: a region with flux (beta = 2) between the same time-reversal
    invariant spin-orbit leads violates the relation.

    Landau gauge puts the flux phases on the x-hoppings only, so the region's internal bonds
    get the flux wire's hopping while the leads (and the lead-region bonds) stay flux free.
    """
    from rmt_meso.transport.rgf import rgf_smatrix

    so = Wire(5, 10, W=2.0, spin_orbit=np.pi / 6).realisation(5)
    flux = Wire(5, 10, W=2.0, spin_orbit=np.pi / 6, flux=0.08).with_onsite(so.onsite)
    slices, hop_flux = flux.hamiltonian_slices()
    slices0, hop0 = so.hamiltonian_slices()
    np.testing.assert_allclose(slices, slices0, atol=1e-14)      # flux lives in the x-bonds
    e = 0.5
    mt, _ = time_reversal_matrix(so.lead, e, spinful=True)
    s = rgf_smatrix(slices, hop_flux, so.lead, energy=e).matrix
    q = s @ mt.T
    assert np.max(np.abs(q + q.T)) > 1e-3
    # the same call without flux satisfies it (so the violation is the field's doing)
    s0 = rgf_smatrix(slices0, hop0, so.lead, energy=e).matrix
    q0 = s0 @ mt.T
    assert np.max(np.abs(q0 + q0.T)) < 1e-10
