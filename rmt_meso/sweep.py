"""Ensemble averages over a parameter grid, chunked and deterministically seeded.

``sweep(fn, params, n_samples, rng=...)`` calls ``fn(rng, n, **p)`` for every parameter
point ``p`` in chunks of ``n`` samples.  ``fn`` returns an array whose first axis has
length ``n`` (one row per sample).  Seeds come from ``SeedSequence.spawn`` per
(parameter point, chunk), so the numbers do not depend on which worker ran which chunk.

This module is the single path for the heavy averaging of the toolkit: ``verify`` and the
CLI use it too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._random import as_seed_sequence
from ._validate import check_int

__all__ = ["sweep", "SweepResult"]


@dataclass(frozen=True)
class SweepResult:
    """Samples of a sweep and their means with standard errors.

    Attributes
    ----------
    params : list of dict
        The parameter points, in the order given.
    samples : list of ndarray
        ``samples[i]`` has shape ``(n_samples, ...)`` for ``params[i]``.
    """

    params: list
    samples: list

    @property
    def mean(self) -> np.ndarray:
        """Sample means, shape ``(len(params), ...)``."""
        return np.stack([s.mean(axis=0) for s in self.samples])

    @property
    def stderr(self) -> np.ndarray:
        """Standard errors of the means, ``std(ddof=1)/sqrt(n)``."""
        return np.stack([s.std(axis=0, ddof=1) / np.sqrt(s.shape[0]) for s in self.samples])


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


def sweep(fn, params=None, n_samples: int = 1, *, rng=None, chunk: int | None = None,
          executor=None, checkpoint=None, progress: bool = False) -> SweepResult:
    """Sample ``fn`` at every parameter point and collect the results.

    Parameters
    ----------
    fn : callable
        ``fn(rng, n, **p) -> ndarray`` with first axis of length ``n``.  Must be a
        module-level function when run on processes or dask.
    params : dict or sequence of dict, optional
        Parameter points; ``None`` means a single point without parameters.
    n_samples : int
        Samples per parameter point.
    rng : None, int, SeedSequence or Generator
        Root of the seed tree.
    chunk : int, optional
        Samples per task (default: all samples of a point in one chunk).

    Returns
    -------
    SweepResult
    """
    if not callable(fn):
        raise TypeError(f"fn must be callable; got {fn!r}")
    points = _normalise_params(params)
    n_samples = check_int("n_samples", n_samples, minimum=1)
    chunk = n_samples if chunk is None else check_int("chunk", chunk, minimum=1)
    if executor is not None or checkpoint is not None:
        raise ValueError("executor and checkpoint are not supported by this build of sweep; "
                         "use executor=None, checkpoint=None")
    root = as_seed_sequence(rng)
    sizes = [min(chunk, n_samples - start) for start in range(0, n_samples, chunk)]
    point_seeds = root.spawn(len(points))
    samples = []
    for p, ps in zip(points, point_seeds):
        parts = []
        for n, seed in zip(sizes, ps.spawn(len(sizes))):
            out = np.asarray(fn(np.random.default_rng(seed), n, **p))
            if out.ndim == 0 or out.shape[0] != n:
                raise ValueError(f"fn must return an array with first axis of length n={n}; "
                                 f"got shape {out.shape}")
            parts.append(out)
        samples.append(np.concatenate(parts, axis=0))
    return SweepResult(points, samples)
