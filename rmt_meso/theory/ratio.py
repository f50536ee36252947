"""Distribution of the ratio of consecutive level spacings.

For a sorted spectrum with spacings ``s_n = E_{n+1} - E_n`` the ratio
``r_n = s_n / s_{n-1}`` is independent of the local density of states, so it needs no
unfolding (Oganesyan & Huse 2007).  Its folded version ``r~_n = min(r_n, 1/r_n)`` lies in
[0, 1].  This module holds

* the Atas et al. surmise ``P_W(r) = (r + r^2)^beta / (Z_beta (1 + r + r^2)^(1 + 3 beta/2))``,
  exact for 3x3 Gaussian matrices and a good approximation for large spectra
  (:class:`RatioSurmise`, instances ``ratio_goe``, ``ratio_gue``, ``ratio_gse``);
* the Poisson law ``P(r) = 1/(1 + r)^2`` of uncorrelated levels (``ratio_poisson``);
* the folded laws ``P(r~) = 2 P(r~)`` on [0, 1] (``rtilde_*``);
* the mean ``<r~>``: exact surmise values and the large-n values with their sources
  (:data:`MEAN_RTILDE_LARGE_N`, :func:`mean_rtilde`).

Convention: ``beta = 0`` denotes Poisson (uncorrelated) levels; ``beta`` in {1, 2, 4} the
Gaussian orthogonal, unitary and symplectic classes.

References
----------
Y. Y. Atas, E. Bogomolny, O. Giraud and G. Roux, "Distribution of the ratio of consecutive
level spacings in random matrix ensembles", Phys. Rev. Lett. 110, 084101 (2013).
V. Oganesyan and D. A. Huse, Phys. Rev. B 75, 155111 (2007).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from .._lazy import sympy as sp
from .._typing import FloatOrArray
from .._validate import check_bool, check_choice, check_symmetry_class
from ._law import LawMixin

__all__ = [
    "RatioSurmise",
    "ratio_law",
    "ratio_poisson",
    "ratio_goe",
    "ratio_gue",
    "ratio_gse",
    "rtilde_poisson",
    "rtilde_goe",
    "rtilde_gue",
    "rtilde_gse",
    "MEAN_RTILDE_LARGE_N",
    "mean_rtilde",
]


#: Large-n values of ``<r~>`` as (value, uncertainty, source).  Poisson is exact,
#: ``2 ln 2 - 1``; the Gaussian values are numerical extrapolations of large matrices
#: (Atas et al., PRL 110, 084101 (2013), Table I), quoted with their last-digit error.
MEAN_RTILDE_LARGE_N = {
    0: (2.0 * np.log(2.0) - 1.0, 0.0, "exact: 2 ln 2 - 1 (Atas et al. 2013, Table I)"),
    1: (0.5307, 0.0001, "Atas et al., PRL 110, 084101 (2013), Table I (numerics, large N)"),
    2: (0.5996, 0.0001, "Atas et al., PRL 110, 084101 (2013), Table I (numerics, large N)"),
    4: (0.6744, 0.0001, "Atas et al., PRL 110, 084101 (2013), Table I (numerics, large N)"),
}




def _normalisation(beta: int) -> float:
    """Z_beta of the surmise: 8/27, 4 pi/(81 sqrt 3), 4 pi/(729 sqrt 3) (Atas et al. 2013)."""
    return {1: 8.0 / 27.0,
            2: 4.0 * np.pi / (81.0 * np.sqrt(3.0)),
            4: 4.0 * np.pi / (729.0 * np.sqrt(3.0))}[beta]


def _pdf_r(r, beta: int):
    """Unfolded-ratio density on [0, inf) (no validation)."""
    r = np.asarray(r, dtype=float)
    if beta == 0:
        return 1.0 / (1.0 + r) ** 2
    return (r + r * r) ** beta / (_normalisation(beta) * (1.0 + r + r * r) ** (1.0 + 1.5 * beta))


# Gauss-Legendre rule for the cdf on [0, x], x <= 1: the integrand is a rational function
# times a half-integer power whose singularities (roots of 1 + r + r^2) lie at distance
# sqrt(3)/2 from the real axis, so 48 nodes reach machine precision (tested against quad).
_GL_X, _GL_W = np.polynomial.legendre.leggauss(48)


def _cdf_r_unit(x, beta: int):
    """F(x) = int_0^x P(r) dr for 0 <= x <= 1."""
    x = np.asarray(x, dtype=float)
    t = 0.5 * (_GL_X + 1.0)                      # nodes on [0, 1]
    vals = _pdf_r(x[..., None] * t, beta)        # P(x t)
    return x * (vals @ (0.5 * _GL_W))


def _cdf_r(x, beta: int):
    """F(x) on [0, inf) from the symmetry P(r) = P(1/r)/r^2, i.e. F(x) = 1 - F(1/x)."""
    x = np.asarray(x, dtype=float)
    if beta == 0:
        return x / (1.0 + x)
    small = x <= 1.0
    inv = np.where(small, x, 1.0 / np.where(small, 1.0, x))
    f = _cdf_r_unit(inv, beta)
    return np.where(small, f, 1.0 - f)


class RatioSurmise(LawMixin, stats.rv_continuous):
    r"""Law of the spacing ratio r (or of r~ = min(r, 1/r)) for one symmetry class.

    .. math::  P_W(r) = \frac{1}{Z_\beta} \frac{(r + r^2)^\beta}{(1 + r + r^2)^{1 + 3\beta/2}},
               \qquad P_{\rm Poisson}(r) = \frac{1}{(1 + r)^2},

    with :math:`Z_1 = 8/27`, :math:`Z_2 = 4\pi/(81\sqrt3)`, :math:`Z_4 = 4\pi/(729\sqrt3)`.
    Both satisfy :math:`P(r) = P(1/r)/r^2`, so the folded variable has density
    :math:`2P(\tilde r)` on [0, 1] and :math:`F(1) = 1/2`.

    Parameters
    ----------
    beta : {0, 1, 2, 4}
        Dyson index; 0 means Poisson (uncorrelated levels).
    tilde : bool
        ``True`` for the folded variable r~ in [0, 1], ``False`` for r in [0, inf).

    Notes
    -----
    The surmise is derived from 3x3 Gaussian matrices, for which it is exact.  For large
    spectra it is an approximation: ``<r~>`` differs from the large-n value by 0.005
    (GOE), 0.003 (GUE), 0.002 (GSE); a Kolmogorov-Smirnov test detects this with about
    1e5 to 1e6 ratios.  The cdf is evaluated by 48-point Gauss-Legendre quadrature on
    [0, min(r, 1/r)] and the symmetry above (accurate to ~1e-15).  The mean of r is finite
    for the surmise (tails ~ r^(-2-beta)) and infinite for Poisson.

    References
    ----------
    Atas, Bogomolny, Giraud, Roux, PRL 110, 084101 (2013).

    Examples
    --------
    >>> from rmt_meso.theory import rtilde_goe
    >>> bool(abs(rtilde_goe.mean() - (4 - 2 * 3 ** 0.5)) < 1e-8)
    True
    """

    def __init__(self, beta: int = 1, tilde: bool = False, **kwargs: Any):
        self.beta = check_symmetry_class(beta)
        self.tilde = check_bool("tilde", tilde)
        kwargs["a"] = 0.0
        kwargs["b"] = 1.0 if self.tilde else np.inf
        names = {0: "poisson", 1: "goe", 2: "gue", 4: "gse"}
        kwargs.setdefault("name", f"{'rtilde' if self.tilde else 'ratio'}_{names[self.beta]}")
        super().__init__(**kwargs)

    def _updated_ctor_param(self):
        # rv_frozen and pickling rebuild the instance from these keywords
        params = super()._updated_ctor_param()
        params.update(beta=self.beta, tilde=self.tilde)
        return params

    def _pdf(self, x):
        p = _pdf_r(x, self.beta)
        return 2.0 * p if self.tilde else p

    def _cdf(self, x):
        f = _cdf_r(x, self.beta)
        return 2.0 * f if self.tilde else f

    def _sf(self, x):
        if self.tilde:
            return 1.0 - 2.0 * _cdf_r(x, self.beta)
        # sf(x) = F(1/x) by the r -> 1/r symmetry (accurate in the tail)
        x = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore"):
            inv = np.where(x > 0, 1.0 / np.where(x > 0, x, 1.0), np.inf)
        return np.where(x > 0, _cdf_r(inv, self.beta), 1.0)


ratio_poisson = RatioSurmise(0, tilde=False)
ratio_goe = RatioSurmise(1, tilde=False)
ratio_gue = RatioSurmise(2, tilde=False)
ratio_gse = RatioSurmise(4, tilde=False)
rtilde_poisson = RatioSurmise(0, tilde=True)
rtilde_goe = RatioSurmise(1, tilde=True)
rtilde_gue = RatioSurmise(2, tilde=True)
rtilde_gse = RatioSurmise(4, tilde=True)

_LAWS = {(0, False): ratio_poisson, (1, False): ratio_goe, (2, False): ratio_gue, (4, False): ratio_gse,
         (0, True): rtilde_poisson, (1, True): rtilde_goe, (2, True): rtilde_gue, (4, True): rtilde_gse}


def ratio_law(beta: int, *, tilde: bool = True) -> RatioSurmise:
    """Return the module-level ratio law for ``beta`` in {0 (Poisson), 1, 2, 4}.

    Parameters
    ----------
    beta : {0, 1, 2, 4}
        Dyson index (0 = Poisson).
    tilde : bool
        Folded variable r~ in [0, 1] (default) or r in [0, inf).

    Returns
    -------
    RatioSurmise

    Examples
    --------
    >>> from rmt_meso.theory import ratio_law
    >>> bool(abs(ratio_law(2, tilde=False).cdf(1.0) - 0.5) < 1e-14)
    True
    """
    return _LAWS[(check_symmetry_class(beta), check_bool("tilde", tilde))]


def _mean_rtilde_exact(beta: int):
    """Exact <r~> of the surmise (and of Poisson) as a SymPy number.

    Values of Atas et al. (2013), Table I; re-derived by integrating 2 r P_W(r) over
    [0, 1] (see tests/test_theory_ratio.py): Poisson 2 ln 2 - 1, GOE 4 - 2 sqrt 3,
    GUE 2 sqrt 3/pi - 1/2, GSE 32 sqrt 3/(15 pi) - 1/2.
    """
    s3 = sp.sqrt(3)
    return {0: 2 * sp.log(2) - 1,
            1: 4 - 2 * s3,
            2: 2 * s3 / sp.pi - sp.Rational(1, 2),
            4: sp.Rational(32, 15) * s3 / sp.pi - sp.Rational(1, 2)}[beta]


def mean_rtilde(beta: int, *, kind: str = "large_n", exact: bool = False) -> Any:
    """Mean of the folded spacing ratio ``<r~>``.

    Parameters
    ----------
    beta : {0, 1, 2, 4}
        Dyson index (0 = Poisson).
    kind : {"large_n", "surmise"}
        ``"large_n"``: the value for infinitely large matrices in the bulk (Poisson exact,
        Gaussian classes numerical, see :data:`MEAN_RTILDE_LARGE_N` for uncertainties);
        ``"surmise"``: the exact mean of the Atas surmise (= the exact 3x3 value).
    exact : bool
        Return a SymPy number (only where the value is known in closed form: the surmise
        and Poisson).

    Returns
    -------
    float or sympy.Expr

    Raises
    ------
    ValueError
        For an unknown class, or ``exact=True`` with a numerical large-n value.

    Notes
    -----
    Surmise: 0.53590 (GOE), 0.60266 (GUE), 0.67617 (GSE); large n: 0.5307(1), 0.5996(1),
    0.6744(1); Poisson 2 ln 2 - 1 = 0.38629 in both cases.

    References
    ----------
    Atas, Bogomolny, Giraud, Roux, PRL 110, 084101 (2013), Table I.

    Examples
    --------
    >>> from rmt_meso.theory import mean_rtilde
    >>> round(mean_rtilde(1, kind="surmise"), 5), mean_rtilde(1)
    (0.5359, 0.5307)
    """
    beta = check_symmetry_class(beta)
    kind = check_choice("kind", kind, ("large_n", "surmise"))
    exact = check_bool("exact", exact)
    if kind == "surmise" or beta == 0:
        value = _mean_rtilde_exact(beta)
        return value if exact else float(value)
    if exact:
        raise ValueError(f"exact=True is only available for kind='surmise' or beta=0; the large-n "
                         f"value for beta={beta} is numerical ({MEAN_RTILDE_LARGE_N[beta][2]})")
    return MEAN_RTILDE_LARGE_N[beta][0]
