r"""Disordered XXZ spin-1/2 chain in a fixed magnetisation sector.

.. math:: H = J\sum_{i}\Big[\tfrac12\big(e^{i\theta}S^+_iS^-_{i+1} + e^{-i\theta}S^-_iS^+_{i+1}\big)
          + \Delta\,S^z_iS^z_{i+1}\Big] + \sum_i h_i S^z_i,

:math:`h_i` uniform in :math:`[-W, W]` (Luitz, Laflorencie & Alet 2015), periodic or open
boundaries, :math:`\theta = \Phi/L` a flux :math:`\Phi` threading the ring (breaks time
reversal for :math:`\Phi \ne 0, \pi`; with random fields the spectrum is then GUE).
:math:`S^z_{\rm tot}` is conserved; the basis of a sector is the set of bit strings with
the right number of up spins (bit i = site i, 1 = up), in increasing integer order.

Ergodic for W below W_c ~ 3.7 (Delta = 1, Luitz et al. 2015): GOE level statistics
(<r~> = 0.5307); many-body localised above: Poisson (0.3863).

References
----------
D. J. Luitz, N. Laflorencie and F. Alet, Phys. Rev. B 91, 081103 (2015).
A. Pal and D. A. Huse, Phys. Rev. B 82, 174411 (2010).
"""

from __future__ import annotations

from math import comb

import numpy as np
from scipy import sparse
from scipy.sparse import linalg as sla

from .._log import progress_bar
from .._random import as_generator, draw_batch, keyword_rng
from .._sparse import PERMC_SPECS, shift_invert_eigvalsh
from .._typing import RngLike, SizeLike
from .._validate import check_bool, check_choice, check_int, check_real, check_size

__all__ = ["XXZChain", "sector_basis", "eigvals_near"]


def sector_basis(L: int, n_up: int) -> np.ndarray:
    """Sorted integer bit strings of ``L`` bits with ``n_up`` ones (the S_z sector basis).

    Examples
    --------
    >>> sector_basis(4, 2).tolist()
    [3, 5, 6, 9, 10, 12]
    """
    L = check_int("L", L, minimum=1, maximum=62)
    n_up = check_int("n_up", n_up, minimum=0, maximum=L)
    # Gosper's hack enumerates the combinations in increasing order
    out = np.empty(comb(L, n_up), dtype=np.int64)
    if n_up == 0:
        out[0] = 0
        return out
    v = (1 << n_up) - 1
    for i in range(out.size):
        out[i] = v
        c = v & -v
        r = v + c
        v = (((r ^ v) >> 2) // c) | r
    return out


class XXZChain:
    r"""Disordered XXZ chain in one S_z sector (see module docstring).

    Parameters
    ----------
    L : int
        Number of sites (2 <= L <= 30).
    W : float
        Disorder strength: h_i uniform in [-W, W].
    delta : float
        Anisotropy (1 = Heisenberg).
    J : float
        Exchange coupling.
    sz : float
        Magnetisation sector S^z_tot (0 for even L, half-integers for odd L).
    periodic : bool
        Periodic (default) or open boundaries.
    flux : float
        Flux Phi through the ring (periodic only), distributed as a phase Phi/L per bond.
    mirror : bool
        Draw fields symmetric under the reflection i -> L - 1 - i: the reflection then
        commutes with H and the sector splits into two unresolved parity blocks.

    Examples
    --------
    >>> import numpy as np
    >>> ch = XXZChain(8, W=1.0)
    >>> h = ch.hamiltonian(rng=1).toarray()
    >>> h.shape, bool(np.allclose(h, h.conj().T))
    ((70, 70), True)
    """

    def __init__(self, L: int, *, W: float = 0.0, delta: float = 1.0, J: float = 1.0, sz: float = 0.0,
                 periodic: bool = True, flux: float = 0.0, mirror: bool = False):
        self.L = check_int("L", L, minimum=2, maximum=30)
        self.W = check_real("W", W, minimum=0.0)
        self.delta = check_real("delta", delta)
        self.J = check_real("J", J)
        self.periodic = check_bool("periodic", periodic)
        self.flux = check_real("flux", flux)
        self.mirror = check_bool("mirror", mirror)
        if self.flux and not self.periodic:
            raise ValueError("flux needs periodic=True (an open chain has no ring to thread)")
        two_sz = 2 * check_real("sz", sz)
        n_up = (self.L + two_sz) / 2
        if not float(n_up).is_integer() or not 0 <= n_up <= self.L:
            raise ValueError(f"sz must be one of -L/2, -L/2 + 1, ..., L/2 (L={self.L}); got {sz!r}")
        self.sz = float(sz)
        self.n_up = int(n_up)
        self.basis = sector_basis(self.L, self.n_up)

    @property
    def dim(self) -> int:
        """Dimension of the sector, binomial(L, n_up)."""
        return int(self.basis.size)

    @property
    def beta(self) -> int:
        """Expected Dyson index in the ergodic phase: 2 with a generic flux, else 1."""
        return 2 if (self.flux % np.pi) != 0 else 1

    def _one_fields(self, gen) -> np.ndarray:
        h = gen.uniform(-self.W, self.W, size=self.L)
        if self.mirror:
            h = np.concatenate([h[: (self.L + 1) // 2], h[: self.L // 2][::-1]])
        return h

    @keyword_rng
    def fields(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Draw the random fields h_i (uniform in [-W, W]; mirror-symmetric if ``mirror``),
        shape (L,) or (size, L); realisations are drawn one after another from ``rng``."""
        return draw_batch(lambda gen, k: np.stack([self._one_fields(gen) for _ in range(k)]),
                          size, rng)

    @keyword_rng
    def hamiltonian(self, *, rng: RngLike = None, fields: np.ndarray | None = None) -> sparse.csr_matrix:
        """Sparse Hamiltonian of one realisation in the sector (CSR, real unless a flux is set).

        Parameters
        ----------
        rng : None, int, SeedSequence or Generator, keyword-only
            Draws the fields (ignored when ``fields`` is given).
        fields : array_like, optional
            The L fields h_i.
        """
        L, b = self.L, self.basis
        h = self.fields(rng=rng) if fields is None else np.asarray(fields, float)
        if h.shape != (L,):
            raise ValueError(f"fields must have shape ({L},); got {h.shape}")
        spin = ((b[:, None] >> np.arange(L)) & 1) - 0.5          # S^z_i of each basis state
        diag = spin @ h
        bonds = [(i, i + 1) for i in range(L - 1)] + ([(L - 1, 0)] if self.periodic and L > 2 else [])
        rows, cols, vals = [np.arange(b.size)], [np.arange(b.size)], []
        phase = np.exp(1j * self.flux / L) if self.flux else 1.0
        for i, j in bonds:
            diag = diag + self.J * self.delta * spin[:, i] * spin[:, j]
            si, sj = (b >> i) & 1, (b >> j) & 1
            # S^+_i S^-_j: j up, i down -> flip both; amplitude J/2 e^{i theta} (bond i -> j direction)
            sel = (sj == 1) & (si == 0)
            new = b[sel] ^ ((1 << i) | (1 << j))
            idx = np.searchsorted(b, new)
            amp = 0.5 * self.J * phase            # every bond runs i -> i + 1 (mod L)
            # <new| S^+_i S^-_j |old> and its Hermitian conjugate
            rows += [idx, np.flatnonzero(sel)]
            cols += [np.flatnonzero(sel), idx]
            vals += [np.full(idx.size, amp), np.full(idx.size, np.conj(amp))]
        data = np.concatenate([diag] + vals)
        m = sparse.coo_matrix((data, (np.concatenate(rows), np.concatenate(cols))), shape=(b.size, b.size))
        m = m.tocsr()
        if not self.flux:
            m = m.real.tocsr()
        m.sum_duplicates()
        return m

    @keyword_rng
    def eigvals(self, size: SizeLike = None, *, rng: RngLike = None, fields: np.ndarray | None = None,
                progress: bool = False) -> np.ndarray:
        """All eigenvalues (dense ``eigvalsh``; for dimensions up to a few thousand), shape
        (dim,) or (size, dim); realisations are drawn one after another from ``rng``.

        ``progress=True`` shows a bar over the realisations of an integer ``size`` (terminal or
        notebook; silent and warning-free when off, :func:`rmt_meso._log.progress_bar`)."""
        size = check_size(size)
        if size is None:
            return np.linalg.eigvalsh(self.hamiltonian(rng=rng, fields=fields).toarray())
        if fields is not None:
            raise ValueError("fields gives one realisation; pass size=None with fields")
        gen = as_generator(rng)
        rows = []
        with progress_bar(size, enabled=bool(progress), desc="realisations", unit="real") as bar:
            for _ in range(size):
                rows.append(np.linalg.eigvalsh(self.hamiltonian(rng=gen).toarray()))
                bar.update(1)
        return np.stack(rows)


def eigvals_near(h: sparse.spmatrix, k: int = 100, *, sigma: float | None = None,
                 target: float = 0.5, permc_spec: str = "RCM") -> np.ndarray:
    r"""The ``k`` eigenvalues of a sparse Hermitian matrix nearest ``sigma``, by shift-invert Lanczos.

    Parameters
    ----------
    h : sparse matrix (Hermitian)
    k : int
        Number of eigenvalues.
    sigma : float, optional
        Target energy.  Default: ``E_min + target (E_max - E_min)`` with the extremes from
        Lanczos (``target = 0.5``: the centre of the spectrum, energy density epsilon = 1/2
        of Luitz et al. 2015).
    target : float in [0, 1]
    permc_spec : {"RCM", "MMD_AT_PLUS_A", "MMD_ATA", "COLAMD", "NATURAL"}
        Fill-reducing ordering of the factorisation: ``"RCM"`` (default) a reverse
        Cuthill-McKee preordering of H with SuperLU's natural order, else SuperLU's column
        ordering (see ``benchmarks/bench_spectrum_analysis.py`` for fill and timings on the
        XXZ chain: RCM fills ~26 % less than minimum degree at L = 16).

    Returns
    -------
    ndarray
        Sorted eigenvalues.

    Notes
    -----
    ARPACK in shift-invert mode on :math:`(H - \sigma)^{-1}`, factorised once by SuperLU
    (fill-reducing ordering, symmetric-mode pivoting; eigenpairs
    checked by their residual, with a partial-pivoting retry); the largest eigenvalues of the
    inverse are the levels nearest sigma (Luitz et al. 2015 use the same method with MUMPS).
    The kernel is shared with :meth:`rmt_meso.ensembles.Anderson.eigvals`
    (``rmt_meso._sparse``).

    Examples
    --------
    >>> import numpy as np
    >>> h = XXZChain(10, W=1.0).hamiltonian(rng=0)
    >>> full = np.linalg.eigvalsh(h.toarray())
    >>> near = eigvals_near(h, 6, sigma=0.0)
    >>> bool(np.allclose(near, np.sort(full[np.argsort(np.abs(full))[:6]])))
    True
    """
    if not sparse.issparse(h):
        raise TypeError(f"h must be a scipy.sparse matrix; got {type(h).__name__}")
    n = h.shape[0]
    k = check_int("k", k, minimum=1, maximum=n - 2)
    target = check_real("target", target, minimum=0.0, maximum=1.0)
    h = sparse.csc_matrix(h)
    if sigma is None:
        lo = sla.eigsh(h, 1, which="SA", return_eigenvectors=False, tol=1e-8)[0]
        hi = sla.eigsh(h, 1, which="LA", return_eigenvectors=False, tol=1e-8)[0]
        sigma = float(lo + target * (hi - lo))
    sigma = check_real("sigma", sigma)
    permc_spec = check_choice("permc_spec", permc_spec, PERMC_SPECS)
    return shift_invert_eigvalsh(h, k, sigma, permc_spec=permc_spec)
