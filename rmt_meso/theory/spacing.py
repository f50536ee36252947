"""Nearest-neighbour spacing laws: Poisson, Wigner surmise and the exact Gaudin–Mehta law.

All laws are for spectra unfolded to unit mean spacing, so every density here has
``∫ p(s) ds = 1`` and ``∫ s p(s) ds = 1``.

* :class:`Poisson` — uncorrelated levels, ``p(s) = exp(-s)``.
* :class:`WignerSurmise` — the 2×2 result ``p(s) = a_β s^β exp(-b_β s²)``.
* :class:`GaudinMehta` — the exact large-``n`` bulk law of GOE/GUE/GSE (β = 1, 2, 4),
  from Fredholm determinants of the sine kernel, to about ``1e-14`` absolute.

Conventions
-----------
The GSE law (β = 4) is for the spectrum with each Kramers doublet counted once, unfolded
to unit mean spacing of the doublets — what ``rmt_meso.ensembles`` returns by default.

References
----------
M. L. Mehta, *Random Matrices*, 3rd ed. (Elsevier, 2004), ch. 6, 7, 20.
M. Gaudin, Nucl. Phys. 25, 447 (1961).
F. Bornemann, Math. Comp. 79, 871 (2010); Markov Process. Relat. Fields 16, 803 (2010), §4–5.
"""

from __future__ import annotations

import functools
import math

from typing import Any

import numpy as np
from scipy import special, stats

from .._deprecation import warn_deprecated
from .._typing import ArrayLike, FloatOrArray
from .._validate import check_array, check_beta, check_choice, check_int, check_symmetry_class
from ._fredholm import _CdfTable, _det_and_derivatives, _gauss_legendre01, _TabulatedLaw
from ._law import LawMixin

__all__ = ["Poisson", "WignerSurmise", "GaudinMehta", "spacing_law", "gaudin", "gap_probability",
           "poisson_spacing", "wigner_goe", "wigner_gue", "wigner_gse"]


# -- Poisson ---------------------------------------------------------------------------

class Poisson(LawMixin, stats.rv_continuous):
    """Spacing law of uncorrelated (Poisson) levels, ``p(s) = exp(-s)``, ``s >= 0``.

    The gap probability is ``E(0; s) = exp(-s)`` and ``p = E''``, as for the random-matrix
    laws.  Mean 1, variance 1.

    Examples
    --------
    >>> import numpy as np
    >>> law = Poisson()
    >>> bool(np.isclose(law.cdf(1.0), 1 - np.exp(-1)))
    True
    """

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("a", 0.0)
        kwargs.setdefault("name", "poisson_spacing")
        super().__init__(**kwargs)

    def _pdf(self, s):
        return np.exp(-s)

    def _cdf(self, s):
        return -np.expm1(-s)

    def _sf(self, s):
        return np.exp(-s)

    def _ppf(self, q):
        return -np.log1p(-q)

    def _isf(self, q):
        return -np.log(q)

    def _stats(self):
        return 1.0, 1.0, 2.0, 6.0

    def gap_probability(self, s: ArrayLike) -> FloatOrArray:
        """``E(0; s) = exp(-s)``, probability of no level in an interval of length ``s``."""
        s = _check_lengths(s)
        return _scalar_or_array(np.exp(-s), s)


# -- Wigner surmise --------------------------------------------------------------------

class WignerSurmise(LawMixin, stats.rv_continuous):
    """The Wigner surmise ``p_β(s) = a_β s^β exp(-b_β s²)`` at unit mean spacing.

    Parameters
    ----------
    beta : float
        Dyson index, any real ``β > 0`` (β = 1, 2, 4 for GOE, GUE, GSE).

    Notes
    -----
    The exact spacing law of 2×2 Gaussian matrices, rescaled to unit mean.  Unit norm and
    unit mean fix ``b_β = [Γ((β+2)/2) / Γ((β+1)/2)]²`` and
    ``a_β = 2 b_β^{(β+1)/2} / Γ((β+1)/2)``; this gives ``(π/2) s e^{-πs²/4}`` (β = 1),
    ``(32/π²) s² e^{-4s²/π}`` (β = 2) and ``(2¹⁸/(3⁶π³)) s⁴ e^{-64s²/(9π)}`` (β = 4).
    ``s² `` is Gamma-distributed: ``b_β s² ~ Gamma((β+1)/2)``, which gives the cdf, the
    quantiles and exact sampling.  The variance is ``(β+1)/(2 b_β) - 1``.  It differs from
    the large-``n`` law (:class:`GaudinMehta`) by at most about 0.016 (β = 1), 0.005 (β = 2)
    in density.

    References
    ----------
    M. L. Mehta, *Random Matrices*, 3rd ed. (2004), §1.5.

    Examples
    --------
    >>> import numpy as np
    >>> law = WignerSurmise(1)
    >>> bool(np.isclose(law.pdf(1.0), np.pi / 2 * np.exp(-np.pi / 4)))
    True
    """

    def __init__(self, beta: float = 1, **kwargs: Any):
        beta = check_beta(beta)
        beta = int(beta) if float(beta).is_integer() else beta
        kwargs.setdefault("a", 0.0)
        kwargs.setdefault("name", f"wigner_surmise_beta{beta}")
        super().__init__(**kwargs)
        self.beta = beta
        self._k = 0.5 * (beta + 1.0)
        self._b = math.exp(2.0 * (math.lgamma(0.5 * beta + 1.0) - math.lgamma(self._k)))
        self._loga = math.log(2.0) + self._k * math.log(self._b) - math.lgamma(self._k)

    def _updated_ctor_param(self):
        d = super()._updated_ctor_param()
        d["beta"] = self.beta
        return d

    def constants(self, exact: bool = False) -> tuple[Any, Any]:
        """The constants ``(a_β, b_β)`` of ``a_β s^β exp(-b_β s²)``.

        With ``exact=True`` they are SymPy expressions (e.g. ``(pi/2, pi/4)`` for β = 1).
        """
        if exact:
            import sympy as sp
            beta = sp.nsimplify(self.beta)
            k = (beta + 1) / 2
            b = sp.simplify((sp.gamma(beta / 2 + 1) / sp.gamma(k)) ** 2)
            a = sp.simplify(2 * b**k / sp.gamma(k))
            return a, b
        return math.exp(self._loga), self._b

    def _pdf(self, s):
        with np.errstate(divide="ignore"):
            return np.exp(self._loga + self.beta * np.log(s) - self._b * s * s)

    def _cdf(self, s):
        return special.gammainc(self._k, self._b * s * s)

    def _sf(self, s):
        return special.gammaincc(self._k, self._b * s * s)

    def _ppf(self, q):
        return np.sqrt(special.gammaincinv(self._k, q) / self._b)

    def _isf(self, q):
        return np.sqrt(special.gammainccinv(self._k, q) / self._b)

    def _rvs(self, size=None, random_state=None):
        return np.sqrt(random_state.gamma(self._k, 1.0, size=size) / self._b)

    def _stats(self):
        k, b = self._k, self._b
        # raw moments  E[s^j] = Γ(k + j/2) / (Γ(k) b^{j/2})
        mom = [math.exp(math.lgamma(k + 0.5 * j) - math.lgamma(k)) / b ** (0.5 * j) for j in range(5)]
        mean = mom[1]
        var = mom[2] - mean**2
        m3 = mom[3] - 3 * mean * mom[2] + 2 * mean**3
        m4 = mom[4] - 4 * mean * mom[3] + 6 * mean**2 * mom[2] - 3 * mean**4
        return mean, var, m3 / var**1.5, m4 / var**2 - 3.0


# -- exact Gaudin–Mehta law ------------------------------------------------------------

#: Cut-off: beyond these ``s`` the sine-kernel interval (length ``s``, ``s``, ``2s``) exceeds
#: 9 mean spacings, the largest eigenvalue of the kernel is within ~1e-13 of one and
#: ``E`` loses its relative accuracy; there ``E, E', E''`` are returned as exactly 0.  At
#: the cut-off ``p_β < 2e-23, 7e-42, 3e-17`` and ``E_β < 2e-25, 2e-44, 6e-20``.
_S_CUT = {1: 9.0, 2: 9.0, 4: 4.5}
#: tabulation / moment range: ``β π² s² / 16 <= 45``, where ``E_β(0; s) ~ e^{-45} ≈ 3e-20``.
_TABLE_EXPONENT = 45.0
_CHUNK = 256


def _sine_nodes(t: np.ndarray) -> np.ndarray:
    """Gauss–Legendre nodes for the sine kernel on an interval of length ``t``.

    ``m = 16 + 2⌈t⌉`` gives an absolute error below 1e-14 for the determinant and both
    derivatives (the Nyström error decays like ``exp(-c m)`` once ``m`` exceeds the
    number ``~t`` of prolate eigenvalues near one; checked against ``m + 40`` in the tests).
    """
    return 16 + 2 * np.ceil(t).astype(int)


def _sine_matrices(t: np.ndarray, m: int, parity: int):
    """Nyström matrices ``A(t), A'(t), A''(t)`` of the sine kernel on ``(0, t)``.

    ``parity = 0``: ``K(x, y) = S(x - y)``; ``parity = ±1``: the even/odd part
    ``K_±(x, y) = S(x - y) ± S(x + y)`` (Gaudin), with ``S(u) = sin(πu)/(πu)``.
    Rescaled to ``(0, 1)``: ``A_ij = √w_i t K(tξ_i, tξ_j) √w_j`` and
    ``t S(t u) = sin(π t u)/(π u)``, so ``∂_t = cos(π t u)`` and
    ``∂_t² = -π u sin(π t u)`` exactly.
    """
    xi, w = _gauss_legendre01(m)
    sw = np.sqrt(w)
    weight = sw[:, None] * sw[None, :]
    tt = t[:, None, None]
    um = xi[:, None] - xi[None, :]
    a = tt * np.sinc(tt * um)
    da = np.cos(np.pi * tt * um)
    d2a = -np.pi * um * np.sin(np.pi * tt * um)
    if parity:
        up = xi[:, None] + xi[None, :]
        a = a + parity * tt * np.sinc(tt * up)
        da = da + parity * np.cos(np.pi * tt * up)
        d2a = d2a - parity * np.pi * up * np.sin(np.pi * tt * up)
    return a * weight, da * weight, d2a * weight


def _sine_det(t: np.ndarray, parity: int, m: int | None = None, z: float = 1.0) -> np.ndarray:
    """``D(t) = det(I - zK)`` on ``L²(0, t)`` and ``D'``, ``D''``: array shape (3, t.size)."""
    out = np.zeros((3, t.size))
    mm = _sine_nodes(t) if m is None else np.full(t.size, m)
    for m_val in np.unique(mm):
        idx = np.nonzero(mm == m_val)[0]
        for start in range(0, idx.size, _CHUNK):
            sel = idx[start:start + _CHUNK]
            a, da, d2a = _sine_matrices(t[sel], int(m_val), parity)
            d, d1, d2, _ = _det_and_derivatives(a, da, d2a, z, symmetric=True)
            out[:, sel] = d, d1, d2
    return out


def _gap(beta: int, s: np.ndarray, m: int | None = None) -> np.ndarray:
    """``E_β(0; s)``, ``E'`` and ``E''`` (shape (3, s.size)) for ``s >= 0`` (1-d array).

    β = 2: ``E_2(0; s) = det(I - K_sine)`` on ``L²(0, s)``.
    β = 1: ``E_1(0; s) = E_+(0; s) = det(I - K_+)`` on ``L²(0, s/2)``.
    β = 4: ``E_4(0; s) = [E_+(0; 2s) + E_-(0; 2s)] / 2`` with ``E_±(0; 2s)`` on ``L²(0, s)``.
    (Gaudin's even/odd split; Mehta 2004, ch. 6, 7 and 20; Bornemann 2010 review, §5.)
    """
    out = np.zeros((3, s.size))
    live = s <= _S_CUT[beta]
    sl = s[live]
    if beta == 2:
        res = _sine_det(sl, 0, m)
    elif beta == 1:
        res = _sine_det(0.5 * sl, 1, m) * np.array([1.0, 0.5, 0.25])[:, None]
    else:
        res = 0.5 * (_sine_det(sl, 1, m) + _sine_det(sl, -1, m))
    out[:, live] = res
    return out


def _check_lengths(s) -> np.ndarray:
    arr = check_array("s", s, ndim=None)
    if arr.size and np.any(arr < 0):
        bad = arr[arr < 0].flat[0]
        raise ValueError(f"s must be >= 0 (an interval length in units of the mean spacing); got {bad!r}")
    return arr


def _scalar_or_array(values, like):
    values = np.asarray(values, dtype=float).reshape(np.shape(like))
    return float(values) if values.ndim == 0 else values


class GaudinMehta(LawMixin, _TabulatedLaw, stats.rv_continuous):
    """The exact large-``n`` bulk spacing law of the Gaussian ensembles (β = 1, 2, 4).

    ``p_β(s) = d²E_β(0; s)/ds²`` where ``E_β(0; s)`` is the probability that an interval
    of length ``s`` (in units of the mean spacing) contains no level.  Provides
    ``pdf``, ``cdf``, ``sf``, ``ppf``, ``rvs``, ``mean``, ``var``, ``stats`` as any
    :class:`scipy.stats.rv_continuous`, plus :meth:`gap_probability`.

    Parameters
    ----------
    beta : {1, 2, 4}
        Dyson index (GOE, GUE, GSE).

    Notes
    -----
    *Formulas.*  With the sine kernel ``S(x - y) = sin π(x-y) / π(x-y)``

    * ``E_2(0; s) = det(I - S)`` on ``L²(0, s)`` (Gaudin 1961);
    * ``E_±(0; s) = det(I - K_±)`` on ``L²(0, s/2)``, ``K_±(x, y) = S(x-y) ± S(x+y)``, the
      restrictions of ``S`` on ``(-s/2, s/2)`` to even/odd functions, so that
      ``E_2 = E_+ E_-``;
    * ``E_1(0; s) = E_+(0; s)`` and ``E_4(0; s) = [E_+(0; 2s) + E_-(0; 2s)] / 2``
      (Mehta 2004, ch. 20; Bornemann 2010 review §5).  The GSE law is in units of the
      mean spacing of the Kramers-doublet spectrum.

    Then ``cdf(s) = 1 + E'(s)``, ``sf(s) = -E'(s)`` and ``pdf(s) = E''(s)``.

    *Numerics.*  Each determinant is a Gauss–Legendre Nyström determinant with
    ``m = 16 + 2⌈t⌉`` nodes on an interval of length ``t``; its first and second
    derivatives are those of the Nyström determinant, computed exactly from the analytic
    ``s``-derivatives of the kernel matrix (no finite differences; see
    :mod:`rmt_meso.theory._fredholm`).  Measured absolute error: below 1e-13 for
    ``pdf``, ``cdf`` and ``E`` on ``0 <= s <= 4`` (tests: a second quadrature order,
    mpmath 30-digit evaluation, the small-``s`` series and ``E_2 = E_+ E_-``).  Values
    are evaluated in batches, about 0.1–0.5 ms per point.  For ``s > 9`` (β = 1, 2) or
    ``s > 4.5`` (β = 4) the values would lose relative accuracy (the determinant's smallest
    factor reaches rounding level); there ``E``, ``pdf`` and ``sf`` are returned as exactly
    0 and ``cdf`` as 1 — the true values are below ``2e-17`` (``pdf``, β = 4), ``2e-23``
    (β = 1), ``7e-42`` (β = 2).  Rounding can make a computed density smaller than about
    ``1e-15`` come out negative; such values are returned as 0.

    ``mean``/``var``/``stats`` integrate ``s^k p(s)`` by Gauss–Legendre quadrature on
    ``[0, s_max]`` with ``E_β(0; s_max) ≈ 3e-20`` (cached).  ``ppf`` inverts the exact
    cdf by safeguarded Newton iteration to ``1e-13``; ``rvs`` inverts a cubic-Hermite
    table of the exact cdf (error in ``s`` below ``5e-8``, statistically invisible).

    References
    ----------
    M. Gaudin, Nucl. Phys. 25, 447 (1961).
    M. L. Mehta, *Random Matrices*, 3rd ed. (Elsevier, 2004), §6.4, §7.5, §20.1.
    F. Bornemann, Math. Comp. 79, 871 (2010); Markov Process. Relat. Fields 16, 803 (2010).

    Examples
    --------
    >>> import numpy as np
    >>> law = GaudinMehta(2)
    >>> s = 0.01
    >>> bool(np.isclose(law.pdf(s), np.pi**2 * s**2 / 3, rtol=1e-3))   # p_2 ≈ π²s²/3
    True
    >>> bool(abs(law.mean() - 1.0) < 1e-12)
    True
    """

    def __init__(self, beta: int = 2, **kwargs: Any):
        beta = int(check_beta(beta, allowed=(1, 2, 4)))
        kwargs.setdefault("a", 0.0)
        kwargs.setdefault("name", f"gaudin_mehta_beta{beta}")
        super().__init__(**kwargs)
        self.beta = beta
        self._cache: dict[str, Any] = {}

    def _updated_ctor_param(self):
        d = super()._updated_ctor_param()
        d["beta"] = self.beta
        return d

    # exact values ------------------------------------------------------------------
    def _eval(self, s):
        s = np.asarray(s, dtype=float)
        flat = s.ravel()
        return _gap(self.beta, flat).reshape((3,) + s.shape)

    def _pdf(self, s):
        return np.maximum(self._eval(s)[2], 0.0)

    def _cdf(self, s):
        return np.clip(1.0 + self._eval(s)[1], 0.0, 1.0)

    def _sf(self, s):
        return np.clip(-self._eval(s)[1], 0.0, 1.0)

    def gap_probability(self, s: ArrayLike, derivative: int = 0) -> FloatOrArray:
        """``E_β(0; s)`` (or its first/second ``s``-derivative) for ``s >= 0``.

        Parameters
        ----------
        s : float or array_like
            Interval length(s) in units of the mean spacing; negative lengths raise
            ``ValueError``.
        derivative : {0, 1, 2}
            ``0``: ``E``; ``1``: ``E' = -sf(s)``; ``2``: ``E'' = pdf(s)``.
        """
        derivative = check_int("derivative", derivative, minimum=0, maximum=2)
        arr = _check_lengths(s)
        return _scalar_or_array(self._eval(arr)[derivative], arr)

    # cached tables -------------------------------------------------------------------
    def _s_max(self) -> float:
        return math.sqrt(16.0 * _TABLE_EXPONENT / (self.beta * math.pi**2))

    def _table(self) -> _CdfTable:
        if "table" not in self._cache:
            grid = np.linspace(0.0, self._s_max(), 481)
            _, d1, d2 = self._eval(grid)
            self._cache["table"] = _CdfTable(grid, np.clip(1.0 + d1, 0, 1), np.maximum(d2, 0))
        return self._cache["table"]

    def _cdf_pdf(self, s):
        _, d1, d2 = self._eval(s)
        return 1.0 + d1, d2

    def _quadrature_panels(self):
        # three panels of 48 nodes on [0, s_max]
        return 0.0, self._s_max(), 3, 48


@functools.lru_cache(maxsize=None)
def _gaudin_cached(beta: int) -> GaudinMehta:
    return GaudinMehta(beta)


def spacing_law(beta: int, *, kind: str = "exact") -> stats.rv_continuous:
    """The nearest-neighbour spacing law of symmetry class ``beta`` (the one factory, named
    like :func:`~rmt_meso.theory.ratio_law`, :func:`~rmt_meso.theory.tracy_widom_law`).

    Parameters
    ----------
    beta : {0, 1, 2, 4}
        0 is Poisson (uncorrelated levels), as in the ratio and two-point laws; 1, 2, 4 are
        GOE, GUE, GSE.
    kind : {"exact", "surmise"}
        ``"exact"``: the large-n Gaudin–Mehta law (shared :class:`GaudinMehta` instance,
        tables and moments cached); ``"surmise"``: the 2×2 Wigner surmise.  Poisson is the
        same for both.

    Returns
    -------
    scipy.stats.rv_continuous
        :class:`Poisson`, :class:`GaudinMehta` or :class:`WignerSurmise` (frozen by β).

    Examples
    --------
    >>> bool(spacing_law(0) is poisson_spacing and spacing_law(1, kind="surmise") is wigner_goe)
    True
    >>> round(float(spacing_law(2).mean()), 12)
    1.0
    """
    beta = check_symmetry_class(beta)
    kind = check_choice("kind", kind, ("exact", "surmise"))
    if beta == 0:
        return poisson_spacing
    if kind == "surmise":
        return {1: wigner_goe, 2: wigner_gue, 4: wigner_gse}[beta]
    return _gaudin_cached(beta)


def gaudin(beta: int) -> GaudinMehta:
    """Deprecated (removed in 0.3.0): use ``spacing_law(beta)``."""
    warn_deprecated("theory.gaudin(beta)", "theory.spacing_law(beta)")
    return _gaudin_cached(check_beta(beta, allowed=(1, 2, 4)))


def gap_probability(beta: int, s: ArrayLike, derivative: int = 0) -> FloatOrArray:
    """Probability ``E_β(0; s)`` that a bulk interval of length ``s`` holds no level.

    Parameters
    ----------
    beta : {1, 2, 4}
        Dyson index (GOE, GUE, GSE).
    s : float or array_like
        Interval length(s) in units of the mean level spacing (for β = 4, of the
        Kramers-doublet spectrum); must be ``>= 0``.
    derivative : {0, 1, 2}
        Return ``E``, ``dE/ds`` or ``d²E/ds² = p_β(s)``.

    Returns
    -------
    float or ndarray
        Same shape as ``s``.

    Raises
    ------
    ValueError
        ``beta`` not in {1, 2, 4}, negative or non-finite ``s``.

    Notes
    -----
    See :class:`GaudinMehta`.  ``E_β(0; s) = 1 - s + O(s^{β+2})`` for small ``s``;
    ``log E_β(0; s) ≈ -βπ²s²/16`` for large ``s``.  Series: ``E_2 = 1 - s + π²s⁴/36 -
    π⁴s⁶/675 + ...``, ``E_1 = 1 - s + π²s³/36 - ...``, ``E_4 = 1 - s + 8π⁴s⁶/2025 - ...``.

    Examples
    --------
    >>> import numpy as np
    >>> s = 0.1
    >>> series = 1 - s + np.pi**2 * s**4 / 36 - np.pi**4 * s**6 / 675   # + O(s⁸)
    >>> bool(abs(gap_probability(2, s) - series) < 1e-8)
    True
    """
    return _gaudin_cached(check_beta(beta, allowed=(1, 2, 4))).gap_probability(s, derivative)


poisson_spacing = Poisson()
wigner_goe = WignerSurmise(1)
wigner_gue = WignerSurmise(2)
wigner_gse = WignerSurmise(4)
