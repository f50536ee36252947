"""The claim registry: declarative units of physics that ``rmt-meso verify`` checks.

A claim is one module in :mod:`rmt_meso.claims` that defines a function decorated with
:func:`claim`.  The function receives a :class:`Context` (preset, seed, executor) and
returns a :class:`ClaimResult`: the numerical estimate with its standard error, the
theory value, the :class:`~rmt_meso.compare.Comparison` objects that decide the verdict,
and a matplotlib figure made by :mod:`rmt_meso.plot`.

Adding a claim is adding one file; :func:`discover` imports every module of the package.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
import traceback
import zlib
from dataclasses import dataclass, field, replace
from collections.abc import Mapping, Sequence
from typing import Any, Callable, TypeVar

import numpy as np

from .._validate import check_choice, check_int
from ..compare import Comparison
from .._typing import RngLike
from ..sweeps import SweepResult, sweep

_T = TypeVar("_T")

__all__ = ["Context", "ClaimResult", "Claim", "ClaimOutcome", "WorldOutcome", "claim", "discover",
           "run_claim", "REGISTRY", "PRESETS"]

PRESETS = ("quick", "full")
REGISTRY: dict[str, "Claim"] = {}
#: Report order of the sections (the physics flows from ensembles to transport); unknown
#: sections come last, alphabetically.
SECTIONS = ("scales", "ensembles", "spectral", "anderson", "wires", "cavities", "dephasing",
            "thermodynamics", "chaos", "devices", "graphene")


@dataclass(frozen=True)
class Context:
    """Run settings handed to every claim.

    Attributes
    ----------
    preset : {"quick", "full"}
        ``quick`` is sized for the whole report to finish in a few minutes on 2 cores;
        ``full`` uses publication statistics.
    seed : int
        Root seed; each claim derives its own independent stream from (seed, name).
    executor : None, str or Executor
        Passed to :func:`rmt_meso.sweeps.sweep` for the claim's averaging.
    progress : bool
        Show progress bars.
    world : str or None
        ``None`` runs the claim as stated; otherwise the name of one of the claim's
        declared *wrong worlds* (see :func:`claim`), which the claim must then reject.
    declared : tuple of str
        The wrong worlds the running claim declared (set by :func:`run_claim`), so that
        :meth:`wrong` catches a misspelt name instead of silently never perturbing.
    """

    preset: str = "quick"
    seed: int = 20261127
    executor: Any = None
    progress: bool = False
    world: str | None = None
    declared: tuple = ()

    def __post_init__(self):
        check_choice("preset", self.preset, PRESETS)
        check_int("seed", self.seed, minimum=0)
        if self.world is not None and self.world not in self.declared:
            raise ValueError(f"world must be one of the claim's declared wrong worlds "
                             f"{list(self.declared)} or None; got {self.world!r}")

    def wrong(self, name: str) -> bool:
        """True when this run is the wrong world ``name`` (a perturbation the claim declared).

        Claims perturb their physics or their theory with it, e.g.
        ``W = 16.5 * (0.9 if ctx.wrong("disorder_x0.9") else 1.0)``.
        """
        if self.declared and name not in self.declared:
            raise ValueError(f"wrong world {name!r} is not declared by the running claim; "
                             f"declared: {list(self.declared)}")
        return self.world == name

    def pick(self, quick: _T, full: _T) -> _T:
        """Return the ``quick`` or the ``full`` value according to the preset."""
        return quick if self.preset == "quick" else full

    def plot(self, fn: Callable[..., tuple[Any, Any]], *args: Any, **kwargs: Any) -> Any:
        """The figure of ``fn(*args, **kwargs) -> (fig, ax)``, or ``None`` in a wrong world.

        A wrong world's result is judged, not drawn (the report keeps only the claim's own
        figure), so the claim skips the plotting cost there.
        """
        if self.world is not None:
            return None
        return fn(*args, **kwargs)[0]

    def seed_for(self, name: str) -> np.random.SeedSequence:
        """An independent seed sequence per claim, stable across runs and claim order."""
        return np.random.SeedSequence([self.seed, zlib.crc32(name.encode())])

    def sweep(self, fn: Callable[..., Any],
              params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
              n_samples: int = 1, *, rng: RngLike, chunk: int | None = None,
              memo: bool = False) -> SweepResult:
        """Average through :func:`rmt_meso.sweeps.sweep` with this context's executor.

        ``memo=True`` reuses the result of an identical earlier call in this process (see
        :meth:`memo`): the samples are the same by construction, so a wrong world that
        perturbs only the *theory*, or only another part of the claim, re-runs the claim
        without re-sampling.
        """
        if memo:
            return self.memo(self.sweep, fn, params, n_samples, rng=rng, chunk=chunk)
        kwargs: dict[str, Any] = {"rng": rng, "chunk": chunk, "progress": self.progress}
        if self.executor is not None:
            kwargs["executor"] = self.executor
        return sweep(fn, params, n_samples, **kwargs)

    def memo(self, fn: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """``fn(*args, **kwargs)``, or the result of an identical earlier call in this process.

        For deterministic, seeded computations (a sweep, a transfer-matrix run) that a claim
        and its wrong worlds share.  The key is the function's qualified name and the
        ``repr`` of the arguments, with every :class:`numpy.random.SeedSequence` keyed by its
        entropy, spawn key and number of spawned children; a :class:`numpy.random.Generator`
        argument (whose state would be consumed) disables the memo.  The last
        ``_MEMO_SIZE`` results are kept; callers must not modify what they get back.
        """
        try:
            parts = _memo_key((args, sorted(kwargs.items())))
        except _NoMemo:
            return fn(*args, **kwargs)
        key = (_memo_key(fn), parts)
        if key in _MEMO:
            _MEMO[key] = _MEMO.pop(key)          # most recently used last
            return _MEMO[key]
        result = fn(*args, **kwargs)
        _MEMO[key] = result
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        return result


class _NoMemo(Exception):
    """An argument (a Generator) makes a call unsuitable for memoisation."""


def _memo_key(x):
    """A hashable, value-based key for the arguments of :meth:`Context.memo`."""
    if isinstance(x, np.random.Generator):
        raise _NoMemo
    if isinstance(x, np.random.SeedSequence):
        return ("SeedSequence", repr(x.entropy), tuple(x.spawn_key), x.n_children_spawned)
    if isinstance(x, dict):
        return ("dict", tuple((k, _memo_key(v)) for k, v in sorted(x.items())))
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, tuple(_memo_key(v) for v in x))
    if isinstance(x, np.ndarray):
        return ("ndarray", x.dtype.str, x.shape, x.tobytes())
    if callable(x) and hasattr(x, "__qualname__"):
        code = getattr(x, "__code__", None)        # tells apart lambdas of one module
        return ("callable", getattr(x, "__module__", ""), x.__qualname__,
                getattr(code, "co_firstlineno", None))
    return repr(x)


#: results of :meth:`Context.memo`, least recently used first
_MEMO: dict = {}
_MEMO_SIZE = 16


@dataclass
class ClaimResult:
    """What a claim measured.

    ``comparisons[0]`` is the headline check shown in the table; all of them must pass
    for the claim to pass.
    """

    value: float
    error: float
    theory: float
    comparisons: list[Comparison]
    figure: Any = None
    unit: str = ""
    details: dict = field(default_factory=dict)
    note: str = ""

    def __post_init__(self):
        if not self.comparisons:
            raise ValueError("comparisons must contain at least one Comparison; a claim without "
                             "a check cannot have a verdict")

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.comparisons)

    @classmethod
    def from_comparisons(cls, comparisons: Sequence[Comparison], head: int | Comparison = 0,
                         **kwargs: Any) -> ClaimResult:
        """The result whose headline (value, error, theory) is one of its ``comparisons``.

        ``head`` is the index of the headline comparison or the comparison itself; it is
        moved to the front (the table shows ``comparisons[0]``).  ``kwargs`` (``figure``,
        ``unit``, ``details``, ``note``, or an overriding ``theory``) go to the constructor.
        """
        comps = list(comparisons)
        if not comps:
            raise ValueError("comparisons must contain at least one Comparison; a claim without "
                             "a check cannot have a verdict")
        first = head if isinstance(head, Comparison) else comps[head]
        comps.remove(first)
        kwargs.setdefault("theory", first.theory)
        return cls(first.value, first.stderr, comparisons=[first, *comps], **kwargs)


@dataclass(frozen=True)
class Claim:
    """A registered physics claim (see module docstring)."""

    name: str
    title: str
    section: str
    statement: str
    func: Callable[[Context], ClaimResult]
    references: tuple = ()
    #: ``{name: description}`` of the perturbations of the physics or of the theory that the
    #: claim must reject (FAIL) -- what makes its PASS worth something.
    wrong_worlds: dict = field(default_factory=dict)
    #: True for a genuine inequality of theory (e.g. g_Th >> 1 in the metal) that has no
    #: theory value; the report marks it as such (at most three claims may be inequalities).
    inequality: bool = False

    def run(self, ctx: Context) -> ClaimResult:
        result = self.func(ctx)
        if not isinstance(result, ClaimResult):
            raise TypeError(f"claim {self.name!r} returned {type(result).__name__}, not ClaimResult")
        return result


@dataclass
class WorldOutcome:
    """A claim run in one of its wrong worlds: it must be rejected (FAIL)."""

    name: str
    description: str
    result: ClaimResult | None
    seconds: float
    error: str = ""

    @property
    def rejected(self) -> bool:
        """The wrong world was rejected: the claim ran and at least one comparison failed.

        A crash is not a rejection: it shows nothing about the claim's power.
        """
        return self.result is not None and not self.result.passed

    @property
    def sigma(self) -> float:
        """Detection power: the largest deviation, in standard errors (normal-equivalent for
        distribution tests), among the comparisons that failed; ``nan`` if none failed or the
        failing rules have no sigma scale (``relative``/``absolute``)."""
        if self.result is None:
            return float("nan")
        devs = [c.sigma_equivalent for c in self.result.comparisons if not c.passed]
        devs = [d for d in devs if np.isfinite(d)]
        return float(max(devs)) if devs else float("nan")

    def summary(self) -> str:
        if self.result is None:
            return f"{self.name}: ERROR (not a rejection) — {self.description}"
        verdict = "rejected" if self.rejected else "NOT REJECTED"
        sig = self.sigma
        dev = "" if not np.isfinite(sig) else (f" at {sig:.1f}σ" if sig < 1000 else " at >1000σ")
        failing = [c.label for c in self.result.comparisons if not c.passed]
        by = f" by: {'; '.join(failing)}" if failing else ""
        return f"{self.name}: {verdict}{dev} — {self.description}{by}"


@dataclass
class ClaimOutcome:
    """A claim, its result (or the error it raised), its wall time in seconds and the
    outcomes of its wrong worlds (empty when they were not run); ``reused`` is True when
    ``rmt-meso verify --resume`` took it from a checkpoint of an earlier run (``seconds`` is
    then the time it took there)."""

    claim: Claim
    result: ClaimResult | None
    seconds: float
    error: str = ""
    worlds: list = field(default_factory=list)
    reused: bool = False

    @property
    def passed(self) -> bool:
        return self.result is not None and self.result.passed

    @property
    def power(self) -> float:
        """The weakest detection (smallest sigma) over the wrong worlds that were run."""
        sig = [w.sigma for w in self.worlds]
        return float(min(sig)) if sig and all(np.isfinite(sig)) else float("nan")

    @property
    def all_rejected(self) -> bool:
        return all(w.rejected for w in self.worlds)


def claim(*, name: str, title: str, section: str, statement: str, references: Sequence[str] = (),
          wrong_worlds: Mapping[str, str] | None = None, inequality: bool = False
          ) -> Callable[[Callable[[Context], ClaimResult]], Callable[[Context], ClaimResult]]:
    """Register the decorated function ``f(ctx) -> ClaimResult`` as a claim.

    Parameters
    ----------
    wrong_worlds : dict of str to str
        ``{name: description}``: perturbations of the physics (beta swapped, dephasing off,
        disorder scaled so that W_c moves by 10 %) or of the theory (a coefficient changed
        by a factor 2) that the claim must reject.  The claim reads them with
        :meth:`Context.wrong`; the test-suite runs each and asserts FAIL.
    inequality : bool
        The claim is a genuine inequality of theory without a theory value.
    """
    worlds = dict(wrong_worlds or {})
    for key, text in worlds.items():
        if not (isinstance(key, str) and key and isinstance(text, str) and text):
            raise ValueError(f"wrong_worlds of claim {name!r} must map non-empty names to "
                             f"non-empty descriptions; got {key!r}: {text!r}")

    def decorate(func):
        if name in REGISTRY and REGISTRY[name].func.__module__ != func.__module__:
            raise ValueError(f"claim name {name!r} is registered twice")
        REGISTRY[name] = Claim(name, title, section, statement, func, tuple(references),
                               worlds, bool(inequality))
        return func
    return decorate


def _order(c: Claim):
    rank = SECTIONS.index(c.section) if c.section in SECTIONS else len(SECTIONS)
    return rank, c.section, c.name


def discover() -> dict[str, Claim]:
    """Import every claim module of :mod:`rmt_meso.claims`; return the registry in report order
    (by :data:`SECTIONS`, then by name)."""
    from . import __name__ as pkg_name, __path__ as pkg_path
    for info in sorted(pkgutil.iter_modules(pkg_path), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{pkg_name}.{info.name}")
    return {c.name: c for c in sorted(REGISTRY.values(), key=_order)}


def _timed(c: Claim, ctx: Context):
    start = time.perf_counter()
    try:
        result, error = c.run(ctx), ""
    except Exception:  # a crashing claim is a failing claim, reported, not hidden
        result, error = None, traceback.format_exc()
    return result, time.perf_counter() - start, error


def run_claim(c: Claim, ctx: Context, *, wrong_worlds: bool = False,
              on_world: Callable[[WorldOutcome], None] | None = None) -> ClaimOutcome:
    """Run one claim; an exception becomes a failing outcome carrying the traceback.

    With ``wrong_worlds=True`` the claim is then run once in each of its declared wrong
    worlds (same preset and seed), and ``on_world(WorldOutcome)`` is called after each.
    """
    declared = tuple(c.wrong_worlds)
    result, seconds, error = _timed(c, replace(ctx, world=None, declared=declared))
    outcome = ClaimOutcome(c, result, seconds, error)
    if wrong_worlds:
        for name, description in c.wrong_worlds.items():
            res, sec, err = _timed(c, replace(ctx, world=name, declared=declared))
            w = WorldOutcome(name, description, res, sec, err)
            outcome.worlds.append(w)
            if on_world is not None:
                on_world(w)
    return outcome
