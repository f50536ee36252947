"""Numerics versus theory: one result type for every comparison the toolkit makes.

A :class:`Comparison` carries the statistic, a p-value where one exists, the verdict
(``passed``) and a one-line human summary.  The ``verify`` report and the test-suite use
the same constructors, so a claim passes in the report exactly when its test would.

Tolerance rules
---------------
``zscore``      |value - theory| <= nsigma * sqrt(stderr^2 + theory_error^2)
``relative``    |value - theory| <= rtol * |theory|   (for deterministic quantities)
``absolute``    |value - theory| <= atol
``ks``          one-sample Kolmogorov-Smirnov p-value >= alpha
``ks_2samp``    two-sample Kolmogorov-Smirnov p-value >= alpha
``chi2``        Pearson chi-square goodness of fit p-value >= alpha
``interval``    lo <= value <= hi (an order-of-magnitude or bracketing statement)

The default ``alpha = 1e-4`` for distribution tests matches the ~4 sigma z-score rule.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from ._deprecation import renamed_arguments, warn_deprecated
from ._validate import check_array, check_int, check_real

__all__ = [
    "Estimate",
    "propagate",
    "Comparison",
    "zscore",
    "relative",
    "absolute",
    "interval",
    "ks_test",
    "ks_2samp",
    "chi2_test",
    "mean_with_error",
    "variance_with_error",
    "ratio_of_means",
    "fit_chi2",
    "weighted_line",
]


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing a numerical estimate with theory.

    Attributes
    ----------
    kind : str
        The tolerance rule (``"zscore"``, ``"relative"``, ``"absolute"``, ``"interval"``,
        ``"ks"``, ``"ks_2samp"``, ``"chi2"``).
    value, stderr : float
        Numerical estimate and its standard error (``nan`` where not applicable).
    theory : float
        Theory value (``nan`` for distribution tests).
    statistic : float
        The test statistic: deviation in sigma for ``zscore``, relative deviation,
        KS distance, chi-square.
    pvalue : float
        p-value where one is defined, else ``nan``.
    threshold : float
        The bound the statistic is compared with (nsigma, rtol, alpha ...).
    passed : bool
    label : str
        What was compared, for the summary.
    """

    kind: str
    value: float
    stderr: float
    theory: float
    statistic: float
    pvalue: float
    threshold: float
    passed: bool
    label: str = ""
    details: dict = field(default_factory=dict)

    @property
    def error(self) -> float:
        """Deprecated name of :attr:`stderr`."""
        warn_deprecated("Comparison.error", "Comparison.stderr")
        return self.stderr

    @property
    def sigma(self) -> float:
        """Deviation in standard errors (``nan`` unless ``kind == "zscore"``)."""
        return self.statistic if self.kind == "zscore" else float("nan")

    @property
    def sigma_equivalent(self) -> float:
        """Deviation on a common scale of standard errors.

        ``zscore``: the deviation in sigma; ``ks``/``ks_2samp``/``chi2``: the two-sided
        normal deviate with the same p-value (``norm.isf(p/2)``); ``interval``: the distance
        outside the interval in units of the estimate's error (0 inside); ``relative`` and
        ``absolute`` have no sigma scale (``nan``).
        """
        if self.kind == "zscore":
            return abs(float(self.statistic))
        if self.kind in ("ks", "ks_2samp", "chi2"):
            if not math.isfinite(self.pvalue):
                return float("nan")
            return float(stats.norm.isf(max(self.pvalue, 1e-300) / 2))   # p underflows to 0
        if self.kind == "interval":
            lo, hi = self.details["interval"]
            miss = max(lo - self.value, self.value - hi, 0.0)
            if miss == 0.0:
                return 0.0
            return float(miss / self.stderr) if math.isfinite(self.stderr) and self.stderr > 0 else float("nan")
        return float("nan")

    def summary(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        head = f"[{verdict}] {self.label}: " if self.label else f"[{verdict}] "
        if self.kind == "zscore":
            return (f"{head}{self.value:.6g} ± {self.stderr:.2g} vs theory {self.theory:.6g} "
                    f"({self.statistic:.2f}σ, limit {self.threshold:g}σ)")
        if self.kind in ("relative", "absolute"):
            unit = "relative" if self.kind == "relative" else "absolute"
            return (f"{head}{self.value:.10g} vs theory {self.theory:.10g} "
                    f"({unit} deviation {self.statistic:.2e}, limit {self.threshold:.1e})")
        if self.kind == "interval":
            lo, hi = self.details["interval"]
            return f"{head}{self.value:.6g} ± {self.stderr:.2g} within [{lo:.6g}, {hi:.6g}]"
        return (f"{head}{self.kind} statistic {self.statistic:.4g}, p = {self.pvalue:.3g} "
                f"(limit p >= {self.threshold:g})")

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.summary()

    def to_dict(self) -> dict:
        """JSON-serialisable view (NaN becomes ``None``)."""
        def clean(x):
            if isinstance(x, float) and not math.isfinite(x):
                return None
            if isinstance(x, (np.floating, np.integer)):
                return clean(x.item())
            if isinstance(x, (list, tuple)):
                return [clean(v) for v in x]
            if isinstance(x, dict):
                return {k: clean(v) for k, v in x.items()}
            return x
        return clean({
            "kind": self.kind, "label": self.label, "value": float(self.value),
            "stderr": float(self.stderr), "theory": float(self.theory),
            "statistic": float(self.statistic), "pvalue": float(self.pvalue),
            "threshold": float(self.threshold), "passed": bool(self.passed),
            "details": dict(self.details),
        })


def _unc():
    """The ``uncertainties`` package, imported on first arithmetic (it costs ~0.1 s)."""
    import uncertainties
    import uncertainties.umath  # noqa: F401  (the elementary functions)
    return uncertainties


def _round_pair(value: float, stderr: float, digits: int) -> str:
    """``value ± stderr`` with ``stderr`` to ``digits`` significant digits and ``value``
    rounded to the same decimal place (the Particle Data Group's convention, without its
    354 rule); a common power of ten is factored out for very large or small numbers."""
    if not (math.isfinite(value) and math.isfinite(stderr)) or stderr <= 0.0:
        return f"{value:.6g} ± {stderr:.2g}"
    lead = math.floor(math.log10(stderr))
    # rounding can carry into the next decade (0.0996 -> 0.10)
    if round(stderr, digits - 1 - lead) >= 10.0 ** (lead + 1):
        lead += 1
    top = math.floor(math.log10(max(abs(value), stderr)))
    if -5 <= lead and top < 6:
        dec = max(digits - 1 - lead, 0)
        return f"{round(value, dec):.{dec}f} ± {round(stderr, dec):.{dec}f}"
    scale = 10.0 ** top
    dec = max(digits - 1 - (lead - top), 0)
    return f"({value / scale:.{dec}f} ± {stderr / scale:.{dec}f})e{top:+03d}"


@dataclass(frozen=True)
class Estimate:
    """A number with its standard error: the one uncertainty type of the toolkit.

    Returned by every function that averages (spectral statistics, conductance moments,
    :func:`mean_with_error`, :func:`variance_with_error`).

    Parameters
    ----------
    value : float
        The estimate.
    stderr : float
        Its standard error (one standard deviation of the estimator), ``>= 0``.
    n : int
        Number of independent samples the standard error is based on (0: unknown).  A
        combination of estimates carries the smallest ``n`` of its inputs.

    Notes
    -----
    *Arithmetic.*  ``+ - * / **``, ``abs`` and the methods :meth:`log`, :meth:`exp`,
    :meth:`sqrt` (so also ``numpy.log(e)`` etc.) propagate the standard error linearly
    (first-order Taylor expansion, Gauss's law of error propagation).  Estimates made
    independently (from different samples) are treated as independent; correlations that
    arithmetic creates are tracked, so ``a - a`` is exactly ``0 ± 0`` and ``(a + b) - b``
    is ``a``.  The bookkeeping is the ``uncertainties`` package's (Lebigot), imported on
    first use; :func:`propagate` applies any scalar function.  Linear propagation is exact
    for sums and differences and accurate when ``stderr`` is small against the scale on
    which the function bends (relative errors ≪ 1 for products, ratios and logarithms).

    *Conversion and formatting.*  ``float(e)`` is ``e.value``.  ``format(e, ".2u")``
    rounds the error to 2 significant digits and the value to the same decimal place
    (``"0.5307 ± 0.0012"``), ``"u"`` alone means ``".2u"``, and the empty spec (``str``)
    is ``".2u"`` too; any float spec (``".4g"``, ``".3f"``) formats the value with it and
    the error with ``".2g"``.

    References
    ----------
    JCGM 100:2008, *Guide to the Expression of Uncertainty in Measurement*, §5.1
    (law of propagation of uncertainty).  E. O. Lebigot, *Uncertainties: a Python package
    for calculations with uncertainties*, https://pythonhosted.org/uncertainties/.

    Examples
    --------
    >>> from rmt_meso.compare import Estimate
    >>> a, b = Estimate(2.0, 0.3, 100), Estimate(1.0, 0.4, 50)
    >>> d = a - b
    >>> round(d.value, 12), round(d.stderr, 12), d.n
    (1.0, 0.5, 50)
    >>> f"{a / b:.2u}", float(a), (a - a).stderr
    ('2.00 ± 0.85', 2.0, 0.0)
    """

    value: float
    stderr: float
    n: int = 0

    # ------------------------------------------------------------- uncertainties bridge
    def _affine(self):
        """This estimate as an ``uncertainties`` number, made once per object (so that
        using the same estimate twice in a formula is correlated, not independent)."""
        u = self.__dict__.get("_u")
        if u is None:
            if np.ndim(self.value) or np.ndim(self.stderr):
                raise TypeError("Estimate arithmetic needs a scalar value and stderr; got "
                                f"shapes {np.shape(self.value)} and {np.shape(self.stderr)} "
                                "(index value and stderr, or build one Estimate per element)")
            u = _unc().ufloat(float(self.value), float(self.stderr))
            object.__setattr__(self, "_u", u)
        return u

    @classmethod
    def _from_affine(cls, u, n: int) -> "Estimate":
        unc = _unc()
        if not isinstance(u, unc.UFloat):         # a function of constants only
            est = cls(float(u), 0.0, n)
        else:
            est = cls(float(u.nominal_value), float(u.std_dev), n)
        object.__setattr__(est, "_u", u if isinstance(u, unc.UFloat) else None)
        return est

    def _binary(self, other, op):
        if isinstance(other, Estimate):
            ns = [k for k in (self.n, other.n) if k]
            n = min(ns) if ns else 0
            return Estimate._from_affine(op(self._affine(), other._affine()), n)
        if isinstance(other, numbers.Real) and not isinstance(other, (bool, np.bool_)):
            return Estimate._from_affine(op(self._affine(), float(other)), self.n)
        return NotImplemented

    def __add__(self, other):
        return self._binary(other, lambda x, y: x + y)

    def __radd__(self, other):
        return self._binary(other, lambda x, y: y + x)

    def __sub__(self, other):
        return self._binary(other, lambda x, y: x - y)

    def __rsub__(self, other):
        return self._binary(other, lambda x, y: y - x)

    def __mul__(self, other):
        return self._binary(other, lambda x, y: x * y)

    def __rmul__(self, other):
        return self._binary(other, lambda x, y: y * x)

    def __truediv__(self, other):
        return self._binary(other, lambda x, y: x / y)

    def __rtruediv__(self, other):
        return self._binary(other, lambda x, y: y / x)

    def __pow__(self, other):
        return self._binary(other, lambda x, y: x ** y)

    def __rpow__(self, other):
        return self._binary(other, lambda x, y: y ** x)

    def __neg__(self):
        return Estimate._from_affine(-self._affine(), self.n)

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self.value < 0 else self

    def _unary(self, name: str) -> "Estimate":
        return Estimate._from_affine(getattr(_unc().umath, name)(self._affine()), self.n)

    def log(self) -> "Estimate":
        """Natural logarithm, σ = stderr/|value| (``numpy.log(e)`` calls this)."""
        return self._unary("log")

    def exp(self) -> "Estimate":
        """Exponential, σ = exp(value)·stderr (``numpy.exp(e)`` calls this)."""
        return self._unary("exp")

    def sqrt(self) -> "Estimate":
        """Square root, σ = stderr/(2√value) (``numpy.sqrt(e)`` calls this)."""
        return self._unary("sqrt")

    def __float__(self) -> float:
        return float(self.value)

    def __iter__(self):
        # mean_with_error used to return the tuple (mean, stderr)
        from ._deprecation import warn_deprecated
        warn_deprecated("unpacking an Estimate as (value, stderr)", ".value and .stderr")
        return iter((self.value, self.stderr))

    @property
    def relative_stderr(self) -> float:
        """``stderr / |value|`` (``inf`` for a zero value)."""
        return float(self.stderr) / abs(float(self.value)) if self.value else math.inf

    # ------------------------------------------------------------- comparison, display
    def compare(self, theory: float, *, theory_error: float = 0.0, nsigma: float = 4.0,
                label: str = "") -> Comparison:
        """z-score comparison of this estimate with ``theory`` (see :func:`zscore`)."""
        return zscore(self.value, self.stderr, theory, theory_error=theory_error, nsigma=nsigma,
                      label=label)

    def __format__(self, spec):
        if np.ndim(self.value) or np.ndim(self.stderr):
            return f"{self.value} ± {self.stderr}"
        if spec == "" or spec.endswith("u"):
            digits = spec[1:-1] if spec.startswith(".") else spec[:-1]
            if digits and not digits.isdigit():
                raise ValueError(f"Estimate format spec must be '[.N]u' or a float spec; got {spec!r}")
            return _round_pair(float(self.value), float(self.stderr), int(digits or 2))
        return f"{format(self.value, spec)} ± {format(self.stderr, '.2g')}"

    def __str__(self):
        return format(self)


def propagate(func: Callable[..., float], *estimates: Estimate, n: int | None = None) -> Estimate:
    """Apply a scalar function to estimates with linear error propagation.

    The derivatives are taken numerically (``uncertainties.wrap``); correlations with the
    inputs are kept, so the result combines correctly with them afterwards.

    Parameters
    ----------
    func : callable
        ``func(x1, x2, ...) -> float`` on plain floats.
    *estimates : Estimate or float
    n : int, optional
        Sample count of the result (default: the smallest nonzero ``n`` of the inputs).

    Examples
    --------
    >>> import math
    >>> from rmt_meso.compare import Estimate, propagate
    >>> e = propagate(math.atan2, Estimate(1.0, 0.1), Estimate(1.0, 0.1))
    >>> round(e.value, 6), round(e.stderr, 6)          # σ = 0.1/√2 at 45°
    (0.785398, 0.070711)
    """
    if not callable(func):
        raise TypeError(f"func must be callable; got {func!r}")
    args, ns = [], []
    for i, e in enumerate(estimates):
        if isinstance(e, Estimate):
            args.append(e._affine())
            ns.append(e.n)
        elif isinstance(e, numbers.Real):
            args.append(float(e))
        else:
            raise TypeError(f"estimates[{i}] must be an Estimate or a real number; got {e!r}")
    if n is None:
        ns = [k for k in ns if k]
        n = min(ns) if ns else 0
    return Estimate._from_affine(_unc().wrap(func)(*args), n)


def mean_with_error(samples: ArrayLike, axis: int = 0) -> Estimate:
    """Sample mean and its standard error ``std(ddof=1)/sqrt(n)`` along ``axis``.

    Returns
    -------
    Estimate
        ``value`` and ``stderr`` are floats for 1-D ``samples`` and arrays (the shape of
        ``samples`` without ``axis``) otherwise; ``n`` is the number of samples.

    Examples
    --------
    >>> import numpy as np
    >>> e = mean_with_error(np.arange(10.0))
    >>> e.value, round(e.stderr, 6), e.n
    (4.5, 0.957427, 10)
    """
    x = check_array("samples", samples, finite=True)
    axis = check_int("axis", axis, minimum=-x.ndim, maximum=x.ndim - 1)
    n = x.shape[axis]
    if n < 2:
        raise ValueError(f"samples must contain at least 2 values along axis {axis}; got {n}")
    m, s = x.mean(axis=axis), x.std(axis=axis, ddof=1) / np.sqrt(n)
    if np.ndim(m) == 0:
        return Estimate(float(m), float(s), int(n))
    return Estimate(m, s, int(n))


def variance_with_error(samples: ArrayLike) -> Estimate:
    """Unbiased sample variance of i.i.d. ``samples`` and its standard error.

    ``se² = (μ₄ − s⁴ (n − 3)/(n − 1)) / n`` with the sample fourth central moment ``μ₄``:
    the variance of the unbiased variance estimator (Cramér, *Mathematical Methods of
    Statistics*, 1946, §27.4), used for UCF, ``var g``.

    Examples
    --------
    >>> import numpy as np
    >>> e = variance_with_error(np.random.default_rng(0).standard_normal(20000))
    >>> bool(abs(e.value - 1) < 4 * e.stderr and abs(e.stderr - np.sqrt(2 / 20000)) < 1e-3)
    True
    """
    x = check_array("samples", samples, ndim=1, min_size=4)
    n = x.size
    v = float(x.var(ddof=1))
    m4 = float(np.mean((x - x.mean()) ** 4))
    return Estimate(v, math.sqrt(max(m4 - v**2 * (n - 3) / (n - 1), 0.0) / n), n)


def ratio_of_means(a: ArrayLike, b: ArrayLike) -> Estimate:
    """Ratio ``mean(a) / mean(b)`` of paired samples and its delta-method standard error.

    For i.i.d. pairs ``(a_i, b_i)`` the first-order (delta-method) variance of
    ``r = ā / b̄`` is ``var(a - r b) / (n b̄²)``, which includes the covariance of ``a`` and
    ``b`` (e.g. shot noise and conductance of the same sample, or ``|S_aa|²`` and ``|S_ab|²``
    of the same matrix); the residuals ``a_i − r b_i`` use the estimated ``r`` (Cramér,
    *Mathematical Methods of Statistics*, 1946, §27.7).  The ``O(1/n)`` bias of the ratio is
    below this error for the sample sizes used here.

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Paired samples, ``n >= 2``; ``mean(b)`` must not vanish.

    Returns
    -------
    Estimate
        ``value = mean(a)/mean(b)``, ``stderr`` the delta-method standard error, ``n``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> b = rng.uniform(1, 2, 40000); a = 0.3 * b + 0.05 * rng.standard_normal(b.size)
    >>> e = ratio_of_means(a, b)
    >>> bool(abs(e.value - 0.3) < 4 * e.stderr < 0.002)
    True
    """
    a = check_array("a", a, ndim=1, finite=True, min_size=2)
    b = check_array("b", b, ndim=1, finite=True, shape=(a.size,))
    mb = float(b.mean())
    if mb == 0.0:
        raise ValueError("b must have a non-zero mean; the ratio of means is undefined")
    r = float(a.mean()) / mb
    resid = a - r * b
    return Estimate(r, float(resid.std(ddof=1) / (abs(mb) * math.sqrt(a.size))), int(a.size))


def weighted_line(x: ArrayLike, y: ArrayLike, sy: ArrayLike) -> tuple[float, float, np.ndarray, float]:
    """Weighted least-squares straight line ``y = a + b x``.

    Parameters
    ----------
    x, y, sy : array_like, shape (k,)
        Abscissae, ordinates and the standard errors of the ordinates (> 0), ``k >= 2``.

    Returns
    -------
    a, b : float
        Intercept and slope.
    cov : ndarray, shape (2, 2)
        Their covariance from the stated errors (not rescaled by the fit quality).
    chi2 : float
        ``Σ ((y − a − b x)/sy)²``, to be compared with ``k − 2`` degrees of freedom
        (see :func:`fit_chi2`).

    Examples
    --------
    >>> a, b, cov, chi2 = weighted_line([0, 1, 2], [1, 3, 5], [0.1, 0.1, 0.1])
    >>> round(a, 12), round(b, 12), round(chi2, 12)
    (1.0, 2.0, 0.0)
    """
    x = check_array("x", x, ndim=1, min_size=2)
    y = check_array("y", y, ndim=1, shape=(x.size,))
    sy = check_array("sy", sy, ndim=1, shape=(x.size,))
    if np.any(sy <= 0):
        raise ValueError(f"sy must be > 0; got min {sy.min()}")
    w = 1 / sy**2
    A = np.vstack([np.ones_like(x), x]).T
    cov = np.linalg.inv(A.T @ (A * w[:, None]))
    coef = cov @ (A.T @ (w * y))
    chi2 = float(np.sum(w * (y - A @ coef) ** 2))
    return float(coef[0]), float(coef[1]), cov, chi2


def fit_chi2(chi2: float, dof: int, *, alpha: float = 1e-4, label: str = "") -> Comparison:
    """Goodness of a least-squares fit: ``chi2`` with ``dof`` degrees of freedom, p >= alpha.

    ``chi2 = Σ (residual/σ)²`` of a fit of a model to data with independent Gaussian errors
    ``σ``; the model is rejected when the upper-tail probability of the χ² law with ``dof``
    degrees of freedom is below ``alpha`` (default 1e-4, the ~4σ rule of this module).
    """
    chi2 = check_real("chi2", chi2, minimum=0.0)
    dof = int(dof)
    if dof < 1:
        raise ValueError(f"dof must be an integer >= 1; got {dof}")
    alpha = check_real("alpha", alpha, minimum=0.0, maximum=1.0, min_inclusive=False)
    p = float(stats.chi2.sf(chi2, dof))
    return Comparison("chi2", float("nan"), float("nan"), float("nan"), chi2, p, alpha,
                      bool(p >= alpha), label, {"dof": dof})


@renamed_arguments(error="stderr")
def zscore(value: float, stderr: float, theory: float, *, theory_error: float = 0.0, nsigma: float = 4.0,
           label: str = "") -> Comparison:
    """Compare an estimate with standard error ``stderr`` to ``theory`` at ``nsigma``."""
    value = check_real("value", value)
    error = check_real("stderr", stderr, minimum=0.0)
    theory = check_real("theory", theory)
    theory_error = check_real("theory_error", theory_error, minimum=0.0)
    nsigma = check_real("nsigma", nsigma, minimum=0.0, min_inclusive=False)
    total = math.hypot(error, theory_error)
    if total == 0.0:
        raise ValueError("stderr and theory_error are both zero; a z-score needs a standard error "
                         "(use relative() or absolute() for deterministic quantities)")
    z = abs(value - theory) / total
    p = float(2 * stats.norm.sf(z))
    return Comparison("zscore", value, error, theory, z, p, nsigma, bool(z <= nsigma), label,
                      {"theory_error": theory_error})


def relative(value: float, theory: float, *, rtol: float, label: str = "") -> Comparison:
    """Deterministic comparison: ``|value - theory| <= rtol * |theory|``."""
    value = check_real("value", value)
    theory = check_real("theory", theory)
    rtol = check_real("rtol", rtol, minimum=0.0, min_inclusive=False)
    dev = abs(value - theory) / abs(theory) if theory != 0 else abs(value - theory)
    return Comparison("relative", value, float("nan"), theory, dev, float("nan"), rtol,
                      bool(dev <= rtol), label)


def absolute(value: float, theory: float, *, atol: float, label: str = "") -> Comparison:
    """Deterministic comparison: ``|value - theory| <= atol``."""
    value = check_real("value", value)
    theory = check_real("theory", theory)
    atol = check_real("atol", atol, minimum=0.0, min_inclusive=False)
    dev = abs(value - theory)
    return Comparison("absolute", value, float("nan"), theory, dev, float("nan"), atol,
                      bool(dev <= atol), label)


@renamed_arguments(error="stderr")
def interval(value: float, lo: float, hi: float, *, stderr: float = float("nan"), theory: float = float("nan"),
             label: str = "") -> Comparison:
    """Bracketing statement ``lo <= value <= hi`` (order-of-magnitude criteria); ``stderr``
    is reported, not used."""
    value = check_real("value", value)
    lo = check_real("lo", lo, allow_inf=True)
    hi = check_real("hi", hi, allow_inf=True)
    if lo > hi:
        raise ValueError(f"lo must be <= hi; got lo={lo}, hi={hi}")
    passed = lo <= value <= hi
    return Comparison("interval", value, float(stderr), float(theory), float("nan"), float("nan"),
                      float("nan"), bool(passed), label, {"interval": (lo, hi)})


def ks_test(sample: ArrayLike, cdf: Callable[[np.ndarray], np.ndarray], *, alpha: float = 1e-4, label: str = "") -> Comparison:
    """One-sample Kolmogorov–Smirnov test of ``sample`` against the callable ``cdf``.

    The samples must be independent for the p-value to mean what it says; spacings of
    one spectrum are weakly correlated, so feed samples pooled over many spectra.
    """
    x = check_array("sample", sample, ndim=1, min_size=5)
    alpha = check_real("alpha", alpha, minimum=0.0, maximum=1.0, min_inclusive=False)
    res = stats.kstest(x, cdf)
    return Comparison("ks", float("nan"), float("nan"), float("nan"), float(res.statistic),
                      float(res.pvalue), alpha, bool(res.pvalue >= alpha), label, {"n": int(x.size)})


def ks_2samp(a: ArrayLike, b: ArrayLike, *, alpha: float = 1e-4, label: str = "") -> Comparison:
    """Two-sample Kolmogorov–Smirnov test: are ``a`` and ``b`` drawn from one law?"""
    a = check_array("a", a, ndim=1, min_size=5)
    b = check_array("b", b, ndim=1, min_size=5)
    alpha = check_real("alpha", alpha, minimum=0.0, maximum=1.0, min_inclusive=False)
    res = stats.ks_2samp(a, b)
    return Comparison("ks_2samp", float("nan"), float("nan"), float("nan"), float(res.statistic),
                      float(res.pvalue), alpha, bool(res.pvalue >= alpha), label,
                      {"n_a": int(a.size), "n_b": int(b.size)})


def chi2_test(counts: ArrayLike, expected: ArrayLike, *, alpha: float = 1e-4, ddof: int = 0, min_expected: float = 5.0,
              label: str = "") -> Comparison:
    """Pearson chi-square test of histogram ``counts`` against ``expected`` counts.

    Bins with fewer than ``min_expected`` expected counts are merged with their
    neighbours (left to right) so that the chi-square law applies.
    """
    obs = check_array("counts", counts, ndim=1, min_size=2)
    exp = check_array("expected", expected, ndim=1, shape=(obs.size,))
    if np.any(exp < 0) or np.any(obs < 0):
        raise ValueError("counts and expected must be non-negative")
    # merge sparse bins so every expected count is >= min_expected
    mo: Any = []
    me: Any = []
    acc_o = acc_e = 0.0
    for o, e in zip(obs, exp):
        acc_o += o
        acc_e += e
        if acc_e >= min_expected:
            mo.append(acc_o); me.append(acc_e); acc_o = acc_e = 0.0
    if acc_e > 0 and me:
        mo[-1] += acc_o; me[-1] += acc_e
    mo, me = np.array(mo), np.array(me)
    if mo.size < 2 + ddof:
        raise ValueError("too few populated bins for a chi-square test; use more samples")
    me = me * mo.sum() / me.sum()
    chi2 = float(np.sum((mo - me) ** 2 / me))
    dof = mo.size - 1 - ddof
    p = float(stats.chi2.sf(chi2, dof))
    return Comparison("chi2", float("nan"), float("nan"), float("nan"), chi2, p, alpha,
                      bool(p >= alpha), label, {"dof": int(dof), "bins": int(mo.size)})
