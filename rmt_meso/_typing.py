"""Type aliases shared by the package's annotations (one place for each concept).

``RngLike`` is what every ``rng=`` argument accepts (normalised by :mod:`rmt_meso._random`),
``SizeLike`` what every ``size=`` argument accepts (``None``: one sample, no sample axis;
checked by :func:`rmt_meso._validate.check_size`).  Arrays in are ``numpy.typing.ArrayLike``,
arrays out ``numpy.ndarray``.
"""

from __future__ import annotations

from typing import Any, Union

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["RngLike", "SizeLike", "FloatOrArray", "SpectraLike", "ArrayLike", "NDArray"]

#: what ``rng`` accepts: None (fresh OS entropy), an int seed, a SeedSequence or a Generator
RngLike = Union[None, int, np.random.SeedSequence, np.random.Generator]

#: what ``size`` (a number of samples) accepts: None (one sample, no sample axis) or an int >= 1
SizeLike = Union[None, int]

#: a float for a scalar argument, an array of the argument's shape otherwise
FloatOrArray = Union[float, np.ndarray]

#: one spectrum (1-D), a batch (2-D, one per row) or a sequence of 1-D spectra of different
#: lengths; ragged sequences are not array_like, so this is ``Any`` for the type checker
SpectraLike = Any
