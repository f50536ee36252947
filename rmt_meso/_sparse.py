"""Eigenvalues of a large sparse Hermitian matrix near a target: shift-invert Lanczos.

The one implementation used by :meth:`rmt_meso.ensembles.Anderson.eigvals`
(``method="shift-invert"``) and :func:`rmt_meso.models.eigvals_near`.  ARPACK's implicitly
restarted Lanczos runs on ``(H - sigma)^{-1}`` (Ericsson & Ruhe 1980), applied through one
SuperLU factorisation; its largest eigenvalues are the levels of ``H`` nearest ``sigma``.

Fill-in decides the cost.  The first factorisation uses SuperLU's symmetric mode (minimum
degree on the pattern of ``A + A^T``, diagonal pivots unless below 1 % of their column):
about half the fill of partial pivoting on lattice and spin-chain Hamiltonians.  If its
eigenpairs fail the residual check, a partial-pivoting factorisation with the same
ordering is tried.  On the XXZ chain (S_z = 0, L = 14 / 16) a reverse Cuthill-McKee
preordering with SuperLU's natural order fills less than minimum degree (1.8e6 vs 2.1e6,
2.1e7 vs 2.9e7 entries) and factorises ~1.8x faster at L = 16 (benchmarks/bench_spectrum_analysis.py).
An exactly singular ``H - sigma`` (``sigma`` an eigenvalue) moves
``sigma`` by ``1e-9 scale``.

References
----------
T. Ericsson and A. Ruhe, Math. Comp. 35, 1251 (1980).
X. S. Li, ACM Trans. Math. Softw. 31, 302 (2005) (SuperLU).
D. J. Luitz, N. Laflorencie and F. Alet, Phys. Rev. B 91, 081103 (2015) (the same method with
MUMPS for the XXZ chain).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from scipy.sparse.csgraph import reverse_cuthill_mckee

from ._validate import ConvergenceError

__all__ = ["shift_invert_eigvalsh", "norm_bound", "PERMC_SPECS"]

#: Orderings: SuperLU's column orderings (``scipy.sparse.linalg.splu``'s ``permc_spec``) and
#: "RCM", a symmetric reverse Cuthill-McKee permutation of H applied before a NATURAL-order
#: factorisation (the eigenvalues of P H P^T are those of H).
PERMC_SPECS = ("RCM", "MMD_AT_PLUS_A", "MMD_ATA", "COLAMD", "NATURAL")
#: Relative residual ``|Hv - lambda v| / scale`` accepted.
RESIDUAL_TOL = 1e-8


def norm_bound(h) -> float:
    """``max_i sum_j |H_ij|`` (>= the spectral radius): a scale for residual tolerances."""
    return float(abs(h).sum(axis=1).max()) if h.shape[0] else 0.0


def _factorise(a, sigma: float, scale: float, robust: bool, permc_spec: str):
    n = a.shape[0]
    eye = sp.identity(n, dtype=a.dtype, format="csc")
    opts: dict[str, Any]
    if robust:   # partial pivoting
        opts = dict(permc_spec=permc_spec)
    else:        # symmetric mode: diagonal pivots unless smaller than 1 % of the column
        opts = dict(permc_spec=permc_spec, diag_pivot_thresh=0.01, options=dict(SymmetricMode=True))
    for attempt in range(3):
        try:
            return spla.splu((a - sigma * eye).tocsc(), **opts), sigma
        except RuntimeError:   # exactly singular: sigma is an eigenvalue
            sigma = sigma + (10.0 ** attempt) * 1e-9 * scale
    raise ConvergenceError(f"H - sigma stayed singular after shifting sigma to {sigma}")


def shift_invert_eigvalsh(h, k: int, sigma: float, *, scale: float | None = None, ncv: int | None = None,
                          permc_spec: str = "MMD_AT_PLUS_A", pivoting=("symmetric", "partial"),
                          return_info: bool = False):
    """The ``k`` eigenvalues of the sparse Hermitian ``h`` nearest ``sigma`` (private kernel).

    Parameters
    ----------
    h : scipy.sparse matrix, Hermitian, shape (n, n)
        Checked by the caller; ``k < n - 1``.
    k : int
    sigma : float
    scale : float, optional
        Energy scale of ``h`` for the residual tolerance ``1e-8 scale`` and the singular
        shift; default :func:`norm_bound`.
    ncv : int, optional
        Lanczos vectors (ARPACK's default ``max(2k + 1, 20)`` when omitted).
    permc_spec : str
        Ordering (one of :data:`PERMC_SPECS`).
    pivoting : sequence of {"symmetric", "partial"}
        Factorisations tried in turn until the residual check passes.
    return_info : bool
        Also return a dict with the factor's fill (``nnz(L) + nnz(U)``), the ordering, the
        pivoting used and the largest residual.

    Returns
    -------
    ndarray
        The eigenvalues, sorted (and the info dict with ``return_info=True``).

    Raises
    ------
    ConvergenceError
        ARPACK did not converge, the residual check failed with both factorisations, or
        the eigenvalues are not finite.
    """
    a = sp.csc_matrix(h)
    n = a.shape[0]
    ordering = permc_spec
    if permc_spec == "RCM":
        perm = reverse_cuthill_mckee(sp.csr_matrix(a), symmetric_mode=True)
        a = sp.csc_matrix(a[perm][:, perm])
        permc_spec = "NATURAL"
    scale = norm_bound(a) if scale is None else float(scale)
    scale = scale if scale > 0 else 1.0
    # A fixed generic start vector (ARPACK's own is random per call), so that the same
    # matrix gives bit-identical eigenvalues.
    v0 = np.random.default_rng(0x5EED).standard_normal(n).astype(a.dtype)
    resid = np.inf
    for mode in pivoting:
        robust = mode == "partial"
        lu, s = _factorise(a, sigma, scale, robust, permc_spec)
        op = spla.LinearOperator(a.shape, matvec=lu.solve, dtype=a.dtype)
        try:
            vals, vecs = spla.eigsh(a, k=k, sigma=s, which="LM", OPinv=op, ncv=ncv, v0=v0)
        except spla.ArpackNoConvergence as exc:
            raise ConvergenceError(f"shift-invert ARPACK did not converge for k={k} near sigma={sigma}: "
                                   f"{exc}") from exc
        vals = np.real(vals)
        resid = float(np.max(np.linalg.norm(a @ vecs - vecs * vals, axis=0))) if vals.size else 0.0
        if resid <= RESIDUAL_TOL * scale:
            break
    else:
        raise ConvergenceError(f"shift-invert eigenpairs have residual {resid:.2e} > "
                               f"{RESIDUAL_TOL * scale:.2e} near sigma={sigma}")
    if not np.all(np.isfinite(vals)):
        raise ConvergenceError("shift-invert returned non-finite eigenvalues")
    vals = np.sort(vals)
    if return_info:
        return vals, {"fill": int(lu.L.nnz + lu.U.nnz), "permc_spec": ordering,
                      "pivoting": "partial" if robust else "symmetric", "residual": resid}
    return vals
