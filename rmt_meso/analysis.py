"""Estimators shared by the claims: where two measured curves cross; energy correlations.

Finite-size scaling locates a transition where curves measured at different system sizes
cross (``<r~>_L(W)``, ``Lambda_M(W)``, ``ln g_L(W)``), or where one curve reaches a known
scale-invariant value.  Both are the zero of a difference ``d(x) = y_b(x) - y_a(x)`` of
independent measurements with standard errors; :func:`crossing` fits ``d`` by weighted
least squares with a low-order polynomial and returns its root with a delta-method
standard error.  One estimator, tested once (``tests/test_analysis.py``), instead of one
per claim.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._validate import check_array, check_int, check_real
from .compare import Estimate

__all__ = ["Crossing", "crossing", "lag_covariance", "stationary_covariance", "quadratic_form",
           "fit_scale", "LineShapeFit", "fit_line_shape", "fourier_amplitude", "fourier_peak", "richardson", "periodic_harmonics"]


@dataclass(frozen=True)
class Crossing:
    """Root of a fitted difference of two curves.

    Attributes
    ----------
    value : float
        Abscissa ``x*`` where the fitted ``y_b - y_a`` vanishes (``nan`` when the fit has
        no real root).
    stderr : float
        Delta-method standard error of ``x*`` (``inf`` when the slope at the root is not
        resolved, see ``resolved``).
    slope, slope_stderr : float
        Fitted ``d(y_b - y_a)/dx`` at ``x*`` and its standard error.
    chi2, dof : float, int
        Chi-square of the weighted fit and its degrees of freedom (``n - degree - 1``): a
        check that the polynomial describes the difference within its errors.
    coef, cov : ndarray
        Fitted coefficients of ``sum_k c_k (x - x0)^k`` (increasing order) and their
        covariance.
    x0 : float
        Centre of the polynomial basis.
    """

    value: float
    stderr: float
    slope: float
    slope_stderr: float
    chi2: float
    dof: int
    coef: np.ndarray
    cov: np.ndarray
    x0: float

    @property
    def resolved(self) -> bool:
        """The crossing exists and the slope at it differs from zero by more than 3σ,
        so that the delta-method error is meaningful."""
        return bool(math.isfinite(self.value) and math.isfinite(self.stderr)
                    and abs(self.slope) > 3.0 * self.slope_stderr)

    @property
    def estimate(self) -> Estimate:
        return Estimate(self.value, self.stderr, self.dof + self.coef.size)

    def difference_at(self, x: float) -> Estimate:
        """The fitted ``y_b - y_a`` at ``x`` with its standard error (e.g. at a literature
        critical point, where scale invariance makes it vanish)."""
        x = check_real("x", x)
        v = (x - self.x0) ** np.arange(self.coef.size)
        return Estimate(float(v @ self.coef), float(math.sqrt(max(v @ self.cov @ v, 0.0))),
                        self.dof + self.coef.size)

    @property
    def pvalue(self) -> float:
        """Chi-square goodness-of-fit p-value of the polynomial (``nan`` for ``dof = 0``)."""
        if self.dof <= 0:
            return float("nan")
        from scipy import stats
        return float(stats.chi2.sf(self.chi2, self.dof))


def _root(coef: np.ndarray, x0: float, lo: float, hi: float) -> float:
    """Real root of ``sum c_k (x - x0)^k`` nearest the centre of ``[lo, hi]``."""
    if coef.size == 2:
        return x0 - coef[0] / coef[1] if coef[1] != 0 else float("nan")
    roots = np.roots(coef[::-1])
    real = roots[np.abs(roots.imag) <= 1e-9 * (1 + np.abs(roots.real))].real + x0
    if real.size == 0:
        return float("nan")
    return float(real[np.argmin(np.abs(real - 0.5 * (lo + hi)))])


def crossing(x: ArrayLike, y_a: ArrayLike, err_a: ArrayLike, y_b: ArrayLike = 0.0, err_b: ArrayLike = 0.0, *,
             degree: int = 1, x0: float | None = None) -> Crossing:
    """Where two independently measured curves ``y_a(x)`` and ``y_b(x)`` cross.

    The difference ``d = y_b - y_a`` (standard error ``s = sqrt(err_a^2 + err_b^2)``; the
    curves are independent) is fitted by weighted least squares with a polynomial
    ``p(x) = sum_{k<=degree} c_k (x - x0)^k``; the crossing ``x*`` is the real root of ``p``
    nearest the middle of the data.  Its standard error follows from the covariance ``C``
    of the coefficients by the delta method (implicit function theorem):

        ``var x* = v^T C v / p'(x*)^2``,   ``v_k = (x* - x0)^k``,

    exact to first order in the noise; it is calibrated (pull width 1) when the slope at
    the root is resolved (``Crossing.resolved``).  A constant ``y_b`` (with ``err_b = 0``)
    gives the abscissa where one curve reaches a known value.

    Parameters
    ----------
    x : array_like, shape (n,)
        Abscissae (e.g. disorder W in units of t), ``n >= degree + 1``.
    y_a, err_a : array_like, shape (n,)
        First curve and its standard errors.
    y_b, err_b : float or array_like, shape (n,), optional
        Second curve and its standard errors (default: the constant 0 without error).
    degree : {1, 2}
        Polynomial degree of the fit (fixed in advance, not chosen after the fit).
    x0 : float, optional
        Centre of the basis; default the mean of ``x`` (decorrelates the coefficients).

    Returns
    -------
    Crossing

    Raises
    ------
    ValueError
        Shapes differ, errors are not positive, or there are fewer points than
        coefficients.

    References
    ----------
    P. R. Bevington and D. K. Robinson, *Data Reduction and Error Analysis for the
    Physical Sciences*, 3rd ed., McGraw-Hill (2003), ch. 7 (weighted least squares) and
    §3.2 (propagation of errors); A. MacKinnon and B. Kramer, Z. Phys. B 53, 1 (1983)
    (crossing of scaled localization lengths).

    Examples
    --------
    >>> x = np.array([14.0, 16.0, 18.0])
    >>> c = crossing(x, 0.6 - 0.01 * x, [1e-3] * 3, 0.7 - 0.02 * x, [1e-3] * 3)
    >>> bool(abs(c.value - 10.0) < 1e-9 and c.resolved)
    True
    """
    x = check_array("x", x, ndim=1, min_size=2)
    n = x.size
    degree = check_int("degree", degree, minimum=1, maximum=2)
    if n < degree + 1:
        raise ValueError(f"x must have at least degree + 1 = {degree + 1} points; got {n}")

    def as_curve(name, v):
        arr = np.asarray(v, dtype=float)
        if arr.ndim == 0:
            arr = np.full(n, float(arr))
        return check_array(name, arr, ndim=1, shape=(n,), finite=True)

    ya, ea = as_curve("y_a", y_a), as_curve("err_a", err_a)
    yb, eb = as_curve("y_b", y_b), as_curve("err_b", err_b)
    if np.any(ea < 0) or np.any(eb < 0):
        raise ValueError("err_a and err_b must be non-negative")
    s = np.hypot(ea, eb)
    if np.any(s <= 0):
        raise ValueError("err_a and err_b must not both vanish at any point; the weighted fit "
                         "needs a positive standard error of y_b - y_a everywhere")
    x0 = float(np.mean(x)) if x0 is None else check_real("x0", x0)
    d = yb - ya
    A = np.vander(x - x0, degree + 1, increasing=True)
    w = 1.0 / s**2
    cov = np.linalg.inv(A.T @ (A * w[:, None]))
    coef = cov @ (A.T @ (w * d))
    chi2 = float(np.sum(w * (d - A @ coef) ** 2))
    dof = n - degree - 1
    root = _root(coef, x0, float(x.min()), float(x.max()))
    if not math.isfinite(root):
        return Crossing(float("nan"), float("inf"), float("nan"), float("nan"), chi2, dof,
                        coef, cov, x0)
    t = root - x0
    v = t ** np.arange(degree + 1)
    dv = np.array([k * t ** (k - 1) if k else 0.0 for k in range(degree + 1)])
    slope = float(dv @ coef)
    slope_err = float(math.sqrt(max(float(dv @ cov @ dv), 0.0)))
    err = float(math.sqrt(max(float(v @ cov @ v), 0.0)) / abs(slope)) if slope != 0 else float("inf")
    return Crossing(float(root), err, slope, slope_err, chi2, dof, coef, cov, x0)


# ----------------------------------------------------------------------------------------
# energy correlations of a random function g(E) sampled on a grid
# ----------------------------------------------------------------------------------------
def lag_covariance(energies: ArrayLike, samples: ArrayLike,
                   lag_edges: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stationary covariance ``C(ε) = cov(g(E), g(E + ε))`` of a random function, binned by lag.

    ``samples[k, i] = g_k(E_i)`` are independent realisations on a grid (any spacing).  The
    sample covariance ``S_ij`` of every pair of grid points is averaged over the pairs whose
    lag ``|E_i − E_j|`` falls in each bin of ``lag_edges`` (pairs counted once, ``i <= j``):
    the estimate of ``C`` under the assumption that the statistics do not depend on ``E``
    inside the grid (ergodic energy window).

    Parameters
    ----------
    energies : array_like, shape (K,)
    samples : array_like, shape (n, K)
        ``n >= 2`` realisations.
    lag_edges : array_like, shape (B + 1,)
        Increasing bin edges of the lag, the first ``0``.

    Returns
    -------
    centres, cov, counts : ndarray, shape (B,)
        Mean lag of the pairs in each bin, their mean covariance and (integer) number (bins without
        pairs give ``nan``).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal((4000, 6))           # white noise: C(0) = 1, C(eps > 0) = 0
    >>> c, cov, k = lag_covariance(np.arange(6.0), x, [0, 0.5, 1.5, 5.5])
    >>> bool(abs(cov[0] - 1) < 0.05 and np.all(np.abs(cov[1:]) < 0.05)), k.tolist()
    (True, [6, 5, 10])
    """
    e = check_array("energies", energies, ndim=1, min_size=2)
    x = check_array("samples", samples, ndim=2, shape=(None, e.size))
    if x.shape[0] < 2:
        raise ValueError(f"samples must hold at least 2 realisations; got {x.shape[0]}")
    edges = check_array("lag_edges", lag_edges, ndim=1, min_size=2)
    if edges[0] != 0 or np.any(np.diff(edges) <= 0):
        raise ValueError("lag_edges must increase strictly from 0")
    S = np.cov(x, rowvar=False)
    i, j = np.triu_indices(e.size)
    lag = np.abs(e[j] - e[i])
    b = np.searchsorted(edges, lag, side="right") - 1
    ok = (b >= 0) & (b < edges.size - 1)
    nb = edges.size - 1
    counts = np.bincount(b[ok], minlength=nb)
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = np.bincount(b[ok], weights=S[i, j][ok], minlength=nb) / counts
        centres = np.bincount(b[ok], weights=lag[ok], minlength=nb) / counts
    return centres, cov, counts


def stationary_covariance(energies: ArrayLike, centres: ArrayLike, cov: ArrayLike) -> np.ndarray:
    """Toeplitz covariance matrix ``C(|E_i − E_j|)`` on a grid from a tabulated ``C(ε)``.

    Linear interpolation in the lag between the tabulated points (``nan`` entries of
    ``cov`` skipped); ``C`` is held at its last tabulated value beyond the largest lag.

    Returns
    -------
    ndarray, shape (K, K)
    """
    e = check_array("energies", energies, ndim=1, min_size=1)
    c = check_array("centres", centres, ndim=1, finite=False)
    v = check_array("cov", cov, ndim=1, finite=False, shape=(c.size,))
    ok = np.isfinite(c) & np.isfinite(v)
    if ok.sum() < 1:
        raise ValueError("cov must contain at least one finite tabulated value")
    lag = np.abs(e[:, None] - e[None, :])
    return np.interp(lag, c[ok], v[ok])


def quadratic_form(weights: ArrayLike, matrix: ArrayLike) -> float:
    """``wᵀ M w``: the variance of the linear statistic ``Σ w_i g_i`` when ``M = cov(g)``."""
    w = check_array("weights", weights, ndim=1)
    m = check_array("matrix", matrix, ndim=2, shape=(w.size, w.size))
    return float(w @ m @ w)


def fit_scale(x: ArrayLike, y: ArrayLike, err: ArrayLike, model: Callable[[np.ndarray], np.ndarray], *,
              cov: ArrayLike | None = None) -> tuple[float, float, float, int]:
    """Fit one scale parameter: ``y(x) = model(c x)`` by (generalised) least squares.

    Used for line shapes known up to their argument's scale, e.g. the weak-localization
    magnetoconductance ``A [1 - F(c Phi)]`` with the Cooperon crossover ``F`` and ``c = L/L_B``
    per flux quantum (``magnetoconductance_wire``).  The minimum is found on a log grid of
    ``c`` in ``[1e-3, 1e3]`` and refined by a bounded scalar minimisation; the error is from
    the curvature, ``Δchi2 = 1``.

    Parameters
    ----------
    x, y, err : array_like, shape (k,)
        Abscissae, measured values and their standard errors (> 0).
    model : callable
        ``model(u)`` for an array ``u = c x``.
    cov : array_like, shape (k, k), optional
        Covariance of ``y`` (correlated points, e.g. paired samples); the chi-square is then
        ``r^T cov^-1 r`` and ``err`` is not used.

    Returns
    -------
    c, c_err, chi2, dof : float, float, float, int
        Best scale, its standard error, chi-square and ``k - 1`` degrees of freedom.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([0.25, 0.5, 1.0])
    >>> c, dc, chi2, dof = fit_scale(x, np.tanh(2.0 * x), np.full(3, 1e-3), np.tanh)
    >>> round(c, 4), bool(chi2 < 1e-8), dof
    (2.0, True, 2)
    """
    from scipy.optimize import minimize_scalar
    xs = check_array("x", x, ndim=1, min_size=2)
    y = check_array("y", y, ndim=1, shape=(xs.size,))
    sy = check_array("err", err, ndim=1, shape=(xs.size,))
    if not callable(model):
        raise TypeError(f"model must be callable; got {model!r}")
    if cov is None:
        if np.any(sy <= 0):
            raise ValueError(f"err must be > 0; got min {sy.min()}")
        inv = np.diag(1 / sy**2)
    else:
        inv = np.linalg.inv(check_array("cov", cov, ndim=2, shape=(xs.size, xs.size)))

    def chi2(c):
        r = y - np.asarray(model(c * xs), float)
        return float(r @ inv @ r)

    cs = np.geomspace(1e-3, 1e3, 3001)
    vals = np.array([chi2(c) for c in cs])
    k = int(np.argmin(vals))
    if 0 < k < cs.size - 1:
        r = minimize_scalar(chi2, bounds=(cs[k - 1], cs[k + 1]), method="bounded",
                            options={"xatol": 1e-10 * cs[k]})
        c_best, chi_best = float(r.x), float(r.fun)
    else:
        c_best, chi_best = float(cs[k]), float(vals[k])
    h = 1e-3 * c_best
    curv = (chi2(c_best + h) - 2 * chi_best + chi2(c_best - h)) / h**2
    c_err = float(math.sqrt(2.0 / curv)) if curv > 0 else float("inf")
    return c_best, c_err, chi_best, int(xs.size - 1)


@dataclass(frozen=True)
class LineShapeFit:
    """Result of :func:`fit_line_shape`: ``y(x) = offset - amplitude * shape(x / width)``.

    Attributes
    ----------
    offset, amplitude, width : float
        Best parameters (``width > 0``).
    cov : ndarray, shape (3, 3)
        Covariance of (offset, amplitude, width) from the Gauss-Newton curvature of the
        chi-square (``(J^T C^-1 J)^-1``, not rescaled by the fit quality).
    chi2 : float
        Generalised chi-square ``r^T C^-1 r`` at the minimum.
    dof : int
        ``k - 3`` for ``k`` points.
    """

    offset: float
    amplitude: float
    width: float
    cov: np.ndarray
    chi2: float
    dof: int

    @property
    def stderr(self) -> np.ndarray:
        """Standard errors of (offset, amplitude, width)."""
        return np.sqrt(np.clip(np.diag(self.cov), 0.0, None))

    @property
    def pvalue(self) -> float:
        """Upper-tail chi-square probability of the fit (``nan`` for ``dof = 0``)."""
        if self.dof <= 0:
            return float("nan")
        from scipy import stats
        return float(stats.chi2.sf(self.chi2, self.dof))

    def __call__(self, x: ArrayLike, shape: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """The fitted curve at ``x`` (``shape`` as passed to the fit)."""
        return self.offset - self.amplitude * np.asarray(shape(np.asarray(x, float) / self.width), float)


def fit_line_shape(x: ArrayLike, y: ArrayLike, cov: ArrayLike,
                   shape: Callable[[np.ndarray], np.ndarray], *,
                   width_range: tuple[float, float] = (1e-3, 1e3)) -> LineShapeFit:
    """Fit a line shape of unknown offset, amplitude and width by generalised least squares.

    The model is ``y(x) = c - a * shape(x / w)``, e.g. a weak-localization dip of the
    conductance in a field, ``shape(u) = 1/(1 + u^2)`` (Lorentzian) or ``exp(-|u|)`` (linear
    cusp).  ``c`` and ``a`` enter linearly and are solved exactly for every ``w``; ``w`` is
    found on a log grid over ``width_range`` and refined by a bounded scalar minimisation.

    Parameters
    ----------
    x, y : array_like, shape (k,)
        Abscissae and measured values, ``k >= 4`` (one degree of freedom at least).
    cov : array_like, shape (k, k) or (k,)
        Covariance matrix of ``y`` (correlated points: the same samples at every ``x``), or
        the variances of independent points.
    shape : callable
        ``shape(u)`` for an array ``u``, normalised as the caller likes (``a`` is in its units).
    width_range : (float, float)
        Search interval of ``w`` (``0 < lo < hi``); a minimum on its boundary is returned as found.

    Returns
    -------
    LineShapeFit

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(0.0, 3.0, 7)
    >>> lor = lambda u: 1.0 / (1.0 + u ** 2)
    >>> f = fit_line_shape(x, 2.0 - 0.5 * lor(x / 0.8), np.full(7, 1e-6), lor)
    >>> round(f.offset, 6), round(f.amplitude, 6), round(f.width, 6), f.dof
    (2.0, 0.5, 0.8, 4)
    """
    from scipy.optimize import minimize_scalar
    xs = check_array("x", x, ndim=1, min_size=4)
    y = check_array("y", y, ndim=1, shape=(xs.size,))
    c = np.asarray(cov, float)
    if c.ndim == 1:
        c = check_array("cov", c, ndim=1, shape=(xs.size,))
        if np.any(c <= 0):
            raise ValueError(f"cov must be > 0 (variances of independent points); got min {c.min()}")
        c = np.diag(c)
    else:
        c = check_array("cov", c, ndim=2, shape=(xs.size, xs.size))
    if not callable(shape):
        raise TypeError(f"shape must be callable; got {shape!r}")
    lo, hi = (check_real("width_range", v, minimum=0.0, min_inclusive=False) for v in width_range)
    if not lo < hi:
        raise ValueError(f"width_range must satisfy 0 < lo < hi; got {width_range!r}")
    try:
        icov = np.linalg.inv(c)
    except np.linalg.LinAlgError:
        raise ValueError("cov is singular; the points need a positive definite covariance") from None

    def basis(w):
        return np.stack([np.ones_like(xs), -np.asarray(shape(xs / w), float)], axis=1)

    def solve(w):
        b = basis(w)
        coef = np.linalg.lstsq(b.T @ icov @ b, b.T @ icov @ y, rcond=None)[0]
        r = y - b @ coef
        return float(r @ icov @ r), coef

    grid = np.geomspace(lo, hi, 481)
    vals = np.array([solve(w)[0] for w in grid])
    k = int(np.argmin(vals))
    if 0 < k < grid.size - 1:
        res = minimize_scalar(lambda lw: solve(math.exp(lw))[0],
                              bounds=(math.log(grid[k - 1]), math.log(grid[k + 1])), method="bounded",
                              options={"xatol": 1e-10})
        w = float(math.exp(res.x))
    else:
        w = float(grid[k])
    chi2, (off, amp) = solve(w)
    # Gauss-Newton covariance: Jacobian of the model in (c, a, w), central difference in w
    h = 1e-5 * w
    dshape = (np.asarray(shape(xs / (w + h)), float) - np.asarray(shape(xs / (w - h)), float)) / (2 * h)
    jac = np.stack([np.ones_like(xs), -np.asarray(shape(xs / w), float), -amp * dshape], axis=1)
    pcov = np.linalg.pinv(jac.T @ icov @ jac)
    return LineShapeFit(float(off), float(amp), w, pcov, chi2, int(xs.size - 3))


def fourier_peak(x: ArrayLike, y: ArrayLike, band: tuple[float, float], *, pad: int = 16) -> float:
    """Frequency of the largest Fourier component of ``y(x)`` inside ``band`` (cycles per unit x).

    The mean and the linear trend of ``y`` are removed, a Hann window is applied, the series
    is zero-padded to ``pad`` times its length, and the maximum of ``|FFT|`` inside
    ``band = (f_lo, f_hi)`` is refined by a parabola through the logarithms of the three bins around it (Gaussian
    interpolation; on a Hann-windowed, padded transform accurate to a small fraction of the
    resolution ``1/(x_max - x_min)`` for an isolated peak).  Used for Aharonov–Bohm oscillations:
    with ``x`` the flux per unit area (h/e), the frequency is the enclosed area.

    Parameters
    ----------
    x : array_like, shape (n,)
        Uniform, increasing grid (n >= 8).
    y : array_like, shape (n,)
        Samples, real.
    band : (float, float)
        ``0 <= f_lo < f_hi <= 1/(2 dx)`` (the Nyquist frequency), in cycles per unit of x.
    pad : int
        Zero-padding factor (>= 1).

    Returns
    -------
    float
        The peak frequency.

    Raises
    ------
    ValueError
        If ``x`` is not uniform and increasing, ``y`` has another length, or ``band`` is empty
        or beyond the Nyquist frequency.

    References
    ----------
    F. J. Harris, Proc. IEEE 66, 51 (1978) (windows, leakage); M. Gasior and J. L. Gonzalez,
    AIP Conf. Proc. 732, 276 (2004) (interpolation of windowed, padded spectra).

    Examples
    --------
    >>> x = np.linspace(0, 10, 201)
    >>> round(fourier_peak(x, np.cos(2 * np.pi * 1.37 * x), (0.5, 3.0)), 3)
    1.37
    """
    freq, amp = fourier_amplitude(x, y, pad=pad)
    x = np.asarray(x, float)
    nyquist = 0.5 / (x[1] - x[0])
    f_lo, f_hi = (float(b) for b in band)
    if not 0 <= f_lo < f_hi <= nyquist * (1 + 1e-12):
        raise ValueError(f"band must satisfy 0 <= f_lo < f_hi <= Nyquist {nyquist:g}; got {band!r}")
    inside = np.flatnonzero((freq >= f_lo) & (freq <= f_hi))
    if inside.size == 0:
        raise ValueError(f"band {band!r} contains no frequency of the padded transform")
    k = int(inside[np.argmax(amp[inside])])
    if 0 < k < amp.size - 1:
        a, b, c = np.log(amp[k - 1: k + 2] + 1e-300)
        den = a - 2 * b + c
        shift = 0.5 * (a - c) / den if den < 0 else 0.0
    else:
        shift = 0.0
    return float(freq[k] + shift * (freq[1] - freq[0]))


def fourier_amplitude(x: ArrayLike, y: ArrayLike, *, pad: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """``|FFT|`` of ``y(x)`` after removing its mean and linear trend, Hann-windowed, zero-padded.

    The spectrum behind :func:`fourier_peak` (same conventions).

    Returns
    -------
    freq, amplitude : ndarray
        Frequencies in cycles per unit of ``x`` (0 to the Nyquist frequency ``1/(2 dx)``) and
        the modulus of the transform.

    Examples
    --------
    >>> x = np.linspace(0, 10, 201)
    >>> f, a = fourier_amplitude(x, np.cos(2 * np.pi * 2 * x))
    >>> round(float(f[np.argmax(a)]), 1)
    2.0
    """
    x = check_array("x", x, ndim=1, dtype=float)
    y = check_array("y", y, ndim=1, dtype=float)
    pad = check_int("pad", pad, minimum=1)
    if x.size < 8 or y.size != x.size:
        raise ValueError(f"x and y must have the same length >= 8; got {x.size} and {y.size}")
    dx = np.diff(x)
    if not (np.all(dx > 0) and np.allclose(dx, dx[0], rtol=1e-6, atol=0)):
        raise ValueError("x must be a uniform, increasing grid")
    y = y - np.polyval(np.polyfit(x - x[0], y, 1), x - x[0])
    m = pad * x.size
    return np.fft.rfftfreq(m, d=dx[0]), np.abs(np.fft.rfft(y * np.hanning(x.size), n=m))


def richardson(h: ArrayLike, values: ArrayLike, *, order: float = 1.0) -> Estimate:
    """Limit :math:`h \\to 0` of a convergence sequence by Richardson extrapolation, with its error.

    Assumes :math:`q(h) = q_0 + c\\,h^p + o(h^p)` with ``order`` p.  Each consecutive pair
    :math:`(h_{k-1}, h_k)` gives the extrapolant
    :math:`A_k = (h_{k-1}^p q_k - h_k^p q_{k-1})/(h_{k-1}^p - h_k^p)`; the estimate is the
    last one (the two smallest h), and its error the change from the previous extrapolant,
    :math:`|A_K - A_{K-1}|` — the standard a-posteriori estimate of the neglected
    higher-order terms (it is conservative when the next term is :math:`O(h^{p+1})` and
    the sequence is in its asymptotic regime).  Deterministic sequences only: it is a
    truncation error, not a statistical one.

    Parameters
    ----------
    h : array_like, shape (K,)
        Step sizes (e.g. 1/L, 1/σ), positive and strictly decreasing, K >= 3.
    values : array_like, shape (K,)
        The quantity at each h.
    order : float
        Leading order p > 0 of the error.

    Returns
    -------
    Estimate
        ``value`` = :math:`A_K`, ``stderr`` = :math:`|A_K - A_{K-1}|`.

    Raises
    ------
    ValueError
        Fewer than 3 points, h not positive and strictly decreasing, or non-finite values.

    References
    ----------
    L. F. Richardson, Phil. Trans. R. Soc. A 210, 307 (1911); W. H. Press et al., *Numerical
    Recipes*, 3rd ed. (CUP, 2007), sec. 3.2 (extrapolation and its error estimate).

    Examples
    --------
    >>> est = richardson([0.4, 0.2, 0.1], [1 + 0.4 + 0.16, 1 + 0.2 + 0.04, 1 + 0.1 + 0.01])
    >>> bool(abs(est.value - 1) <= est.stderr)
    True
    """
    h = check_array("h", h, ndim=1, dtype=float, min_size=3)
    q = check_array("values", values, ndim=1, dtype=float, shape=(h.size,))
    p = check_real("order", order, minimum=0.0, min_inclusive=False)
    if np.any(h <= 0) or np.any(np.diff(h) >= 0):
        raise ValueError(f"h must be positive and strictly decreasing; got {h.tolist()}")
    hp = h ** p
    a = (hp[:-1] * q[1:] - hp[1:] * q[:-1]) / (hp[:-1] - hp[1:])
    return Estimate(float(a[-1]), float(abs(a[-1] - a[-2])))


def periodic_harmonics(y: ArrayLike, orders: Sequence[int] = (1, 2), *, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Cosine and sine Fourier coefficients of samples over one period on a uniform grid.

    For ``y`` sampled at :math:`x_m = m/M`, ``m = 0..M-1``, of one period of a periodic
    function :math:`y(x) = a_0 + \\sum_k [c_k \\cos 2\\pi k x + s_k \\sin 2\\pi k x]`,

    .. math::  c_k = \\frac{2}{M}\\sum_m y_m \\cos\\frac{2\\pi k m}{M}, \\qquad
               s_k = \\frac{2}{M}\\sum_m y_m \\sin\\frac{2\\pi k m}{M}

    (the discrete Fourier transform; exact for a trigonometric polynomial of degree < M/2,
    and at ``k = M/2`` the cosine weight is 1/M instead of 2/M).  Harmonics above M/2 alias
    onto ``M - k``.  Used for the harmonics of a conductance vs Aharonov–Bohm flux (the h/e
    harmonic k = 1, the Altshuler–Aronov–Spivak h/(2e) harmonic k = 2).

    Parameters
    ----------
    y : array_like
        Samples; the period runs along ``axis`` (M points, M > 2 max(orders) - 1).
    orders : sequence of int
        Harmonics k >= 1 to return, each <= M/2.
    axis : int
        Axis of the period.

    Returns
    -------
    c, s : ndarray
        Shape ``(len(orders),) + shape of y without axis``.

    Raises
    ------
    ValueError
        An order < 1 or above M/2.

    Examples
    --------
    >>> x = np.arange(8) / 8
    >>> c, s = periodic_harmonics(0.3 + np.cos(2 * np.pi * x) - 0.2 * np.sin(4 * np.pi * x), (1, 2))
    >>> bool(np.allclose(c, [1.0, 0.0]) and np.allclose(s, [0.0, -0.2]))
    True
    """
    y = np.moveaxis(np.asarray(y, dtype=float), int(axis), 0)
    m = y.shape[0]
    if m < 2:
        raise ValueError(f"y must have at least 2 samples along axis {axis}; got {m}")
    ks = [check_int("orders[i]", k, minimum=1) for k in np.atleast_1d(orders).tolist()]
    for k in ks:
        if 2 * k > m:
            raise ValueError(f"orders must be <= M/2 = {m / 2:g} for M = {m} samples per period; got {k}")
    phase = 2 * np.pi * np.outer(ks, np.arange(m)) / m                     # (K, M)
    w = np.where(2 * np.asarray(ks)[:, None] == m, 1.0, 2.0) / m
    c = np.tensordot(w * np.cos(phase), y, axes=(1, 0))
    s = np.tensordot(w * np.sin(phase), y, axes=(1, 0))
    return c, s
