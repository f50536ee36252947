"""Laguerre (Wishart) and Jacobi (MANOVA) β-ensembles, and the complex Ginibre ensemble.

Conventions (public contract):

* ``LaguerreEnsemble(beta, n, a)``: eigenvalues λ_i > 0 with joint density
  ∝ |Δ(λ)|^β Π λ_i^a e^{−λ_i/2}, a > −1.  Wishart matrices GᴴG, G an m×n real, complex
  or quaternion matrix whose β real components are i.i.d. N(0, 1), are
  a = β(m − n + 1)/2 − 1 (:meth:`LaguerreEnsemble.wishart`).
* ``JacobiEnsemble(beta, n, a, b)``: eigenvalues λ_i ∈ [0, 1] with joint density
  ∝ |Δ(λ)|^β Π λ_i^a (1 − λ_i)^b, a, b > −1.  MANOVA: the eigenvalues of (A + B)^{-1}A
  with A, B Wishart of m1, m2 degrees of freedom are a = β(m1 − n + 1)/2 − 1,
  b = β(m2 − n + 1)/2 − 1.  Chaotic-cavity transmission eigenvalues with N1, N2 channels are
  ``JacobiEnsemble(beta, min(N1, N2), a=β(|N1 − N2| + 1)/2 − 1, b=0)``.
* ``Ginibre(n)``: complex n×n matrices with i.i.d. entries, E|G_ij|² = 1; eigenvalues fill
  the disk of radius √n uniformly as n → ∞.

References
----------
I. Dumitriu and A. Edelman, J. Math. Phys. 43, 5830 (2002) (β-Laguerre bidiagonal model).
R. Killip and I. Nenciu, IMRN 2004, 2665, Theorem 2 (β-Jacobi via real Verblunsky
coefficients and the Geronimus relations).
A. Edelman and B. D. Sutton, Found. Comput. Math. 8, 259 (2008) (β-Jacobi CS model).
J. Ginibre, J. Math. Phys. 6, 440 (1965).
"""

from __future__ import annotations

import numpy as np

from .._lapack import DLASQ1, dlasq1_singular_values
from .._random import as_generator, drop_sample_axis, keyword_rng
from .._typing import RngLike, SizeLike
from .._validate import check_beta, check_int, check_real, check_size
from ._base import DenseEnsemble
from .gaussian import _DENSE_CHUNK_FLOATS, _tridiagonal_eigvals

__all__ = ["LaguerreEnsemble", "JacobiEnsemble", "Ginibre"]


def _bidiagonal_singular_values_squared(d: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Ascending squared singular values of the bidiagonal (d, e), one matrix."""
    n = d.shape[0]
    if n == 1:
        return d * d
    if DLASQ1 is None:  # pragma: no cover - SciPy without the Cython LAPACK table
        td = d * d
        td[1:] += e * e
        return np.asarray(_tridiagonal_eigvals(td, d[:-1] * e, None))   # no window: one array
    sv = dlasq1_singular_values(d, e)
    return (sv * sv)[::-1]


class LaguerreEnsemble:
    """β-Laguerre (Wishart) ensemble via the Dumitriu–Edelman bidiagonal model.

    Parameters
    ----------
    beta : float
        Dyson index, any real ``beta > 0``.
    n : int
        Number of eigenvalues, ``n >= 1``.
    a : float
        Exponent of λ in the weight λ^a e^{−λ/2}, ``a > −1``.

    Notes
    -----
    B is lower bidiagonal with diagonal χ_{2(a+1)+β(n−i)}, i = 1..n, and sub-diagonal
    χ_{β(n−i)}, i = 1..n−1; the eigenvalues of L = B Bᵀ have density
    ∝ |Δ(λ)|^β Π λ_i^a e^{−λ_i/2} (Dumitriu & Edelman 2002, Theorem 3.4, whose parameter is
    a_DE = a + 1 + β(n−1)/2).  Eigenvalues are squared singular values of B from LAPACK's
    dqds (``dlasq1``): O(n²), accurate to high relative precision even for tiny λ.
    For :meth:`wishart` ``(beta, n, m)`` the density of λ/(βm) tends to the
    Marchenko–Pastur law with ratio n/m (:func:`rmt_meso.theory.density.marchenko_pastur_law`).

    References
    ----------
    I. Dumitriu and A. Edelman, J. Math. Phys. 43, 5830 (2002).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import LaguerreEnsemble
    >>> ens = LaguerreEnsemble.wishart(1, 3, 5)
    >>> lam = ens.eigvals(size=2, rng=0)
    >>> lam.shape, bool((lam > 0).all())
    ((2, 3), True)
    """

    def __init__(self, beta: float, n: int, a: float):
        self.beta = check_beta(beta)
        self.n = check_int("n", n, minimum=1)
        self.a = check_real("a", a, minimum=-1.0, min_inclusive=False)

    @classmethod
    def wishart(cls, beta: float, n: int, m: float) -> LaguerreEnsemble:
        """The eigenvalue law of GᴴG for an m×n Gaussian matrix G: a = β(m − n + 1)/2 − 1.

        For β = 1, 2, 4 and integer m >= n, G is real, complex or quaternion with i.i.d.
        entries whose β real components are N(0, 1) (so E|G_ij|² = β).  Any real β > 0 and
        real m > n − 1 are accepted.  λ/(βm) tends to the Marchenko–Pastur law of ratio n/m.
        """
        beta = check_beta(beta)
        n = check_int("n", n, minimum=1)
        m = check_real("m", m, minimum=n - 1, min_inclusive=False)
        return cls(beta, n, beta * (m - n + 1) / 2.0 - 1.0)

    def __repr__(self):
        return f"LaguerreEnsemble(beta={self.beta!r}, n={self.n}, a={self.a!r})"

    @property
    def m(self) -> float:
        """Equivalent number of degrees of freedom m = n − 1 + 2(a + 1)/β."""
        return self.n - 1 + 2.0 * (self.a + 1.0) / self.beta

    def _draw(self, gen, size):
        k = 1 if size is None else size
        i = np.arange(1, self.n + 1, dtype=float)
        dof_d = 2.0 * (self.a + 1.0) + self.beta * (self.n - i)
        dof_e = self.beta * (self.n - i[:-1])
        # χ_ν = √(2 Gamma(ν/2))
        d = np.sqrt(2.0 * gen.standard_gamma(np.broadcast_to(dof_d / 2, (k, self.n))))
        e = np.sqrt(2.0 * gen.standard_gamma(np.broadcast_to(dof_e / 2, (k, self.n - 1))))
        return d, e

    @keyword_rng
    def sample(self, size: SizeLike = None, *, rng: RngLike = None) -> tuple[np.ndarray, np.ndarray]:
        """Draw the bidiagonal factor B: ``(diag, subdiag)``, eigenvalues of BBᵀ are λ.

        Returns arrays of shape (n,), (n−1,) or, with ``size``, (size, n), (size, n−1).
        """
        size = check_size(size)
        d, e = self._draw(as_generator(rng), size)
        return drop_sample_axis((d, e), size)

    @keyword_rng
    def eigvals(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Sorted eigenvalues, shape (n,) or (size, n).

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` for one spectrum without a sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only
        """
        size = check_size(size)
        d, e = self._draw(as_generator(rng), size)
        out = np.empty_like(d)
        for j in range(d.shape[0]):
            out[j] = _bidiagonal_singular_values_squared(d[j], e[j])
        return drop_sample_axis(out, size)


class JacobiEnsemble:
    """β-Jacobi (MANOVA) ensemble on [0, 1] via the Killip–Nenciu tridiagonal model.

    Parameters
    ----------
    beta : float
        Dyson index, any real ``beta > 0``.
    n : int
        Number of eigenvalues, ``n >= 1``.
    a, b : float
        Exponents of λ and (1 − λ) in the weight, ``a, b > −1``.

    Notes
    -----
    Joint density ∝ |Δ(λ)|^β Π λ_i^a (1 − λ_i)^b on [0, 1]^n.  Killip & Nenciu (2004),
    Theorem 2: independent α_k ∈ (−1, 1), k = 0..2n−2, with law B(s, t) (density
    ∝ (1−x)^{s−1}(1+x)^{t−1}), (s, t) = ((2n−k−2)β/4 + a + 1, (2n−k−2)β/4 + b + 1) for
    even k and (s, t) = ((2n−k−3)β/4 + a + b + 2, (2n−k−1)β/4) for odd k; with α_{−1} = α_{2n−1} = −1
    the Geronimus relations b_{k+1} = (1 − α_{2k−1})α_{2k} − (1 + α_{2k−1})α_{2k−2},
    a_{k+1} = [(1 − α_{2k−1})(1 − α_{2k}²)(1 + α_{2k+1})]^{1/2} give a Jacobi matrix on
    [−2, 2] whose eigenvalues x have density ∝ |Δ(x)|^β Π (2 − x)^a (2 + x)^b.
    Here λ = (2 − x)/4.  Eigenvalues by LAPACK ``dsterf``, O(n²).

    For β = 1, 2, 4 and integers m1, m2 >= n the law is that of the eigenvalues of
    (A + B)^{-1} A with A, B Wishart of m1, m2 degrees of freedom (:meth:`manova`);
    cavity transmission eigenvalues are ``JacobiEnsemble(beta, min(N1, N2),
    β(|N1 − N2| + 1)/2 − 1, 0)`` (Beenakker, Rev. Mod. Phys. 69, 731 (1997)).

    References
    ----------
    R. Killip and I. Nenciu, Int. Math. Res. Not. 2004, 2665, Theorem 2.
    A. Edelman and B. D. Sutton, Found. Comput. Math. 8, 259 (2008).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import JacobiEnsemble
    >>> lam = JacobiEnsemble(2, 4, a=0.5, b=0).eigvals(size=3, rng=0)
    >>> bool(((lam > 0) & (lam < 1)).all())
    True
    """

    def __init__(self, beta: float, n: int, a: float, b: float):
        self.beta = check_beta(beta)
        self.n = check_int("n", n, minimum=1)
        self.a = check_real("a", a, minimum=-1.0, min_inclusive=False)
        self.b = check_real("b", b, minimum=-1.0, min_inclusive=False)

    @classmethod
    def manova(cls, beta: float, n: int, m1: float, m2: float) -> JacobiEnsemble:
        """The law of the eigenvalues of (A + B)^{-1}A, A and B Wishart with m1, m2 > n − 1.

        a = β(m1 − n + 1)/2 − 1 and b = β(m2 − n + 1)/2 − 1.
        """
        beta = check_beta(beta)
        n = check_int("n", n, minimum=1)
        m1 = check_real("m1", m1, minimum=n - 1, min_inclusive=False)
        m2 = check_real("m2", m2, minimum=n - 1, min_inclusive=False)
        return cls(beta, n, beta * (m1 - n + 1) / 2.0 - 1.0, beta * (m2 - n + 1) / 2.0 - 1.0)

    def __repr__(self):
        return f"JacobiEnsemble(beta={self.beta!r}, n={self.n}, a={self.a!r}, b={self.b!r})"

    def _draw(self, gen, size):
        k = 1 if size is None else size
        n, beta = self.n, self.beta
        j = np.arange(2 * n - 1, dtype=float)
        even = (j % 2) == 0
        s = np.where(even, (2 * n - j - 2) * beta / 4 + self.a + 1, (2 * n - j - 3) * beta / 4 + self.a + self.b + 2)
        t = np.where(even, (2 * n - j - 2) * beta / 4 + self.b + 1, (2 * n - j - 1) * beta / 4)
        # B(s, t) on [−1, 1] ∝ (1 − x)^{s−1}(1 + x)^{t−1}: x = 1 − 2Y, Y ~ Beta(s, t)
        y = gen.beta(np.broadcast_to(s, (k, 2 * n - 1)), np.broadcast_to(t, (k, 2 * n - 1)))
        al = np.empty((k, 2 * n + 2))
        al[:, 0] = 0.0          # α_{−2}: multiplied by (1 + α_{−1}) = 0
        al[:, 1] = -1.0         # α_{−1}
        al[:, 2:2 * n + 1] = 1.0 - 2.0 * y
        al[:, 2 * n + 1] = -1.0  # α_{2n−1}
        A = lambda idx: al[:, idx + 2]  # noqa: E731  α_idx
        kk = np.arange(n)
        bj = (1 - A(2 * kk - 1)) * A(2 * kk) - (1 + A(2 * kk - 1)) * A(2 * kk - 2)
        kk = np.arange(n - 1)
        aj = np.sqrt(np.clip((1 - A(2 * kk - 1)) * (1 - A(2 * kk) ** 2) * (1 + A(2 * kk + 1)), 0, None))
        # λ = (2 − x)/4: the tridiagonal (2 − J)/4 (off-diagonal sign does not matter)
        return (2.0 - bj) / 4.0, aj / 4.0

    @keyword_rng
    def sample(self, size: SizeLike = None, *, rng: RngLike = None) -> tuple[np.ndarray, np.ndarray]:
        """Draw the tridiagonal matrix (2 − J)/4 with eigenvalues λ: ``(diag, offdiag)``.

        Returns arrays of shape (n,), (n−1,) or, with ``size``, (size, n), (size, n−1).
        """
        size = check_size(size)
        d, e = self._draw(as_generator(rng), size)
        return drop_sample_axis((d, e), size)

    @keyword_rng
    def eigvals(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Sorted eigenvalues in [0, 1], shape (n,) or (size, n).

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` for one spectrum without a sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only
        """
        size = check_size(size)
        d, e = self._draw(as_generator(rng), size)
        vals = _tridiagonal_eigvals(d, e, None)
        vals = np.clip(vals, 0.0, 1.0)   # rounding at the hard edges (|excess| ~ 1e-16)
        return drop_sample_axis(vals, size)


class Ginibre(DenseEnsemble):
    """Complex Ginibre ensemble: n×n matrices of i.i.d. complex Gaussians, E|G_ij|² = 1.

    Parameters
    ----------
    n : int
        Matrix size, ``n >= 1``.

    Notes
    -----
    Real and imaginary parts are N(0, 1/2).  The eigenvalues form a determinantal point
    process with density ρ(z) = π^{-1} e^{−|z|²} Σ_{k<n} |z|^{2k}/k! (Ginibre 1965), so
    E Σ|z_i|² = Σ_{k<n} (k + 1) = n(n+1)/2 exactly; as n → ∞ they fill the disk
    |z| <= √n uniformly (circular law).
    :meth:`eigvals` sorts by increasing modulus.

    References
    ----------
    J. Ginibre, J. Math. Phys. 6, 440 (1965).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import Ginibre
    >>> z = Ginibre(5).eigvals(rng=0)
    >>> z.dtype == complex and bool((np.diff(np.abs(z)) >= 0).all())
    True
    """

    def _draw(self, gen, k):
        return gen.standard_normal((k, self.n, self.n, 2)).view(complex)[..., 0] / np.sqrt(2.0)

    @keyword_rng
    def eigvals(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Eigenvalues sorted by modulus, shape (n,) or (size, n), complex.

        With the same ``rng`` these are the eigenvalues of :meth:`sample`'s matrices.
        """
        size = check_size(size)
        gen = as_generator(rng)
        k_total = 1 if size is None else size
        chunk = max(1, _DENSE_CHUNK_FLOATS // (4 * self.n * self.n))
        parts, done = [], 0
        while done < k_total:
            k = min(chunk, k_total - done)
            z = np.linalg.eigvals(self._draw(gen, k))
            order = np.argsort(np.abs(z), axis=-1, kind="stable")
            parts.append(np.take_along_axis(z, order, axis=-1))
            done += k
        z = np.concatenate(parts, axis=0)
        return drop_sample_axis(z, size)
