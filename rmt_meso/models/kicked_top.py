r"""The quantum kicked top: a Floquet operator of spin j with COE or CUE statistics.

COE (time-reversal symmetric, no parity):

.. math:: U = e^{-i(k_z J_z^2/(2j+1) + p_z J_z)}\,e^{-i p_y J_y};

with :math:`T = e^{-i\pi J_z}K` (K complex conjugation in the :math:`J_z` basis) each
factor F obeys :math:`TFT^{-1} = F^\dagger`, so :math:`U' = A^{1/2}BA^{1/2}` (similar to U) is
T-symmetric with :math:`T^2 = 1`: COE.  The linear :math:`p_zJ_z` breaks the parity
:math:`e^{-i\pi J_y}` of Haake's original top.  CUE (time reversal broken) adds a
third kick, :math:`e^{-i k_x J_x^2/(2j+1)}`, for which no such T exists.  For large
kick strengths (k ~ 10) the classical map is fully chaotic and the eigenphases follow the
circular ensembles.

References
----------
F. Haake, M. Kus and R. Scharf, Z. Phys. B 65, 381 (1987);
F. Haake, *Quantum Signatures of Chaos*, 3rd ed. (Springer, 2010), Secs. 2.12, 4.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validate import check_bool, check_real

__all__ = ["kicked_top", "kicked_top_phases", "spin_matrices"]


def spin_matrices(j: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(J_x, J_y, J_z) for spin j in the J_z basis m = j, j-1, ..., -j."""
    two_j = 2 * check_real("j", j, minimum=0.5)
    if not float(two_j).is_integer():
        raise ValueError(f"j must be a positive integer or half-integer; got {j!r}")
    m = j - np.arange(int(two_j) + 1)
    jp = np.diag(np.sqrt(j * (j + 1) - m[1:] * (m[1:] + 1)), 1)      # J_+ |m> = sqrt(...) |m + 1>
    jx = 0.5 * (jp + jp.T)
    jy = -0.5j * (jp - jp.T)
    return jx, jy, np.diag(m).astype(float)


def _expm_herm(a, t):
    w, v = np.linalg.eigh(a)
    return (v * np.exp(-1j * t * w)) @ v.conj().T


def kicked_top(j: float, *, kz: float = 10.0, pz: float = 0.3, py: float = 1.7, kx: float = 0.0,
               time_reversal: bool = True) -> np.ndarray:
    """Floquet operator of the kicked top (dimension 2j + 1), see the module docstring.

    Parameters
    ----------
    j : int or half-integer
        Spin quantum number.
    kz, pz, py : float
        Twist strength, z-rotation and y-rotation angle.
    kx : float
        Strength of the third (x-twist) kick; used only with ``time_reversal=False``
        (default 5.0 then).
    time_reversal : bool
        True: COE top (two kicks); False: CUE top (three kicks).

    Examples
    --------
    >>> import numpy as np
    >>> u = kicked_top(10)
    >>> bool(np.allclose(u @ u.conj().T, np.eye(21)))
    True
    """
    time_reversal = check_bool("time_reversal", time_reversal)
    kz, pz, py = (check_real(n, v) for n, v in (("kz", kz), ("pz", pz), ("py", py)))
    kx = check_real("kx", kx)
    jx, jy, jz = spin_matrices(j)
    d = jz.shape[0]
    zpart = np.exp(-1j * (kz * np.diag(jz) ** 2 / d + pz * np.diag(jz)))
    u = zpart[:, None] * _expm_herm(jy, py)
    if not time_reversal:
        u = u @ _expm_herm(jx @ jx / d, kx if kx else 5.0)
    elif kx:
        raise ValueError("kx applies only with time_reversal=False (it breaks time reversal)")
    return u


def kicked_top_phases(j: float, **kwargs: Any) -> np.ndarray:
    """Sorted eigenphases in [-pi, pi) of :func:`kicked_top` (same keywords)."""
    w = np.linalg.eigvals(kicked_top(j, **kwargs))
    return np.sort(np.angle(w))
