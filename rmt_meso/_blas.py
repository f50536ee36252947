"""BLAS threading control shared by the numerical kernels.

rmt_meso's hot loops are many small LAPACK calls (slices of a wire, frames of a transfer
matrix, CMV blocks, cavity Hamiltonians of a few hundred sites).  Multi-threaded OpenBLAS
spends its time synchronising threads on such sizes, which on a busy machine makes them
several times slower than the single-threaded call; parallelism comes from processes instead
(the sweep executors).  The kernels therefore limit BLAS to one thread themselves, so that
their speed does not depend on the environment variables of the user's process.

Cost
    Entering :func:`threadpoolctl.threadpool_limits` scans every loaded shared library
    (~2–6 ms), more than a small kernel costs.  Here one
    :class:`threadpoolctl.ThreadpoolController` is created on first use and held (rebuilt
    only when modules were imported since, which may have loaded another BLAS); a limit
    then costs one get and one set of the thread count per
    BLAS library (~0.1 ms), and nested or concurrent blocks share it (a process-wide
    reference count under a lock: the first entry sets one thread, the last exit restores
    the previous setting), so a kernel called in a loop inside a limited block pays nothing.
Determinism
    The sweep runs every chunk inside :func:`single_threaded_blas`, so a chunk's numbers do
    not depend on where it runs (serial in a user's process with several BLAS threads, a
    process pool, or a dask worker started with one thread): a multi-threaded BLAS may sum
    in another order and change the last bits.
Threads
    The limit is process wide (BLAS has one thread setting per library); the reference
    count keeps it in force while any thread of the process is inside a block.  OpenBLAS
    (pthreads builds, 0.3.30 tested) ignores a change requested from a thread other than the
    main thread: the limit takes effect in the main thread of a process (the serial path, the
    workers of a process pool), while a thread pool or a dask worker's task threads run with
    the process's setting, which dask's nanny sets to one thread
    (``distributed.nanny.pre-spawn-environ``).
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading

__all__ = ["single_threaded_blas", "blas_single_threaded", "limit_blas_for", "blas_limited_by"]

_lock = threading.Lock()
_state = {"controller": None, "depth": 0, "limiter": None}

#: Matrices up to this dimension count as "small" for :func:`limit_blas_for` and run on one
#: BLAS thread.  On the 2-core development machine a 40-orbital RGF recursion took 78 ms
#: limited and 1.7-3.5 s unlimited under load (2 threads); the boundary itself is a choice,
#: not a per-machine measurement: larger blocks keep the user's threads, which can help there.
SMALL_MATRIX = 256


def _controller():
    """The held controller, rebuilt when modules were imported since (a new BLAS may be loaded:
    SciPy brings its own OpenBLAS, and rmt_meso imports SciPy lazily)."""
    ctl = _state["controller"]
    n_modules = len(sys.modules)
    if ctl is None or _state.get("n_modules") != n_modules:
        from threadpoolctl import ThreadpoolController
        ctl = _state["controller"] = ThreadpoolController()
        _state["n_modules"] = len(sys.modules)
    return ctl


def _enter():
    with _lock:
        if _state["depth"] == 0:
            _state["limiter"] = _controller().limit(limits=1, user_api="blas")
        _state["depth"] += 1


def _exit():
    with _lock:
        _state["depth"] -= 1
        if _state["depth"] == 0:
            limiter, _state["limiter"] = _state["limiter"], None
            limiter.restore_original_limits()


@contextlib.contextmanager
def single_threaded_blas():
    """Context manager running BLAS/LAPACK on one thread inside the block.

    Cheap (one held controller, ~0.1 ms; nothing when nested) and safe to nest and to
    enter from several threads at once; the previous thread counts are restored when the
    last block exits.

    Examples
    --------
    >>> import numpy as np
    >>> with single_threaded_blas():
    ...     w = np.linalg.eigvalsh(np.eye(3))
    >>> bool(np.allclose(w, 1.0))
    True
    """
    _enter()
    try:
        yield
    finally:
        _exit()


def limit_blas_for(dim: int):
    """:func:`single_threaded_blas` for matrices of dimension ``dim <= SMALL_MATRIX``, else a no-op.

    Kernels whose block size depends on the input (a wide wire's slices, a big cavity)
    choose by it: large blocks keep the user's BLAS threads, which do help there.
    """
    return single_threaded_blas() if dim <= SMALL_MATRIX else contextlib.nullcontext()


def blas_single_threaded(func):
    """Decorator: run ``func`` inside :func:`single_threaded_blas` (one limit per call)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with single_threaded_blas():
            return func(*args, **kwargs)
    return wrapper


def blas_limited_by(dim_of):
    """Decorator for a method: run it under :func:`limit_blas_for` ``(dim_of(self, *args, **kw))``.

    The kernels of the package (RGF slices, CMV matrices, cavity Hamiltonians, dense
    ensembles) use it with their block size, so that a call in a user's process runs small
    blocks on one BLAS thread whatever the environment, at ~0.1 ms per call (nothing when
    already inside a limited block).
    """
    def deco(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with limit_blas_for(int(dim_of(*args, **kwargs))):
                return func(*args, **kwargs)
        return wrapper
    return deco
