"""Ensemble averages over a parameter grid: chunked, deterministically seeded, resumable.

``sweep(fn, params, n_samples, rng=...)`` calls ``fn(rng, size, **p)`` (positionally) for
every parameter point ``p`` in chunks of ``size`` samples; ``fn`` returns an array whose first
axis has length ``size`` (one row per sample).  As everywhere in the toolkit (docs/design.md,
"Sampling"), ``size`` counts samples and a kernel's ``n`` parameter, if any, is a system size.  This is the single path for the toolkit's heavy averaging:
``rmt-meso verify`` and the CLI run through it.

Determinism
    The root seed is split with :meth:`numpy.random.SeedSequence.spawn` into one child per
    parameter point and that child into one grandchild per chunk.  A chunk's numbers
    depend only on (root seed, point index, chunk index, chunk size), never on which worker
    ran it or in which order chunks finished, so serial, process-pool and dask runs give
    bit-identical arrays for the same ``rng`` and ``chunk``.
Executors
    ``None``/``"serial"`` runs in this process; ``"processes"`` uses a
    :class:`concurrent.futures.ProcessPoolExecutor` (``workers`` processes); any
    :class:`concurrent.futures.Executor` is used as given; a ``dask.distributed.Client``
    (local cluster or a scheduler address) runs chunks on its workers.  ``fn`` must then
    be importable (a module-level function), since it travels by pickle.
Checkpoints
    With ``checkpoint=DIR`` each finished chunk is written atomically (temporary file and
    :func:`os.replace`) as ``DIR/chunk-<point>-<chunk>.npz`` next to a ``manifest.json``
    that fingerprints the arguments: ``fn`` by what it computes (its code object, nested
    code, defaults, closure, the module-level functions and constants it uses from its own
    module, and the rmt_meso version), the parameters, sizes and seed.  A rerun with the
    same arguments loads finished chunks and computes only the rest; an interrupted sweep
    therefore loses at most the chunks in flight (leftover temporary files of a killed run
    are removed).  A directory written by different arguments (an edited or different
    function included), or a chunk file that is corrupted, foreign, swapped, of another
    shape or dtype, is refused with :class:`CheckpointError` instead of being mixed in.
BLAS threads
    Every chunk runs under one BLAS thread (:func:`rmt_meso._blas.single_threaded_blas`)
    wherever it runs, so results do not depend on the BLAS threading of the process.
Memory
    ``keep="moments"`` keeps per-chunk sums only (memory O(chunk) for the samples in
    flight); ``keep="samples"`` (default) also returns every sample.
Progress
    A progress bar over chunks when ``progress=True`` (text on a terminal, a widget in a
    Jupyter notebook); ``progress=False`` switches it off everywhere, without warnings.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import hashlib
import io
import json
import os
import pickle
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ._blas import single_threaded_blas
from ._io import atomic_write
from ._log import logger, progress_bar
from ._random import as_seed_sequence
from ._typing import RngLike
from ._validate import check_choice, check_int
from ._version import __version__

__all__ = ["sweep", "SweepResult", "CheckpointError"]

#: what ``rng`` accepts: None, an int seed, a SeedSequence or a Generator
_RngLike = RngLike

_MANIFEST_VERSION = 2


class CheckpointError(ValueError):
    """A checkpoint directory does not belong to this sweep or is damaged."""


@dataclass(frozen=True)
class _ChunkStats:
    """Per-chunk sufficient statistics: count, sum and sum of squared deviations."""

    n: int
    mean: np.ndarray
    m2: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray) -> "_ChunkStats":
        mean = x.mean(axis=0)
        return cls(x.shape[0], mean, ((x - mean) ** 2).sum(axis=0))

    def combine(self, other: "_ChunkStats") -> "_ChunkStats":
        # Chan, Golub & LeVeque (1983) pairwise update of mean and M2.
        n = self.n + other.n
        delta = other.mean - self.mean
        mean = self.mean + delta * (other.n / n)
        m2 = self.m2 + other.m2 + delta**2 * (self.n * other.n / n)
        return _ChunkStats(n, mean, m2)


@dataclass(frozen=True)
class SweepResult:
    """Samples of a sweep and their means with standard errors.

    Attributes
    ----------
    params : list of dict
        The parameter points, in the order given.
    samples : list of ndarray or None
        ``samples[i]`` has shape ``(n_samples, ...)`` for ``params[i]``; ``None`` when the
        sweep ran with ``keep="moments"``.
    mean, stderr : ndarray
        Shape ``(len(params), ...)``: sample means and standard errors ``s/sqrt(n)`` with
        the unbiased sample standard deviation ``s``.
    n_samples : int
    """

    params: list
    samples: list | None
    mean: np.ndarray
    stderr: np.ndarray
    n_samples: int
    variance: np.ndarray | None = field(repr=False, default=None)

    def grid(self) -> dict | None:
        """The parameter grid of the points, or ``None`` when they do not form a full grid.

        The points form a full grid when they all set the same parameters, each to a
        hashable value, and every combination of the values met occurs exactly once (in any
        order), as for ``[dict(zip(names, v)) for v in itertools.product(*values)]``.

        Returns
        -------
        dict or None
            ``{name: values}`` in the order of the first point's keys; the values of each
            parameter sorted when they are all real numbers, else in order of first appearance.
        """
        names = list(self.params[0])
        if not names or any(set(p) != set(names) for p in self.params):
            return None
        try:
            values = {k: list(dict.fromkeys(p[k] for p in self.params)) for k in names}
            combos = {tuple(p[k] for k in names) for p in self.params}
        except TypeError:              # unhashable parameter values (arrays, lists)
            return None
        if len(combos) != len(self.params) or len(combos) != int(np.prod([len(v) for v in values.values()])):
            return None
        for k, v in values.items():
            if all(isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool) for x in v):
                values[k] = sorted(v)
        return values

    def to_xarray(self, grid: bool | None = None) -> Any:
        """The result as an :class:`xarray.Dataset` labelled by the parameters.

        Parameters
        ----------
        grid : bool, optional
            ``None`` (default): an N-dimensional grid when the points form one (see
            :meth:`grid`), else flat.  ``True``: the grid, or ``ValueError``.  ``False``: flat.

        Returns
        -------
        xarray.Dataset
            Variables ``mean`` and ``stderr`` and, unless the sweep kept moments only,
            ``samples``.  On a grid the dimensions are the parameter names (coordinates: their
            values), then ``sample`` (``samples`` only), then ``dim_1, ...`` for the shape of
            one sample; grid cells are filled from the matching points whatever their order.
            Flat: one ``point`` dimension with each parameter as a coordinate along it, then
            ``sample`` and ``dim_1, ...``.  Needs xarray (``pip install 'rmt_meso[dist]'``).

        Raises
        ------
        ValueError
            ``grid=True`` and the points do not form a full grid.

        Examples
        --------
        >>> import itertools
        >>> import numpy as np
        >>> pts = [{"a": a, "b": b} for a, b in itertools.product([1.0, 2.0], [0, 1, 2])]
        >>> res = sweep(lambda rng, n, a, b: a + b + rng.standard_normal(n), pts, 4, rng=1,
        ...             progress=False)
        >>> res.grid()                          # to_xarray() has dims ('a', 'b', 'sample')
        {'a': [1.0, 2.0], 'b': [0, 1, 2]}
        """
        import xarray as xr
        if grid is not None and not isinstance(grid, (bool, np.bool_)):
            raise TypeError(f"grid must be None, True or False; got {grid!r}")
        inner = [f"dim_{k + 1}" for k in range(self.mean.ndim - 1)]
        axes = self.grid() if grid is not False else None
        if grid is True and axes is None:
            raise ValueError("grid=True but the parameter points do not form a full grid (every point "
                             "must set the same parameters and each combination of values occur once); "
                             f"got {len(self.params)} points: {self.params[:4]}...")
        attrs = {"n_samples": self.n_samples}
        if axes is None:
            coords = {}
            keys = sorted({k for p in self.params for k in p})
            for k in keys:
                coords[k] = ("point", [p.get(k) for p in self.params])
            data = {"mean": (["point", *inner], self.mean), "stderr": (["point", *inner], self.stderr)}
            if self.samples is not None:
                data["samples"] = (["point", "sample", *inner], np.stack(self.samples))
            return xr.Dataset(data, coords=coords, attrs=attrs)
        names = list(axes)
        shape = tuple(len(v) for v in axes.values())
        index = {k: {v: i for i, v in enumerate(vals)} for k, vals in axes.items()}
        # position of each point in the grid (C order over the parameter axes)
        flat = np.array([np.ravel_multi_index(tuple(index[k][p[k]] for k in names), shape)
                         for p in self.params])
        order = np.argsort(flat)

        def on_grid(a):
            a = np.asarray(a)[order]
            return a.reshape(shape + a.shape[1:])
        data = {"mean": ([*names, *inner], on_grid(self.mean)),
                "stderr": ([*names, *inner], on_grid(self.stderr))}
        if self.samples is not None:
            data["samples"] = ([*names, "sample", *inner], on_grid(np.stack(self.samples)))
        return xr.Dataset(data, coords={k: list(v) for k, v in axes.items()}, attrs=attrs)


def _normalise_params(params) -> list[dict]:
    if params is None:
        return [{}]
    if isinstance(params, dict):
        return [dict(params)]
    params = list(params)
    if not params:
        raise ValueError("params must contain at least one parameter point; got an empty sequence")
    for i, p in enumerate(params):
        if not isinstance(p, dict):
            raise TypeError(f"params[{i}] must be a dict of keyword arguments for fn; got {p!r}")
    return params


def _run_chunk(fn, n: int, seed: np.random.SeedSequence, params: dict) -> np.ndarray:
    """Worker body: one chunk of ``n`` samples from its own seed, under one BLAS thread."""
    with single_threaded_blas():
        out = np.asarray(fn(np.random.default_rng(seed), n, **params))
    if out.ndim == 0 or out.shape[0] != n:
        raise ValueError(f"fn must return an array with first axis of length n={n}; got shape {out.shape}")
    return out


# -- executors --------------------------------------------------------------------------

def _is_dask_client(obj) -> bool:
    return type(obj).__module__.startswith("distributed") and hasattr(obj, "submit") and hasattr(obj, "gather")


class _Serial:
    def run(self, tasks):
        for key, args in tasks:
            yield key, _run_chunk(*args)

    def close(self):
        pass


class _Futures:
    """Drive a concurrent.futures Executor with a bounded number of tasks in flight."""

    def __init__(self, executor, owned: bool, max_pending: int):
        self.executor, self.owned, self.max_pending = executor, owned, max_pending

    def run(self, tasks):
        tasks = iter(tasks)
        pending = {}
        try:
            for key, args in tasks:
                pending[self.executor.submit(_run_chunk, *args)] = key
                if len(pending) >= self.max_pending:
                    break
            while pending:
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for fut in done:
                    key = pending.pop(fut)
                    yield key, fut.result()
                    nxt = next(tasks, None)
                    if nxt is not None:
                        pending[self.executor.submit(_run_chunk, *nxt[1])] = nxt[0]
        finally:
            for fut in pending:
                fut.cancel()

    def close(self):
        if self.owned:
            self.executor.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Drive a dask.distributed Client with a bounded number of tasks in flight."""

    def __init__(self, client, max_pending: int):
        self.client, self.max_pending = client, max_pending

    def run(self, tasks):
        from distributed import as_completed
        tasks = iter(tasks)
        keys = {}
        first = []
        for key, args in tasks:
            fut = self.client.submit(_run_chunk, *args, pure=False)
            keys[fut.key] = key
            first.append(fut)
            if len(first) >= self.max_pending:
                break
        ac = as_completed(first)
        try:
            for fut in ac:
                key = keys.pop(fut.key)
                result = fut.result()
                fut.release()
                yield key, result
                nxt = next(tasks, None)
                if nxt is not None:
                    new = self.client.submit(_run_chunk, *nxt[1], pure=False)
                    keys[new.key] = nxt[0]
                    ac.add(new)
        finally:
            for f in list(ac.futures):
                f.cancel()

    def close(self):
        pass


def _make_runner(executor, workers):
    if executor is None or executor == "serial":
        return _Serial(), "serial"
    if isinstance(executor, str):
        check_choice("executor", executor, ("serial", "processes"))
        n = workers or os.cpu_count() or 1
        return _Futures(cf.ProcessPoolExecutor(max_workers=n), owned=True, max_pending=4 * n), "processes"
    if isinstance(executor, cf.Executor):
        n = workers or getattr(executor, "_max_workers", None) or os.cpu_count() or 1
        return _Futures(executor, owned=False, max_pending=4 * n), type(executor).__name__
    if _is_dask_client(executor):
        n = workers or max(1, len(executor.scheduler_info().get("workers", {})))
        return _Dask(executor, max_pending=4 * n), "dask"
    raise TypeError("executor must be None, 'serial', 'processes', a concurrent.futures.Executor or a "
                    f"dask.distributed.Client; got {executor!r}")


# -- checkpoints ------------------------------------------------------------------------

def _jsonable(v):
    if isinstance(v, (np.integer, np.floating, np.bool_)):
        return v.item()
    if isinstance(v, np.ndarray):
        return {"ndarray": v.tolist()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if v is None or isinstance(v, (int, float, str, bool)):
        return v
    return repr(v)


def _value_token(v, h, seen) -> None:
    """Feed a stable description of a value (default, closure cell, global) into ``h``."""
    if isinstance(v, (types.FunctionType, types.MethodType, functools.partial)) or (
            not isinstance(v, type) and isinstance(getattr(type(v), "__call__", None), types.FunctionType)):
        _callable_token(v, h, seen)
        return
    if v is None or isinstance(v, (bool, int, float, complex, str, bytes)):
        h.update(f"{type(v).__name__}:{v!r};".encode())
        return
    if isinstance(v, np.ndarray) and v.dtype != object:
        h.update(f"nd:{v.dtype.str}:{v.shape};".encode())
        h.update(np.ascontiguousarray(v).tobytes())
        return
    if isinstance(v, (list, tuple, frozenset, set)):
        h.update(f"{type(v).__name__}[{len(v)}];".encode())
        items = sorted(v, key=repr) if isinstance(v, (set, frozenset)) else v
        for x in items:
            _value_token(x, h, seen)
        return
    if isinstance(v, dict):
        h.update(f"dict[{len(v)}];".encode())
        for k in sorted(v, key=repr):
            h.update(repr(k).encode())
            _value_token(v[k], h, seen)
        return
    if isinstance(v, types.ModuleType):
        h.update(f"module:{v.__name__};".encode())
        return
    if isinstance(v, (type, types.BuiltinFunctionType)):
        h.update(f"obj:{getattr(v, '__module__', '?')}.{getattr(v, '__qualname__', v)};".encode())
        return
    try:                       # any other object by its state (e.g. a Wire template)
        h.update(b"pickle:" + hashlib.sha256(pickle.dumps(v, protocol=4)).digest())
    except Exception:          # unpicklable: its type only (a repr may hold a memory address)
        h.update(f"unpicklable:{type(v).__module__}.{type(v).__qualname__};".encode())


def _code_token(code, h, names) -> None:
    h.update(code.co_code)
    h.update(repr((code.co_name, code.co_argcount, code.co_kwonlyargcount, code.co_varnames,
                   code.co_names, code.co_freevars, code.co_cellvars)).encode())
    names.update(code.co_names)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            _code_token(c, h, names)
        else:
            h.update(f"{type(c).__name__}:{c!r};".encode())


def _callable_token(fn, h, seen) -> None:
    """What ``fn`` computes: code, defaults, closure and the same-module globals it uses."""
    if id(fn) in seen:
        h.update(b"<recursive>")
        return
    seen.add(id(fn))
    if isinstance(fn, types.MethodType):
        h.update(b"method;")
        _callable_token(fn.__func__, h, seen)
        _value_token(fn.__self__, h, seen)
        return
    if isinstance(fn, functools.partial):
        h.update(b"partial;")
        _callable_token(fn.func, h, seen)
        _value_token(fn.args, h, seen)
        _value_token(dict(fn.keywords), h, seen)
        return
    if not isinstance(fn, types.FunctionType):
        call = getattr(type(fn), "__call__", None)
        h.update(f"instance:{type(fn).__module__}.{type(fn).__qualname__};".encode())
        if isinstance(call, types.FunctionType):
            _callable_token(call, h, seen)
        try:
            h.update(hashlib.sha256(pickle.dumps(fn, protocol=4)).digest())
        except Exception:
            pass
        return
    h.update(f"fn:{fn.__module__}.{fn.__qualname__};".encode())
    names: set = set()
    _code_token(fn.__code__, h, names)
    _value_token(fn.__defaults__, h, seen)
    _value_token(fn.__kwdefaults__, h, seen)
    for cell in fn.__closure__ or ():
        try:
            _value_token(cell.cell_contents, h, seen)
        except ValueError:     # an empty cell
            h.update(b"<empty cell>")
    glb = fn.__globals__
    for name in sorted(names):
        if name not in glb:
            continue
        v = glb[name]
        # helpers and constants of fn's own module: an edit there changes what fn computes;
        # library functions are covered by the package version
        if isinstance(v, types.FunctionType) and v.__module__ == fn.__module__:
            h.update(f"global {name};".encode())
            _callable_token(v, h, seen)
        elif v is None or isinstance(v, (bool, int, float, complex, str, bytes, tuple, np.ndarray)):
            h.update(f"global {name};".encode())
            _value_token(v, h, seen)


def _function_fingerprint(fn) -> str:
    """Digest of what ``fn`` computes (see the module notes)."""
    h = hashlib.sha256()
    _callable_token(fn, h, set())
    return h.hexdigest()[:16]


def _fingerprint(fn, points, n_samples, chunk, seed: np.random.SeedSequence) -> dict:
    entropy = seed.entropy if isinstance(seed.entropy, int) else list(seed.entropy or ())
    return {
        "version": _MANIFEST_VERSION,
        "fn": f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', type(fn).__qualname__)}",
        "fn_code": _function_fingerprint(fn),
        "rmt_meso_version": __version__,
        "params": _jsonable(points),
        "n_samples": n_samples,
        "chunk": chunk,
        "seed_entropy": _jsonable(entropy),
        "spawn_key": list(seed.spawn_key),
    }


_WHAT_CHANGED = {
    "fn": "a different function",
    "fn_code": "the function's code, defaults, closure or module helpers changed",
    "rmt_meso_version": "written by another rmt_meso version",
    "params": "different parameter points",
    "n_samples": "a different n_samples",
    "chunk": "a different chunk size",
    "seed_entropy": "a different seed",
    "spawn_key": "a different seed",
    "version": "an older checkpoint format",
}


def _digest(manifest: dict) -> str:
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:16]


def _atomic_save_npz(path: Path, **arrays) -> None:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    atomic_write(path, buf.getvalue())


class _Checkpoint:
    def __init__(self, directory, manifest: dict):
        self.dir = Path(directory)
        self.manifest = manifest
        self.digest = _digest(manifest)
        if self.dir.exists() and not self.dir.is_dir():
            raise CheckpointError(f"checkpoint={str(directory)!r} is an existing file, not a directory")
        self.dir.mkdir(parents=True, exist_ok=True)
        self._clean_temporaries()
        mpath = self.dir / "manifest.json"
        if mpath.exists():
            try:
                old = json.loads(mpath.read_text())
            except (OSError, ValueError) as exc:
                raise CheckpointError(f"checkpoint manifest {mpath} is corrupted ({exc}); delete the "
                                      "directory to start afresh") from exc
            if not isinstance(old, dict):
                raise CheckpointError(f"checkpoint manifest {mpath} is corrupted: it holds a "
                                      f"{type(old).__name__}, not a JSON object; delete the directory "
                                      "to start afresh")
            if old != manifest:
                diff = sorted(k for k in set(old) | set(manifest) if old.get(k) != manifest.get(k))
                what = sorted({_WHAT_CHANGED.get(k, k) for k in diff})
                raise CheckpointError(
                    f"checkpoint {self.dir} was written by a sweep with different arguments "
                    f"(differs in: {', '.join(diff)}: {'; '.join(what)}); use another directory or "
                    "delete it")
        else:
            atomic_write(mpath, json.dumps(manifest, indent=1, sort_keys=True).encode())
        self.layout: dict[int, tuple] = {}     # point -> (trailing shape, dtype) of its chunks

    def _clean_temporaries(self) -> None:
        """Remove temporary files a killed run left behind (ours only, by name)."""
        for tmp in list(self.dir.glob("chunk-*.npz.*.tmp")) + list(self.dir.glob("manifest.json.*.tmp")):
            try:
                tmp.unlink()
            except OSError:
                pass

    def path(self, key) -> Path:
        return self.dir / f"chunk-{key[0]}-{key[1]}.npz"

    def load(self, key, n: int):
        path = self.path(key)
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as f:
                if sorted(f.files) != ["data", "digest", "key"]:
                    raise ValueError(f"holds arrays {sorted(f.files)}, not data/digest/key")
                digest, stored_key, data = f["digest"], f["key"], f["data"]
                digest = str(digest[()]) if digest.shape == () else None
                stored_key = tuple(int(k) for k in stored_key.tolist()) if stored_key.shape == (2,) else None
        except Exception as exc:      # not an npz, truncated, pickled objects, wrong layout
            raise CheckpointError(f"checkpoint chunk {path} is corrupted ({type(exc).__name__}: {exc}); "
                                  "delete it to recompute") from exc
        if digest != self.digest or stored_key != tuple(key):
            raise CheckpointError(f"checkpoint chunk {path} belongs to another sweep or chunk "
                                  f"(key {stored_key}, expected {tuple(key)}); delete it to recompute")
        if data.ndim == 0 or data.shape[0] != n:
            raise CheckpointError(f"checkpoint chunk {path} holds shape {data.shape}, expected first "
                                  f"axis {n}; delete it to recompute")
        if data.dtype.kind not in "biufcUS":
            raise CheckpointError(f"checkpoint chunk {path} holds dtype {data.dtype}, not numbers; "
                                  "delete it to recompute")
        self.check_layout(key, data, path)
        return data

    def check_layout(self, key, data, path=None) -> None:
        """Every chunk of a point has the same trailing shape and dtype."""
        got = (data.shape[1:], data.dtype.str)
        want = self.layout.setdefault(key[0], got)
        if got != want:
            where = f"checkpoint chunk {path}" if path is not None else f"chunk {key}"
            raise CheckpointError(f"{where} has trailing shape {got[0]} and dtype {got[1]} but the other "
                                  f"chunks of point {key[0]} have {want[0]} and {want[1]}; delete the "
                                  "checkpoint to recompute")

    def save(self, key, data: np.ndarray) -> None:
        self.check_layout(key, np.asarray(data))
        _atomic_save_npz(self.path(key), data=data, digest=np.array(self.digest), key=np.array(key))


# -- the sweep ----------------------------------------------------------------------------

def sweep(fn: Callable[..., Any], params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
          n_samples: int = 1, *, rng: _RngLike = None, chunk: int | None = None, executor: Any = None,
          workers: int | None = None, checkpoint: str | os.PathLike | None = None, progress: bool = True,
          keep: str = "samples") -> SweepResult:
    """Sample ``fn`` at every parameter point, in deterministic chunks, on any executor.

    Parameters
    ----------
    fn : callable
        ``fn(rng, size, **p) -> ndarray`` whose first axis has length ``size``.  Module level
        (picklable) when run on processes or dask.
    params : dict or sequence of dict, optional
        Parameter points; ``None`` means one point without parameters.
    n_samples : int
        Samples per parameter point.
    rng : None, int, SeedSequence or Generator
        Root of the seed tree.  A checkpointed sweep needs an ``int`` or ``SeedSequence``
        so that a rerun can reproduce it.
    chunk : int, optional
        Samples per task (default: ``n_samples``, one task per point).  Results depend on
        ``chunk`` (it fixes the seed tree), not on the executor.
    executor : None, "serial", "processes", concurrent.futures.Executor or dask Client
    workers : int, optional
        Worker processes for ``executor="processes"`` (default: all cores).
    checkpoint : path-like, optional
        Directory for resumable, atomically written chunk results.
    progress : bool
        Show a progress bar (in a terminal, or a widget in a Jupyter notebook); ``False``
        shows nothing and emits no warning (see :func:`rmt_meso._log.progress_bar`).
    keep : {"samples", "moments"}
        Return every sample, or only means and errors (memory bounded by the chunk size).

    Returns
    -------
    SweepResult

    Raises
    ------
    CheckpointError
        If ``checkpoint`` holds results of a different sweep or a damaged chunk.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.sweeps import sweep
    >>> def draw(rng, n, scale):
    ...     return scale * rng.standard_normal(n)
    >>> res = sweep(draw, [{"scale": 1.0}, {"scale": 3.0}], 2000, rng=1, chunk=500, progress=False)
    >>> bool(np.all(np.abs(res.mean) < 5 * res.stderr))
    True
    """
    if not callable(fn):
        raise TypeError(f"fn must be callable; got {fn!r}")
    points = _normalise_params(params)
    n_samples = check_int("n_samples", n_samples, minimum=1)
    chunk = n_samples if chunk is None else check_int("chunk", chunk, minimum=1)
    if workers is not None:
        workers = check_int("workers", workers, minimum=1)
    check_choice("keep", keep, ("samples", "moments"))
    if checkpoint is not None and not (isinstance(rng, (int, np.integer, np.random.SeedSequence))
                                       and not isinstance(rng, bool)):
        raise ValueError("checkpoint needs a reproducible rng (an int seed or a SeedSequence); "
                         f"got rng={rng!r}")
    root = as_seed_sequence(rng)
    sizes = [min(chunk, n_samples - start) for start in range(0, n_samples, chunk)]
    seeds = [ps.spawn(len(sizes)) for ps in root.spawn(len(points))]
    store = None
    if checkpoint is not None:
        store = _Checkpoint(checkpoint, _fingerprint(fn, points, n_samples, chunk, root))

    results: dict[tuple[int, int], object] = {}

    def accept(key, data):
        results[key] = data if keep == "samples" else _ChunkStats.of(np.asarray(data, dtype=float))

    todo = []
    for i in range(len(points)):
        for j, n in enumerate(sizes):
            cached = store.load((i, j), n) if store is not None else None
            if cached is not None:
                accept((i, j), cached)
            else:
                todo.append(((i, j), (fn, n, seeds[i][j], points[i])))

    total = len(points) * len(sizes)
    logger.debug("sweep: %d points x %d chunks, %d cached, executor=%r", len(points), len(sizes),
                 total - len(todo), executor)
    bar = progress_bar(total, enabled=bool(progress), initial=total - len(todo), unit="chunk",
                       desc="sweep")
    runner, _label = _make_runner(executor, workers)
    try:
        for key, data in runner.run(todo):
            if store is not None:
                store.save(key, data)
            accept(key, data)
            bar.update(1)
    finally:
        runner.close()
        bar.close()

    samples: list | None = [] if keep == "samples" else None
    means: list = []
    variances: list = []
    stderrs: list = []
    stats: Any
    for i in range(len(points)):
        if keep == "samples":
            x = np.concatenate([results[(i, j)] for j in range(len(sizes))], axis=0)
            samples.append(x)  # type: ignore[union-attr]  # keep == "samples"
            stats = _ChunkStats.of(np.asarray(x, dtype=float)) if np.issubdtype(x.dtype, np.number) else None
        else:
            stats = results[(i, 0)]
            for j in range(1, len(sizes)):
                stats = stats.combine(results[(i, j)])
        var = stats.m2 / (stats.n - 1) if stats.n > 1 else np.full_like(stats.mean, np.nan)
        means.append(stats.mean)
        variances.append(var)
        stderrs.append(np.sqrt(var / stats.n))
    return SweepResult(points, samples, np.stack(means), np.stack(stderrs), n_samples, np.stack(variances))
