"""Sweep kernels for disordered wires: ``f(rng, size, **params) -> samples`` for :func:`rmt_meso.sweep`.

The wire claims of ``rmt-meso verify`` and the notebooks average the same few quantities
over disorder; the kernels live here, once, so that no claim imports another's private
sampler.  Each kernel draws ``n`` independent realisations from ``rng`` and returns one row
per realisation.

Conventions
-----------
``g`` is the dimensionless conductance *per spin direction*: ``Σ T_n`` for spinless wires,
``Σ T_n / 2`` for spin-orbit wires (Kramers pairs counted once), so that the universal
values are those of Beenakker, Rev. Mod. Phys. 69, 731 (1997): ``var g = 2/(15 β)``,
``δg_WL = (1 − 2/β)/3``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._blas import single_threaded_blas
from .._random import as_generator
from .._typing import RngLike

__all__ = ["wire_conductance", "paired_flux_conductance"]


def wire_conductance(rng: RngLike, size: int, *, width: int, length: int, W: float, energy: float,
                     flux: float = 0.0, spin_orbit: float | None = None, dim: int = 2) -> np.ndarray:
    """Conductance ``g`` per spin direction of ``size`` disorder realisations of a :class:`Wire`.

    Parameters
    ----------
    rng : None, int, SeedSequence or Generator
    size : int
        Number of realisations.
    width, length : int
        Strip width ``M`` and length ``L`` in lattice constants.
    W : float
        Box-disorder strength (units of the hopping ``t``).
    energy : float
        Fermi energy (units of ``t``).
    flux : float
        Magnetic flux per plaquette in units of ``h/e``.
    spin_orbit : float or None
        Ando spin-orbit angle; ``None`` for a spinless wire.
    dim : {2, 3}

    Returns
    -------
    ndarray, shape (size,)
        ``g = Σ T_n`` (spinless) or ``Σ T_n / 2`` (spin-orbit: Kramers pairs once).

    Examples
    --------
    >>> g = wire_conductance(1, 3, width=6, length=10, W=1.0, energy=0.5)
    >>> g.shape
    (3,)
    """
    from .wire import Wire
    template = Wire(width, length, W=W, flux=flux, spin_orbit=spin_orbit, dim=dim)
    per = 2.0 if template.spinful else 1.0
    with single_threaded_blas():   # small slices: BLAS threads only synchronise
        return np.asarray(template.sample_conductance(energy, size, rng=rng)) / per


def paired_flux_conductance(rng: RngLike, size: int, *, width: int, length: int, W: float, energy: float,
                            fluxes: Sequence[float], spin_orbit: float | None = None) -> np.ndarray:
    """``g`` of each realisation at several total fluxes, the same disorder for all.

    Parameters
    ----------
    fluxes : sequence of float
        Total flux ``Φ`` through the ``width × length`` sample in units of ``h/e`` (the flux
        per plaquette is ``Φ / (width length)``; the field extends uniformly into the leads).
        The other parameters are as in :func:`wire_conductance`.

    Returns
    -------
    ndarray, shape (size, len(fluxes))
        ``g`` per spin direction; paired samples, so that differences ``g(Φ) − g(0)`` are free
        of the sample-to-sample fluctuations common to both fluxes.
    """
    from .wire import Wire
    per = 2.0 if spin_orbit is not None else 1.0
    # one seed for all fluxes: every flux draws the same realisations in the same order
    # (the on-site disorder does not depend on the field), solved in batches
    seed = int(as_generator(rng).integers(0, 2**63 - 1))
    out = np.empty((size, len(fluxes)))
    with single_threaded_blas():
        for k, f in enumerate(fluxes):
            w = Wire(width, length, W=W, flux=f / (width * length), spin_orbit=spin_orbit)
            out[:, k] = w.sample_conductance(energy, size, rng=seed) / per
    return out
