"""LAPACK drivers that ``scipy.linalg.lapack`` does not wrap, called through ctypes.

``scipy.linalg.cython_lapack`` exports every LAPACK routine with a plain C signature (no
hidden string lengths) as a PyCapsule; this module turns the capsules into ctypes functions.
It is the only module of the package that uses ctypes.  Each driver is ``None`` where that
table is unavailable, and its callers then fall back to a dense route.

References
----------
E. Anderson et al., *LAPACK Users' Guide*, 3rd ed. (SIAM, 1999): DSBGV (symmetric-definite
band generalized eigenproblem), DLASQ1 (bidiagonal singular values by dqds).
"""

from __future__ import annotations

import ctypes

import numpy as np

from ._validate import ConvergenceError

__all__ = ["cython_lapack", "DSBGV", "DLASQ1", "dsbgv_eigvals", "dlasq1_singular_values"]

_IP = ctypes.POINTER(ctypes.c_int)
_DP = ctypes.POINTER(ctypes.c_double)


def cython_lapack(name: str, *argtypes):
    """LAPACK routine ``name`` from SciPy's Cython LAPACK table as a ctypes function
    (returning ``None``), or ``None`` where the table or the routine is unavailable."""
    try:
        import scipy.linalg.cython_lapack as cl
        cap = cl.__pyx_capi__[name]
        get_name = ctypes.pythonapi.PyCapsule_GetName
        get_name.restype = ctypes.c_char_p
        get_name.argtypes = [ctypes.py_object]
        get_ptr = ctypes.pythonapi.PyCapsule_GetPointer
        get_ptr.restype = ctypes.c_void_p
        get_ptr.argtypes = [ctypes.py_object, ctypes.c_char_p]
        ptr = get_ptr(cap, get_name(cap))
    except (ImportError, AttributeError, KeyError, ValueError):  # pragma: no cover
        return None
    return ctypes.CFUNCTYPE(None, *argtypes)(ptr)


DSBGV = cython_lapack("dsbgv", ctypes.c_char_p, ctypes.c_char_p, _IP, _IP, _IP, _DP, _IP,
                      _DP, _IP, _DP, _DP, _IP, _DP, _IP)
DLASQ1 = cython_lapack("dlasq1", _IP, _DP, _DP, _DP, _IP)


def dsbgv_eigvals(ab: np.ndarray, bb: np.ndarray) -> np.ndarray:
    """Eigenvalues (ascending) of the symmetric-definite band pencil (A, B), upper band storage.

    ``ab``/``bb`` have shape (kd+1, n) with ``ab[kd + i − j, j] = A[i, j]`` for
    ``j − kd <= i <= j``; both are overwritten.  Raises :class:`ConvergenceError` on
    ``info != 0``.
    """
    kd, n = ab.shape[0] - 1, ab.shape[1]
    ab = np.asfortranarray(ab)
    bb = np.asfortranarray(bb)
    w = np.empty(n)
    z = np.empty(1)
    work = np.empty(3 * n)
    info = ctypes.c_int(0)
    c_n, c_kd, c_ld, c_one = (ctypes.c_int(v) for v in (n, kd, kd + 1, 1))
    DSBGV(b"N", b"U", ctypes.byref(c_n), ctypes.byref(c_kd), ctypes.byref(c_kd),
          ab.ctypes.data_as(_DP), ctypes.byref(c_ld), bb.ctypes.data_as(_DP), ctypes.byref(c_ld),
          w.ctypes.data_as(_DP), z.ctypes.data_as(_DP), ctypes.byref(c_one),
          work.ctypes.data_as(_DP), ctypes.byref(info))
    if info.value != 0:
        raise ConvergenceError(f"LAPACK dsbgv failed (info={info.value})")
    return w


def dlasq1_singular_values(d: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Singular values (descending, to high relative accuracy) of the upper bidiagonal
    matrix with diagonal ``d`` (n) and superdiagonal ``e`` (n − 1), by dqds (DLASQ1).

    The inputs are copied.  Raises :class:`ConvergenceError` on ``info != 0``.
    """
    n = d.shape[0]
    dd = np.array(d, dtype=float, copy=True)
    ee = np.array(e, dtype=float, copy=True)
    work = np.empty(4 * n)
    info = ctypes.c_int(0)
    c_n = ctypes.c_int(n)
    DLASQ1(ctypes.byref(c_n), dd.ctypes.data_as(_DP), ee.ctypes.data_as(_DP),
           work.ctypes.data_as(_DP), ctypes.byref(info))
    if info.value != 0:
        raise ConvergenceError(f"LAPACK dlasq1 failed (info={info.value})")
    return dd
