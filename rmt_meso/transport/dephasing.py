"""Dephasing in a chaotic cavity: Büttiker's voltage probe.

A fictitious third lead φ with ``nphi`` channels is attached to the cavity and its voltage
is set so that it draws no net current.  Electrons entering the probe are re-injected with
a random phase, so the probe removes phase coherence without removing particles.  With the
multi-terminal transmissions ``T_ij = Σ_{a∈i, b∈j} |S_ab|²`` (lead ``i`` ← lead ``j``) of
a cavity with ``N = n1 + n2 + nphi`` channels, current conservation at the probe gives the
effective two-terminal conductance (Büttiker 1986)

.. math::  g = T_{21} + \\frac{T_{2\\varphi} T_{\\varphi 1}}{T_{\\varphi 1} + T_{\\varphi 2}}.

:class:`HamiltonianProbeCavity` realises the probe in the Mahaux–Weidenmüller model with
``nphi`` channels of tunnel probability ``Γ_φ = γ/nphi`` each; ``nphi → ∞`` at fixed
``γ`` is the imaginary-potential model (a uniform absorption rate ``ħ/τ_φ = γΔ/2π``, whose
absorbed current is re-injected so that current is conserved; Brouwer & Beenakker 1997).

The weak-localization correction decreases as ``n1 n2/((n1+n2)(n1+n2+nphi))`` (see
:func:`rmt_meso.theory.cavity.voltage_probe_weak_localization`).  The dephasing rate in
units of the level spacing is ``γ = nphi/(2π)``·Δ (the escape rate into the probe).

β = 4: channels are Kramers pairs and the ``T_ij`` are halved (each pair counted once),
consistent with :mod:`rmt_meso.transport.cavity`.

References
----------
M. Büttiker, Phys. Rev. B 33, 3020 (1986); IBM J. Res. Dev. 32, 63 (1988).
P. W. Brouwer and C. W. J. Beenakker, Phys. Rev. B 55, 4695 (1997).
H. U. Baranger and P. A. Mello, Phys. Rev. B 51, 4703 (1995).
"""

from __future__ import annotations

import numpy as np

from .._random import as_generator
from .._validate import check_array, check_beta, check_int, check_real
from ..ensembles import COE, CSE, CUE
from .cavity import HamiltonianCavity

__all__ = ["VoltageProbeCavity", "HamiltonianProbeCavity", "three_terminal_conductance",
           "lead_transmissions"]


def lead_transmissions(s, sizes, beta, *, tol: float = 1e-10) -> np.ndarray:
    """Multi-terminal transmission matrix ``T_ij = Σ_{a∈i, b∈j} |S_ab|²`` of S-matrices.

    Parameters
    ----------
    s : array_like, shape (size, D, D) or (D, D)
        Unitary S-matrices; channels ordered lead by lead.  For β = 4, D = 2 Σ sizes in
        the block layout ``[[A, B], [−B̄, Ā]]`` (channel c and its Kramers partner N + c).
    sizes : sequence of int
        Channels per lead (Kramers pairs for β = 4).
    beta : {1, 2, 4}
    tol : float
        Unitarity tolerance ``max|S†S − 1|``.

    Returns
    -------
    ndarray, shape (size, L, L)
        Rows are receiving, columns sending leads; each row and column sums to that lead's
        channel number (unitarity).

    Raises
    ------
    ValueError
        Wrong shape or non-unitary ``s``.
    """
    beta = check_beta(beta, allowed=(1, 2, 4))
    sizes = [check_int(f"sizes[{i}]", n, minimum=1) for i, n in enumerate(sizes)]
    n = sum(sizes)
    d = 2 * n if beta == 4 else n
    arr = check_array("s", s, ndim=(2, 3), dtype=complex)
    if arr.ndim == 2:
        arr = arr[None]
    if arr.shape[1:] != (d, d):
        raise ValueError(f"s must have shape (size, {d}, {d}) for sizes={sizes}, beta={beta}; got {arr.shape}")
    err = float(np.max(np.abs(np.conj(np.swapaxes(arr, -1, -2)) @ arr - np.eye(d))))
    if not err <= check_real("tol", tol, minimum=0.0):
        raise ValueError(f"s must be unitary: max|S^dag S - 1| = {err:.3e} > tol = {tol:.1e}")
    p = np.abs(arr) ** 2
    if beta == 4:
        p = 0.5 * (p[:, :n, :n] + p[:, :n, n:] + p[:, n:, :n] + p[:, n:, n:])
    edges = np.concatenate([[0], np.cumsum(sizes)])
    # sum |S_ab|^2 over the blocks of leads (rows i, columns j)
    rows = np.add.reduceat(p, edges[:-1], axis=1)
    return np.add.reduceat(rows, edges[:-1], axis=2)


def three_terminal_conductance(tm) -> np.ndarray:
    """Effective conductance ``g = T21 + T2φ Tφ1/(Tφ1 + Tφ2)`` from 3-terminal transmissions.

    Parameters
    ----------
    tm : array_like, shape (..., 3, 3)
        Transmission matrices with lead order (1, 2, φ), rows receiving.

    Returns
    -------
    ndarray, shape (...)

    Raises
    ------
    ValueError
        If ``Tφ1 + Tφ2 = 0`` somewhere (the probe is disconnected: the formula is undefined).
    """
    tm = check_array("tm", tm, ndim=tuple(range(2, 8)))
    if tm.shape[-2:] != (3, 3):
        raise ValueError(f"tm must have shape (..., 3, 3); got {tm.shape}")
    t21, t2p, tp1, tp2 = tm[..., 1, 0], tm[..., 1, 2], tm[..., 2, 0], tm[..., 2, 1]
    den = tp1 + tp2
    if np.any(den <= 0):
        raise ValueError("Tφ1 + Tφ2 must be > 0 (the voltage probe must be coupled to the leads)")
    return t21 + t2p * tp1 / den


class VoltageProbeCavity:
    """Chaotic cavity with a Büttiker voltage probe of ``nphi`` channels.

    Parameters
    ----------
    n1, n2 : int
        Channels of the current leads (>= 1).
    nphi : int
        Channels of the voltage probe (>= 0; 0 is the coherent cavity).
    beta : {1, 2, 4}

    Examples
    --------
    >>> cav = VoltageProbeCavity(2, 2, 4, beta=2)
    >>> g = cav.conductance(200, rng=0)
    >>> bool(g.shape == (200,) and np.all((g >= 0) & (g <= 2)))
    True
    """

    def __init__(self, n1, n2, nphi, beta):
        self.n1 = check_int("n1", n1, minimum=1)
        self.n2 = check_int("n2", n2, minimum=1)
        self.nphi = check_int("nphi", nphi, minimum=0)
        self.beta = check_beta(beta, allowed=(1, 2, 4))

    def __repr__(self):
        return f"VoltageProbeCavity(n1={self.n1}, n2={self.n2}, nphi={self.nphi}, beta={self.beta})"

    @property
    def n(self) -> int:
        """Total channels N = n1 + n2 + nphi."""
        return self.n1 + self.n2 + self.nphi

    @property
    def dephasing_rate(self) -> float:
        """Escape rate into the probe, ħ/τ_φ = nphi Δ/(2π), in units of Δ."""
        return self.nphi / (2 * np.pi)

    def sample(self, size=None, rng=None) -> np.ndarray:
        """S-matrices from CβE(N), shape (size, D, D), channels ordered (lead 1, lead 2, probe)."""
        k = 1 if size is None else check_int("size", size, minimum=1)
        ens = {1: COE, 2: CUE, 4: CSE}[self.beta](self.n)
        s = np.asarray(ens.sample(k, rng=as_generator(rng)))
        return s[0] if size is None else s

    def transmissions(self, size=None, rng=None) -> np.ndarray:
        """Transmission matrices (size, L, L), L = 3 (or 2 without probe)."""
        s = self.sample(1 if size is None else size, rng)
        sizes = [self.n1, self.n2] + ([self.nphi] if self.nphi else [])
        tm = lead_transmissions(s, sizes, self.beta)
        return tm[0] if size is None else tm

    def conductance(self, size=None, rng=None) -> np.ndarray:
        """Effective two-terminal conductance per sample (dimensionless)."""
        tm = self.transmissions(1 if size is None else size, rng)
        g = three_terminal_conductance(tm) if self.nphi else tm[:, 1, 0]
        return float(g[0]) if size is None else g


class HamiltonianProbeCavity:
    """Mahaux–Weidenmüller cavity with a dephasing probe of total strength γ.

    The probe has ``nphi`` channels of transmission ``γ/nphi`` each (``nphi >= γ``), coupled
    to an M-level Gaussian-ensemble Hamiltonian together with ``n1`` and ``n2`` ideal lead
    channels (:class:`rmt_meso.transport.cavity.HamiltonianCavity`).  The dephasing rate is
    ``ħ/τ_φ = γΔ/2π``; in the large-N limit only γ matters and the weak-localization
    correction is ``(1 − 2/β) n1 n2/((n1 + n2)(n1 + n2 + γ))``
    (:func:`rmt_meso.theory.cavity.dephasing_weak_localization`).  Many weakly coupled
    channels (``nphi ≫ γ``) approach the imaginary-potential model.

    Parameters
    ----------
    M : int
        Levels (>= n1 + n2 + nphi).
    n1, n2 : int
        Ideal channels of the current leads (>= 1).
    beta : {1, 2, 4}
    gamma : float
        Total probe transmission γ = Σ_φ Γ_φ > 0.
    nphi : int
        Probe channels, ``nphi >= gamma`` (so that each Γ_φ <= 1).

    References
    ----------
    P. W. Brouwer and C. W. J. Beenakker, Phys. Rev. B 55, 4695 (1997).
    """

    def __init__(self, M, n1, n2, beta, gamma, nphi):
        self.n1 = check_int("n1", n1, minimum=1)
        self.n2 = check_int("n2", n2, minimum=1)
        self.nphi = check_int("nphi", nphi, minimum=1)
        self.gamma = check_real("gamma", gamma, minimum=0.0, min_inclusive=False)
        if self.gamma > self.nphi:
            raise ValueError(f"gamma must be <= nphi (each probe channel has transmission gamma/nphi <= 1); "
                             f"got gamma={gamma}, nphi={nphi}")
        coupling = np.concatenate([np.ones(self.n1 + self.n2), np.full(self.nphi, self.gamma / self.nphi)])
        self.cavity = HamiltonianCavity(M, self.n1, self.n2 + self.nphi, beta, coupling=coupling)
        self.beta = self.cavity.beta

    def __repr__(self):
        return (f"HamiltonianProbeCavity(M={self.cavity.M}, n1={self.n1}, n2={self.n2}, beta={self.beta}, "
                f"gamma={self.gamma}, nphi={self.nphi})")

    def transmissions(self, size, rng=None, *, energy: float = 0.0) -> np.ndarray:
        """Transmission matrices (size, 3, 3) in lead order (1, 2, φ)."""
        s = self.cavity.sample(check_int("size", size, minimum=1), rng, energy=energy).s
        return lead_transmissions(s, [self.n1, self.n2, self.nphi], self.beta)

    def conductance(self, size, rng=None, *, energy: float = 0.0) -> np.ndarray:
        """Effective two-terminal conductance per sample (three-terminal formula)."""
        return three_terminal_conductance(self.transmissions(size, rng, energy=energy))
