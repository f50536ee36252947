"""Edge statistics: the largest eigenvalue of a Gaussian beta-ensemble on the Tracy-Widom scale."""

from __future__ import annotations

import numpy as np

from .._typing import ArrayLike
from .._validate import check_array
from ..theory.tracy_widom import edge_scaling

__all__ = ["largest_eigenvalue_scaled"]


def largest_eigenvalue_scaled(eigs: ArrayLike, beta: float, n: int) -> np.ndarray | float:
    r"""Largest eigenvalue of each spectrum, centred and scaled to the Tracy-Widom variable.

    Parameters
    ----------
    eigs : array_like, shape (k,) or (m, k)
        Eigenvalues of one spectrum or of a batch (sample axis first); the maximum is
        taken along the last axis, so partial spectra containing the top level are fine.
        To scale a vector of maxima already extracted, pass it as shape ``(m, 1)``.
    beta : float
        Dyson index > 0 of the Gaussian ensemble.
    n : int
        Matrix size (number of distinct levels; GSE: Kramers pairs).

    Returns
    -------
    float or ndarray, shape (m,)
        :math:`\chi = (\lambda_{\max} - \sqrt{2\beta n})\sqrt{2/\beta}\,n^{1/6}`
        (the map of :func:`rmt_meso.theory.edge_scaling`, valid for any beta > 0), to be compared with :math:`\mathrm{TW}_\beta`
        in the beta-ensemble convention (:mod:`rmt_meso.theory.tracy_widom`): mean -1.2065
        (beta = 1), -1.7711 (2), -2.0552 (4).

    Raises
    ------
    ValueError
        Empty or non-finite input, beta <= 0, n < 1.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import largest_eigenvalue_scaled
    >>> bool(np.isclose(largest_eigenvalue_scaled([1.0, 16.5], 2, 64), 1.0))
    True
    """
    e = check_array("eigs", eigs, ndim=(1, 2), min_size=1)
    if e.shape[-1] == 0:
        raise ValueError("eigs must contain at least one eigenvalue per spectrum; got an empty spectrum")
    centre, width = edge_scaling(beta, n)
    chi = (e.max(axis=-1) - centre) / width
    return float(chi) if np.ndim(chi) == 0 else chi
