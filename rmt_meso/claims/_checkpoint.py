"""Per-claim checkpoints of ``rmt-meso verify``: finished work survives an interrupted run.

As soon as a claim and its wrong worlds have run, :func:`save` stores its outcome in
``<out>/checkpoints/<name>.pkl`` (a pickle written to a temporary file and moved into place
with :func:`os.replace`, so a run killed at any moment, even by ``SIGKILL``, leaves either the
old file or the complete new one).  ``rmt-meso verify --resume`` reuses a checkpoint only when
everything that determines the outcome is unchanged (:func:`key`): the preset, the seed,
whether the wrong worlds were run, the rmt_meso version, the source of the claim's module and
the source of the library it uses (every module of :mod:`rmt_meso` except the claim modules,
this one and the presentation layer, ``cli.py`` and ``report.py``).  Editing one claim
therefore re-runs that claim; editing library code re-runs every claim.

A checkpoint is a pickle: load only the ones your own runs wrote.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io
import os
import pickle
import sys
from dataclasses import replace
from pathlib import Path

from .._io import atomic_write
from .._version import __version__
from ._registry import Claim, ClaimOutcome

__all__ = ["FOLDER", "key", "path", "save", "load"]

#: Subfolder of the output folder that holds the checkpoints.
FOLDER = "checkpoints"
_FORMAT = 1
_PKG = Path(__file__).resolve().parents[1]
#: what each field of the key means, for the "stale" message
_WHY = {"format": "an older checkpoint format", "preset": "another preset", "seed": "another seed",
        "wrong_worlds": "run with/without wrong worlds", "version": "another rmt_meso version",
        "claim_source": "the claim's source changed", "library_source": "the library source changed"}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _library_source() -> str:
    """Digest of every rmt_meso source file a claim's result can depend on."""
    h = hashlib.sha256()
    for path in sorted(_PKG.rglob("*")):
        rel = path.relative_to(_PKG)
        if path.suffix not in (".py", ".mplstyle") or "__pycache__" in rel.parts:
            continue
        if rel.parts[0] == "claims" and not rel.name.startswith("_"):
            continue                                  # a claim module: in its own digest
        if rel.as_posix() in ("cli.py", "report.py", "claims/_checkpoint.py"):
            continue                                  # presentation and bookkeeping only
        h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def key(c: Claim, *, preset: str, seed: int, wrong_worlds: bool) -> dict:
    """What a checkpoint of claim ``c`` must match to be reused (see the module docstring)."""
    try:
        source = inspect.getsource(sys.modules[c.func.__module__])
    except (KeyError, OSError, TypeError):          # no source file (defined interactively)
        code = getattr(c.func, "__code__", None)
        source = repr((code.co_code, code.co_consts)) if code is not None else repr(c.func)
    return {"format": _FORMAT, "preset": preset, "seed": int(seed), "wrong_worlds": bool(wrong_worlds),
            "version": __version__, "claim_source": _sha(source.encode()),
            "library_source": _library_source()}


def path(out: str | os.PathLike, name: str) -> Path:
    return Path(out) / FOLDER / f"{name}.pkl"


class _Rendered:
    """A figure that does not pickle, kept as the PNG (dpi 200) and PDF the report writes."""

    def __init__(self, fig):
        self.data = {}
        for fmt, kwargs in (("png", {"dpi": 200}), ("pdf", {})):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, **kwargs)
            self.data[fmt] = buf.getvalue()

    def savefig(self, fname, *, format=None, **kwargs):
        data = self.data[format or Path(fname).suffix.lstrip(".")]
        if hasattr(fname, "write"):
            fname.write(data)
        else:
            Path(fname).write_bytes(data)


def save(out: str | os.PathLike, outcome: ClaimOutcome, k: dict) -> Path:
    """Store ``outcome`` (whose key is ``k``) atomically; returns the checkpoint's path."""
    record = {"key": k, "name": outcome.claim.name, "result": outcome.result,
              "seconds": outcome.seconds, "error": outcome.error, "worlds": outcome.worlds}
    try:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        if outcome.result is None or outcome.result.figure is None:
            raise
        record["result"] = replace(outcome.result, figure=_Rendered(outcome.result.figure))
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    target = path(out, outcome.claim.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
    return target


def load(out: str | os.PathLike, c: Claim, k: dict) -> tuple[ClaimOutcome | None, str]:
    """The checkpointed outcome of ``c`` if its key equals ``k``, else ``(None, why)``.

    A claim that raised instead of returning a result is never reused: it runs again.

    ``why`` is ``""`` when there is no checkpoint, else the reason it is not reused.  The
    outcome is marked ``reused=True`` and carries the current :class:`Claim`.
    """
    p = path(out, c.name)
    if not p.exists():
        return None, ""
    try:
        with open(p, "rb") as fh:
            record = pickle.load(fh)
        stored = record["key"]
    except Exception as exc:  # a truncated or foreign file is not reused, never fatal
        return None, f"unreadable checkpoint ({type(exc).__name__})"
    changed = [f for f in k if stored.get(f) != k[f]]
    if changed or record.get("name") != c.name:
        return None, _WHY.get(changed[0], changed[0]) if changed else "another claim's checkpoint"
    if record["result"] is None:        # a crash may be the machine's (memory, a lost worker)
        return None, "it raised an exception when run"
    return ClaimOutcome(c, record["result"], record["seconds"], record["error"], list(record["worlds"]),
                        reused=True), ""
