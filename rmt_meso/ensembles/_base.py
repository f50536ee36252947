"""The sampler contract shared by every ensemble (docs/design.md, "Sampling").

* The constructor describes the ensemble (``n`` is the system size); it takes no ``rng``.
* Sampling methods take ``size`` and a keyword-only ``rng``: ``size=None`` gives one
  sample without a sample axis, an integer ``size`` puts the sample axis first.
* ``rng`` is ``None`` (fresh OS entropy), an ``int``, a ``SeedSequence`` or a ``Generator``
  (whose stream continues), normalised once by :func:`rmt_meso._random.as_generator`.
* A fixed sample of a system with disorder is ``system.realisation(rng)``, drawn at once.
"""

from __future__ import annotations

from .._deprecation import positional_to_keyword
from .._random import as_generator
from .._validate import check_int, check_size

__all__ = ["draw_batch", "drop_sample_axis", "DenseEnsemble", "keyword_rng"]

#: Decorator for sampling methods: ``rng`` is keyword-only, passing it positionally warns.
keyword_rng = positional_to_keyword("rng")


def drop_sample_axis(x, size):
    """``x`` (an array or a tuple of arrays with a leading sample axis) without that axis
    when ``size is None``."""
    if size is not None:
        return x
    if isinstance(x, tuple):
        return tuple(a[0] for a in x)
    return x[0]


def draw_batch(draw, size, rng):
    """``draw(generator, k)`` with ``k = size`` (or 1), the sample axis dropped for ``size=None``.

    ``size`` and ``rng`` are validated here, so every sampler raises the same errors.
    """
    size = check_size(size)
    return drop_sample_axis(draw(as_generator(rng), 1 if size is None else size), size)


class DenseEnsemble:
    """Base of the dense matrix ensembles of a fixed symmetry class (GOE, GUE, GSE, CUE, COE,
    CSE, Ginibre): size check, draw and the sample axis in one place.

    Subclasses implement ``_draw(generator, k) -> ndarray (k, dim, dim)``.
    """

    def __init__(self, n):
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
    def sample(self, size=None, *, rng=None):
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
