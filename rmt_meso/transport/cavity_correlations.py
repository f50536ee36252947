"""Energy and parameter correlations of the conductance of a chaotic cavity (numerical estimators).

The conductance ``g(E, X)`` of one Mahaux–Weidenmüller cavity
(:class:`rmt_meso.transport.cavity.HamiltonianCavity`) fluctuates with the energy ``E`` and
with a parameter ``X`` of the Hamiltonian (the "magnetofingerprint").  This module samples
such fingerprints and estimates their correlation functions

.. math::  C(\\varepsilon) = \\langle \\delta g(E)\\, \\delta g(E + \\varepsilon)\\rangle, \\qquad
           C(\\delta X) = \\langle \\delta g(X)\\, \\delta g(X + \\delta X)\\rangle,

with standard errors from the independent realisations, and their widths by a least-squares
fit with jackknife errors.  Compare with :func:`rmt_meso.theory.cavity.conductance_correlation`
(a Lorentzian of width ``NΔ/2π`` in energy, a squared Lorentzian in the Pandey–Mehta
rotation angle).

Conventions
-----------
Energies in units of the mean level spacing Δ at the band centre; ``X`` is the angle of
``H(X) = H1 cos X + H2 sin X`` (``HamiltonianCavity.sample_parametric(kind="rotation")``).
``δg = g − ⟨g⟩`` with ``⟨g⟩`` the mean over all realisations and grid points (the mean
conductance does not depend on E near the band centre); this costs a relative bias of
order 1/(number of realisations × independent grid points) in C, negligible here.

References
----------
R. A. Jalabert, H. U. Baranger and A. D. Stone, Phys. Rev. Lett. 65, 2442 (1990).
K. B. Efetov, Phys. Rev. Lett. 74, 2299 (1995).
C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. V.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.optimize import curve_fit

from .._blas import single_threaded_blas
from .._deprecation import deprecated_attribute
from .._log import progress_bar
from .._random import as_generator, drop_sample_axis, keyword_rng
from .._typing import ArrayLike, RngLike, SizeLike
from .._validate import ConvergenceError, check_array, check_choice, check_int, check_real, check_size
from .cavity import HamiltonianCavity, _lead_indices, cayley_smatrix, k_matrix

__all__ = ["CorrelationCurve", "WidthEstimate", "conductance_fingerprints", "energy_autocorrelation",
           "parametric_autocorrelation", "fit_correlation_width"]


@dataclass(frozen=True)
class CorrelationCurve:
    """A correlation function with standard errors from independent realisations.

    Attributes
    ----------
    lag : ndarray, shape (L,)
        Energy lag ε (units of Δ) or parameter lag δX.
    value, stderr : ndarray, shape (L,)
        ``C(lag)`` and its standard error.
    per_sample : ndarray, shape (size, L)
        The estimate from each realisation (``value`` is their mean); used for jackknife errors.
    mean : float
        ``⟨g⟩`` subtracted before correlating.
    kind : {"energy", "parameter"}
    """

    lag: np.ndarray
    value: np.ndarray
    stderr: np.ndarray
    per_sample: np.ndarray
    mean: float
    kind: str

    @property
    def n_samples(self) -> int:
        return int(self.per_sample.shape[0])


@dataclass(frozen=True)
class WidthEstimate:
    """Fitted correlation width and amplitude with jackknife standard errors."""

    width: float
    width_stderr: float
    amplitude: float
    amplitude_stderr: float
    model: str
    n_groups: int

    width_err = deprecated_attribute("width_stderr", "width_err")
    amplitude_err = deprecated_attribute("amplitude_stderr", "amplitude_err")


@keyword_rng
def conductance_fingerprints(cavity: HamiltonianCavity, size: SizeLike = None, *, rng: RngLike = None,
                             energy: ArrayLike = (0.0,), x: ArrayLike = (0.0,), progress: bool = False) -> np.ndarray:
    """Conductance g(X, E) of ``size`` independent cavities on a grid, shape (size, len(x), len(energy)).

    Parameters
    ----------
    cavity : HamiltonianCavity
        The model (ideal or tunnel coupling, β = 1, 2, 4).
    size : int, optional
        Number of independent realisations (H1, H2 pairs); ``None``: one, without the
        sample axis.
    rng : None, int, SeedSequence or Generator, keyword-only
    energy : 1-D array_like
        Energies in units of Δ.
    x : 1-D array_like
        Rotation angles X of ``H(X) = H1 cos X + H2 sin X``.
    progress : bool, default False
        Progress bar over the X values (each: ``size`` diagonalisations; terminal or
        notebook, silent and warning-free when off, :func:`rmt_meso._log.progress_bar`).

    Returns
    -------
    ndarray
        ``g = Σ_{a∈2, b∈1} |S_ab|²`` (Kramers pairs once for β = 4).

    Notes
    -----
    H1 and H2 are drawn exactly as by ``HamiltonianCavity.sample_parametric`` (same rng,
    same matrices); S(E) is evaluated from the K-matrix in the eigenbasis of H(X) with the
    Cayley transform done through the eigenvalues of K, which keeps S unitary to ~1e-14
    when a grid energy falls next to a level (``max|S†S − 1| <= 1e-10`` is checked).

    Examples
    --------
    >>> cav = HamiltonianCavity(40, 2, 2, beta=2)
    >>> g = conductance_fingerprints(cav, 3, rng=0, energy=[-1.0, 0.0, 1.0])
    >>> bool(g.shape == (3, 1, 3) and np.all((g >= 0) & (g <= 2)))
    True
    """
    if not isinstance(cavity, HamiltonianCavity):
        raise TypeError(f"cavity must be a HamiltonianCavity; got {type(cavity).__name__}")
    size_ = check_size(size)
    size = 1 if size_ is None else size_
    xs = check_array("x", x, ndim=1, min_size=1)
    es = check_array("energy", energy, ndim=1, min_size=1)
    gen = as_generator(rng)
    i1, i2 = _lead_indices(cavity.n1, cavity.n2, cavity.beta)
    w = cavity.coupling_matrix
    g = np.empty((size, xs.size, es.size))
    with single_threaded_blas(), \
            progress_bar(xs.size, enabled=bool(progress), desc="X values", unit="X") as bar:
        # same draws as HamiltonianCavity.sample_parametric(kind="rotation")
        h1 = cavity.hamiltonians(size, rng=gen)
        h2 = cavity.hamiltonians(size, rng=gen)
        for j, xv in enumerate(xs):
            lam, vec = np.linalg.eigh(h1 * np.cos(xv) + h2 * np.sin(xv))
            s = cayley_smatrix(k_matrix(lam, vec, w, es * cavity.spacing))
            t = s[..., i2[:, None], i1[None, :]]
            g[:, j] = np.sum(np.abs(t) ** 2, axis=(-2, -1))
            bar.update(1)
    return drop_sample_axis(0.5 * g if cavity.beta == 4 else g, size_)


def _curve(per_sample, lag, mean, kind):
    n = per_sample.shape[0]
    if n < 2:
        raise ValueError("at least 2 realisations are needed for a standard error")
    return CorrelationCurve(np.asarray(lag, float), per_sample.mean(axis=0),
                            per_sample.std(axis=0, ddof=1) / np.sqrt(n), per_sample, float(mean), kind)


def energy_autocorrelation(g: ArrayLike, step: float, max_lag: int) -> CorrelationCurve:
    """``C(ε) = ⟨δg(E) δg(E + ε)⟩`` from fingerprints on a uniform energy grid.

    Parameters
    ----------
    g : array_like, shape (size, n_energies)
        Conductance of each realisation on the grid ``E_k = E_0 + k·step``.
    step : float
        Grid step in units of Δ (> 0).
    max_lag : int
        Largest lag in grid steps (``< n_energies``).

    Returns
    -------
    CorrelationCurve
        ``lag = k·step``, ``k = 0..max_lag``; per realisation the average of
        ``δg(E_j) δg(E_{j+k})`` over all pairs on the grid.

    Raises
    ------
    ValueError
        Bad shapes, fewer than 2 realisations, ``max_lag`` out of range.
    """
    g = check_array("g", g, ndim=2, finite=True)
    step = check_real("step", step, minimum=0.0, min_inclusive=False)
    max_lag = check_int("max_lag", max_lag, minimum=0, maximum=g.shape[1] - 1)
    mean = g.mean()
    d = g - mean
    m = g.shape[1]
    per = np.stack([np.mean(d[:, : m - k] * d[:, k:], axis=1) for k in range(max_lag + 1)], axis=1)
    return _curve(per, step * np.arange(max_lag + 1), mean, "energy")


def parametric_autocorrelation(g: ArrayLike, x: ArrayLike) -> CorrelationCurve:
    """``C(δX) = ⟨δg(X_0) δg(X_0 + δX)⟩`` from fingerprints g(X, E).

    Parameters
    ----------
    g : array_like, shape (size, len(x), n_energies)
        From :func:`conductance_fingerprints`; the energies serve as extra (correlated)
        samples of the same realisation.
    x : 1-D array_like
        The parameter values; lags are ``x − x[0]``.

    Returns
    -------
    CorrelationCurve
    """
    g = check_array("g", g, ndim=3, finite=True)
    xs = check_array("x", x, ndim=1, shape=(g.shape[1],))
    mean = g.mean()
    d = g - mean
    per = np.mean(d[:, :1, :] * d, axis=2)
    return _curve(per, xs - xs[0], mean, "parameter")


def _lorentzian(e, a, w):
    return a / (1.0 + (e / w) ** 2)


def _lorentzian2(e, a, w):
    return a / (1.0 + (e / w) ** 2) ** 2


_MODELS = {"lorentzian": _lorentzian, "lorentzian2": _lorentzian2}


def _fit(lag, value, err, model, p0):
    sigma = np.where(err > 0, err, np.max(err) if np.max(err) > 0 else 1.0)
    try:
        p, _ = curve_fit(_MODELS[model], lag, value, p0=p0, sigma=sigma, absolute_sigma=True, maxfev=4000)
    except RuntimeError as exc:  # pragma: no cover - scipy's non-convergence
        raise ConvergenceError(f"correlation fit did not converge: {exc}") from exc
    return p[0], abs(p[1])


def fit_correlation_width(curve: CorrelationCurve, model: str = "lorentzian", *, n_groups: int = 20,
                          transform: Callable[[np.ndarray], ArrayLike] | None = None) -> WidthEstimate:
    """Fit ``A/(1 + (ℓ/w)²)`` (``lorentzian``) or ``A/(1 + (ℓ/w)²)²`` (``lorentzian2``).

    Weighted least squares on the mean curve; standard errors of ``w`` and ``A`` by the
    delete-one-group jackknife over ``n_groups`` groups of realisations (valid although the
    lags are correlated).

    Parameters
    ----------
    curve : CorrelationCurve
    model : {"lorentzian", "lorentzian2"}
    n_groups : int
        Jackknife groups (2 ..= number of realisations).
    transform : callable, optional
        Applied to the lags before fitting (e.g. ``lambda dx: 2*np.sin(dx/2)``).

    Returns
    -------
    WidthEstimate
    """
    if not isinstance(curve, CorrelationCurve):
        raise TypeError(f"curve must be a CorrelationCurve; got {type(curve).__name__}")
    check_choice("model", model, tuple(_MODELS))
    n = curve.n_samples
    n_groups = check_int("n_groups", n_groups, minimum=2, maximum=n)
    lag = curve.lag if transform is None else np.asarray(transform(curve.lag), float)
    positive = lag[lag > 0]
    p0 = (float(curve.value[0]), float(np.median(positive)) if positive.size else 1.0)
    a, w = _fit(lag, curve.value, curve.stderr, model, p0)
    groups = np.array_split(np.arange(n), n_groups)
    fits = []
    for grp in groups:
        keep = np.ones(n, bool)
        keep[grp] = False
        ps = curve.per_sample[keep]
        fits.append(_fit(lag, ps.mean(0), ps.std(0, ddof=1) / np.sqrt(ps.shape[0]), model, (a, w)))
    est = np.array(fits)
    k = n_groups
    err = np.sqrt((k - 1) / k * np.sum((est - est.mean(0)) ** 2, axis=0))
    return WidthEstimate(float(w), float(err[1]), float(a), float(err[0]), model, k)
