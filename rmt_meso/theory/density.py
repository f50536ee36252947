"""Limiting eigenvalue densities: Wigner semicircle, Marchenko–Pastur, uniform phases, circular law.

The laws are :class:`scipy.stats.rv_continuous` subclasses with closed-form ``pdf``, ``cdf``
and exact samplers, exposed as module-level instances and as factories that take the
parameters of the ensembles they describe:

* :func:`semicircle_law` ``(radius)`` — Gaussian β-ensembles: radius √(2βn) in the
  convention of :mod:`rmt_meso.ensembles.gaussian`.
* :func:`marchenko_pastur_law` ``(ratio, scale)`` — Wishart/Laguerre: eigenvalues of
  W = GᵀG / m, G an m×n matrix of unit-variance entries, ratio y = n/m <= 1.
* :func:`uniform_phase_law` — eigenphases of every circular ensemble, uniform on [−π, π).
* :func:`circular_law_radius` ``(n)`` — moduli of complex Ginibre eigenvalues (E|G_ij|² = 1):
  uniform in the disk of radius √n, so |z|/√n has density 2r on [0, 1].

References
----------
E. P. Wigner, Ann. Math. 67, 325 (1958).
V. A. Marchenko and L. A. Pastur, Math. USSR-Sb. 1, 457 (1967).
J. Ginibre, J. Math. Phys. 6, 440 (1965).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy import special, stats

from .._validate import check_int, check_real
from ._law import LawMixin

if TYPE_CHECKING:    # scipy ships no stubs: Any for mypy, a name for the reader
    from scipy.stats._distn_infrastructure import rv_continuous_frozen

__all__ = ["SemicircleLaw", "MarchenkoPasturLaw", "semicircle", "marchenko_pastur",
           "semicircle_law", "marchenko_pastur_law", "uniform_phase_law", "circular_law_radius",
           "gaussian_trace_moment"]


class SemicircleLaw(LawMixin, stats.rv_continuous):
    r"""Wigner's semicircle law on [−1, 1] (use ``scale`` for the radius R).

    .. math:: p(x) = \frac{2}{\pi}\sqrt{1 - x^2}, \qquad
              F(x) = \frac12 + \frac{x\sqrt{1-x^2} + \arcsin x}{\pi}.

    Mean 0, variance 1/4 (R²/4 with ``scale=R``); even moments
    E x^{2k} = C_k / 4^k with C_k the Catalan numbers.

    Notes
    -----
    Samples are drawn exactly as the abscissa of a uniform point of the unit disk,
    x = √U cos(2πV).

    References
    ----------
    E. P. Wigner, Ann. Math. 67, 325 (1958).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory.density import semicircle_law
    >>> law = semicircle_law(2.0)
    >>> bool(np.isclose(law.var(), 1.0)), bool(np.isclose(law.cdf(0.0), 0.5))
    (True, True)
    """

    def _pdf(self, x):
        return 2.0 / np.pi * np.sqrt(np.clip(1.0 - x * x, 0.0, None))

    def _cdf(self, x):
        x = np.clip(x, -1.0, 1.0)
        return 0.5 + (x * np.sqrt(1.0 - x * x) + np.arcsin(x)) / np.pi

    def _stats(self):
        return 0.0, 0.25, 0.0, -1.0

    def _munp(self, k):
        # E x^{2j} = C_j / 4^j (Catalan numbers), odd moments vanish
        k = np.asarray(k)
        j = k // 2
        even = special.comb(2 * j, j) / (j + 1) / 4.0 ** j
        return np.where(k % 2 == 0, even, 0.0)

    def _rvs(self, size=None, random_state=None):
        u = random_state.uniform(size=size)
        v = random_state.uniform(size=size)
        return np.sqrt(u) * np.cos(2.0 * np.pi * v)


class MarchenkoPasturLaw(LawMixin, stats.rv_continuous):
    r"""Marchenko–Pastur law with ratio ``y`` in (0, 1] (use ``scale`` for the variance σ²).

    .. math:: p(x) = \frac{\sqrt{(x_+ - x)(x - x_-)}}{2\pi y x}, \qquad
              x_\pm = (1 \pm \sqrt y)^2,

    the limiting density of the eigenvalues of W = GᵀG/m for an m×n matrix G with
    unit-variance entries and y = n/m.  Mean 1, variance y.

    Notes
    -----
    With x = 1 + y − 2√y cos t, t ∈ [0, π], the distribution function is

    .. math:: F = \frac1\pi\Big[\frac{\sin t}{\sqrt y} + \frac{(1+y)\,t}{2y}
              - \frac{1-y}{y}\arctan\Big(\frac{1+\sqrt y}{1-\sqrt y}\tan\frac t2\Big)\Big],

    (the last term vanishes at y = 1).

    References
    ----------
    V. A. Marchenko and L. A. Pastur, Math. USSR-Sb. 1, 457 (1967).
    """

    def _argcheck(self, y):
        return (y > 0) & (y <= 1)

    def _get_support(self, y):
        return (1.0 - np.sqrt(y)) ** 2, (1.0 + np.sqrt(y)) ** 2

    def _pdf(self, x, y):
        lo, hi = (1.0 - np.sqrt(y)) ** 2, (1.0 + np.sqrt(y)) ** 2
        inside = np.clip((hi - x) * (x - lo), 0.0, None)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x > 0, np.sqrt(inside) / (2.0 * np.pi * y * x), 0.0)

    @staticmethod
    def _cdf_t(t, y):
        sy = np.sqrt(y)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = (1.0 + sy) / np.where(sy < 1, 1.0 - sy, 1.0)
            last = np.where(sy < 1, (1.0 - y) / y * np.arctan(ratio * np.tan(t / 2.0)), 0.0)
        last = np.where(t >= np.pi, np.where(sy < 1, (1.0 - y) / y * np.pi / 2, 0.0), last)
        return (np.sin(t) / sy + (1.0 + y) * t / (2.0 * y) - last) / np.pi

    def _cdf(self, x, y):
        c = np.clip((1.0 + y - x) / (2.0 * np.sqrt(y)), -1.0, 1.0)
        return self._cdf_t(np.arccos(c), y)

    def _ppf(self, q, y):
        # F is increasing in t ∈ [0, π]; vectorised bisection to double precision
        q, y = np.broadcast_arrays(np.asarray(q, float), np.asarray(y, float))
        lo, hi = np.zeros(q.shape), np.full(q.shape, np.pi)
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            below = self._cdf_t(mid, y) < q
            lo = np.where(below, mid, lo)
            hi = np.where(below, hi, mid)
        t = 0.5 * (lo + hi)
        return 1.0 + y - 2.0 * np.sqrt(y) * np.cos(t)

    def _stats(self, y):
        return 1.0, y, None, None


#: Semicircle law on [−1, 1]; ``semicircle(scale=R)`` for radius R.
semicircle = SemicircleLaw(a=-1.0, b=1.0, name="semicircle")
#: Marchenko–Pastur law; ``marchenko_pastur(y, scale=σ²)``.
marchenko_pastur = MarchenkoPasturLaw(a=0.0, name="marchenko_pastur")


def semicircle_law(radius: float = 1.0) -> rv_continuous_frozen:
    """Frozen semicircle law of the given ``radius`` (> 0).

    For the Gaussian ensembles of :mod:`rmt_meso.ensembles` use ``radius = √(2βn)``.
    """
    radius = check_real("radius", radius, minimum=0.0, min_inclusive=False)
    return semicircle(scale=radius)


def marchenko_pastur_law(ratio: float, scale: float = 1.0) -> rv_continuous_frozen:
    """Frozen Marchenko–Pastur law with ``ratio`` y = n/m in (0, 1] and ``scale`` σ² > 0.

    For :class:`rmt_meso.ensembles.LaguerreEnsemble` built by ``wishart(beta, n, m)`` the
    eigenvalues divided by β·m tend to ``marchenko_pastur_law(n / m)``.
    """
    ratio = check_real("ratio", ratio, minimum=0.0, maximum=1.0, min_inclusive=False)
    scale = check_real("scale", scale, minimum=0.0, min_inclusive=False)
    return marchenko_pastur(ratio, scale=scale)


def uniform_phase_law() -> rv_continuous_frozen:
    """Frozen uniform law on [−π, π): the eigenphase density of every circular ensemble."""
    return stats.uniform(loc=-np.pi, scale=2.0 * np.pi)


def circular_law_radius(n: int) -> rv_continuous_frozen:
    """Frozen law of the modulus of a complex Ginibre eigenvalue (E|G_ij|² = 1), n → ∞.

    Eigenvalues fill the disk of radius √n uniformly, so |z| has density 2r/n on [0, √n]
    (``scipy.stats.powerlaw(2, scale=√n)``).
    """
    n = check_int("n", n, minimum=1)
    return stats.powerlaw(2.0, scale=float(np.sqrt(n)))


def gaussian_trace_moment(beta: float, n: int, power: int) -> float:
    r"""Exact E tr H^k, k = 2 or 4, of the Gaussian β-ensemble with n eigenvalues.

    Convention of :mod:`rmt_meso.ensembles.gaussian`: density ∝ |Δ(λ)|^β exp(−Σλ²/2)
    (GSE: the n Kramers-pair eigenvalues, each counted once).

    Parameters
    ----------
    beta : float
        Dyson index, > 0.
    n : int
        Number of eigenvalues, >= 1.
    power : {2, 4}

    Returns
    -------
    float

    Notes
    -----
    In the Dumitriu–Edelman tridiagonal model (diagonal a_i ~ N(0, 1), off-diagonal
    b_k² ~ χ²_{d_k}/2, d_k = β(n − k)) tr T² = Σa_i² + 2Σb_k², so
    E tr H² = n + βn(n−1)/2.  tr T⁴ counts closed walks of length 4 on a path with loops:
    Σa_i⁴ + 4Σ_k b_k²(a_k² + a_{k+1}²) + 4Σ_k a_k a_{k+1} b_k² + 2Σ_k b_k⁴
    + 4Σ_k b_k² b_{k+1}²; with E a⁴ = 3, E b_k² = d_k/2, E b_k⁴ = (d_k² + 2d_k)/4,

    .. math:: E\,\mathrm{tr} H^4 = 3n + 2\beta n(n-1)
              + \tfrac12\Big[\tfrac{\beta^2}{6}(n-1)n(2n-1) + \beta n(n-1)\Big]
              + \tfrac{\beta^2}{3} n(n-1)(n-2).

    For β = 2 this is the classical 2n³ + n; divided by n(2βn)² it tends to the semicircle
    value 1/8 (Catalan number C_2 = 2 over 4²).

    References
    ----------
    I. Dumitriu and A. Edelman, J. Math. Phys. 43, 5830 (2002).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory.density import gaussian_trace_moment
    >>> gaussian_trace_moment(2, 5, 4) == 2 * 5**3 + 5
    True
    """
    beta = check_real("beta", beta, minimum=0.0, min_inclusive=False)
    n = check_int("n", n, minimum=1)
    power = check_int("power", power)
    if power == 2:
        return n + beta * n * (n - 1) / 2.0
    if power == 4:
        return (3.0 * n + 2.0 * beta * n * (n - 1)
                + (beta ** 2 * (n - 1) * n * (2 * n - 1) / 6.0 + beta * n * (n - 1)) / 2.0
                + beta ** 2 * n * (n - 1) * (n - 2) / 3.0)
    raise ValueError(f"power must be 2 or 4; got {power}")
