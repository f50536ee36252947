"""One path for randomness: ``rng`` arguments are normalised here and nowhere else.

Every sampler takes ``rng=None | int | numpy.random.SeedSequence | numpy.random.Generator``.
The same seed gives the same numbers; ``None`` draws fresh OS entropy.  Library code never
touches NumPy's global random state.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable

import numpy as np

from ._deprecation import positional_to_keyword
from ._typing import RngLike, SizeLike
from ._validate import check_size

__all__ = ["as_generator", "as_seed_sequence", "spawn_seeds", "keyword_rng", "drop_sample_axis",
           "draw_batch"]

#: Decorator of sampling methods: ``rng`` is keyword-only; passing it positionally (the old
#: ``method(size, rng)`` form) still works for one release with a DeprecationWarning.
keyword_rng = positional_to_keyword("rng")


def as_generator(rng: RngLike = None, *, name: str = "rng") -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for ``rng``.

    A ``Generator`` is returned as is (so a caller's stream continues), an ``int`` or a
    ``SeedSequence`` seeds a new PCG64 generator (``default_rng(seed)`` gives the same bits),
    ``None`` uses OS entropy.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(as_seed_sequence(rng, name=name))


def as_seed_sequence(rng: RngLike = None, *, name: str = "rng") -> np.random.SeedSequence:
    """Return a :class:`numpy.random.SeedSequence` from which independent streams spawn.

    A ``Generator`` contributes fresh entropy drawn from it (advancing it), so that
    spawning stays reproducible from the generator's seed.
    """
    if isinstance(rng, np.random.SeedSequence):
        return rng
    if isinstance(rng, np.random.Generator):
        return np.random.SeedSequence(rng.integers(0, 2**63, size=4).tolist())
    if rng is None:
        return np.random.SeedSequence()
    if isinstance(rng, numbers.Integral) and not isinstance(rng, (bool, np.bool_)):
        if int(rng) < 0:
            raise ValueError(f"{name} must be a non-negative integer seed; got {int(rng)}")
        return np.random.SeedSequence(int(rng))
    raise TypeError(
        f"{name} must be None, a non-negative int, a numpy.random.SeedSequence or a "
        f"numpy.random.Generator; got {rng!r} of type {type(rng).__name__}"
    )


def spawn_seeds(rng: RngLike, n: int) -> list[np.random.SeedSequence]:
    """The first ``n`` independent children of the seed ``rng``.

    Unlike :meth:`numpy.random.SeedSequence.spawn` this does not advance a given
    ``SeedSequence`` (the children are those of a fresh copy of it), so the same seed gives
    the same children every time.  A ``Generator`` contributes fresh entropy as in
    :func:`as_seed_sequence`.
    """
    ss = as_seed_sequence(rng)
    if ss is rng:
        ss = np.random.SeedSequence(ss.entropy, spawn_key=ss.spawn_key, pool_size=ss.pool_size)
    return ss.spawn(n)


def drop_sample_axis(x: Any, size: SizeLike) -> Any:
    """``x`` (an array, a tuple of arrays or an indexable batch with a leading sample axis)
    without that axis when ``size is None``."""
    if size is not None:
        return x
    if isinstance(x, tuple):
        return tuple(a[0] for a in x)
    return x[0]


def draw_batch(draw: Callable[[np.random.Generator, int], Any], size: SizeLike, rng: RngLike) -> Any:
    """``draw(generator, k)`` with ``k = size`` (or 1), the sample axis dropped for ``size=None``.

    ``size`` and ``rng`` are validated here, so every sampler raises the same errors.
    """
    size = check_size(size)
    return drop_sample_axis(draw(as_generator(rng), 1 if size is None else size), size)
