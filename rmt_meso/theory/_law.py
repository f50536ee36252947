"""Behaviour shared by every theory law (a :class:`scipy.stats.rv_continuous` subclass).

:class:`LawMixin` goes first in a law's bases and fixes two edges of SciPy's machinery:

* ``pdf``/``logpdf`` at ±∞ are 0 / −∞ for every law (SciPy evaluates the private ``_pdf``
  at an infinite end of the support, where a formula such as ``s exp(-s²)`` gives NaN and
  a Fredholm determinant fails);
* ``rvs(random_state=...)`` follows SciPy's keyword and accepts the project's rng kinds
  (None, int, SeedSequence, Generator; a legacy ``RandomState`` is used as given), and
  ``None`` draws from fresh OS entropy, never from NumPy's global generator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._random import as_generator
from .._typing import ArrayLike, FloatOrArray

__all__ = ["LawMixin"]

if TYPE_CHECKING:    # the mixin always sits before scipy's rv_continuous (Any for mypy)
    from scipy.stats import rv_continuous as _LawBase
else:
    _LawBase = object


class LawMixin(_LawBase):
    """Mixin for theory laws: zero density at ±∞ and the project's rng kinds in ``rvs``."""

    def _at_infinity(self, method, fill, x, *args, **kwds):
        xa = np.asarray(x, dtype=float)
        inf = np.isinf(xa)
        if not np.any(inf):
            return method(x, *args, **kwds)
        out = np.asarray(method(np.where(inf, np.nan, xa), *args, **kwds), dtype=float)
        out = np.where(np.broadcast_to(inf, out.shape), fill, out)
        return out[()] if out.ndim == 0 else out

    def pdf(self, x: ArrayLike, *args: Any, **kwds: Any) -> FloatOrArray:
        return self._at_infinity(super().pdf, 0.0, x, *args, **kwds)

    def logpdf(self, x: ArrayLike, *args: Any, **kwds: Any) -> FloatOrArray:
        return self._at_infinity(super().logpdf, -np.inf, x, *args, **kwds)

    def rvs(self, *args: Any, **kwds: Any) -> FloatOrArray:
        rs = kwds.get("random_state")
        if not isinstance(rs, np.random.RandomState):
            kwds["random_state"] = as_generator(rs, name="random_state")
        return super().rvs(*args, **kwds)
