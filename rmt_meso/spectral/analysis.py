r"""Analyse a spectrum the toolkit did not make: from eigenvalues (or a file) to a verdict.

:func:`analyse_spectrum` takes one spectrum, a batch, a list of spectra of different
lengths (disorder realisations) or a file; it validates the levels, unfolds them with an
automatic, cross-validated choice of method, selects the bulk, and computes

* the mean folded spacing ratio :math:`\langle\tilde r\rangle` (no unfolding needed),
* the nearest-neighbour spacings, :math:`\Sigma^2(L)`, :math:`\Delta_3(L)` and the
  connected form factor :math:`K(\tau)` with standard errors,
* the class likelihoods, a continuous Dyson index with its interval, Brody / Izrailev /
  Berry-Robnik fits, the number of superposed sectors, the fraction of observed levels and
  the length where :math:`\Sigma^2` departs from the RMT law,

and returns a :class:`SpectrumAnalysis` that prints a plain-words verdict
(:meth:`SpectrumAnalysis.summary`) and plots itself (:meth:`SpectrumAnalysis.plot`).

References
----------
T. Guhr, A. Mueller-Groeling and H. A. Weidenmueller, Phys. Rep. 299, 189 (1998), Sec. 2
(unfolding); J. M. G. Gomez, R. A. Molina, A. Relano and J. Retamosa, Phys. Rev. E 66,
036209 (2002) (misleading signatures of quantum chaos from poor unfolding).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Sequence
from typing import Any, cast
from dataclasses import dataclass, field

import numpy as np

from .._typing import ArrayLike, SpectraLike
from .._validate import check_array, check_bool, check_choice, check_fraction, check_int, check_real
from ..compare import Estimate
from . import inference as inf
from .correlations import CurveEstimate, form_factor, number_variance, rigidity
from .spacings import _bulk_slice
from .unfold import _quantile_knots, _lsq_cubic_spline

__all__ = ["analyse_spectrum", "SpectrumAnalysis", "UnfoldingChoice", "UnfoldingWarning",
           "load_spectrum", "choose_unfolding", "prepare_levels", "MIN_LEVELS"]

#: Minimum number of levels (all units together) each statistic needs.
MIN_LEVELS = {"ratios": 22, "unfolding": 30, "spacing fits": 40, "sigma2": 100,
              "missing levels": 150, "form factor": 200}


class UnfoldingWarning(UserWarning):
    """The unfolded spectrum does not have unit mean spacing everywhere."""


# --------------------------------------------------------------------------- input
def load_spectrum(path: str | os.PathLike, *, dataset: str | None = None,
                  column: int | None = None) -> np.ndarray:
    """Read levels from a ``.npy``, ``.npz``, ``.txt``/``.dat``/``.csv`` or ``.h5``/``.hdf5`` file.

    Parameters
    ----------
    path : str or os.PathLike
    dataset : str, optional
        Array name inside an ``.npz`` or HDF5 file (required for those).
    column : int, optional
        Column of a 2-D text table holding the levels (default: the table must have one
        column, or each row is one spectrum).

    Returns
    -------
    ndarray
        1-D (one spectrum) or 2-D (one spectrum per row).

    Raises
    ------
    FileNotFoundError, ValueError, ImportError (HDF5 without h5py)
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name; got {type(path).__name__}")
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"levels file {path!r} does not exist")
    ext = os.path.splitext(path)[1].lower()
    if ext == ".npy":
        arr = np.load(path, allow_pickle=False)
    elif ext == ".npz":
        with np.load(path, allow_pickle=False) as z:
            if dataset is None:
                raise ValueError(f"dataset must name one of the arrays of {path!r}: {sorted(z.files)}")
            if dataset not in z.files:
                raise ValueError(f"dataset {dataset!r} is not in {path!r}; it holds {sorted(z.files)}")
            arr = z[dataset]
    elif ext in (".h5", ".hdf5"):
        try:
            import h5py
        except ImportError as exc:  # optional dependency
            raise ImportError("reading HDF5 files needs h5py (pip install h5py); or save the levels "
                              "with np.save") from exc
        with h5py.File(path, "r") as f:
            if dataset is None or dataset not in f:
                names = []
                f.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
                raise ValueError(f"dataset must name one of the datasets of {path!r}: {names}; got {dataset!r}")
            arr = f[dataset][()]
    elif ext in (".txt", ".dat", ".csv", ""):
        delimiter = "," if ext == ".csv" else None
        arr = np.loadtxt(path, delimiter=delimiter, ndmin=1, comments="#")
    else:
        raise ValueError(f"path must end in .npy, .npz, .txt, .dat, .csv, .h5 or .hdf5; got {path!r}")
    if column is not None:
        column = check_int("column", column, minimum=0)
        if np.ndim(arr) != 2 or column >= arr.shape[1]:
            raise ValueError(f"column={column} needs a 2-D table with more than {column} columns; got "
                             f"shape {np.shape(arr)}")
        arr = arr[:, column]
    return arr


def _as_real_levels(name: str, v) -> np.ndarray:
    arr = np.asarray(v)
    if arr.dtype == object:
        raise TypeError(f"{name} must be a numeric array of levels; got an object array "
                        f"(ragged lists go in as a list of 1-D arrays)")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real levels; got complex values (dtype {arr.dtype}). For a "
                        f"Hermitian matrix take np.linalg.eigvalsh (real); for a unitary (Floquet) "
                        f"operator pass its eigenphases np.angle(eigenvalues) with kind='phases'")
    if not np.issubdtype(arr.dtype, np.number) or arr.dtype == bool:
        raise TypeError(f"{name} must be a numeric array of levels; got dtype {arr.dtype}")
    arr = arr.astype(float)
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = np.flatnonzero(bad.ravel())[:5].tolist()
        raise ValueError(f"{name} contains {int(bad.sum())} non-finite value(s) (NaN or inf), e.g. at flat "
                         f"index {idx}; remove them (levels[np.isfinite(levels)]) or fix the diagonaliser")
    return arr


def prepare_levels(levels: SpectraLike, *, kind: str = "energies",
                   degeneracy: str = "raise", tol: float = 0.0,
                   name: str = "levels") -> tuple[list[np.ndarray], dict[int, int]]:
    """Validate and sort the spectra; handle degeneracies.

    Parameters
    ----------
    levels : array_like, sequence of 1-D array_like
        One spectrum (1-D), a batch (2-D, one spectrum per row) or a list of spectra.
    kind : {"energies", "phases"}
        ``"phases"``: eigenphases of a unitary operator, reduced to [-pi, pi).
    degeneracy : {"raise", "resolve"}
        Levels closer than ``tol`` (relative to the spectrum's mean spacing; 0 means exactly
        equal) raise a ``ValueError`` that counts them, or are merged into one level
        ("resolve", e.g. Kramers pairs), their multiplicities reported.
    tol : float >= 0

    Returns
    -------
    spectra : list of 1-D ndarray
        Sorted, finite, non-degenerate.
    multiplicity : dict
        ``{multiplicity: count}`` of the merged groups (empty when nothing was merged).
    """
    kind = check_choice("kind", kind, ("energies", "phases"))
    degeneracy = check_choice("degeneracy", degeneracy, ("raise", "resolve"))
    tol = check_real("tol", tol, minimum=0.0)
    if isinstance(levels, (list, tuple)) and levels and np.ndim(levels[0]) >= 1:
        raw = [_as_real_levels(f"{name}[{i}]", v) for i, v in enumerate(levels)]
        for i, v in enumerate(raw):
            if v.ndim != 1:
                raise ValueError(f"{name}[{i}] must be a 1-D spectrum; got shape {v.shape}")
    else:
        arr = _as_real_levels(name, levels)
        if arr.ndim == 1:
            raw = [arr]
        elif arr.ndim == 2:
            raw = list(arr)
        else:
            raise ValueError(f"{name} must be 1-D (one spectrum) or 2-D (one spectrum per row); got shape {arr.shape}")
    out: list[np.ndarray] = []
    mult: dict[int, int] = {}
    for i, v in enumerate(raw):
        label = name if len(raw) == 1 else f"{name}[{i}]"
        if v.size < 3:
            raise ValueError(f"{label} holds {v.size} level(s); a spectrum needs at least 3 levels "
                             f"(ratios), {MIN_LEVELS['unfolding']} for unfolding")
        if kind == "phases":
            v = np.mod(v + np.pi, 2 * np.pi) - np.pi
        v = np.sort(v)
        d = np.diff(v)
        scale = (v[-1] - v[0]) / (v.size - 1)
        same = d <= tol * scale
        if same.any():
            if degeneracy == "raise":
                raise ValueError(
                    f"{label} contains {int(same.sum())} degenerate spacing(s) (levels equal within tol={tol} "
                    f"mean spacings), e.g. at E = {v[np.flatnonzero(same)[0]]!r}. Degeneracies signal an "
                    f"unresolved symmetry (Kramers pairs: GSE; a symmetry sector counted twice); resolve it, "
                    f"or pass degeneracy='resolve' to keep one level per degenerate group")
            starts = np.concatenate([[True], ~same])
            group = np.cumsum(starts) - 1
            counts = np.bincount(group)
            for c, k in zip(*np.unique(counts[counts > 1], return_counts=True)):
                mult[int(c)] = mult.get(int(c), 0) + int(k)
            v = v[starts]
        out.append(v)
    return out, mult


# --------------------------------------------------------------------------- unfolding
@dataclass(frozen=True)
class UnfoldingChoice:
    """How the spectra were unfolded.

    Attributes
    ----------
    method : str
        ``"polynomial"``, ``"spline"``, ``"staircase"`` (user's counting function) or
        ``"uniform"`` (eigenphases).
    parameter : int or None
        Polynomial degree or number of interior spline knots.
    cv_error : dict
        Cross-validated mean squared staircase error per candidate ``(method, parameter)``.
    """

    method: str
    parameter: int | None
    cv_error: dict = field(default_factory=dict)

    def __str__(self):
        p = "" if self.parameter is None else (f" degree {self.parameter}" if self.method == "polynomial"
                                               else f" {self.parameter} knots")
        return f"{self.method}{p}"


def _fit_counting(e: np.ndarray, y: np.ndarray, method: str, p: int):
    if method == "polynomial":
        return np.polynomial.Chebyshev.fit(e, y, p)
    return _lsq_cubic_spline(e, y, _quantile_knots(e, p))[1]


def _n_params(c) -> int:
    return c[1] + 1 if c[0] == "polynomial" else c[1] + 4


def _candidates(n: int):
    """Polynomial degrees and spline knots leaving at least 50 levels per fitted parameter."""
    cands = [("polynomial", d) for d in (1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 15)]
    cands += [("spline", k) for k in (1, 2, 3, 4, 6, 8, 12, 16, 24, 32)]
    return [c for c in cands if _n_params(c) * 50 <= n] or [("polynomial", 1)]


def choose_unfolding(spectra: Sequence[np.ndarray], *, folds: int = 5, max_points: int = 20000) -> UnfoldingChoice:
    r"""Choose a polynomial degree or a number of spline knots by cross-validation of the staircase.

    The staircase points :math:`(E_i, i + 1/2)` of each spectrum are cut into contiguous runs
    of about ``n/50`` levels, dealt round-robin into ``folds`` folds; each candidate is fitted
    without one fold and scored by the mean squared error on the held-out runs.  Candidates
    keep at least 50 levels per fitted parameter, and the *simplest* candidate whose error
    lies within one standard error (over folds and spectra) of the smallest wins (the
    one-standard-error rule of Hastie, Tibshirani & Friedman, *Elements of Statistical
    Learning*, Sec. 7.10): a flexible fit follows the level fluctuations and depresses
    Sigma^2 and Delta_3 at large L.  Up to five spectra are used; long spectra are thinned to
    ``max_points`` staircase points for the choice (the final fit uses all).

    Parameters
    ----------
    spectra : list of 1-D ndarray
        Sorted levels.
    folds : int
    max_points : int

    Returns
    -------
    UnfoldingChoice
    """
    folds = check_int("folds", folds, minimum=2)
    sample = spectra[:5]
    n_min = min(v.size for v in sample)
    if n_min < MIN_LEVELS["unfolding"]:
        raise ValueError(f"unfolding needs at least {MIN_LEVELS['unfolding']} levels per spectrum; the "
                         f"shortest has {n_min}")
    cands = _candidates(n_min)
    scores: dict[tuple[str, int], list[float]] = {c: [] for c in cands}
    for v in sample:
        y = np.arange(v.size) + 0.5
        step = max(1, v.size // max_points)
        e, yy = v[::step], y[::step]
        run = max(3, e.size // 50)
        fold = (np.arange(e.size) // run) % folds
        for c in cands:
            for f in range(folds):
                test = fold == f
                try:
                    fit = _fit_counting(e[~test], yy[~test], *c)
                    scores[c].append(float(np.mean((fit(e[test]) - yy[test]) ** 2)))
                except (ValueError, np.linalg.LinAlgError):
                    scores[c].append(np.inf)
    mean = {c: float(np.mean(v)) for c, v in scores.items()}
    best = min(mean, key=lambda c: mean[c])
    se = float(np.std(scores[best], ddof=1) / np.sqrt(len(scores[best])))
    ok = [c for c in cands if mean[c] <= mean[best] + se]
    choice = min(ok, key=lambda c: (_n_params(c), mean[c]))
    return UnfoldingChoice(choice[0], choice[1], {f"{m} {p}": v for (m, p), v in mean.items()})


# --------------------------------------------------------------------------- result
@dataclass
class SpectrumAnalysis:
    """Everything :func:`analyse_spectrum` measured (see its docstring).

    Attributes
    ----------
    n_spectra, n_levels : int
        Number of spectra and of levels kept for the statistics (all spectra).
    kind : str
    unfolding : UnfoldingChoice
    multiplicity : dict
        Degenerate groups merged (``{multiplicity: count}``).
    levels : list of ndarray
        The selected (bulk) raw levels of each spectrum.
    unfolded : list of ndarray
        Their unfolded values (unit mean spacing).
    staircase : tuple
        ``(E, N(E), N_fit(E))`` of the first spectrum (all of its levels).
    window_spacing : Estimate list
        Mean unfolded spacing in 10 consecutive windows of the bulk (should be 1).
    rtilde : Estimate
        Mean folded ratio.
    spacings : list of ndarray
        Unfolded nearest-neighbour spacings per unit.
    sigma2, delta3 : CurveEstimate
    form_factor : CurveEstimate or None
    beta : inference.BetaFit
    classes : inference.ClassLikelihoods
    laws : dict of inference.SpacingLawFit
    sectors : inference.SectorEstimate
    missing : inference.MissingLevels or None
    departure : inference.Departure or None
    warnings : list of str
    """

    n_spectra: int
    n_levels: int
    kind: str
    unfolding: UnfoldingChoice
    multiplicity: dict
    levels: list
    unfolded: list
    staircase: tuple
    window_spacing: list
    rtilde: Estimate
    spacings: list
    sigma2: CurveEstimate | None
    delta3: CurveEstimate | None
    form_factor: CurveEstimate | None
    beta: inf.BetaFit
    classes: inf.ClassLikelihoods
    laws: dict
    sectors: inf.SectorEstimate | None
    missing: inf.MissingLevels | None
    departure: inf.Departure | None
    warnings: list

    @property
    def verdict(self) -> str:
        """A plain-words conclusion (one paragraph)."""
        b = self.beta.beta
        names = inf.CLASS_NAMES
        best = self.classes.best
        excluded = self.classes.excluded()
        covers = [c for c in names if b.covers(c)]
        out = []
        if best in covers:
            kind = {0: "uncorrelated (Poisson) levels: integrable, localized or a superposition of very "
                       "many independent sectors",
                    1: "GOE: chaotic with time-reversal symmetry",
                    2: "GUE: chaotic without time-reversal symmetry",
                    4: "GSE: chaotic with time-reversal symmetry and half-integer spin (Kramers pairs)"}[best]
            out.append(f"The spectrum is consistent with {names[best]} statistics ({kind}); "
                       f"beta = {b:.3g}.")
        else:
            out.append(f"The statistics are intermediate between the classes: beta = {b:.3g}, "
                       f"closest to {names[self.beta.nearest_class()]}; the likelihood prefers "
                       f"{names[best]}.")
        if excluded:
            out.append("Excluded at more than 4 sigma: " + ", ".join(names[c] for c in excluded) + ".")
        if best not in covers or best == 0:
            laws = "; ".join(f"{f.law.replace('_', '-')} {f.parameter} = {f.estimate:.3g}" for f in self.laws.values())
            if laws:
                out.append(f"Interpolating fits: {laws}.")
        s = self.sectors
        if s is not None and 1 not in s.compatible and s.compatible:
            ms = ", ".join(str(m) for m in s.compatible)
            if b.covers(0.0):
                out.append(f"(Superpositions of m >= {min(s.compatible)} independent {names[s.beta]} "
                           f"sectors would look the same.)")
            else:
                out.append(f"<r~> = {self.rtilde:.4g} is what m = {ms} independent {names[s.beta]} sectors "
                           f"superposed give: look for an unresolved symmetry.")
        m = self.missing
        if m is not None and m.observed.hi < 0.999:
            out.append(f"Delta_3 suggests that only a fraction {m.observed:.3g} of the levels was observed.")
        d = self.departure
        if d is not None and d.L_departure is not None:
            out.append(f"Sigma^2 departs from the {names[d.beta]} law beyond L = {d.L_departure:.3g} mean "
                       f"spacings (non-universal scale, e.g. the shortest periodic orbit, or unfolding).")
        for w in self.warnings:
            out.append("Warning: " + w)
        return " ".join(out)

    def summary(self) -> str:
        """A multi-line text report: sizes, unfolding, statistics, fits and the verdict."""
        lines = [f"{self.n_spectra} spectrum(s), {self.n_levels} levels analysed ({self.kind}); "
                 f"unfolding: {self.unfolding}"]
        if self.multiplicity:
            lines.append(f"degenerate groups merged: {self.multiplicity}")
        lines.append(f"<r~> = {self.rtilde:.4g}   (Poisson 0.3863, GOE 0.5307, GUE 0.5996, GSE 0.6744)")
        lines.append(f"beta = {self.beta.beta:.3g}; surmise MLE {self.beta.beta_surmise:.3g}")
        ll = ", ".join(f"{inf.CLASS_NAMES[c]} {v:.1f}" for c, v in self.classes.loglike.items())
        lines.append(f"log-likelihoods ({' + '.join(self.classes.sources)}): {ll}")
        zs = ", ".join(f"{inf.CLASS_NAMES[c]} {z:.1f}" for c, z in self.classes.zscore.items() if c != self.classes.best)
        lines.append(f"best {inf.CLASS_NAMES[self.classes.best]}; Vuong z against: {zs}")
        for f in self.laws.values():
            lines.append(f"{f.law}: {f.parameter} = {f.estimate:.3g}, AIC {f.aic:.1f}")
        if self.sectors is not None:
            lines.append(f"sectors ({inf.CLASS_NAMES[self.sectors.beta]}): m = {self.sectors.m}, "
                         f"compatible {list(self.sectors.compatible)}")
        if self.missing is not None:
            lines.append(f"observed fraction (Delta_3): {self.missing.observed:.3g}")
        if self.departure is not None:
            lines.append(f"Sigma^2 departure: L = {self.departure.L_departure}")
        lines.append("verdict: " + self.verdict)
        return "\n".join(lines)

    def __str__(self):
        return self.summary()

    def plot(self, **kwargs: Any) -> tuple[Any, Any]:
        """Diagnostic figure (staircase, residuals, window spacing, P(r~), P(s), Sigma^2, Delta_3, K).

        Returns the matplotlib figure and axes (see :func:`rmt_meso.plot.analysis.plot_spectrum_analysis`).
        """
        from ..plot.analysis import plot_spectrum_analysis
        return plot_spectrum_analysis(self, **kwargs)


# --------------------------------------------------------------------------- entry point
def _unfold_one(v, choice: UnfoldingChoice, staircase):
    y = np.arange(v.size) + 0.5
    if choice.method == "uniform":
        return v * (v.size / (2 * np.pi)), y
    if choice.method == "staircase":
        x = np.asarray(staircase(v), dtype=float)
        if x.shape != v.shape or not np.all(np.isfinite(x)):
            raise ValueError("staircase(levels) must return finite values of the same shape as its argument")
        return x, y
    # polynomial and spline choices always carry their degree / knot count
    return _fit_counting(v, y, choice.method, cast(int, choice.parameter))(v), y


def _common_batch(units: list[np.ndarray]) -> np.ndarray:
    n = min(u.size for u in units)
    rows = []
    for u in units:
        c = (u.size - n) // 2
        rows.append(u[c:c + n] - u[c])
    return np.array(rows)


def analyse_spectrum(levels: SpectraLike | str | os.PathLike, *,
                     dataset: str | None = None, kind: str = "energies",
                     unfolding: str = "auto", degree: int | None = None, knots: int | None = None,
                     staircase: Callable[[np.ndarray], ArrayLike] | None = None, bulk: float = 0.8,
                     window: tuple[float, float] | None = None, degeneracy: str = "raise",
                     tol: float = 0.0, level: float = 0.95, sector_beta: int | None = None,
                     L: ArrayLike | None = None, tau: ArrayLike | None = None, blocks: int = 20, missing: bool = True) -> SpectrumAnalysis:
    r"""Analyse a user's spectrum: unfold, measure, infer the symmetry class, give a verdict.

    Parameters
    ----------
    levels : array_like, sequence of 1-D array_like, or path
        One spectrum (1-D), a batch (2-D, one spectrum per row), a list of spectra of
        different lengths (e.g. disorder realisations), or a file name (see
        :func:`load_spectrum`; ``dataset`` names the array in .npz/.h5 files).
    kind : {"energies", "phases"}
        ``"phases"``: eigenphases of a unitary (Floquet) operator, unfolded uniformly
        (density n/2pi) and used in full.
    unfolding : {"auto", "polynomial", "spline", "staircase"}
        ``"auto"``: polynomial or spline chosen by cross-validation (:func:`choose_unfolding`);
        ``"polynomial"``/``"spline"`` with ``degree``/``knots`` (cross-validated if omitted);
        ``"staircase"``: the user's mean counting function ``staircase(E)`` (known density).
    bulk : float in (0, 1]
        Central fraction of the levels (by index) kept after unfolding.
    window : (float, float), optional
        Energy window ``(E_min, E_max)`` of the levels kept instead of ``bulk``.
    degeneracy : {"raise", "resolve"}, tol : float
        See :func:`prepare_levels`.
    level : float
        Confidence level of all intervals (default 0.95).
    sector_beta : {1, 2}, optional
        Class of the sectors for the superposition estimate; default GUE when the best
        class is GUE, else GOE.
    L : 1-D array_like, optional
        Lengths for Sigma^2 and Delta_3 (mean spacings); default up to a tenth of the
        shortest unfolded unit (at most 30).
    tau : 1-D array_like, optional
        Times for K(tau) (Heisenberg times); default 0.05 .. 2.
    blocks : int
        A single spectrum is cut into this many blocks for standard errors.
    missing : bool
        Estimate the fraction of observed levels (costs a jackknife of Delta_3).

    Returns
    -------
    SpectrumAnalysis

    Raises
    ------
    TypeError
        Complex or non-numeric levels (pass eigenphases for unitary operators).
    ValueError
        NaN/inf, degenerate levels (with ``degeneracy="raise"``), too few levels for the
        statistics (the message says how many are needed), bad options.

    Warns
    -----
    UnfoldingWarning
        When the mean unfolded spacing differs from 1 in some window of the bulk by more
        than 4 standard errors and 5 %.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import GOE
    >>> res = analyse_spectrum(GOE(300).eigvals(size=20, rng=2))
    >>> res.classes.best, bool(abs(res.beta.beta.value - 1) < 4 * res.beta.beta.stderr)
    (1, True)
    """
    if isinstance(levels, (str, os.PathLike)):
        levels = load_spectrum(levels, dataset=dataset)
    elif dataset is not None:
        raise ValueError("dataset applies only when levels is a file name")
    kind = check_choice("kind", kind, ("energies", "phases"))
    unfolding = check_choice("unfolding", unfolding, ("auto", "polynomial", "spline", "staircase"))
    bulk = check_fraction("bulk", bulk)
    level = check_real("level", level, minimum=0.0, maximum=1.0, min_inclusive=False, max_inclusive=False)
    blocks = check_int("blocks", blocks, minimum=2)
    missing = check_bool("missing", missing)
    spectra, mult = prepare_levels(levels, kind=kind, degeneracy=degeneracy, tol=tol)
    total = sum(v.size for v in spectra)
    if total < MIN_LEVELS["sigma2"]:
        raise ValueError(f"levels hold {total} levels in all; the analysis needs at least "
                         f"{MIN_LEVELS['sigma2']} (ratios alone: {MIN_LEVELS['ratios']}, use "
                         f"rmt_meso.spectral.inference.fit_beta)")
    # -- unfolding
    if kind == "phases":
        if unfolding not in ("auto", "staircase"):
            raise ValueError(f"kind='phases' is unfolded uniformly; got unfolding={unfolding!r}")
        choice = UnfoldingChoice("uniform", None) if unfolding == "auto" else UnfoldingChoice("staircase", None)
    elif unfolding == "staircase":
        if not callable(staircase):
            raise TypeError("unfolding='staircase' needs staircase=callable, the mean counting function N(E)")
        choice = UnfoldingChoice("staircase", None)
    else:
        if staircase is not None:
            raise ValueError("staircase is used only with unfolding='staircase'")
        fixed = None
        if unfolding == "polynomial" and degree is not None:
            fixed = UnfoldingChoice("polynomial", check_int("degree", degree, minimum=1))
        if unfolding == "spline" and knots is not None:
            fixed = UnfoldingChoice("spline", check_int("knots", knots, minimum=1))
        if fixed is None:
            choice = choose_unfolding(spectra)
            if unfolding != "auto" and choice.method != unfolding:
                cands = {k: v for k, v in choice.cv_error.items() if k.startswith(unfolding)}
                name = min(cands, key=lambda c: cands[c])
                choice = UnfoldingChoice(unfolding, int(name.split()[1]), choice.cv_error)
        else:
            choice = fixed
    sel_raw: list[np.ndarray] = []
    sel_unf: list[np.ndarray] = []
    stair: tuple = ()                      # the first spectrum's staircase (E, N, N_fit)
    for i, v in enumerate(spectra):
        x, y = _unfold_one(v, choice, staircase)
        if not stair:
            stair = (v.copy(), y, x.copy())
        if window is not None and kind == "energies":
            w = check_array("window", window, shape=(2,))
            keep = (v >= w[0]) & (v <= w[1])
        elif kind == "phases":
            keep = np.ones(v.size, bool)
        else:
            keep = np.zeros(v.size, bool)
            keep[_bulk_slice(v.size, bulk)] = True
        if keep.sum() < 3:
            raise ValueError(f"the bulk selection keeps {int(keep.sum())} levels of spectrum {i}; widen "
                             f"window/bulk")
        sel_raw.append(v[keep])
        sel_unf.append(x[keep])
    n_kept = sum(v.size for v in sel_raw)
    if n_kept < MIN_LEVELS["sigma2"]:
        raise ValueError(f"the bulk selection keeps {n_kept} levels; the analysis needs at least "
                         f"{MIN_LEVELS['sigma2']}: widen bulk/window or pass more spectra")
    # -- diagnostics: mean unfolded spacing in 10 windows (all units pooled by relative position)
    warns = []
    win = []
    sp_all = [np.diff(u) for u in sel_unf]
    for j in range(10):
        parts = [s[int(j * s.size / 10):int((j + 1) * s.size / 10)] for s in sp_all]
        vals = np.concatenate(parts)
        means = np.array([p.mean() for p in parts if p.size]) if len(parts) > 1 else \
            np.array([c.mean() for c in np.array_split(vals, min(10, max(2, vals.size // 5)))])
        win.append(Estimate(float(vals.mean()), float(means.std(ddof=1) / np.sqrt(means.size)), int(means.size)))
    bad = [j for j, e in enumerate(win) if abs(e.value - 1) > max(4 * e.stderr, 0.05)]
    if bad:
        msg = (f"the mean unfolded spacing differs from 1 in bulk window(s) {bad} "
               f"(values {[round(win[j].value, 3) for j in bad]}); the unfolding ({choice}) does not follow "
               f"the density there: try another method, a smaller bulk, or a known staircase")
        warns.append(msg)
        warnings.warn(msg, UnfoldingWarning, stacklevel=2)
    # -- units: spectra of a batch, or blocks of one spectrum
    single = len(sel_raw) == 1
    r_units = inf.ratio_units(sel_raw[0] if single else sel_raw, blocks=blocks)
    rt = inf._ratio_mean(r_units)
    if single:
        s_units = np.array_split(sp_all[0], len(r_units))
    else:
        s_units = sp_all
    beta_fit = inf.fit_beta(sel_raw[0] if single else sel_raw, level=level, blocks=blocks)
    classes = inf.class_likelihoods(sel_raw[0] if single else sel_raw, spacings=s_units, blocks=blocks)
    laws = {}
    if sum(s.size for s in s_units) >= MIN_LEVELS["spacing fits"]:
        for law in inf.SPACING_LAWS:
            laws[law] = inf.fit_spacing_law(list(s_units), law, level=level)
    sb = sector_beta if sector_beta is not None else (2 if classes.best == 2 else 1)
    sectors = inf.estimate_sectors(sel_raw[0] if single else sel_raw, beta=sb, level=level, blocks=blocks)
    # -- long-range statistics on a rectangular batch (or one spectrum)
    ux = sel_unf[0] - sel_unf[0][0] if single else _common_batch(sel_unf)
    span = float(np.min(ux[..., -1] - ux[..., 0]))
    if L is None:
        # Sigma^2 and Delta_3 only up to a scale the unfolding fit cannot follow: a fifth of
        # the levels per fitted parameter (Gomez et al. 2002)
        per = min(v.size for v in spectra) / (_n_params((choice.method, choice.parameter))
                                               if choice.method in ("polynomial", "spline") else 1.0)
        lmax = min(30.0, span / (20.0 if single else 10.0), per / 5.0)
        L = np.geomspace(0.5, max(lmax, 1.0), 16) if lmax > 1.0 else None
    sigma2 = delta3 = None
    if L is not None:
        L = check_array("L", L, ndim=1, min_size=1)
        try:
            sigma2 = number_variance(ux, L, blocks=min(blocks, 10))
            delta3 = rigidity(ux, L, blocks=min(blocks, 10))
        except ValueError as exc:
            warns.append(f"Sigma^2 / Delta_3 skipped: {exc}")
    kff = None
    if tau is None:
        tau = np.linspace(0.05, 2.0, 40 * 8)
    tau = check_array("tau", tau, ndim=1, min_size=1)
    fb = ux if not single else None
    if single and ux.size >= MIN_LEVELS["form factor"]:
        seg = max(100, ux.size // 20)
        k = ux.size // seg
        fb = np.array([ux[i * seg:(i + 1) * seg] - ux[i * seg] for i in range(k)]) if k >= 2 else None
    if fb is not None and fb.shape[0] >= 2 and fb.shape[1] >= 10:
        groups = 40 if tau.size % 40 == 0 else None
        kff = form_factor(fb, tau, groups=groups)
    best = classes.best
    miss = dep = None
    ref = best if best in (1, 2, 4) else beta_fit.nearest_class()
    if ref in (1, 2, 4) and missing and n_kept >= MIN_LEVELS["missing levels"]:
        try:
            miss = inf.estimate_missing_fraction(sel_unf[0] - sel_unf[0][0] if single else sel_unf, ref,
                                                 level=level)
        except ValueError as exc:
            warns.append(f"missing-level estimate skipped: {exc}")
    if sigma2 is not None:
        dep = inf.sigma2_departure(ux, best, L=sigma2.x)
    return SpectrumAnalysis(len(spectra), n_kept, kind, choice, mult, sel_raw, sel_unf, stair, win, rt,
                            list(s_units), sigma2, delta3, kff, beta_fit, classes, laws, sectors, miss, dep,
                            warns)
