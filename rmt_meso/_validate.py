"""Argument checks shared by every public function.

Public functions validate, private kernels compute: each public entry point calls the
helpers below once, so that bad input raises a ``ValueError``/``TypeError`` whose message
names the argument, the value received and what is allowed.  Nothing is clipped or
guessed silently.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any, overload

import numpy as np

__all__ = [
    "ConvergenceError",
    "check_int",
    "check_real",
    "check_beta",
    "check_choice",
    "check_array",
    "check_fraction",
    "check_bool",
    "check_size",
    "check_symmetry_class",
    "check_spin_degeneracy",
]


class ConvergenceError(RuntimeError):
    """A numerical method failed to reach its documented accuracy.

    Raised instead of returning inaccurate numbers (a non-unitary scattering matrix,
    an eigen-solver that did not converge, a Fredholm determinant whose quadrature did
    not settle).
    """


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_bool(name: str, value) -> bool:
    """Return ``value`` as ``bool``; only real booleans (Python or NumPy) are accepted."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be a bool (True or False); got {_describe(value)}")


def check_int(name: str, value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as a Python ``int`` after checking type and bounds.

    Booleans and floats (even integral ones such as ``3.0``) are refused: a size or
    a number of sites is an integer by construction, and a float usually hides a bug.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {_describe(value)} of type {type(value).__name__}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be an integer <= {maximum}; got {value}")
    return value


def check_real(
    name: str,
    value,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    min_inclusive: bool = True,
    max_inclusive: bool = True,
    allow_inf: bool = False,
) -> float:
    """Return ``value`` as a finite ``float`` within the given bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {_describe(value)} of type {type(value).__name__}")
    value = float(value)
    if np.isnan(value) or (np.isinf(value) and not allow_inf):
        raise ValueError(f"{name} must be a finite real number; got {value}")
    if minimum is not None:
        bad = value < minimum if min_inclusive else value <= minimum
        if bad:
            op = ">=" if min_inclusive else ">"
            raise ValueError(f"{name} must be {op} {minimum}; got {value}")
    if maximum is not None:
        bad = value > maximum if max_inclusive else value >= maximum
        if bad:
            op = "<=" if max_inclusive else "<"
            raise ValueError(f"{name} must be {op} {maximum}; got {value}")
    return value


@overload
def check_beta(beta: Any, *, allowed: None = None, name: str = "beta") -> float: ...
@overload
def check_beta(beta: Any, *, allowed: Iterable[int], name: str = "beta") -> int: ...
@overload
def check_beta(beta: Any, *, allowed: Iterable[float], name: str = "beta") -> float: ...


def check_beta(beta: Any, *, allowed: Iterable[float] | None = None, name: str = "beta") -> float:
    """Check a Dyson index.

    With ``allowed=None`` any real ``beta > 0`` is accepted (β-ensembles); otherwise
    ``beta`` must equal one of ``allowed`` (e.g. ``(1, 2, 4)`` for the classical
    symmetry classes) and is returned as an ``int``.
    """
    value = check_real(name, beta, minimum=0.0, min_inclusive=False)
    if allowed is None:
        return value
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}; got {beta!r}")
    return int(value) if float(value).is_integer() else value


def check_size(size, *, name: str = "size"):
    """A number of samples: ``None`` (one sample, no sample axis) or an integer ``>= 1``."""
    if size is None:
        return None
    return check_int(name, size, minimum=1)


def check_symmetry_class(beta, *, name: str = "beta") -> int:
    """A symmetry class of the exact spectral laws: 0 (Poisson), 1 (GOE), 2 (GUE), 4 (GSE)."""
    value = check_real(name, beta)
    if value not in (0, 1, 2, 4):
        raise ValueError(f"{name} must be one of 0 (Poisson), 1 (GOE), 2 (GUE), 4 (GSE); "
                         f"got {beta!r}")
    return int(value)


def check_spin_degeneracy(value, *, name: str = "spin_degeneracy") -> int:
    """The spin degeneracy factor g_s of a formula: 1 (per spin direction, or spinful) or 2."""
    return check_int(name, value, minimum=1, maximum=2)


def check_choice(name: str, value, choices: Iterable[str]):
    """Check that ``value`` is one of the allowed option strings."""
    choices = tuple(choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {choices}; got {_describe(value)} of type {type(value).__name__}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")
    return value


def check_fraction(name: str, value, *, allow_zero: bool = False) -> float:
    """Check a fraction in (0, 1] (or [0, 1] with ``allow_zero``)."""
    return check_real(name, value, minimum=0.0, maximum=1.0, min_inclusive=allow_zero)


def check_array(
    name: str,
    value,
    *,
    ndim: int | tuple[int, ...] | None = None,
    dtype=float,
    finite: bool = True,
    min_size: int = 0,
    shape: tuple | None = None,
) -> np.ndarray:
    """Convert ``value`` to an array and check dimensions, size and finiteness.

    ``shape`` may contain ``None`` for free axes.  Complex input is refused where a real
    ``dtype`` is requested instead of dropping the imaginary part silently.
    """
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be array-like; got {_describe(value)}") from exc
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_):
        raise TypeError(f"{name} must be a numeric array; got dtype {arr.dtype}")
    if dtype is not None:
        if np.issubdtype(arr.dtype, np.complexfloating) and not np.issubdtype(np.dtype(dtype), np.complexfloating):
            raise TypeError(f"{name} must be real; got a complex array")
        arr = arr.astype(dtype, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            raise ValueError(f"{name} must have ndim in {allowed}; got an array of shape {arr.shape}")
    if shape is not None:
        if arr.ndim != len(shape) or any(s is not None and s != a for s, a in zip(shape, arr.shape)):
            want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{name} must have shape {want}; got {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} must contain at least {min_size} values; got {arr.size}")
    if finite and arr.size and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values; got NaN or inf")
    return arr
