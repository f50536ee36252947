"""Scattering matrices of quasi-1D conductors: recursive Green's functions and sparse LU.

The conductor is a chain of slices ``n = 0 .. L-1`` with Hamiltonians ``H_n`` (m_n × m_n,
Hermitian) and hoppings ``V_n`` from slice n to slice n+1 (the block
:math:`H_{n+1,n} = V_n`, m_{n+1} × m_n).  A lead (:class:`~rmt_meso.transport.leads.Lead`)
is attached on each side: the left lead's last cell couples to slice 0 through its own
``h1`` (:math:`H_{0,-1} = h_1^L`), the right lead's first cell to slice L-1 through
:math:`H_{L,L-1} = h_1^R`.

Algorithms
----------
``"rgf"``
    Recursive Green's function (Lee & Fisher 1981; MacKinnon 1985): slices are added one at a
    time, keeping only the four corner blocks :math:`G_{00}, G_{0n}, G_{n0}, G_{nn}` (projected
    on the open channels where possible).  One m×m inversion per slice: O(L m³) time,
    O(m²) memory, no inversion of the whole system.  Each inversion is one in-place LAPACK
    call (Bunch–Kaufman ``zsytrf/zsytri`` for time-reversal-invariant slices, whose
    :math:`E - H - \\Sigma` is complex symmetric; LU ``zgetrf/zgetri`` otherwise).  Slices
    narrower than 16 orbitals are stacked over energies (or over disorder realisations,
    :meth:`rmt_meso.transport.Device.sample_smatrix`, which every Wire uses) into one batched
    inversion per slice, which removes the Python overhead.  Diagonal inter-slice hoppings
    (square lattices, also with Landau-gauge flux) make :math:`V g V^\\dagger` elementwise.
``"sparse"``
    One sparse LU factorisation (SuperLU, scipy.sparse.linalg.splu, COLAMD ordering) of
    :math:`E - H - \\Sigma_L - \\Sigma_R` on the whole system, solved for the columns of the
    incoming waves only.  Its cost grows more slowly with the width m than O(L m³).
``"auto"``
    ``"rgf"`` (see :func:`choose_algorithm` for the measurements behind the choice).

Which wins where (single core, 2D strips width × length, E = -3.5): the recursion beats
SuperLU at every shape measured, from 20×100 to 600×40 (SuperLU 1.1–2.4× slower), and
Kwant 1.5 + MUMPS (nested dissection) at every shape measured: 20×100 … 80×400 (5–40×),
160×100 (5×) and 300×40 (5×), because the O(L m³) term is cheap BLAS work for m ≲ 600
while Kwant also pays for building and ordering the sparse system and for a 2m-dimensional
lead eigenproblem per energy.  MUMPS' better asymptotics (∝ L m² for L ≫ m) should win
for still wider leads; that regime was not reached.  Numbers: benchmarks/bench_transport.py.

S-matrix from the Green's function (generalised Fisher–Lee relation in the mode basis):
an incoming mode φ of the left lead acts as a source :math:`s = h_1 (\\lambda^{-1} - F_-)\\varphi`
on slice 0 (:mod:`~rmt_meso.transport.leads`), the scattering state inside is
:math:`\\psi = G s`, and the outgoing amplitudes are the mode-basis components
:math:`t = P_R\\, G_{L-1,0}\\, S_L`, :math:`r = P_L (G_{00} S_L - \\Phi_{in})`, and likewise for t', r'.

References
----------
P. A. Lee and D. S. Fisher, Phys. Rev. Lett. 47, 882 (1981).
A. MacKinnon, Z. Phys. B 59, 385 (1985).
D. S. Fisher and P. A. Lee, Phys. Rev. B 23, 6851 (1981).
M. Wimmer and K. Richter, J. Comput. Phys. 228, 8548 (2009).
C. Caroli, R. Combescot, P. Nozières, D. Saint-James, J. Phys. C 4, 916 (1971).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from scipy.linalg import lapack

from .._blas import blas_limited_by
from .._typing import ArrayLike, FloatOrArray
from .._validate import ConvergenceError, check_array, check_bool, check_choice, check_real
from .leads import Lead
from .smatrix import UNITARITY_TOL, SMatrix

__all__ = ["rgf_smatrix", "caroli_transmission", "choose_algorithm"]

def choose_algorithm(width: int, length: int) -> str:
    """The algorithm ``"auto"`` picks for slices of ``width`` orbitals and ``length`` slices.

    Always ``"rgf"``: measured single-core (CPU time, 2D strips width × length at E = -3.5),
    the recursion beat SuperLU at every shape tried, 20×100 … 80×400 (SuperLU 2.2× slower),
    160×100 (2.2×), 300×40 (1.35×), 400×20 (1.6×), 600×10 (2.4×) and 600×40 (1.1×): the dense
    lead self-energy blocks spoil the sparse factorisation, and in-place LAPACK inversions of
    m ≤ 600 blocks are cheap.  The function is kept so that a faster wide-system solver can be
    chosen by shape here; ``algorithm="sparse"`` stays available as an independent check.
    """
    return "rgf"


class _System:
    """Validated slices and hoppings.

    Two representations: general (a list of dense slices) or uniform (one clean slice
    ``h0`` plus a diagonal ``diag[n]`` per slice, the form of disordered lattice models,
    which never builds the L dense slices).
    """

    def __init__(self, slices, hoppings, *, _uniform=None):
        if _uniform is not None:
            h0, diag, v, *known = _uniform      # optionally the diagonal of v (None: not diagonal)
            self.h0, self.diag = h0, diag
            self.slices = None
            L, m = diag.shape[0], diag.shape[-1]     # diag: (L, m) or (L, B, m) for a batch
            self.length, self.sizes = L, [m] * L
            self.hops = [v] * (L - 1)
            dv = known[0] if known else _diagonal_of(v)
            self.diag_hops = [dv] * (L - 1)
            return
        self.h0 = self.diag = None
        if isinstance(slices, np.ndarray) and slices.ndim == 3:
            hs = check_array("slices", slices, ndim=3, dtype=complex)
            if hs.shape[0] == 0 or hs.shape[1] != hs.shape[2] or hs.shape[1] == 0:
                raise ValueError(f"slices must have shape (L, m, m) with L, m >= 1; got {hs.shape}")
            if np.max(np.abs(hs - hs.conj().transpose(0, 2, 1))) > 1e-12 * max(1.0, np.max(np.abs(hs))):
                raise ValueError("slices must be Hermitian")
            hs_list = list(hs)
        else:
            if not hasattr(slices, "__len__") or len(slices) == 0:
                raise ValueError("slices must be a non-empty sequence of square matrices or an array (L, m, m)")
            hs_list = [check_array(f"slices[{i}]", h, ndim=2, dtype=complex) for i, h in enumerate(slices)]
            for i, h in enumerate(hs_list):
                if h.shape[0] != h.shape[1] or h.shape[0] == 0:
                    raise ValueError(f"slices[{i}] must be a non-empty square matrix; got shape {h.shape}")
                if np.max(np.abs(h - h.conj().T), initial=0.0) > 1e-12 * max(1.0, np.max(np.abs(h))):
                    raise ValueError(f"slices[{i}] must be Hermitian")
        L = len(hs_list)
        sizes = [h.shape[0] for h in hs_list]
        if isinstance(hoppings, (list, tuple)) and len(hoppings) and np.ndim(hoppings[0]) == 2:
            vs = [check_array(f"hoppings[{i}]", v, ndim=2, dtype=complex) for i, v in enumerate(hoppings)]
        elif isinstance(hoppings, (list, tuple)) and len(hoppings) == 0:
            vs = []
        else:
            v = check_array("hoppings", hoppings, ndim=(2, 3), dtype=complex)
            vs = [v] * (L - 1) if v.ndim == 2 else list(v)
        if len(vs) != L - 1:
            raise ValueError(f"hoppings must give L-1 = {L - 1} matrices (or one for all); got {len(vs)}")
        for i, v in enumerate(vs):
            if v.shape != (sizes[i + 1], sizes[i]):
                raise ValueError(f"hoppings[{i}] (slice {i} -> {i + 1}) must have shape "
                                 f"{(sizes[i + 1], sizes[i])}; got {v.shape}")
        self.slices = hs_list
        self.hops = vs
        self.sizes = sizes
        self.length = L
        # diagonal hoppings (square lattices, Landau-gauge flux): elementwise products
        cache = {}
        self.diag_hops = []
        for v in vs:
            key = id(v)
            if key not in cache:
                cache[key] = (np.diag(v).copy() if (v.shape[0] == v.shape[1] and
                                                     not np.any(v - np.diag(np.diag(v)))) else None)
            self.diag_hops.append(cache[key])

    def slice(self, n):
        """Dense Hamiltonian of slice n."""
        if self.slices is not None:
            return self.slices[n]
        return self.h0 + np.diag(self.diag[n])


def _diagonal_of(v):
    """The diagonal of ``v`` when ``v`` is a diagonal matrix, else None."""
    return np.diag(v).copy() if not np.any(v - np.diag(np.diag(v))) else None


#: Energy sweeps on slices narrower than this are batched through one stacked inversion per
#: slice (less Python overhead); wider ones run energy by energy with in-place LAPACK calls.
_BATCH_MAX_WIDTH = 16


def _is_symmetric(sys, sig_l, sig_r):
    """True when every E - H_n - Σ is complex symmetric (real H, real V, symmetric Σ)."""
    if sys.h0 is not None:
        real = not np.any(sys.h0.imag) and not np.any(sys.hops[0].imag) if sys.length > 1 else \
            not np.any(sys.h0.imag)
    else:
        real = all(not np.any(h.imag) for h in sys.slices) and all(not np.any(v.imag) for v in sys.hops)
    if not real:
        return False
    for sig in (sig_l, sig_r):
        scale = max(1.0, float(np.max(np.abs(sig))))
        if np.max(np.abs(sig - np.swapaxes(sig, -1, -2))) > 1e-13 * scale:
            return False
    return True


def _pad(arrs, shape):
    out = np.zeros((len(arrs),) + shape, complex)
    for k, a in enumerate(arrs):
        out[(k,) + tuple(slice(0, s) for s in a.shape)] = a
    return out


def _rgf_corners(sys, energies, sig_l, sig_r, src_l, src_r, proj_l):
    """Recursive sweep, batched over energies (axis 0).

    Returns X = G_{L-1,0} S_L, Y = G_{L-1,L-1} S_R, Z S_R = P_L G_{0,L-1} S_R, W = P_L G_00 S_L.
    The batch axis may instead run over disorder realisations of a uniform system
    (``sys.diag`` of shape (L, B, m), one energy, lead arrays broadcast with a leading 1).
    """
    K = len(energies)
    e = np.asarray(energies, float)[:, None, None]
    L = sys.length
    m0 = sys.sizes[0]
    uniform = sys.h0 is not None
    if uniform:
        base = e * np.eye(m0) - sys.h0[None]
        ii = np.arange(m0)
        a = base - sig_l
        if sys.diag.ndim == 3 and a.shape[0] != sys.diag.shape[1]:      # batch of realisations
            a = np.repeat(a, sys.diag.shape[1], axis=0)
        a[:, ii, ii] -= sys.diag[0]
    else:
        h = sys.slice(0)
        a = e * np.eye(m0) - (h if h.ndim == 3 else h[None]) - sig_l   # (B, m, m): a batch of systems
    if L == 1:
        a = a - sig_r
    g = np.linalg.inv(a)
    x = g @ src_l                      # G_{n0} S_L
    z = proj_l @ g                     # P_L G_{0n}
    w = z @ src_l                      # P_L G_00 S_L
    for n in range(1, L):
        m = sys.sizes[n]
        dv = sys.diag_hops[n - 1]
        if dv is not None and np.all(dv == dv[0]):
            corr = abs(dv[0]) ** 2 * g
        elif dv is not None:
            corr = dv[:, None] * g * dv.conj()[None, :]
        else:
            v = sys.hops[n - 1]
            corr = v @ g @ v.conj().T
        if uniform:
            a = base - corr
            a[:, ii, ii] -= sys.diag[n]
        else:
            h = sys.slices[n]
            a = e * np.eye(m) - (h if h.ndim == 3 else h[None]) - corr
        if n == L - 1:
            a = a - sig_r
        g = np.linalg.inv(a)
        if dv is not None:
            x = g @ (dv[:, None] * x)
            zv = z * dv.conj()[None, :]
        else:
            x = g @ (v @ x)
            zv = z @ v.conj().T
        w = w + zv @ x
        z = zv @ g
    y = g @ src_r
    return x, y, z @ src_r, w


class _Inverter:
    """In-place LAPACK inversion of C-ordered m×m matrices without copies.

    LAPACK works on Fortran order; the transpose of a C-ordered array is a Fortran-ordered
    view, and inv(Aᵀ)ᵀ = inv(A), so no copy is made.  Complex-symmetric matrices (time-
    reversal-invariant systems: real H and V, symmetric Σ) use the Bunch–Kaufman
    factorisation zsytrf/zsytri, about half the work of LU.
    """

    def __init__(self, m, symmetric):
        self.m = m
        self.symmetric = symmetric
        if symmetric:
            self.lwork = max(1, int(np.real(lapack.zsytrf_lwork(m)[0])))
            self.il = np.tril_indices(m, -1)
        else:
            self.lwork = max(1, int(np.real(lapack.zgetri_lwork(m)[0])))

    def __call__(self, a):
        at = a.T
        if self.symmetric:
            ldl, ipiv, info = lapack.zsytrf(at, lower=0, lwork=self.lwork, overwrite_a=1)
            if info == 0:
                inv, info = lapack.zsytri(ldl, ipiv, lower=0, overwrite_a=1)
                if info == 0:
                    inv[self.il] = inv.T[self.il]
                    return inv.T
        else:
            lu, piv, info = lapack.zgetrf(at, overwrite_a=1)
            if info == 0:
                inv, info = lapack.zgetri(lu, piv, lwork=self.lwork, overwrite_lu=1)
                if info == 0:
                    return inv.T
        raise ConvergenceError("singular slice Green's function in the recursion (the energy is an "
                               "eigenvalue of a decoupled part of the system); shift the energy")


def _rgf_single(sys, energy, sig_l, sig_r, src_l, src_r, proj_l, symmetric):
    """The recursion of :func:`_rgf_corners` for one energy with in-place LAPACK inversions."""
    L = sys.length
    m0 = sys.sizes[0]
    uniform = sys.h0 is not None
    inverters = {}

    def inv(a):
        m = a.shape[0]
        if m not in inverters:
            inverters[m] = _Inverter(m, symmetric)
        return inverters[m](a)

    if uniform:
        base = energy * np.eye(m0, dtype=complex) - sys.h0
        ii = np.arange(m0)
        hop = sys.hops[0] if L > 1 else None
        dv = sys.diag_hops[0] if L > 1 else None
        scalar = dv is not None and np.all(dv == dv[0])
        c2 = abs(dv[0]) ** 2 if scalar else None
    a = energy * np.eye(m0, dtype=complex) - sys.slice(0) - sig_l
    if L == 1:
        a -= sig_r
    g = inv(a)
    x = g @ src_l
    z = proj_l @ g
    w = z @ src_l
    for n in range(1, L):
        if not uniform:
            dv = sys.diag_hops[n - 1]
            hop = sys.hops[n - 1]
            scalar = False
        if scalar:
            # V = c·1: Σ_n = |c|² g, computed in place (g is not needed any more)
            g *= -c2
            g += base
            a = g
        elif dv is not None:
            a = g * (-dv[:, None] * dv.conj()[None, :])
            a += base if uniform else energy * np.eye(a.shape[0]) - sys.slices[n]
        else:
            a = -(hop @ g @ hop.conj().T)
            a += base if uniform else energy * np.eye(a.shape[0]) - sys.slices[n]
        if uniform:
            a[ii, ii] -= sys.diag[n]
        if n == L - 1:
            a -= sig_r
        g = inv(a)
        if dv is not None:
            x = g @ (dv[:, None] * x)
            zv = z * dv.conj()[None, :]
        else:
            x = g @ (hop @ x)
            zv = z @ hop.conj().T
        w += zv @ x
        z = zv @ g
    y = g @ src_r
    return x, y, z @ src_r, w


def _sparse_corners(sys, energy, sig_l, sig_r, src_l, src_r, proj_l, base=None):
    """Sparse LU of the whole system for one energy; returns the same corner products."""
    if base is None:
        base = _assemble(sys)
    mat, offs = base
    n_tot = mat.shape[0]
    m0, ml = sys.sizes[0], sys.sizes[-1]
    o_last = offs[-1]
    # E - H - Σ: Σ blocks are dense on the first / last slice
    rows_l, cols_l = np.meshgrid(np.arange(m0), np.arange(m0), indexing="ij")
    rows_r, cols_r = np.meshgrid(np.arange(ml) + o_last, np.arange(ml) + o_last, indexing="ij")
    sig = sp.coo_matrix((np.concatenate([sig_l.ravel(), sig_r.ravel()]),
                         (np.concatenate([rows_l.ravel(), rows_r.ravel()]),
                          np.concatenate([cols_l.ravel(), cols_r.ravel()]))), shape=(n_tot, n_tot))
    a = (sp.identity(n_tot, complex, format="csc") * energy - mat - sig).tocsc()
    try:
        lu = spla.splu(a, permc_spec="COLAMD")
    except RuntimeError as exc:
        raise ConvergenceError(f"sparse LU failed at energy {energy!r}: {exc}") from None
    nl, nr = src_l.shape[1], src_r.shape[1]
    rhs = np.zeros((n_tot, nl + nr), complex)
    rhs[:m0, :nl] = src_l
    rhs[o_last:o_last + ml, nl:] = src_r
    sol = lu.solve(rhs) if nl + nr else rhs
    x = sol[o_last:o_last + ml, :nl]
    y = sol[o_last:o_last + ml, nl:]
    zs = proj_l @ sol[:m0, nl:]
    w = proj_l @ sol[:m0, :nl]
    return x, y, zs, w


def _assemble(sys):
    """The scattering region's Hamiltonian as a sparse CSC matrix and the slice offsets."""
    offs = np.concatenate([[0], np.cumsum(sys.sizes)])
    if sys.h0 is not None:
        L = sys.length
        v = sp.csr_matrix(sys.hops[0]) if L > 1 else None
        mat = sp.kron(sp.identity(L), sp.csr_matrix(sys.h0)) + sp.diags(sys.diag.ravel())
        if L > 1:
            shift = sp.diags(np.ones(L - 1), -1)
            fwd = sp.kron(shift, v)
            mat = mat + fwd + fwd.conj().T
        return sp.csc_matrix(mat, dtype=complex), offs[:-1]
    rows, cols, vals = [], [], []
    for n, h in enumerate(sys.slices):
        i, j = np.nonzero(h)
        rows.append(i + offs[n]), cols.append(j + offs[n]), vals.append(h[i, j])
    for n, v in enumerate(sys.hops):
        i, j = np.nonzero(v)
        # H_{n+1,n} = V_n and its Hermitian conjugate H_{n,n+1}
        rows.append(i + offs[n + 1]), cols.append(j + offs[n]), vals.append(v[i, j])
        rows.append(j + offs[n]), cols.append(i + offs[n + 1]), vals.append(v[i, j].conj())
    n_tot = int(offs[-1])
    mat = sp.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                        shape=(n_tot, n_tot))
    return mat, offs[:-1]


def rgf_smatrix(slices: ArrayLike | Sequence[np.ndarray], hoppings: ArrayLike | Sequence[np.ndarray],
                lead_left: Lead, lead_right: Lead | None = None, energy: ArrayLike = 0.0, *,
                algorithm: str = "auto", beta: int | None = None, spinful: bool = False,
                check: bool = True, tol: float = UNITARITY_TOL) -> SMatrix | list[SMatrix]:
    """Scattering matrix of a chain of slices between two leads.

    Parameters
    ----------
    slices : array_like (L, m, m) or sequence of (m_n, m_n) arrays
        Hermitian slice Hamiltonians :math:`H_n`, n = 0 .. L-1.
    hoppings : array_like (m, m), (L-1, m, m) or sequence of (m_{n+1}, m_n) arrays
        :math:`V_n = H_{n+1,n}`, hopping from slice n to n+1; one matrix is used for every bond.
    lead_left, lead_right : Lead
        Leads attached before slice 0 and after slice L-1 (``lead_right=None``: the same
        lead on both sides).  Their cell sizes must match the first / last slice.
    energy : float or array_like of float
        One energy (returns an :class:`SMatrix`) or a 1D array (returns a list).
    algorithm : {"auto", "rgf", "sparse"}
        See the module notes; "auto" picks by slice width.
    beta : {None, 1, 2, 4}
        Symmetry class stored on the result.
    spinful : bool
        Stored on the result (affects ``conductance(unit="S")`` only).
    check : bool
        Check unitarity of every S to ``tol`` (raise :class:`~rmt_meso.ConvergenceError`).
    tol : float

    Returns
    -------
    SMatrix or list of SMatrix

    Raises
    ------
    ValueError, TypeError
        Malformed slices, hoppings, leads or energies.
    rmt_meso.ConvergenceError
        Non-unitary S beyond ``tol`` or an energy at a lead band edge.

    Notes
    -----
    Energies where a lead has no open channel give an explicit zero-channel :class:`SMatrix`
    (empty blocks, conductance 0), not an error.

    Examples
    --------
    >>> from rmt_meso.transport.leads import Lead
    >>> lead = Lead([[0.0]], [[-1.0]])
    >>> s = rgf_smatrix(np.zeros((5, 1, 1)), [[-1.0]], lead, energy=0.3)
    >>> bool(np.isclose(s.conductance(), 1.0))     # a clean chain transmits perfectly
    True
    """
    sys = _System(slices, hoppings)
    if lead_right is None:
        lead_right = lead_left
    for name, lead in (("lead_left", lead_left), ("lead_right", lead_right)):
        if not isinstance(lead, Lead):
            raise TypeError(f"{name} must be a rmt_meso.transport.Lead; got {type(lead).__name__}")
    if lead_left.size != sys.sizes[0]:
        raise ValueError(f"lead_left has cell size {lead_left.size} but slice 0 has size {sys.sizes[0]}")
    if lead_right.size != sys.sizes[-1]:
        raise ValueError(f"lead_right has cell size {lead_right.size} but the last slice has size {sys.sizes[-1]}")
    algorithm = check_choice("algorithm", algorithm, ("auto", "rgf", "sparse"))
    spinful = check_bool("spinful", spinful)
    check = check_bool("check", check)
    tol = check_real("tol", tol, minimum=0.0)
    if beta is not None and beta not in (1, 2, 4):
        raise ValueError(f"beta must be None, 1, 2 or 4; got {beta!r}")
    scalar = np.ndim(energy) == 0
    if scalar:
        energies = np.array([check_real("energy", energy)])
    else:
        energies = check_array("energy", energy, ndim=1, dtype=float, min_size=1)
    if algorithm == "auto":
        algorithm = choose_algorithm(max(sys.sizes), sys.length)
    out = _solve(sys, lead_left, lead_right, energies, algorithm, beta, spinful)
    if check:
        for s in out:
            s.check_unitarity(tol)
    return out[0] if scalar else out


def _realisations_over_energies(draws, energies, *, stacked, solve_stack, solve_one, bar, chunk=256):
    """Values (n, K) of ``n`` drawn disorder realisations at ``K`` energies: the one loop behind
    :meth:`Device.sample_transmission` (and so :meth:`Wire.sample_conductance`) with an energy array.

    ``stacked`` (narrow slices): per energy, ``solve_stack(e, draws[a:b])`` solves ``chunk``
    realisations by one recursion stacked over them and returns their ``(b,)`` values; else
    per realisation ``solve_one(draw, energies)`` returns its ``(K,)`` values (one recursion
    batched over the energies).  Both give the numbers of one solve per (realisation, energy).
    """
    n, k = len(draws), len(energies)
    out = np.zeros((n, k))
    if stacked:
        for j, e in enumerate(energies):
            for start in range(0, n, chunk):
                out[start:start + chunk, j] = solve_stack(float(e), draws[start:start + chunk])
            bar.update(n)
    else:
        for i in range(n):
            out[i] = solve_one(draws[i], energies)
            bar.update(k)
    return out


@blas_limited_by(lambda sys, *a, **k: max(sys.sizes))
def _solve(sys, lead_left, lead_right, energies, algorithm, beta, spinful, base=None):
    sols_l = [lead_left._solve(e) for e in energies]
    sols_r = [lead_right._solve(e) for e in energies]
    nls = [s.modes.n_open for s in sols_l]
    nrs = [s.modes.n_open for s in sols_r]
    m0, ml = sys.sizes[0], sys.sizes[-1]
    results = [None] * len(energies)
    if algorithm == "rgf":
        nl, nr = max(nls), max(nrs)
        sig_l = np.stack([s.sigma_left for s in sols_l])
        sig_r = np.stack([s.sigma_right for s in sols_r])
        src_l = _pad([s.source_left for s in sols_l], (m0, nl))
        src_r = _pad([s.source_right for s in sols_r], (ml, nr))
        proj_l = _pad([s.proj_left for s in sols_l], (nl, m0))
        if len(energies) == 1 or max(sys.sizes) >= _BATCH_MAX_WIDTH:
            symmetric = _is_symmetric(sys, sig_l, sig_r)
            parts = [_rgf_single(sys, e, sig_l[k], sig_r[k], src_l[k], src_r[k], proj_l[k], symmetric)
                     for k, e in enumerate(energies)]
        else:
            x, y, zs, w = _rgf_corners(sys, energies, sig_l, sig_r, src_l, src_r, proj_l)
            parts = [(x[k], y[k], zs[k], w[k]) for k in range(len(energies))]
    else:
        if base is None:
            base = _assemble(sys)
        parts = [_sparse_corners(sys, e, sl.sigma_left, sr.sigma_right, sl.source_left, sr.source_right,
                                 sl.proj_left, base) for e, sl, sr in zip(energies, sols_l, sols_r)]
    for k, (e, sl, sr) in enumerate(zip(energies, sols_l, sols_r)):
        nl, nr = nls[k], nrs[k]
        x, y, zs, w = parts[k]
        x, y, zs, w = x[:, :nl], y[:, :nr], zs[:nl, :nr], w[:nl, :nl]
        t = sr.proj_right @ x
        r = w - sl.proj_left @ sl.modes.right
        tp = zs
        rp = sr.proj_right @ (y - sr.modes.left)
        results[k] = SMatrix(t=t, r=r, tp=tp, rp=rp, energy=float(e), n_left=nl, n_right=nr,
                             beta=beta, spinful=spinful)
    return results


def caroli_transmission(slices: ArrayLike | Sequence[np.ndarray], hoppings: ArrayLike | Sequence[np.ndarray],
                        lead_left: Lead, lead_right: Lead | None = None, energy: float = 0.0, *,
                        eigenvalues: bool = False) -> float | tuple[float, np.ndarray]:
    """Total transmission :math:`\\mathrm{Tr}[\\Gamma_L G \\Gamma_R G^\\dagger]` by dense inversion.

    An independent reference route (O(N³) in the total number of sites N, for small
    systems and tests only): the retarded Green's function of the whole region with both
    lead self-energies is obtained by one dense inversion, and
    :math:`\\Gamma = i(\\Sigma - \\Sigma^\\dagger)`.

    Parameters
    ----------
    slices, hoppings, lead_left, lead_right, energy
        As for :func:`rgf_smatrix` (one energy).
    eigenvalues : bool
        Also return the eigenvalues of :math:`\\Gamma_L G \\Gamma_R G^\\dagger`.

    Returns
    -------
    float, or (float, ndarray)
        :math:`g = \\sum_n T_n`; with ``eigenvalues=True`` also the sorted real parts of all
        eigenvalues of :math:`\\Gamma_L G \\Gamma_R G^\\dagger`, whose nonzero ones are the
        :math:`T_n`.

    References
    ----------
    C. Caroli et al., J. Phys. C 4, 916 (1971); Y. Meir and N. S. Wingreen,
    Phys. Rev. Lett. 68, 2512 (1992).

    Examples
    --------
    >>> from rmt_meso.transport.leads import Lead
    >>> lead = Lead([[0.0]], [[-1.0]])
    >>> bool(np.isclose(caroli_transmission(np.zeros((3, 1, 1)), [[-1.0]], lead, energy=0.5), 1.0))
    True
    """
    sys = _System(slices, hoppings)
    lead_right = lead_left if lead_right is None else lead_right
    energy = check_real("energy", energy)
    mat, offs = _assemble(sys)
    n_tot = mat.shape[0]
    m0, ml = sys.sizes[0], sys.sizes[-1]
    sig_l = np.zeros((n_tot, n_tot), complex)
    sig_r = np.zeros((n_tot, n_tot), complex)
    sig_l[:m0, :m0] = lead_left.self_energy(energy, side="left")
    sig_r[offs[-1]:, offs[-1]:] = lead_right.self_energy(energy, side="right")
    g = np.linalg.inv(energy * np.eye(n_tot) - mat.toarray() - sig_l - sig_r)
    gam_l = 1j * (sig_l - sig_l.conj().T)
    gam_r = 1j * (sig_r - sig_r.conj().T)
    prod = gam_l @ g @ gam_r @ g.conj().T
    total = float(np.real(np.trace(prod)))
    if eigenvalues:
        return total, np.sort(np.linalg.eigvals(prod).real)
    return total
