"""Gaussian ensembles: the Dumitriu–Edelman β-Hermite model and dense GOE, GUE, GSE.

Convention (public contract, docs/design.md): the joint eigenvalue density is

    P(λ_1, ..., λ_n) ∝ |Δ(λ)|^β exp(−Σ_i λ_i² / 2),

so that E tr H² = n + β n(n−1)/2 and the spectrum fills the semicircle of radius √(2βn).
In the dense classes this means diagonal entries N(0, 1) and off-diagonal entries with
E|H_ij|² = β/2 summed over the β real components, i.e. each real component N(0, 1/2).
GSE matrices are 2n×2n complex matrices with quaternion structure; their n Kramers-pair
eigenvalues follow the β = 4 law above.

References
----------
I. Dumitriu and A. Edelman, "Matrix models for beta ensembles",
J. Math. Phys. 43, 5830 (2002).
M. L. Mehta, *Random Matrices*, 3rd ed. (Elsevier, 2004), ch. 2–3.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg.lapack import dstebz, dsterf

from .._blas import blas_limited_by
from .._random import as_generator, drop_sample_axis, keyword_rng
from .._typing import RngLike, SizeLike
from .._validate import ConvergenceError, check_beta, check_choice, check_int, check_real, check_size
from ._base import DenseEnsemble

__all__ = ["GaussianEnsemble", "GOE", "GUE", "GSE", "dense_gaussian"]

# Numbers of 8-byte floats a dense eigenvalue batch may hold at once (about 64 MB).
_DENSE_CHUNK_FLOATS = 8_000_000


# --------------------------------------------------------------------------- shared helpers
def _check_window(window, n: int):
    """Validate a spectral window; return ``None``, ``("index", lo, hi)`` or ``("value", a, b)``.

    ``("index", lo, hi)`` selects the eigenvalues of 0-based ascending indices
    ``lo <= k <= hi`` (inclusive, like LAPACK's ``RANGE='I'``); ``("value", a, b)``
    selects the eigenvalues in the half-open interval ``(a, b]`` (LAPACK's ``RANGE='V'``).
    """
    if window is None:
        return None
    if not isinstance(window, tuple) or len(window) != 3:
        raise TypeError("window must be None, ('index', lo, hi) or ('value', a, b); "
                        f"got {window!r}")
    kind = check_choice("window[0]", window[0], ("index", "value"))
    if kind == "index":
        lo = check_int("window lo", window[1], minimum=0, maximum=n - 1)
        hi = check_int("window hi", window[2], minimum=lo, maximum=n - 1)
        return ("index", lo, hi)
    a = check_real("window a", window[1], allow_inf=True)
    b = check_real("window b", window[2], allow_inf=True)
    if not a < b:
        raise ValueError(f"window ('value', a, b) needs a < b; got a={a}, b={b}")
    return ("value", a, b)


def _apply_window(vals: np.ndarray, window):
    """Cut sorted eigenvalues (last axis) to ``window``; value windows give ragged lists."""
    if window is None:
        return vals
    if window[0] == "index":
        return vals[..., window[1]:window[2] + 1]
    _, a, b = window
    if vals.ndim == 1:
        return vals[(vals > a) & (vals <= b)]
    return [v[(v > a) & (v <= b)] for v in vals]


def _sterf(d: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Eigenvalues (ascending) of the symmetric tridiagonal (d, e) by LAPACK ``dsterf``.

    ``d`` and ``e`` are overwritten (they are private work arrays).
    """
    vals, info = dsterf(d, e, overwrite_d=1, overwrite_e=1)
    if info != 0:
        raise ConvergenceError(f"LAPACK dsterf failed to converge (info={info})")
    return vals


def _stebz(d: np.ndarray, e: np.ndarray, window) -> np.ndarray:
    """Eigenvalues of (d, e) inside ``window`` by bisection (LAPACK ``dstebz``), O(n·k)."""
    if window[0] == "index":
        m, w, _, _, info = dstebz(d, e, 2, 0.0, 0.0, window[1] + 1, window[2] + 1, 0.0, "E")
    else:
        a, b = window[1], window[2]
        # dstebz wants finite bounds; the Gershgorin interval contains every eigenvalue.
        ae = np.abs(e)
        rad = np.concatenate([ae, [0.0]]) + np.concatenate([[0.0], ae])
        lo_g, hi_g = float(np.min(d - rad)) - 1.0, float(np.max(d + rad)) + 1.0
        a, b = max(a, lo_g), min(b, hi_g)
        if not a < b:
            return np.empty(0)
        m, w, _, _, info = dstebz(d, e, 1, a, b, 0, 0, 0.0, "E")
    if info != 0:
        raise ConvergenceError(f"LAPACK dstebz failed (info={info})")
    return w[:m]


def _tridiagonal_eigvals(d: np.ndarray, e: np.ndarray, window: tuple | None) -> np.ndarray | list[np.ndarray]:
    """Sorted eigenvalues of a batch (or one) of tridiagonal matrices ``(d, e)``."""
    d = np.ascontiguousarray(d, dtype=float)
    e = np.ascontiguousarray(e, dtype=float)
    if d.shape[-1] == 1:   # 1×1 matrices: LAPACK's wrappers refuse an empty off-diagonal
        return _apply_window(d.copy(), window)
    if d.ndim == 1:
        if window is None:
            return _sterf(d, e)
        return _stebz(d, e, window)
    if window is None:
        out = np.empty_like(d)
        for k in range(d.shape[0]):
            out[k] = _sterf(d[k], e[k])
        return out
    res = [_stebz(d[k], e[k], window) for k in range(d.shape[0])]
    return np.array(res) if window[0] == "index" else res


def _hermite_tridiagonal(rng: np.random.Generator, beta: float, n: int, size):
    """Draw the Dumitriu–Edelman β-Hermite tridiagonal matrix (diag, offdiag).

    H = (1/√2) tridiag with diagonal N(0, 2) and off-diagonal χ_{β(n−k)}, k = 1..n−1
    (Dumitriu & Edelman 2002, Theorem 2.12); here already divided by √2: diagonal N(0, 1),
    off-diagonal χ_{β(n−k)}/√2 drawn as √(Gamma(β(n−k)/2)) since χ²_ν/2 ~ Gamma(ν/2).
    """
    shape = (n,) if size is None else (size, n)
    diag = rng.standard_normal(shape)
    dof = beta * np.arange(n - 1, 0, -1, dtype=float)
    eshape = (n - 1,) if size is None else (size, n - 1)
    off = np.sqrt(rng.standard_gamma(np.broadcast_to(dof / 2.0, eshape)))
    return diag, off


# --------------------------------------------------------------------------- β-Hermite
class GaussianEnsemble:
    """Gaussian β-ensemble (β-Hermite) of any real β > 0 via the tridiagonal model.

    Parameters
    ----------
    beta : float
        Dyson index, any real ``beta > 0`` (1, 2, 4 reproduce GOE, GUE, GSE eigenvalues).
    n : int
        Matrix size (number of eigenvalues), ``n >= 1``.

    Notes
    -----
    The matrix is H = (1/√2)·tridiag(a, b) with a_i ~ N(0, 2) and b_k ~ χ_{β(n−k)},
    k = 1, ..., n−1.  Its eigenvalues have the joint density
    ∝ |Δ(λ)|^β exp(−Σλ_i²/2) (Dumitriu & Edelman 2002), so E tr H² = n + βn(n−1)/2 and the
    density tends to Wigner's semicircle of radius √(2βn).  Eigenvalues are computed by
    LAPACK's root-free QR ``dsterf`` (O(n²) time, O(n) memory per sample) or, for a
    spectral window, by bisection ``dstebz``.  A batch of ``size`` samples holds only the
    O(size·n) tridiagonal entries, never a dense matrix.

    References
    ----------
    I. Dumitriu and A. Edelman, J. Math. Phys. 43, 5830 (2002).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import GaussianEnsemble
    >>> ens = GaussianEnsemble(2.5, 50)
    >>> lam = ens.eigvals(size=3, rng=1)
    >>> lam.shape, bool((np.diff(lam, axis=1) >= 0).all())
    ((3, 50), True)
    """

    def __init__(self, beta: float, n: int):
        self.beta = check_beta(beta)
        self.n = check_int("n", n, minimum=1)

    def __repr__(self):
        return f"GaussianEnsemble(beta={self.beta!r}, n={self.n})"

    @property
    def radius(self) -> float:
        """Semicircle radius √(2βn) of the large-n density."""
        return float(np.sqrt(2.0 * self.beta * self.n))

    @keyword_rng
    def sample(self, size: SizeLike = None, *, rng: RngLike = None) -> tuple[np.ndarray, np.ndarray]:
        """Draw tridiagonal matrices.

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` gives one sample without a sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only

        Returns
        -------
        diag : ndarray, shape (n,) or (size, n)
            Diagonal, entries N(0, 1).
        offdiag : ndarray, shape (n−1,) or (size, n−1)
            Off-diagonal, entries χ_{β(n−k)}/√2 (non-negative).
        """
        size = check_size(size)
        gen = as_generator(rng)
        return _hermite_tridiagonal(gen, self.beta, self.n, size)

    @keyword_rng
    @blas_limited_by(lambda self, *a, **k: self.n)
    def eigvals(self, size: SizeLike = None, *, rng: RngLike = None, window: tuple | None = None) -> np.ndarray | list[np.ndarray]:
        """Sorted eigenvalues of tridiagonal samples.

        Parameters
        ----------
        size : int, optional
            Number of samples (sample axis first); ``None`` for one spectrum.
        rng : None, int, SeedSequence or Generator, keyword-only
        window : tuple, optional
            ``("index", lo, hi)``: eigenvalues with 0-based ascending index
            ``lo <= k <= hi`` (an array with last axis ``hi − lo + 1``);
            ``("value", a, b)``: eigenvalues in ``(a, b]`` (one 1-D array per sample: a
            list when ``size`` is given, since their number varies).  Windows use LAPACK
            bisection ``dstebz``, O(n·k) for k eigenvalues.

        Returns
        -------
        ndarray, shape (n,) or (size, n); or a list of arrays for a value window

        Raises
        ------
        ValueError, TypeError
            Bad size, rng or window.
        ConvergenceError
            LAPACK reported a failure.

        Notes
        -----
        With the same ``rng`` the eigenvalues are those of :meth:`sample`'s matrices.
        """
        size = check_size(size)
        window = _check_window(window, self.n)
        gen = as_generator(rng)
        d, e = _hermite_tridiagonal(gen, self.beta, self.n, size)
        return _tridiagonal_eigvals(d, e, window)


# --------------------------------------------------------------------------- dense classes
def _dense_goe(rng, k, n):
    a = rng.standard_normal((k, n, n))
    # (A + Aᵀ)/2: diagonal N(0, 1), off-diagonal N(0, 1/2)
    return (a + np.swapaxes(a, -1, -2)) / 2.0


def _dense_gue(rng, k, n):
    a = rng.standard_normal((k, n, n, 2)).view(complex)[..., 0]
    # A has E|A_ij|² = 2; (A + A†)/2: diagonal Re A_ii ~ N(0, 1), E|H_ij|² = 1
    return (a + np.conj(np.swapaxes(a, -1, -2))) / 2.0


def _dense_gse(rng, k, n):
    z = rng.standard_normal((k, 2, n, n, 2)).view(complex)[..., 0]
    a, c = z[:, 0], z[:, 1]
    # Quaternion-real Hermitian H = [[A, B], [−B̄, Ā]] with A Hermitian (diagonal N(0, 1),
    # E|A_ij|² = 1) and B antisymmetric (E|B_ij|² = 1): each quaternion component of the
    # off-diagonal entries is N(0, 1/2), so tr_q H² = tr H²/2 has the β = 4 weight.
    a = (a + np.conj(np.swapaxes(a, -1, -2))) / 2.0
    b = (c - np.swapaxes(c, -1, -2)) / 2.0
    h = np.empty((k, 2 * n, 2 * n), dtype=complex)
    h[:, :n, :n] = a
    h[:, :n, n:] = b
    h[:, n:, :n] = -np.conj(b)
    h[:, n:, n:] = np.conj(a)
    return h


class _DenseGaussian(DenseEnsemble):
    beta: int

    @property
    def radius(self) -> float:
        """Semicircle radius √(2βn) of the large-n eigenvalue density."""
        return float(np.sqrt(2.0 * self.beta * self.n))

    def _dense_eigvals(self, gen, size):
        k_total = 1 if size is None else size
        chunk = max(1, _DENSE_CHUNK_FLOATS // (4 * self.dim * self.dim))
        parts = []
        done = 0
        while done < k_total:
            k = min(chunk, k_total - done)
            parts.append(np.linalg.eigvalsh(self._draw(gen, k)))
            done += k
        vals = np.concatenate(parts, axis=0)
        return drop_sample_axis(vals, size)

    @keyword_rng
    @blas_limited_by(lambda self, *a, **k: self.n)
    def eigvals(self, size: SizeLike = None, *, rng: RngLike = None, method: str = "auto", window: tuple | None = None,
                kramers: str = "once") -> np.ndarray | list[np.ndarray]:
        """Sorted eigenvalues, sample axis first.

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` for one spectrum without a sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only
        method : {"auto", "dense", "tridiagonal"}
            ``"dense"`` diagonalises :meth:`sample`'s matrices (``numpy.linalg.eigvalsh``,
            O(n³)); ``"tridiagonal"`` uses the Dumitriu–Edelman model of the same law
            (O(n²), LAPACK ``dsterf``); ``"auto"`` picks ``"tridiagonal"``.
        window : tuple, optional
            ``("index", lo, hi)`` or ``("value", a, b)``, see
            :meth:`GaussianEnsemble.eigvals`.  For GSE the index counts Kramers pairs.
        kramers : {"once", "both"}
            GSE only: return each doubly degenerate eigenvalue once (n values) or twice
            (2n values).  Ignored for GOE and GUE.

        Returns
        -------
        ndarray, shape (m,) or (size, m); or a list of arrays for a value window
        """
        size = check_size(size)
        method = check_choice("method", method, ("auto", "dense", "tridiagonal"))
        kramers = check_choice("kramers", kramers, ("once", "both"))
        window = _check_window(window, self.n)
        gen = as_generator(rng)
        if method == "dense":
            vals = self._dense_eigvals(gen, size)
            if self.beta == 4:
                # Kramers pairs are adjacent in the sorted spectrum; average each pair.
                vals = 0.5 * (vals[..., 0::2] + vals[..., 1::2])
            vals = _apply_window(vals, window)
        else:
            d, e = _hermite_tridiagonal(gen, float(self.beta), self.n, size)
            vals = _tridiagonal_eigvals(d, e, window)
        if self.beta == 4 and kramers == "both":
            if isinstance(vals, list):
                return [np.repeat(v, 2) for v in vals]
            return np.repeat(vals, 2, axis=-1)
        return vals


class GOE(_DenseGaussian):
    """Gaussian orthogonal ensemble (β = 1): real symmetric n×n matrices.

    Diagonal entries N(0, 1), off-diagonal N(0, 1/2), density ∝ exp(−tr H²/2); eigenvalue
    density ∝ |Δ(λ)| exp(−Σλ²/2), semicircle radius √(2n).

    Parameters
    ----------
    n : int
        Matrix size, ``n >= 1``.

    References
    ----------
    M. L. Mehta, *Random Matrices*, 3rd ed. (2004), ch. 2.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import GOE
    >>> h = GOE(4).sample(rng=0)
    >>> np.allclose(h, h.T)
    True
    """

    beta = 1

    def _draw(self, gen, k):
        return _dense_goe(gen, k, self.n)


class GUE(_DenseGaussian):
    """Gaussian unitary ensemble (β = 2): complex Hermitian n×n matrices.

    Diagonal entries N(0, 1), off-diagonal complex with E|H_ij|² = 1 (real and imaginary
    parts N(0, 1/2)); eigenvalue density ∝ |Δ(λ)|² exp(−Σλ²/2), semicircle radius √(4n).

    Parameters
    ----------
    n : int
        Matrix size, ``n >= 1``.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import GUE
    >>> h = GUE(4).sample(rng=0)
    >>> np.allclose(h, h.conj().T)
    True
    """

    beta = 2

    def _draw(self, gen, k):
        return _dense_gue(gen, k, self.n)


class GSE(_DenseGaussian):
    """Gaussian symplectic ensemble (β = 4): 2n×2n quaternion-real Hermitian matrices.

    H = [[A, B], [−B̄, Ā]] with A Hermitian and B antisymmetric, i.e. an n×n Hermitian
    matrix of quaternions written in the 2×2 complex representation (self-dual:
    J Hᵀ Jᵀ = H with J = [[0, 1], [−1, 0]]).  Diagonal quaternions are real N(0, 1), every
    real component of an off-diagonal quaternion is N(0, 1/2), so the density is
    ∝ exp(−tr_q H²/2) with tr_q = tr/2.  The spectrum is doubly (Kramers) degenerate; the
    n distinct eigenvalues have density ∝ |Δ(λ)|⁴ exp(−Σλ²/2), semicircle radius √(8n).

    Parameters
    ----------
    n : int
        Number of Kramers pairs, ``n >= 1`` (matrices are 2n×2n).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import GSE
    >>> lam = GSE(3).eigvals(rng=0, method="dense", kramers="both")
    >>> np.allclose(lam[0::2], lam[1::2])
    True
    """

    beta = 4

    def _draw(self, gen, k):
        return _dense_gse(gen, k, self.n)

    @property
    def dim(self) -> int:
        return 2 * self.n


def dense_gaussian(beta: int, n: int) -> _DenseGaussian:
    """The dense class of Dyson index ``beta`` ∈ {1, 2, 4}: ``GOE(n)``, ``GUE(n)`` or ``GSE(n)``.

    Raises
    ------
    ValueError
        ``beta`` not in {1, 2, 4} (use :class:`GaussianEnsemble` for other β).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import dense_gaussian
    >>> dense_gaussian(2, 10)
    GUE(n=10)
    """
    beta = int(check_beta(beta, allowed=(1, 2, 4)))
    return {1: GOE, 2: GUE, 4: GSE}[beta](n)
