"""Circular ensembles: Haar CUE, COE, CSE and the Killip–Nenciu CMV model of CβE.

Conventions (public contract, docs/design.md): eigenphases θ lie in [−π, π) and are
returned sorted; their joint density is ∝ Π_{j<k} |e^{iθ_j} − e^{iθ_k}|^β.

* CUE(n): Haar unitary n×n matrices, drawn by QR of a complex Ginibre matrix with the phase
  fix of Mezzadri (2007), β = 2.
* COE(n): S = UᵀU with U Haar (Dyson 1962), symmetric unitary, β = 1.
* CSE(n): S = U^R U with U a 2n×2n Haar unitary and U^R = J Uᵀ Jᵀ its quaternion dual,
  J = [[0, 1], [−1, 0]]; self-dual unitary with doubly degenerate phases, β = 4.
* CircularEnsemble(beta, n): any β > 0, the CMV matrix of Killip & Nenciu (2004).

Eigenphases by the CMV route (``method="cmv"``, the default) cost O(n²) per sample: the
CMV matrix C = L·M is a product of two block-diagonal unitaries of symmetric 2×2 blocks;
with R = M^{1/2} (block-wise, symmetric) S = R L R is a symmetric unitary band matrix
(half-bandwidth 3) similar to C.  A symmetric unitary matrix is diagonalised by a real
orthogonal matrix, so X = Re S and Y = Im S are commuting real symmetric band matrices
with eigenvalues cos θ and sin θ on a common eigenbasis, and tan(θ/2) are the eigenvalues
of the symmetric-definite band pencil (Y, I + X) (a Cayley transform).  LAPACK ``dsbgv``
(split Cholesky, Crawford's band-preserving reduction, then QR on the tridiagonal form)
solves it in O(n²).  I + X is ill-conditioned for θ near ±π, so the phases with
|θ| > π/2 are taken from the rotated pencil (−Y, I − X) of −S instead.

References
----------
F. J. Dyson, J. Math. Phys. 3, 140 (1962).
F. Mezzadri, "How to generate random matrices from the classical compact groups",
Notices AMS 54, 592 (2007).
R. Killip and I. Nenciu, "Matrix models for circular ensembles", IMRN 2004, 2665.
M. J. Cantero, L. Moral and L. Velázquez, Linear Algebra Appl. 362, 29 (2003) (CMV).
C. R. Crawford, "Reduction of a band-symmetric generalized eigenvalue problem",
Commun. ACM 16, 41 (1973); LAPACK Users' Guide, 3rd ed. (1999), DSBGV/DSBGST.
"""

from __future__ import annotations

import numpy as np

from .._blas import blas_limited_by
from .._lapack import DSBGV as _DSBGV
from .._lapack import dsbgv_eigvals as _sbgv_eigvals
from .._random import as_generator, draw_batch, drop_sample_axis, keyword_rng
from .._typing import RngLike, SizeLike
from .._validate import ConvergenceError, check_beta, check_choice, check_int, check_size
from ._base import DenseEnsemble

__all__ = ["CUE", "COE", "CSE", "CircularEnsemble", "dense_circular"]

_TWO_PI = 2.0 * np.pi


# --------------------------------------------------------------------------- helpers
def _wrap(theta):
    """Map angles to [−π, π)."""
    return (np.asarray(theta) + np.pi) % _TWO_PI - np.pi


def _phases_sorted(z):
    """Sorted eigenphases in [−π, π) of unit-modulus eigenvalues ``z`` (last axis)."""
    return np.sort(_wrap(np.angle(z)), axis=-1)


def _haar_unitary(rng: np.random.Generator, k: int, n: int) -> np.ndarray:
    """k Haar unitaries: QR of complex Ginibre matrices with R's diagonal made positive.

    Mezzadri (2007), Sec. 5: Z = QR is unique once diag(R) > 0; multiplying Q by
    diag(R_jj/|R_jj|) makes the law of Q exactly Haar.
    """
    z = rng.standard_normal((k, n, n, 2)).view(complex)[..., 0] / np.sqrt(2.0)
    q, r = np.linalg.qr(z)
    d = np.diagonal(r, axis1=-2, axis2=-1)
    return q * (d / np.abs(d))[..., None, :]


def _quaternion_dual(u: np.ndarray) -> np.ndarray:
    """U^R = J Uᵀ Jᵀ with J = [[0, 1], [−1, 0]] (n×n blocks), on the last two axes."""
    n = u.shape[-1] // 2
    ut = np.swapaxes(u, -1, -2)
    out = np.empty_like(u)
    out[..., :n, :n] = ut[..., n:, n:]
    out[..., :n, n:] = -ut[..., n:, :n]
    out[..., n:, :n] = -ut[..., :n, n:]
    out[..., n:, n:] = ut[..., :n, :n]
    return out


def _pair_phases(z: np.ndarray) -> np.ndarray:
    """Collapse a doubly degenerate unit-modulus spectrum (last axis, 2n) to n phases."""
    theta = _phases_sorted(z)
    w = np.exp(1j * theta)
    # Pairs are adjacent on the circle; a pair may straddle the cut at ±π, in which case
    # the pairing (1, 2), (3, 4), ..., (2n−1, 0) matches better than (0, 1), (2, 3), ...
    even = np.abs(w[..., 0::2] - w[..., 1::2]).sum(axis=-1)
    shifted = np.roll(w, -1, axis=-1)
    odd = np.abs(shifted[..., 0::2] - shifted[..., 1::2]).sum(axis=-1)
    use_odd = (odd < even)[..., None]
    a = np.where(use_odd, shifted[..., 0::2], w[..., 0::2])
    b = np.where(use_odd, shifted[..., 1::2], w[..., 1::2])
    return np.sort(_wrap(np.angle(a + b)), axis=-1)


# --------------------------------------------------------------------------- CMV model
def _verblunsky(rng: np.random.Generator, beta: float, n: int, k: int) -> np.ndarray:
    """Killip–Nenciu Verblunsky coefficients, shape (k, n).

    α_j, j = 0..n−2, independent, rotation invariant with |α_j|² ~ Beta(1, β(n−j−1)/2)
    (density ∝ (1 − |α|²)^{β(n−j−1)/2 − 1}); α_{n−1} uniform on the unit circle
    (Killip & Nenciu 2004, Theorem 1).
    """
    phase = rng.uniform(0.0, _TWO_PI, size=(k, n))
    mod2 = np.ones((k, n))
    if n > 1:
        shape_b = beta * np.arange(n - 1, 0, -1, dtype=float) / 2.0
        mod2[:, :-1] = rng.beta(1.0, np.broadcast_to(shape_b, (k, n - 1)))
    return np.sqrt(mod2) * np.exp(1j * phase)


def _theta_blocks(alpha: np.ndarray, starts) -> np.ndarray:
    """Band storage (k, 3, n), ``B[:, 1 + d, i] = A[i, i + d]``, of the block-diagonal
    unitary with blocks Θ_r = [[ᾱ_r, ρ_r], [ρ_r, −α_r]] on rows (r, r+1) for r in
    ``starts`` (a trailing 1×1 block is ᾱ_{n−1}) and 1 elsewhere on the diagonal."""
    k, n = alpha.shape
    band = np.zeros((k, 3, n), dtype=complex)
    band[:, 1, :] = 1.0
    r = np.asarray(starts, dtype=int)
    full = r[r + 1 < n]
    a = alpha[:, full]
    rho = np.sqrt(np.maximum(0.0, 1.0 - np.abs(a) ** 2))
    band[:, 1, full] = np.conj(a)
    band[:, 1, full + 1] = -a
    band[:, 2, full] = rho          # A[r, r+1]
    band[:, 0, full + 1] = rho      # A[r+1, r]
    last = r[r + 1 == n]
    band[:, 1, last] = np.conj(alpha[:, last])
    return band


def _theta_sqrt_blocks(alpha: np.ndarray, starts) -> np.ndarray:
    """Symmetric unitary square root of :func:`_theta_blocks`, same storage.

    Θ = X − i y·1 with α = x + iy and X = [[x, ρ], [ρ, −x]] real symmetric, X² = c²·1,
    c = √(1 − y²); the eigenvalues of Θ are z± = ±c − iy with projectors (1 ± X/c)/2, so
    Θ^{1/2} = (w₊ + w₋)/2·1 + (w₊ − w₋)/(2c)·X with w± = √z±.
    """
    k, n = alpha.shape
    band = np.zeros((k, 3, n), dtype=complex)
    band[:, 1, :] = 1.0
    r = np.asarray(starts, dtype=int)
    full = r[r + 1 < n]
    a = alpha[:, full]
    x, y = a.real, a.imag
    rho = np.sqrt(np.maximum(0.0, 1.0 - np.abs(a) ** 2))
    c = np.sqrt(np.maximum(0.0, 1.0 - y * y))
    wp, wm = np.sqrt(c - 1j * y), np.sqrt(-c - 1j * y)
    s0 = 0.5 * (wp + wm)
    safe_c = np.where(c > 0, c, 1.0)
    s1 = np.where(c > 0, (wp - wm) / (2.0 * safe_c), 0.0)
    band[:, 1, full] = s0 + s1 * x
    band[:, 1, full + 1] = s0 - s1 * x
    band[:, 2, full] = s1 * rho
    band[:, 0, full + 1] = s1 * rho
    last = r[r + 1 == n]
    band[:, 1, last] = np.sqrt(np.conj(alpha[:, last]))
    return band


def _band_to_dense(band: np.ndarray) -> np.ndarray:
    k, w, n = band.shape
    p = (w - 1) // 2
    out = np.zeros((k, n, n), dtype=band.dtype)
    idx = np.arange(n)
    for d in range(-p, p + 1):
        rows = idx[max(0, -d):n - max(0, d)]
        out[:, rows, rows + d] = band[:, p + d, rows]
    return out


def _band_mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Product of two batches of band matrices in centred storage (k, 2p+1, n)."""
    k, wa, n = a.shape
    pa, pb = (wa - 1) // 2, (b.shape[1] - 1) // 2
    pc = pa + pb
    c = np.zeros((k, 2 * pc + 1, n), dtype=np.result_type(a, b))
    for da in range(-pa, pa + 1):
        ad = a[:, pa + da, :]                   # A[i, i + da]
        for db in range(-pb, pb + 1):
            bd = b[:, pb + db, :]               # B[j, j + db], needed at j = i + da
            shifted = np.zeros_like(bd)
            if da >= 0:
                shifted[:, :n - da] = bd[:, da:]
            else:
                shifted[:, -da:] = bd[:, :n + da]
            c[:, pc + da + db, :] += ad * shifted
    return c


def _cmv_band(alpha: np.ndarray):
    """L and M of the CMV factorisation C = L·M (Killip–Nenciu 2004, eq. (1.10))."""
    n = alpha.shape[1]
    lb = _theta_blocks(alpha, range(0, n, 2))
    mb = _theta_blocks(alpha, range(1, n, 2))
    return lb, mb


def _cmv_dense(alpha: np.ndarray) -> np.ndarray:
    lb, mb = _cmv_band(alpha)
    return _band_to_dense(_band_mul(lb, mb))


def _upper_band_storage(sym_band: np.ndarray, kd: int) -> np.ndarray:
    """Centred storage (2p+1, n) of a symmetric band matrix → LAPACK upper (kd+1, n)."""
    p = (sym_band.shape[0] - 1) // 2
    n = sym_band.shape[1]
    ab = np.zeros((kd + 1, n), order="F")
    for d in range(0, min(p, kd) + 1):
        # A[i, i+d] sits at ab[kd − d, i + d]
        ab[kd - d, d:] = sym_band[p + d, :n - d]
    return ab


def _cmv_phases_band(alpha: np.ndarray) -> np.ndarray:
    """Sorted eigenphases of the CMV matrices of ``alpha`` (k, n) in O(n²) each."""
    k, n = alpha.shape
    if n == 1:
        return np.sort(_wrap(np.angle(np.conj(alpha))), axis=-1)
    lb = _theta_blocks(alpha, range(0, n, 2))
    rb = _theta_sqrt_blocks(alpha, range(1, n, 2))
    s = _band_mul(_band_mul(rb, lb), rb)        # S = M^{1/2} L M^{1/2}, symmetric unitary
    p = (s.shape[1] - 1) // 2
    kd = min(p, n - 1)
    out = np.empty((k, n))
    eye = np.zeros((2 * p + 1, n))
    eye[p] = 1.0
    half = np.pi / 2
    for j in range(k):
        x, y = s[j].real, s[j].imag
        # tan(θ/2) from (Y, I + X); tan((θ − π)/2) from (−Y, I − X)
        t1 = 2.0 * np.arctan(_sbgv_eigvals(_upper_band_storage(y, kd),
                                           _upper_band_storage(eye + x, kd)))
        t2 = _wrap(2.0 * np.arctan(_sbgv_eigvals(_upper_band_storage(-y, kd),
                                                 _upper_band_storage(eye - x, kd))) + np.pi)
        inner = t1[np.abs(t1) <= half]
        outer = t2[np.abs(t2) > half]
        if inner.size + outer.size != n:
            # an eigenvalue within rounding of ±π/2 was counted on both sides or on
            # neither; such samples (probability ~ n·1e-16) use dense diagonalisation.
            out[j] = _phases_sorted(np.linalg.eigvals(_cmv_dense(alpha[j:j + 1])[0]))
            continue
        out[j] = np.sort(np.concatenate([inner, outer]))
    return out


# --------------------------------------------------------------------------- classes
class CircularEnsemble:
    """Circular β-ensemble (CβE) of any real β > 0 via the Killip–Nenciu CMV model.

    Parameters
    ----------
    beta : float
        Dyson index, any real ``beta > 0``.
    n : int
        Number of eigenphases, ``n >= 1``.

    Notes
    -----
    The Verblunsky coefficients α_0, ..., α_{n−1} are independent: for j <= n−2 rotation
    invariant with |α_j|² ~ Beta(1, β(n−j−1)/2), and α_{n−1} uniform on the unit circle.
    The CMV matrix C = L·M with L = Θ_0 ⊕ Θ_2 ⊕ ..., M = 1 ⊕ Θ_1 ⊕ Θ_3 ⊕ ...,
    Θ_j = [[ᾱ_j, ρ_j], [ρ_j, −α_j]], ρ_j = √(1 − |α_j|²), is unitary and five-diagonal and
    its eigenphases have the CβE density ∝ Π|e^{iθ_j} − e^{iθ_k}|^β (Killip & Nenciu 2004,
    Theorem 1).  :meth:`eigphases` uses the O(n²) band-pencil route described in the
    module docstring; ``method="dense"`` diagonalises C with ``numpy.linalg.eigvals``.

    References
    ----------
    R. Killip and I. Nenciu, Int. Math. Res. Not. 2004, 2665 (2004).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import CircularEnsemble
    >>> ens = CircularEnsemble(3.0, 20)
    >>> c = ens.sample(rng=1)
    >>> np.allclose(c @ c.conj().T, np.eye(20))
    True
    >>> np.allclose(ens.eigphases(rng=1), ens.eigphases(rng=1, method="dense"))
    True
    """

    def __init__(self, beta: float, n: int):
        self.beta = check_beta(beta)
        self.n = check_int("n", n, minimum=1)

    def __repr__(self):
        return f"CircularEnsemble(beta={self.beta!r}, n={self.n})"

    @keyword_rng
    def verblunsky(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Draw the Verblunsky coefficients, shape (n,) or (size, n), complex."""
        return draw_batch(lambda gen, k: _verblunsky(gen, self.beta, self.n, k), size, rng)

    @keyword_rng
    def sample(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Draw CMV matrices (unitary, five-diagonal), shape (n, n) or (size, n, n)."""
        return draw_batch(lambda gen, k: _cmv_dense(_verblunsky(gen, self.beta, self.n, k)),
                          size, rng)

    @keyword_rng
    @blas_limited_by(lambda self, *a, **k: self.n)
    def eigphases(self, size: SizeLike = None, *, rng: RngLike = None, method: str = "auto") -> np.ndarray:
        """Sorted eigenphases in [−π, π), shape (n,) or (size, n).

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` for one spectrum without a sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only
        method : {"auto", "band", "dense"}
            ``"band"`` (= ``"auto"``): O(n²) symmetric-definite band pencil (LAPACK
            ``dsbgv``); ``"dense"``: ``numpy.linalg.eigvals`` of the CMV matrix, O(n³).
            Both give the phases of :meth:`sample`'s matrices for the same ``rng``.
        """
        size = check_size(size)
        method = check_choice("method", method, ("auto", "band", "dense"))
        gen = as_generator(rng)
        k = 1 if size is None else size
        alpha = _verblunsky(gen, self.beta, self.n, k)
        if method == "dense" or _DSBGV is None:
            out = np.empty((k, self.n))
            for j in range(k):   # one dense matrix at a time: memory O(n²), not O(size·n²)
                out[j] = _phases_sorted(np.linalg.eigvals(_cmv_dense(alpha[j:j + 1])[0]))
        else:
            out = _cmv_phases_band(alpha)
        return drop_sample_axis(out, size)


class _DenseCircular(DenseEnsemble):
    beta: int

    def _dense_phases(self, gen, k):
        out = np.empty((k, self.n))
        for j in range(k):   # memory O(n²) whatever the number of samples
            out[j] = _phases_sorted(np.linalg.eigvals(self._draw(gen, 1)[0]))
        return out

    @keyword_rng
    @blas_limited_by(lambda self, *a, **k: 2 * self.n)
    def eigphases(self, size: SizeLike = None, *, rng: RngLike = None, method: str = "auto") -> np.ndarray:
        """Sorted eigenphases in [−π, π), sample axis first.

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` for one spectrum without a sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only
        method : {"auto", "cmv", "dense"}
            ``"dense"`` diagonalises :meth:`sample`'s matrices (O(n³)); ``"cmv"`` draws
            the same eigenphase law from the Killip–Nenciu model in O(n²) (see
            :class:`CircularEnsemble`); ``"auto"`` picks ``"cmv"``.

        Returns
        -------
        ndarray, shape (n,) or (size, n)
        """
        size = check_size(size)
        method = check_choice("method", method, ("auto", "cmv", "dense"))
        gen = as_generator(rng)
        k = 1 if size is None else size
        if method == "dense":
            out = self._dense_phases(gen, k)
        else:
            out = CircularEnsemble(self.beta, self.n).eigphases(k, rng=gen)
        return drop_sample_axis(out, size)


class CUE(_DenseCircular):
    """Circular unitary ensemble (β = 2): Haar-distributed n×n unitary matrices.

    Parameters
    ----------
    n : int
        Matrix size, ``n >= 1``.

    Notes
    -----
    QR decomposition of a complex Ginibre matrix Z (entries with E|Z_ij|² = 1) with the
    phases of diag(R) moved into Q (Mezzadri 2007).  Then E|U_ij|² = 1/n and
    E|tr U^k|² = min(k, n).

    References
    ----------
    F. Mezzadri, Notices AMS 54, 592 (2007).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import CUE
    >>> u = CUE(5).sample(rng=0)
    >>> np.allclose(u @ u.conj().T, np.eye(5))
    True
    """

    beta = 2

    def _draw(self, gen, k):
        return _haar_unitary(gen, k, self.n)


class COE(_DenseCircular):
    """Circular orthogonal ensemble (β = 1): symmetric unitary S = UᵀU, U Haar.

    Parameters
    ----------
    n : int
        Matrix size, ``n >= 1``.

    References
    ----------
    F. J. Dyson, J. Math. Phys. 3, 140 (1962).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import COE
    >>> s = COE(5).sample(rng=0)
    >>> np.allclose(s, s.T)
    True
    """

    beta = 1

    def _draw(self, gen, k):
        u = _haar_unitary(gen, k, self.n)
        return np.swapaxes(u, -1, -2) @ u


class CSE(_DenseCircular):
    """Circular symplectic ensemble (β = 4): self-dual unitary S = U^R U, 2n×2n.

    Parameters
    ----------
    n : int
        Number of Kramers pairs, ``n >= 1`` (matrices are 2n×2n).

    Notes
    -----
    U is a 2n×2n Haar unitary and U^R = J Uᵀ Jᵀ with J = [[0, 1], [−1, 0]] (n×n blocks);
    S^R = S and every eigenphase is doubly degenerate.  :meth:`eigphases` returns each
    degenerate phase once (``kramers="once"``) or twice (``"both"``).

    References
    ----------
    F. J. Dyson, J. Math. Phys. 3, 1199 (1962); Mehta, *Random Matrices* (2004), ch. 10.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import CSE
    >>> th = CSE(3).eigphases(rng=0, method="dense", kramers="both")
    >>> np.allclose(th[0::2], th[1::2])
    True
    """

    beta = 4

    @property
    def dim(self) -> int:
        return 2 * self.n

    def _draw(self, gen, k):
        u = _haar_unitary(gen, k, 2 * self.n)
        return _quaternion_dual(u) @ u

    def _dense_phases(self, gen, k):
        out = np.empty((k, self.n))
        for j in range(k):
            out[j] = _pair_phases(np.linalg.eigvals(self._draw(gen, 1)[0]))
        return out

    @keyword_rng
    def eigphases(self, size: SizeLike = None, *, rng: RngLike = None, method: str = "auto",
                  kramers: str = "once") -> np.ndarray:
        """Sorted eigenphases in [−π, π); see :meth:`CUE.eigphases`.

        ``kramers="once"`` returns the n distinct phases, ``"both"`` each one twice (2n).
        """
        kramers = check_choice("kramers", kramers, ("once", "both"))
        out = super().eigphases(size, rng=rng, method=method)
        return np.repeat(out, 2, axis=-1) if kramers == "both" else out


def dense_circular(beta: int, n: int) -> _DenseCircular:
    """The dense class of Dyson index ``beta`` ∈ {1, 2, 4}: ``COE(n)``, ``CUE(n)`` or ``CSE(n)``.

    Raises
    ------
    ValueError
        ``beta`` not in {1, 2, 4} (use :class:`CircularEnsemble` for other β).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import dense_circular
    >>> dense_circular(1, 10)
    COE(n=10)
    """
    beta = int(check_beta(beta, allowed=(1, 2, 4)))
    return {1: COE, 2: CUE, 4: CSE}[beta](n)
