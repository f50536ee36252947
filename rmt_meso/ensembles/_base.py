"""Base of the dense ensembles; the sampler contract itself (docs/design.md, "Sampling") is
implemented by :func:`rmt_meso._random.draw_batch` and :data:`rmt_meso._random.keyword_rng`:

* The constructor describes the ensemble (``n`` is the system size); it takes no ``rng``.
* Sampling methods take ``size`` and a keyword-only ``rng``: ``size=None`` gives one
  sample without a sample axis, an integer ``size`` puts the sample axis first.
* ``rng`` is ``None`` (fresh OS entropy), an ``int``, a ``SeedSequence`` or a ``Generator``
  (whose stream continues), normalised once by :func:`rmt_meso._random.as_generator`.
* A fixed sample of a system with disorder is ``system.realisation(rng)``, drawn at once.
"""

from __future__ import annotations

import numpy as np

from .._random import draw_batch, keyword_rng
from .._typing import RngLike, SizeLike
from .._validate import check_int

__all__ = ["DenseEnsemble"]


class DenseEnsemble:
    """Base of the dense matrix ensembles of a fixed symmetry class (GOE, GUE, GSE, CUE, COE,
    CSE, Ginibre): size check, draw and the sample axis in one place.

    Subclasses implement ``_draw(generator, k) -> ndarray (k, dim, dim)``.
    """

    def __init__(self, n: int):
        self.n = check_int("n", n, minimum=1)

    def __repr__(self):
        return f"{type(self).__name__}(n={self.n})"

    @property
    def dim(self) -> int:
        """Matrix dimension (``n``; ``2n`` for the quaternion ensembles GSE and CSE)."""
        return self.n

    def _draw(self, gen, k):  # pragma: no cover - abstract
        raise NotImplementedError

    @keyword_rng
    def sample(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Draw matrices of the ensemble (see the class for the law).

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` gives one matrix without a sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only

        Returns
        -------
        ndarray, shape (dim, dim) or (size, dim, dim)
        """
        return draw_batch(self._draw, size, rng)
