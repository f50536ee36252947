"""Quasi-1D wires as chains of isotropic scatterers: a Monte-Carlo sampler of the DMPK ensemble.

A disordered wire of N channels (N Kramers pairs for β = 4) and length L is built from
``K`` thin slices.  Each slice reflects every channel with the same probability ρ and is
*isotropic*: its polar decomposition S = diag(u, v) S₀ diag(u', v') has Haar-distributed
unitaries, with u' = uᵀ (β = 1, S = Sᵀ), u' independent (β = 2) or u' = u^R, the quaternion
dual (β = 4, S = S^R).  The product of K such slices converges, for ρ → 0 at fixed
s = L/l, to the Dorokhov–Mello–Pereyra–Kumar (DMPK) distribution of the transmission
eigenvalues (Mello, Pereyra & Kumar 1988; Beenakker 1997, Sec. III.A).

Only the accumulated reflection matrix r' (seen from the right) is carried: adding a slice
maps R = u' r' u to ``√ρ + (1 − ρ)(1 + √ρ R)⁻¹ R`` (the u, v of successive slices combine
into one Haar unitary), and the transmission eigenvalues are those of ``1 − r'† r'``.
Cost O(K N³) per wire.

Mean free path.  The slices' reflection contains, besides the classical (Drude) part, the
coherent backscattering of the slice itself: for β = 1 the diagonal reflection
probabilities of uuᵀ are doubled, so the classical reflection of a slice is
ρ_cl = ρ βN/(βN + 2 − β) (the factor γ = βN + 2 − β of the DMPK equation; ρ_cl = ρ for
β = 2).  ``s`` here is the classical one, s = K ρ_cl/(1 − ρ_cl), so that the Drude
conductance N/(1 + s) is the same for every β and the β-dependence of the averages is
the quantum correction alone (δg = (1 − 2/β)/3 for s ≫ 1).

References
----------
P. A. Mello, P. Pereyra and N. Kumar, Ann. Phys. 181, 290 (1988).
C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. III.A.
F. Mezzadri, Notices AMS 54, 592 (2007) (Haar unitaries).
"""

from __future__ import annotations

import math

import numpy as np

from .._random import draw_batch, keyword_rng
from .._typing import RngLike, SizeLike
from .._validate import check_int, check_real, check_symmetry_class
from .circular import _haar_unitary, _quaternion_dual

__all__ = ["dmpk_transmissions"]

#: default classical reflection per slice (finite-slice corrections are O(rho) in the
#: averages of nonlinear statistics such as sum T(1 - T))
_RHO_DEFAULT = 0.1


def _chain(gen, k_samples, n, s, slices, beta):
    m = 2 * n if beta == 4 else n
    rho_cl = s / (slices + s)
    gamma = beta * n + 2 - beta
    rho = rho_cl * gamma / (beta * n)
    a, c2 = math.sqrt(rho), 1.0 - rho
    eye = np.eye(m)
    r = np.zeros((k_samples, m, m), complex)
    for _ in range(slices):
        u = _haar_unitary(gen, k_samples, m)
        if beta == 1:
            up = np.swapaxes(u, 1, 2)
        elif beta == 4:
            up = _quaternion_dual(u)
        else:
            up = _haar_unitary(gen, k_samples, m)
        big_r = up @ r @ u
        r = a * eye + c2 * np.linalg.solve(eye + a * big_r, big_r)
    rr = np.swapaxes(r.conj(), 1, 2) @ r
    t = np.clip(1.0 - np.linalg.eigvalsh(rr)[:, ::-1], 0.0, 1.0)   # ascending T
    return t[:, ::2] if beta == 4 else t


@keyword_rng
def dmpk_transmissions(n_channels: int, s: float, beta: int, size: SizeLike = None, *,
                       slices: int | None = None, rng: RngLike = None) -> np.ndarray:
    """Transmission eigenvalues of quasi-1D wires drawn from the DMPK ensemble (isotropic slices).

    Parameters
    ----------
    n_channels : int
        Number of channels N >= 1 (Kramers pairs for ``beta = 4``).
    s : float
        Length in units of the (classical, Drude) mean free path, ``s = L/l >= 0``:
        ``N/(1 + s)`` is the Drude conductance for every ``beta``.
    beta : {1, 2, 4}
        Symmetry class (time-reversal symmetric, broken, symplectic).
    size : int, optional
        Number of wires; ``None`` for one wire without a sample axis.
    slices : int, optional
        Number of slices K >= 1 (default ``ceil(s / 0.1)``, i.e. a classical reflection
        ``rho_cl = s/(K + s) <= 0.1`` per slice).  The DMPK law is the limit K -> inf;
        averages of nonlinear statistics carry O(rho_cl) corrections.
    rng : None, int, SeedSequence or Generator

    Returns
    -------
    ndarray, shape (size, n_channels)
        Transmission eigenvalues T_n in [0, 1], ascending; one per Kramers pair for
        ``beta = 4``.

    Notes
    -----
    The chain's classical conductance is exactly N/(1 + s) (series addition of isotropic
    scatterers); the quantum corrections are those of the DMPK equation:
    ``<g> = N/(1+s) + (1 - 2/beta)(1 - (1+s)^-3)/3 + O(1/N)`` (Mello & Stone 1991) and
    ``var g -> 2/(15 beta)``.  Cost O(K N^3) per wire (batched over wires).

    References
    ----------
    P. A. Mello, P. Pereyra and N. Kumar, Ann. Phys. 181, 290 (1988);
    C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. III.A.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import dmpk_transmissions
    >>> t = dmpk_transmissions(4, 2.0, 2, 3, rng=1)
    >>> t.shape, bool(np.all((t >= 0) & (t <= 1)))
    ((3, 4), True)
    >>> bool(np.allclose(dmpk_transmissions(3, 0.0, 1, rng=1), 1.0))
    True
    """
    n = check_int("n_channels", n_channels, minimum=1)
    s = check_real("s", s, minimum=0.0)
    beta = check_symmetry_class(beta)
    if beta == 0:
        raise ValueError("beta must be 1, 2 or 4 (the DMPK symmetry classes); got 0")
    if slices is None:
        slices = max(1, math.ceil(s / _RHO_DEFAULT))
    slices = check_int("slices", slices, minimum=1)
    if s == 0:
        return draw_batch(lambda gen, k: np.ones((k, n)), size, rng)
    return draw_batch(lambda gen, k: _chain(gen, k, n, s, slices, beta), size, rng)
