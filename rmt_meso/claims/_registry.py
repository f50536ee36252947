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
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .._validate import check_choice, check_int
from ..compare import Comparison
from ..sweep import SweepResult, sweep

__all__ = ["Context", "ClaimResult", "Claim", "ClaimOutcome", "claim", "discover", "run_claim",
           "REGISTRY", "PRESETS"]

PRESETS = ("quick", "full")
REGISTRY: dict[str, "Claim"] = {}
#: Report order of the sections (the physics flows from ensembles to transport); unknown
#: sections come last, alphabetically.
SECTIONS = ("scales", "ensembles", "spectral", "anderson", "wires", "cavities", "dephasing")


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
        Passed to :func:`rmt_meso.sweep.sweep` for the claim's averaging.
    progress : bool
        Show progress bars.
    """

    preset: str = "quick"
    seed: int = 20261127
    executor: Any = None
    progress: bool = False

    def __post_init__(self):
        check_choice("preset", self.preset, PRESETS)
        check_int("seed", self.seed, minimum=0)

    def pick(self, quick, full):
        """Return the ``quick`` or the ``full`` value according to the preset."""
        return quick if self.preset == "quick" else full

    def seed_for(self, name: str) -> np.random.SeedSequence:
        """An independent seed sequence per claim, stable across runs and claim order."""
        return np.random.SeedSequence([self.seed, zlib.crc32(name.encode())])

    def sweep(self, fn, params=None, n_samples: int = 1, *, rng, chunk: int | None = None) -> SweepResult:
        """Average through :func:`rmt_meso.sweep.sweep` with this context's executor."""
        kwargs = {"rng": rng, "chunk": chunk, "progress": self.progress}
        if self.executor is not None:
            kwargs["executor"] = self.executor
        return sweep(fn, params, n_samples, **kwargs)


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


@dataclass(frozen=True)
class Claim:
    """A registered physics claim (see module docstring)."""

    name: str
    title: str
    section: str
    statement: str
    func: Callable[[Context], ClaimResult]
    references: tuple = ()

    def run(self, ctx: Context) -> ClaimResult:
        result = self.func(ctx)
        if not isinstance(result, ClaimResult):
            raise TypeError(f"claim {self.name!r} returned {type(result).__name__}, not ClaimResult")
        return result


@dataclass
class ClaimOutcome:
    """A claim, its result (or the error it raised) and its wall time in seconds."""

    claim: Claim
    result: ClaimResult | None
    seconds: float
    error: str = ""

    @property
    def passed(self) -> bool:
        return self.result is not None and self.result.passed


def claim(*, name: str, title: str, section: str, statement: str, references=()):
    """Register the decorated function ``f(ctx) -> ClaimResult`` as a claim."""
    def decorate(func):
        if name in REGISTRY and REGISTRY[name].func.__module__ != func.__module__:
            raise ValueError(f"claim name {name!r} is registered twice")
        REGISTRY[name] = Claim(name, title, section, statement, func, tuple(references))
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


def run_claim(c: Claim, ctx: Context) -> ClaimOutcome:
    """Run one claim; an exception becomes a failing outcome carrying the traceback."""
    start = time.perf_counter()
    try:
        result = c.run(ctx)
        error = ""
    except Exception:  # a crashing claim is a failing claim, reported, not hidden
        result, error = None, traceback.format_exc()
    return ClaimOutcome(c, result, time.perf_counter() - start, error)
