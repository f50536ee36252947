"""BLAS threading control shared by the numerical kernels.

rmt_meso's hot loops are many small LAPACK calls (slices of a wire, frames of a transfer
matrix, dense eigenproblems of a few hundred sites).  Multi-threaded OpenBLAS spends its time
synchronising threads on such sizes, which on a busy machine makes them 10–100 times slower
than the single-threaded call; parallelism comes from processes instead (the sweep
executors).  :func:`single_threaded_blas` limits every BLAS library loaded in the process
(NumPy's and SciPy's own OpenBLAS builds included) through threadpoolctl, and restores the
previous settings on exit.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits

__all__ = ["single_threaded_blas"]


def single_threaded_blas():
    """Context manager running BLAS/LAPACK on one thread inside the block.

    Examples
    --------
    >>> import numpy as np
    >>> with single_threaded_blas():
    ...     w = np.linalg.eigvalsh(np.eye(3))
    >>> bool(np.allclose(w, 1.0))
    True
    """
    return threadpool_limits(limits=1, user_api="blas")
