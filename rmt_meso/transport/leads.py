"""Semi-infinite translation-invariant leads: modes, velocities and exact self-energies.

A lead is a periodic chain of unit cells ``j`` with the Hamiltonian

.. math::

    H = \\sum_j \\Big( h_0\\, |j\\rangle\\langle j| + h_1\\, |j+1\\rangle\\langle j|
        + h_1^\\dagger\\, |j\\rangle\\langle j+1| \\Big),

so ``h1`` is the hopping **from cell j to cell j+1** (the +x direction): the block
:math:`H_{j+1,j} = h_1`.  A Bloch solution :math:`\\psi_j = \\lambda^j\\varphi` obeys

.. math::

    \\big(E - h_0 - \\lambda^{-1} h_1 - \\lambda h_1^\\dagger\\big)\\varphi = 0,

solved here as the generalized eigenproblem of the transfer matrix in the pair
:math:`(\\psi_j, \\psi_{j-1})`; ``h1`` may be singular, complex (magnetic flux in a
gauge that keeps the lead periodic) and carry spin (spin-orbit coupling).

Conventions
-----------
* Propagating modes (:math:`|\\lambda| = 1`, :math:`\\lambda = e^{ik}`) are normalised to unit
  probability current :math:`v = 2\\,\\mathrm{Im}(\\bar\\lambda\\,\\varphi^\\dagger h_1 \\varphi) = \\pm 1`
  (ħ = 1, lattice constant 1); within degenerate groups the current is diagonalised so that
  the modes carry independent currents.  Right-moving modes (``v > 0``) are sorted by
  momentum k; each wave function's largest component is made real positive.
* Where ``h0`` and ``h1`` are real the lead is time-reversal symmetric and the left-moving
  modes are *defined* as the complex conjugates of the right-moving ones (the
  "time-reversal basis"), which makes :math:`S = S^T` for a time-reversal-invariant
  scatterer.
* Attached on the **left** of a scattering region, a lead's incoming modes are the
  right-moving ones; attached on the **right**, the left-moving ones.
* Evanescent modes: ``decaying`` (:math:`|\\lambda| < 1`, decaying towards +x) and
  ``growing`` (:math:`|\\lambda| > 1`, decaying towards -x).
* At energies with no propagating mode (outside every band) ``n_open = 0``; the
  self-energy is then Hermitian and exact.  Energies within 1e-9 of a band edge (zero
  velocity) raise :class:`~rmt_meso.ConvergenceError`.

The retarded self-energy of a lead attached on the right of the last slice is
:math:`\\Sigma_R = h_1^\\dagger F_+` with :math:`\\psi_{j+1} = F_+\\psi_j` for outgoing (right-moving
or decaying) solutions; on the left, :math:`\\Sigma_L = h_1 F_-` with
:math:`\\psi_{j-1} = F_-\\psi_j`.  Sancho–Rubio decimation gives the same matrices by an
independent route (``method="decimation"``).

References
----------
T. Ando, Phys. Rev. B 44, 8017 (1991) (mode matching, current normalisation).
M. Wimmer, PhD thesis, Universität Regensburg (2008), ch. 2–3.
M. P. López Sancho, J. M. López Sancho, J. Rubio, J. Phys. F 15, 851 (1985) (decimation).
C. W. Groth, M. Wimmer, A. R. Akhmerov, X. Waintal, New J. Phys. 16, 063065 (2014) (Kwant).
"""

from __future__ import annotations

import hashlib
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import scipy.linalg as sla

from .._typing import ArrayLike
from .._validate import ConvergenceError, check_array, check_choice, check_int, check_real

__all__ = ["Lead", "LeadModes", "shared_lead"]

_UNIT_TOL = 1e-7     # |abs(lambda) - 1| below this: propagating
_DEGEN_TOL = 1e-7    # |lambda_a - lambda_b| below this: one degenerate group
_CROSSING_TOL = 1e-3  # ... or below this with orthogonal modes (a band crossing)
_EDGE_TOL = 1e-9     # |v| below this (before normalisation): band edge
_SCHUR_COND = 1e6   # (Frobenius) condition of the mode basis / slowest velocity above this: Schur basis
_SLOW_VEL = 0.05     # propagating modes with |v| < this × max|h1|: refined from H(k) (_refine_slow)
_SHARED_LEADS = 64   # small leads kept alive by shared_lead (least recently used dropped)
_SHARED_MAX_SIZE = 128  # cells above this many orbitals are shared only while something holds them


@dataclass(frozen=True)
class LeadModes:
    """Modes of a lead at one energy (all arrays are read-only views of the solution).

    Attributes
    ----------
    energy : float
    right, left : ndarray, shape (m, n_open)
        Propagating wave functions :math:`\\varphi` on one unit cell, right-moving
        (v = +1) and left-moving (v = -1), unit current.
    momenta_right, momenta_left : ndarray, shape (n_open,)
        Longitudinal momenta k (:math:`\\lambda = e^{ik}`), in (-π, π].
    velocities_right, velocities_left : ndarray, shape (n_open,)
        Group velocities :math:`dE/dk` (units of t × lattice constant / ħ) before the current
        normalisation (positive, resp. negative).
    decaying, growing : ndarray, shape (m, n_decaying), (m, n_growing)
        Evanescent wave functions decaying towards +x (:math:`|\\lambda|<1`) and towards
        -x (:math:`|\\lambda|>1`, stored by :math:`1/\\lambda`).
    lambda_decaying, inv_lambda_growing : ndarray
    time_reversal_basis : bool
        ``left == right.conj()`` by construction (real h0 and h1).
    """

    energy: float
    right: np.ndarray
    left: np.ndarray
    momenta_right: np.ndarray
    momenta_left: np.ndarray
    velocities_right: np.ndarray
    velocities_left: np.ndarray
    decaying: np.ndarray
    growing: np.ndarray
    lambda_decaying: np.ndarray
    inv_lambda_growing: np.ndarray
    time_reversal_basis: bool

    @property
    def n_open(self) -> int:
        """Number of open channels (right-moving = left-moving modes)."""
        return self.right.shape[1]

    @property
    def lambda_right(self) -> np.ndarray:
        return np.exp(1j * self.momenta_right)

    @property
    def lambda_left(self) -> np.ndarray:
        return np.exp(1j * self.momenta_left)


@dataclass(frozen=True)
class _Solution:
    """Everything the S-matrix solver needs from one lead at one energy."""

    modes: LeadModes
    sigma_right: np.ndarray      # self-energy when attached on the right, h1^† F+
    sigma_left: np.ndarray       # self-energy when attached on the left, h1 F-
    proj_right: np.ndarray       # (n, m): amplitudes of right-moving modes in psi (outgoing, right lead)
    proj_left: np.ndarray        # (n, m): amplitudes of left-moving modes (outgoing, left lead)
    source_left: np.ndarray      # (m, n): source on the first slice for incoming right-movers
    source_right: np.ndarray     # (m, n): source on the last slice for incoming left-movers


def _phase_fix(vecs):
    """Make the largest component of each column real positive (deterministic gauge)."""
    if vecs.shape[1] == 0:
        return vecs
    idx = np.argmax(np.abs(vecs) - 1e-12 * np.arange(vecs.shape[0])[:, None], axis=0)
    ph = vecs[idx, np.arange(vecs.shape[1])]
    return vecs * (np.abs(ph) / ph)[None, :]


def _current_matrix(phi, lam, h1):
    """Current :math:`-i(\\bar\\lambda \\varphi_a^\\dagger h_1 \\varphi_b - c.c.)` within a group."""
    a = np.conj(lam) * (phi.conj().T @ h1 @ phi)
    return -1j * (a - a.conj().T)


class Lead:
    """A semi-infinite, translation-invariant lead with unit cell ``h0`` and hopping ``h1``.

    Parameters
    ----------
    h0 : array_like, shape (m, m)
        Hermitian unit-cell Hamiltonian.
    h1 : array_like, shape (m, m)
        Hopping from cell j to cell j+1 (:math:`H_{j+1,j} = h_1`), any complex matrix, not
        identically zero.

    Notes
    -----
    Modes and self-energies are computed once per energy and cached (up to
    ``cache_size`` energies), so that many disorder realisations sharing a lead pay for it
    once.  When ``h1`` is a multiple of the identity the transverse problem separates and the
    modes come from one Hermitian eigendecomposition of ``h0`` (``algorithm="separable"``);
    otherwise (``"general"``, which a test checks agrees) from the eigenproblem of the
    2m × 2m transfer matrix — the standard one when ``h1`` is invertible (condition number
    below 1e8); when it is singular with rank r < m (e.g. a graphene cell, whose h1 couples only
    the edge atoms of a cell) from a 2r × 2r pencil on the coupled subspaces of its SVD, the
    other 2(m − r) solutions (λ = 0, ∞) being exact (``Lead._reduced_modes``), with the full
    2m × 2m generalized pencil as fallback.
    When a singular ``h1`` makes λ = 0 (or ∞) defective — the eigenvectors then do not span
    the evanescent subspace, as for an armchair graphene cell cut through its denser bond
    row — ``F±`` are built from the ordered-QZ Schur basis of that subspace instead; the same
    basis is used whenever the eigenvector basis is poorly conditioned for the slowest mode's
    velocity v (condition number / min(1, |v|) above 1e6, e.g. the nearly dependent evanescent
    modes next to a flat Landau band).  Slow propagating
    modes (:math:`|v| < 0.05\\max|h_1|`) are recomputed as eigenvectors of the Hermitian
    :math:`H(k)` so that their current normalisation stays accurate next to a threshold.

    Examples
    --------
    >>> lead = Lead([[0.0]], [[-1.0]])               # 1D chain, band [-2, 2]
    >>> m = lead.modes(0.0)
    >>> m.n_open, bool(np.isclose(m.velocities_right[0], 2.0))
    (1, True)
    >>> bool(np.allclose(lead.self_energy(0.0), -1j))  # Σ = -i t at the band centre
    True
    """

    def __init__(self, h0: ArrayLike, h1: ArrayLike, *, cache_size: int = 256):
        h0 = check_array("h0", h0, ndim=2, dtype=complex)
        h1 = check_array("h1", h1, ndim=2, dtype=complex)
        m = h0.shape[0]
        if h0.shape != (m, m) or m == 0:
            raise ValueError(f"h0 must be a non-empty square matrix; got shape {h0.shape}")
        if h1.shape != (m, m):
            raise ValueError(f"h1 must have the shape of h0, {(m, m)}; got {h1.shape}")
        scale = max(np.max(np.abs(h0)), np.max(np.abs(h1)))
        if not np.any(h1):
            raise ValueError("h1 must not vanish: a lead without hopping carries no current")
        if np.max(np.abs(h0 - h0.conj().T)) > 1e-12 * scale:
            raise ValueError("h0 must be Hermitian (max|h0 - h0^dag| > 1e-12 max|h|)")
        self.cache_size = check_int("cache_size", cache_size, minimum=0)
        self.h0 = 0.5 * (h0 + h0.conj().T)
        self.h1 = np.array(h1)                # own copy: the caller's array stays writeable
        self.h0.setflags(write=False)
        self.h1.setflags(write=False)
        self.size = m
        self.time_reversal_symmetric = bool(not np.any(self.h0.imag) and not np.any(self.h1.imag))
        c = h1[0, 0]
        self._separable = bool(np.allclose(h1, c * np.eye(m), rtol=0, atol=1e-14 * scale) and c != 0)
        self._eigh = None
        self._thresholds: np.ndarray | None = None
        self._cache: dict[tuple[float, bool], _Solution] = {}
        # (h1^†)^{-1} when h1 is well conditioned (every lattice lead here): standard eig
        uu, sv, vh = np.linalg.svd(h1)
        self._h1_inv_dag = np.linalg.inv(h1.conj().T) if sv[-1] > 1e-8 * sv[0] else None
        # singular h1 = U S V^†: the rank-r reduction of the mode problem (_reduced_modes)
        rank = int(np.sum(sv > 1e-12 * sv[0]))
        self._svd = None
        if self._h1_inv_dag is None and rank < m:
            v = vh.conj().T
            self._svd = (uu[:, :rank], sv[:rank], v[:, :rank], uu[:, rank:], v[:, rank:])
        self._h1_scale = float(np.max(np.abs(h1)))

    def __repr__(self):
        return f"Lead(size={self.size}, time_reversal_symmetric={self.time_reversal_symmetric})"

    # ------------------------------------------------------------------ public API
    def modes(self, energy: float, *, algorithm: str = "auto") -> LeadModes:
        """Propagating and evanescent modes at ``energy``.

        Parameters
        ----------
        energy : float
        algorithm : {"auto", "general", "separable"}
            ``"separable"`` needs ``h1`` proportional to the identity.

        Returns
        -------
        LeadModes

        Raises
        ------
        rmt_meso.ConvergenceError
            At a band edge (a mode with zero velocity) or if the mode basis is singular.
        """
        return self._solve(energy, algorithm).modes

    def self_energy(self, energy: float, *, side: str = "right", method: str = "modes",
                    eta: float = 1e-10, max_iter: int = 200) -> np.ndarray:
        """Exact retarded self-energy of the lead on the slice it is attached to.

        Parameters
        ----------
        energy : float
        side : {"right", "left"}
            ``"right"``: the lead occupies the cells after the last slice (+x side),
            :math:`\\Sigma = h_1^\\dagger g_s h_1`; ``"left"``: the cells before the first
            slice, :math:`\\Sigma = h_1 g_s h_1^\\dagger`, with :math:`g_s` the surface Green's
            function of the semi-infinite lead.
        method : {"modes", "decimation"}
            ``"modes"``: from the lead's eigenmodes (exact, default).  ``"decimation"``:
            López Sancho–Rubio iteration at ``energy + i*eta`` (an independent algorithm,
            accurate to O(eta/v) near real energies).
        eta : float
            Positive broadening of the decimation.
        max_iter : int
            Iteration cap of the decimation (it doubles the decimated length each step).

        Returns
        -------
        ndarray, shape (m, m)

        Raises
        ------
        rmt_meso.ConvergenceError
            If the decimation does not converge within ``max_iter`` steps.
        """
        side = check_choice("side", side, ("right", "left"))
        method = check_choice("method", method, ("modes", "decimation"))
        if method == "modes":
            sol = self._solve(energy, "auto")
            return (sol.sigma_right if side == "right" else sol.sigma_left).copy()
        energy = check_real("energy", energy)
        eta = check_real("eta", eta, minimum=0.0, min_inclusive=False)
        max_iter = check_int("max_iter", max_iter, minimum=1)
        hop = self.h1 if side == "right" else self.h1.conj().T
        gs = _sancho_rubio(energy + 1j * eta, self.h0, hop, max_iter)
        return hop.conj().T @ gs @ hop

    def n_open(self, energy: float) -> int:
        """Number of open channels at ``energy``."""
        return self.modes(energy).n_open

    def bloch_hamiltonian(self, k: float) -> np.ndarray:
        """:math:`H(k) = h_0 + e^{-ik} h_1 + e^{ik} h_1^\\dagger` (Hermitian for real k).

        Its eigenvalues are the subbands :math:`E_n(k)`: a Bloch solution
        :math:`\\psi_j = e^{ikj}\\varphi` has energy E where :math:`H(k)\\varphi = E\\varphi`.
        """
        k = check_real("k", k)
        return self.h0 + np.exp(-1j * k) * self.h1 + np.exp(1j * k) * self.h1.conj().T

    def thresholds(self) -> np.ndarray:
        """Subband thresholds: every band extremum :math:`dE_n/dk = 0`, sorted ascending.

        At these energies a channel opens or closes (a mode of zero velocity), and the mode
        problem is singular.  They also include the energies where two sorted subbands touch
        with a kink (band crossings, e.g. Kramers points at k = 0, π with spin-orbit
        coupling), where propagating modes are degenerate.

        Returns
        -------
        ndarray
            Energies in units of the hopping, ascending, duplicates (within 1e-12) merged.

        Notes
        -----
        Separable leads (``h1`` ∝ 1): exactly :math:`\\epsilon_n \\pm 2|c|` from the
        eigenvalues :math:`\\epsilon_n` of ``h0``.  Otherwise each sorted band is sampled on
        256 momenta, every local extremum on the grid is refined by Brent's bounded
        minimisation (to ~1e-12 in energy).  Computed once per lead.
        """
        if self._thresholds is None:
            self._thresholds = self._compute_thresholds()
        return self._thresholds.copy()

    def _compute_thresholds(self) -> np.ndarray:
        if self._separable:
            eps = np.linalg.eigvalsh(self.h0)
            c = abs(self.h1[0, 0])
            out = np.concatenate([eps - 2 * c, eps + 2 * c])
        else:
            from scipy.optimize import minimize_scalar
            nk = 256
            ks = np.linspace(-np.pi, np.pi, nk, endpoint=False)
            h1, h1d = self.h1, self.h1.conj().T
            hk = (self.h0[None] + np.exp(-1j * ks)[:, None, None] * h1[None]
                  + np.exp(1j * ks)[:, None, None] * h1d[None])
            bands = np.linalg.eigvalsh(hk)                       # (nk, m), sorted per k
            found: list[list[float]] = []
            step = ks[1] - ks[0]
            for n in range(self.size):
                b = bands[:, n]
                prev, nxt = np.roll(b, 1), np.roll(b, -1)
                for i in np.flatnonzero(((b <= prev) & (b <= nxt)) | ((b >= prev) & (b >= nxt))):
                    sign = 1.0 if b[i] <= prev[i] else -1.0

                    def f(k, n=n, sign=sign):
                        return sign * np.linalg.eigvalsh(self.bloch_hamiltonian(k))[n]
                    res = minimize_scalar(f, bounds=(ks[i] - step, ks[i] + step), method="bounded",
                                          options={"xatol": 1e-10})
                    found.append([sign * min(res.fun, f(ks[i]))])
            out = np.concatenate(found)
        out = np.sort(out)
        keep = np.concatenate([[True], np.diff(out) > 1e-12])
        return out[keep]

    def nearest_threshold(self, energy: float) -> tuple[float, float]:
        """``(E_n, energy - E_n)``: the subband threshold closest to ``energy`` and the offset."""
        energy = check_real("energy", energy)
        th = self.thresholds()
        i = int(np.argmin(np.abs(th - energy)))
        return float(th[i]), float(energy - th[i])

    # ------------------------------------------------------------------ kernels
    def _solve(self, energy, algorithm="auto") -> _Solution:
        energy = check_real("energy", energy)
        algorithm = check_choice("algorithm", algorithm, ("auto", "general", "separable"))
        if algorithm == "separable" and not self._separable:
            raise ValueError("algorithm='separable' needs h1 proportional to the identity")
        use_sep = self._separable if algorithm == "auto" else algorithm == "separable"
        key = (energy, use_sep)
        sol = self._cache.get(key)
        if sol is None:
            sol = self._compute(energy, use_sep)
            if self.cache_size:
                if len(self._cache) >= self.cache_size:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[key] = sol
        return sol

    def _raw_modes(self, energy, separable):
        """Return (vectors w at cell j-1, vectors u at cell j, lambda as (alpha, beta))."""
        m = self.size
        h0, h1 = self.h0, self.h1
        if separable:
            # h1 = c·1: transverse eigenmodes of h0, each a 1D chain
            # E = eps + c/λ + conj(c) λ  ->  conj(c) λ² + (eps - E) λ + c = 0.
            if self._eigh is None:
                self._eigh = np.linalg.eigh(h0)
            eps, vec = self._eigh
            c = h1[0, 0]
            b = eps - energy
            disc = np.sqrt((b * b - 4 * abs(c) ** 2).astype(complex))
            # stable roots: product of the two roots is c/conj(c) (unit modulus)
            sgn = np.where(np.real(np.conj(b) * disc) >= 0, 1.0, -1.0)
            q = -(b + sgn * disc) / 2
            r1 = q / np.conj(c)
            r2 = c / q
            lam = np.concatenate([r1, r2])
            w = np.concatenate([vec, vec], axis=1).astype(complex)
            u = w * lam[None, :]
            return w, u, lam, np.ones_like(lam)
        if self._h1_inv_dag is not None:
            # h1 invertible and well conditioned: the standard eigenproblem of the transfer
            # matrix T = B^{-1} A (zgeev, ~2-3x cheaper than the generalized zggev)
            hi = self._h1_inv_dag
            tm = np.zeros((2 * m, 2 * m), complex)
            tm[:m, :m] = hi @ (energy * np.eye(m) - h0)
            tm[:m, m:] = -(hi @ h1)
            tm[m:, :m] = np.eye(m)
            lam, vr = sla.eig(tm, overwrite_a=True, check_finite=False)
            return vr[m:], vr[:m], lam, np.ones_like(lam)
        if self._svd is not None:
            out = self._reduced_modes(energy)
            if out is not None:
                return out
        a = np.zeros((2 * m, 2 * m), complex)
        b = np.zeros((2 * m, 2 * m), complex)
        # (E - h0) u - h1 w = λ h1^† u ;  u = λ w       with (u, w) = (ψ_j, ψ_{j-1})
        a[:m, :m] = energy * np.eye(m) - h0
        a[:m, m:] = -h1
        a[m:, :m] = np.eye(m)
        b[:m, :m] = h1.conj().T
        b[m:, m:] = np.eye(m)
        (alpha, beta), vr = sla.eig(a, b, homogeneous_eigvals=True, overwrite_a=True, overwrite_b=True,
                                    check_finite=False)
        return vr[m:], vr[:m], alpha, beta

    def _reduced_modes(self, energy):
        """Modes of a lead with singular ``h1`` from a 2r × 2r pencil (r = rank h1).

        With :math:`h_1 = U S V^\\dagger` (U, V: m × r) only :math:`a_j = V^\\dagger\\psi_j` (what
        cell j sends on) and :math:`b_j = U^\\dagger\\psi_j` (what it receives) enter the coupling:
        :math:`\\psi_j = G\\,(U S a_{j-1} + V S b_{j+1})` with :math:`G = (E - h_0)^{-1}`.  For
        :math:`\\psi_j = \\lambda^j\\varphi`, :math:`x = a_0`, :math:`y = \\lambda b_0`:

        .. math::

            \\begin{pmatrix} V^\\dagger G U S & 0 \\\\ -U^\\dagger G U S & 1 \\end{pmatrix}
            \\begin{pmatrix} x \\\\ y \\end{pmatrix} = \\lambda
            \\begin{pmatrix} 1 & -V^\\dagger G V S \\\\ 0 & U^\\dagger G V S \\end{pmatrix}
            \\begin{pmatrix} x \\\\ y \\end{pmatrix},

        and :math:`\\varphi \\propto G\\,(U S x + \\lambda V S y)`.  The other 2(m − r) solutions
        are exact: λ = 0 with ψ_{j-1} in ker h1 (columns of V⊥) and λ = ∞ with ψ_j in ker h1^†
        (U⊥).  The same as the full 2m × 2m pencil, (2m/2r)³ cheaper (an armchair graphene cell:
        m = 26, r = 6).  Returns None (use the full pencil) when E - h0 is nearly singular.
        """
        m = self.size
        u, sv, v, u_perp, v_perp = self._svd
        r = sv.size
        g_inv = energy * np.eye(m) - self.h0
        try:
            lu = sla.lu_factor(g_inv, check_finite=False)
        except (np.linalg.LinAlgError, ValueError):
            return None
        diag = np.abs(np.diag(lu[0]))
        if diag.min() < 1e-10 * max(diag.max(), 1.0):
            return None
        us, vs = u * sv[None, :], v * sv[None, :]
        g_us, g_vs = np.split(sla.lu_solve(lu, np.concatenate([us, vs], axis=1), check_finite=False), 2, axis=1)
        a = np.zeros((2 * r, 2 * r), complex)
        b = np.zeros((2 * r, 2 * r), complex)
        a[:r, :r] = v.conj().T @ g_us
        a[r:, :r] = -(u.conj().T @ g_us)
        a[r:, r:] = np.eye(r)
        b[:r, :r] = np.eye(r)
        b[:r, r:] = -(v.conj().T @ g_vs)
        b[r:, r:] = u.conj().T @ g_vs
        (alpha, beta), vr = sla.eig(a, b, homogeneous_eigvals=True, overwrite_a=True, overwrite_b=True,
                                    check_finite=False)
        # φ ∝ G (U S x β + V S y α) (homogeneous: λ = α/β); u = λ w has the same direction
        w = g_us @ (vr[:r] * beta[None, :]) + g_vs @ (vr[r:] * alpha[None, :])
        k = m - r
        w_all = np.concatenate([w, v_perp, np.zeros((m, k))], axis=1)
        u_all = np.concatenate([w, np.zeros((m, k)), u_perp], axis=1)
        alpha_all = np.concatenate([alpha, np.zeros(k), np.ones(k)])
        beta_all = np.concatenate([beta, np.ones(k), np.zeros(k)])
        return w_all, u_all, alpha_all, beta_all

    def _compute(self, energy, separable) -> _Solution:
        m = self.size
        h1 = self.h1
        w, u, alpha, beta = self._raw_modes(energy, separable)
        absa, absb = np.abs(alpha), np.abs(beta)
        prop = np.abs(absa - absb) <= _UNIT_TOL * np.maximum(absb, absa)
        dec = (~prop) & (absa < absb)
        gro = (~prop) & (absa > absb)
        # propagating: λ on the unit circle (snap round-off), wave function from w
        lam_p = alpha[prop] / beta[prop]
        lam_p = lam_p / np.abs(lam_p)
        phi_p = w[:, prop]
        right, left, lr, ll, vr_, vl_ = self._orient(phi_p, lam_p, energy)
        if self.time_reversal_symmetric:
            # time-reversal basis: left-movers are the conjugates of the right-movers
            left, ll, vl_ = right.conj(), np.conj(lr), -vr_
        kr, kl = np.angle(lr), np.angle(ll)
        lam_d = alpha[dec] / beta[dec]
        e_d = w[:, dec]
        ilam_g = beta[gro] / alpha[gro]
        e_g = u[:, gro]
        e_d = e_d / np.linalg.norm(e_d, axis=0, keepdims=True) if e_d.size else e_d.reshape(m, 0)
        e_g = e_g / np.linalg.norm(e_g, axis=0, keepdims=True) if e_g.size else e_g.reshape(m, 0)
        n = right.shape[1]
        if n + e_d.shape[1] != m or n + e_g.shape[1] != m:
            raise ConvergenceError(
                f"lead mode count inconsistent at energy {energy!r}: {n} propagating pairs, "
                f"{e_d.shape[1]} decaying, {e_g.shape[1]} growing for cell size {m}; "
                "h1 may be singular in a way the mode basis cannot represent")
        modes = LeadModes(energy, right, left, kr, kl, vr_, vl_, e_d, e_g, lam_d, ilam_g,
                          self.time_reversal_symmetric)
        for arr in (right, left, kr, kl, vr_, vl_, e_d, e_g, lam_d, ilam_g):
            arr.setflags(write=False)
        # outgoing bases: right lead (right-movers + decaying), left lead (left-movers + growing)
        b_r = np.concatenate([right, e_d], axis=1)
        b_l = np.concatenate([left, e_g], axis=1)
        lam_r = np.concatenate([np.exp(1j * kr), lam_d])
        ilam_l = np.concatenate([np.exp(-1j * kl), ilam_g])
        cond, binv_r, binv_l = _basis_inverses(b_r, b_l)
        # error of F± ~ eps·cond, and of S ~ eps·cond/|v| for a slow mode (Σ's anti-Hermitian
        # part is ∝ v): switch to the Schur basis where that estimate exceeds ~1e-10
        v_min = min(1.0, float(np.min(np.abs(vr_))) / self._h1_scale) if n else 1.0
        if separable or cond / v_min <= _SCHUR_COND:
            f_plus = (b_r * lam_r[None, :]) @ binv_r     # ψ_{j+1} = F+ ψ_j
            f_minus = (b_l * ilam_l[None, :]) @ binv_l   # ψ_{j-1} = F- ψ_j
        else:
            # nearly dependent evanescent eigenvectors (close λ pairs in a flat Landau band;
            # singular h1 with a defective λ = 0 or ∞, e.g. an armchair cell cut through its
            # denser bond row, where they do not span at all): use the ordered-QZ Schur bases
            # of the evanescent subspaces, which stay well conditioned
            b_r, m_d, b_l, n_g = self._evanescent_schur(energy, dec.sum(), gro.sum())
            b_r = np.concatenate([right, b_r], axis=1)
            b_l = np.concatenate([left, b_l], axis=1)
            cond, binv_r, binv_l = _basis_inverses(b_r, b_l)
            p_r = np.zeros((m, m), complex)
            p_r[:n, :n] = np.diag(np.exp(1j * kr))
            p_r[n:, n:] = m_d
            p_l = np.zeros((m, m), complex)
            p_l[:n, :n] = np.diag(np.exp(-1j * kl))
            p_l[n:, n:] = n_g
            f_plus = b_r @ p_r @ binv_r
            f_minus = b_l @ p_l @ binv_l
        if cond > 1e10:
            raise ConvergenceError(f"ill-conditioned lead mode basis at energy {energy!r} "
                                   f"(condition number {cond:.1e}); is the energy at a band edge?")
        sigma_r = h1.conj().T @ f_plus
        sigma_l = h1 @ f_minus
        # sources of incoming waves (see rgf.py): s = h1 (λ^{-1} - F-) φ  on the first slice,
        # s' = h1^† (λ - F+) φ' on the last slice
        src_l = h1 @ (right * np.exp(-1j * kr)[None, :] - f_minus @ right)
        src_r = h1.conj().T @ (left * np.exp(1j * kl)[None, :] - f_plus @ left)
        return _Solution(modes, sigma_r, sigma_l, binv_r[:n], binv_l[:n], src_l, src_r)

    def _evanescent_schur(self, energy, n_dec, n_gro):
        """Schur bases of the decaying and growing subspaces of the transfer pencil.

        Returns ``(w_d, m_d, u_g, n_g)``: ``w_d`` (m, n_dec) spans ψ_{j-1} of the decaying
        solutions and ψ_j = w_d m_d c for ψ_{j-1} = w_d c; ``u_g`` (m, n_gro) spans ψ_j of the
        growing ones and ψ_{j-1} = u_g n_g c for ψ_j = u_g c.  Unlike eigenvectors these stay
        a basis when λ = 0 or λ = ∞ is defective (singular ``h1``); Wimmer (2008), sec. 2.4.
        """
        m = self.size
        h0, h1 = self.h0, self.h1
        a = np.zeros((2 * m, 2 * m), complex)
        b = np.zeros((2 * m, 2 * m), complex)
        a[:m, :m] = energy * np.eye(m) - h0
        a[:m, m:] = -h1
        a[m:, :m] = np.eye(m)
        b[:m, :m] = h1.conj().T
        b[m:, m:] = np.eye(m)
        tol = _UNIT_TOL

        def inside(al, be):
            return np.abs(al) < (1 - tol) * np.abs(be)

        def outside(al, be):
            return np.abs(be) < (1 - tol) * np.abs(al)

        aa, bb, _, _, _, z = sla.ordqz(a, b, sort=inside, output="complex")
        if np.sum(inside(np.diag(aa), np.diag(bb))) != n_dec:
            raise ConvergenceError(f"decaying-mode count inconsistent at energy {energy!r}")
        zd = z[:, :n_dec]
        # A Z_d = B Z_d M with M = BB^{-1} AA; rows m: give u = w M (ψ_j from ψ_{j-1})
        m_d = sla.solve_triangular(bb[:n_dec, :n_dec], aa[:n_dec, :n_dec])
        aa, bb, _, _, _, z = sla.ordqz(a, b, sort=outside, output="complex")
        if np.sum(outside(np.diag(aa), np.diag(bb))) != n_gro:
            raise ConvergenceError(f"growing-mode count inconsistent at energy {energy!r}")
        zg = z[:, :n_gro]
        # B Z_g = A Z_g N with N = AA^{-1} BB; rows m: give w = u N (ψ_{j-1} from ψ_j)
        n_g = sla.solve_triangular(aa[:n_gro, :n_gro], bb[:n_gro, :n_gro])
        return zd[m:], m_d, zg[:m], n_g

    def _refine_slow(self, ps, mu, lam, energy):
        """Recompute slow propagating modes as eigenvectors of the Hermitian Bloch Hamiltonian.

        The pencil's eigenvectors carry errors ~ eps/|v| (its eigenvalues are ill-conditioned
        where the band is flat, e.g. just above a Landau level), and the unit-current scaling
        by 1/sqrt|v| turns them into current non-orthogonality ~ eps/v² between the right- and
        left-moving modes, hence non-unitary S near thresholds.  For λ = e^{ik} on the unit
        circle the mode is an eigenvector of the Hermitian :math:`H(k)` with eigenvalue E,
        accurate to eps/(band gap at k) whatever v; its velocity then follows from the
        Hellmann–Feynman form :math:`v = \\varphi^\\dagger\\, \\partial_k H\\, \\varphi`.
        ``ps`` (unit columns) and ``mu`` are updated in place for modes with
        :math:`|v| <` ``_SLOW_VEL`` × max|h1| whose E is a simple eigenvalue of H(k).
        """
        h1 = self.h1
        slow = np.flatnonzero(np.abs(mu) < _SLOW_VEL * self._h1_scale)
        for j in slow:
            lj = lam[j]
            ev, vv = np.linalg.eigh(self.h0 + np.conj(lj) * h1 + lj * h1.conj().T)
            i = int(np.argmin(np.abs(ev - energy)))
            gap = np.min(np.abs(np.delete(ev, i) - ev[i])) if ev.size > 1 else np.inf
            if gap < 1e-6 * self._h1_scale:
                continue                      # band crossing at this k: keep the pencil's mode
            p = vv[:, i]
            v = 2 * np.imag(np.conj(lj) * (p.conj() @ h1 @ p))
            if np.sign(v) != np.sign(mu[j]):
                continue
            ps[:, j] = p
            mu[j] = v

    def _orient(self, phi, lam, energy):
        """Group degenerate λ, diagonalise the current, normalise, split by direction."""
        h1 = self.h1
        n_tot = lam.size
        if n_tot == 0:
            z = np.zeros((self.size, 0), complex)
            e = np.zeros(0)
            return z, z.copy(), e.astype(complex), e.astype(complex), e, e.copy()
        order = np.argsort(np.angle(lam), kind="stable")
        lam, phi = lam[order], phi[:, order]
        close = np.abs(lam[:, None] - lam[None, :]) < _DEGEN_TOL
        # near a band crossing (Kramers points k = 0, π with spin-orbit coupling) modes of nearly
        # equal λ come out of the eigensolver as ill-determined mixtures; when the pairs
        # (ψ_j, ψ_{j-1}) are orthogonal (Kramers partners are: <ψ, Θψ> = 0 for Θ² = -1) the
        # current diagonalisation below recovers them exactly, so they are grouped too
        pn = phi / np.linalg.norm(phi, axis=0, keepdims=True)
        gram = np.abs((1 + np.conj(lam)[:, None] * lam[None, :]) * (pn.conj().T @ pn)) / 2
        close |= (np.abs(lam[:, None] - lam[None, :]) < _CROSSING_TOL) & (gram < 1e-6)
        close |= np.eye(n_tot, dtype=bool)
        single = close.sum(axis=1) == 1
        vecs = np.zeros((self.size, n_tot), complex)
        lams = lam.copy()
        vels = np.zeros(n_tot)
        # non-degenerate modes, all at once: v = 2 Im(conj(λ) φ† h1 φ) for normalised φ
        if np.any(single):
            ps = phi[:, single]
            ps = ps / np.linalg.norm(ps, axis=0, keepdims=True)
            mu = 2 * np.imag(np.conj(lam[single]) * np.sum(ps.conj() * (h1 @ ps), axis=0))
            self._refine_slow(ps, mu, lam[single], energy)
            if np.any(np.abs(mu) < _EDGE_TOL):
                raise ConvergenceError(f"energy {energy!r} lies at a band edge of the lead "
                                       "(a propagating mode has zero velocity); shift the energy")
            vecs[:, single] = ps / np.sqrt(np.abs(mu))[None, :]
            vels[single] = mu
        # degenerate groups: orthonormalise and diagonalise the current within the group, on
        # the pairs (ψ_j, ψ_{j-1}) = (λφ, φ), where the current form is exact for modes of
        # different λ; each resulting mode then gets its own λ = ψ_{j-1}†ψ_j / |ψ_{j-1}|²
        used = single.copy()
        for i in range(n_tot):
            if used[i]:
                continue
            grp = np.flatnonzero((~used) & close[i])
            used[grp] = True
            pg = phi[:, grp] / np.linalg.norm(phi[:, grp], axis=0, keepdims=True)
            q, r = np.linalg.qr(np.concatenate([pg * lam[grp][None, :], pg], axis=0))
            if np.min(np.abs(np.diag(r))) < 1e-7:     # dependent vectors: a defective λ
                raise ConvergenceError(f"energy {energy!r} lies at a band edge of the lead "
                                       "(two modes merge with zero velocity); shift the energy")
            qu, qw = q[:self.size], q[self.size:]
            a = qu.conj().T @ h1 @ qw
            mu, c = np.linalg.eigh(-1j * (a - a.conj().T))
            if np.any(np.abs(mu) < _EDGE_TOL):
                raise ConvergenceError(f"energy {energy!r} lies at a band edge of the lead "
                                       "(a propagating mode has zero velocity); shift the energy")
            u_m, w_m = qu @ c, qw @ c
            lg = np.sum(w_m.conj() * u_m, axis=0) / np.sum(np.abs(w_m) ** 2, axis=0)
            vecs[:, grp] = w_m / np.sqrt(np.abs(mu))[None, :]
            lams[grp] = lg / np.abs(lg)
            vels[grp] = mu
        pos, neg = vels > 0, vels < 0
        if pos.sum() != neg.sum():
            raise ConvergenceError(f"unequal numbers of right- and left-moving modes at energy {energy!r}")
        right = _phase_fix(vecs[:, pos])
        left = _phase_fix(vecs[:, neg])
        return right, left, lams[pos], lams[neg], vels[pos], vels[neg]


_lead_pool: weakref.WeakValueDictionary[bytes, Lead] = weakref.WeakValueDictionary()
_lead_keep: OrderedDict[bytes, Lead] = OrderedDict()


def shared_lead(h0: ArrayLike, h1: ArrayLike) -> Lead:
    """The process-wide :class:`Lead` with cell ``h0`` and hopping ``h1`` (one per pair of matrices).

    Every caller asking for the same matrices (equal entries, compared exactly) gets the same
    object, hence the same per-energy cache of modes and self-energies: the devices of a
    loop over realisations, lengths or disorder strengths, and every
    :class:`~rmt_meso.transport.Wire` of one cross-section, solve each lead once per energy.
    A lead is shared as long as anything holds it; besides, the last ``64`` leads of at most
    128 orbitals per cell are kept alive (least recently used dropped first), so that a loop
    building one device after another still shares them, while the per-energy caches of wide
    leads (up to 256 energies of m × m matrices) are freed with the last device using them.

    Parameters
    ----------
    h0, h1 : array_like, shape (m, m)
        Cell Hamiltonian and hopping to the next cell, as for :class:`Lead`.

    Returns
    -------
    Lead
        A lead with exactly these matrices; treat it as immutable (it is shared).

    Examples
    --------
    >>> a = shared_lead([[0.0]], [[-1.0]])
    >>> a is shared_lead(np.zeros((1, 1)), -np.ones((1, 1))), a is Lead([[0.0]], [[-1.0]])
    (True, False)
    """
    a0 = np.ascontiguousarray(h0, dtype=complex)
    a1 = np.ascontiguousarray(h1, dtype=complex)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr(a0.shape).encode())
    digest.update(a0.tobytes())
    digest.update(a1.tobytes())
    key = digest.digest()
    lead = _lead_pool.get(key)
    if lead is None or a1.shape != lead.h1.shape or not np.array_equal(lead.h1, a1) \
            or not np.array_equal(lead.h0, 0.5 * (a0 + a0.conj().T)):
        lead = Lead(a0, a1)
        _lead_pool[key] = lead
    if lead.size <= _SHARED_MAX_SIZE:
        _lead_keep[key] = lead
        _lead_keep.move_to_end(key)
        while len(_lead_keep) > _SHARED_LEADS:
            _lead_keep.popitem(last=False)
    return lead


def _is_reverse(a: Lead, b: Lead) -> bool:
    """True when lead ``b`` is lead ``a`` traversed backwards: same cell, :math:`h_1^b = h_1^{a\\dagger}`
    (the two leads of a strip, a wire or a ribbon), so that one mode solve serves both."""
    return (a.size == b.size and np.array_equal(a.h0, b.h0)
            and np.array_equal(a.h1, b.h1.conj().T))


def _reversed_solution(sol: _Solution) -> _Solution:
    """The solution of the reversed lead (:func:`_is_reverse`) from that of the lead.

    Cell j of the reversed lead is cell −j of the lead: its right-movers (k) are the lead's
    left-movers (−k), its decaying modes the lead's growing ones, and attached on the right it
    is the lead attached on the left (Σ, projections and sources swap sides).
    """
    m = sol.modes
    modes = LeadModes(m.energy, m.left, m.right, -m.momenta_left, -m.momenta_right, -m.velocities_left,
                      -m.velocities_right, m.growing, m.decaying, m.inv_lambda_growing, m.lambda_decaying,
                      m.time_reversal_basis)
    return _Solution(modes, sol.sigma_left, sol.sigma_right, sol.proj_left, sol.proj_right, sol.source_right,
                     sol.source_left)


def _basis_inverses(b_r, b_l):
    """Inverses of the outgoing mode bases and their worst condition number (Frobenius norms:
    O(m²), between the 2-norm condition number and m times it)."""
    try:
        binv_r = np.linalg.inv(b_r)
        binv_l = np.linalg.inv(b_l)
    except np.linalg.LinAlgError:
        return np.inf, None, None
    cond = max(np.linalg.norm(b_r) * np.linalg.norm(binv_r), np.linalg.norm(b_l) * np.linalg.norm(binv_l))
    return cond, binv_r, binv_l


def _sancho_rubio(z, h0, hop, max_iter):
    """Surface Green's function of the chain extending to +x with H_{j+1,j} = hop.

    López Sancho, López Sancho & Rubio, J. Phys. F 15, 851 (1985): each step decimates
    every other cell, doubling the effective hopping range; converges when |alpha|, |beta|
    vanish (needs Im z > 0 inside a band).
    """
    m = h0.shape[0]
    eye = np.eye(m)
    eps_s = h0.astype(complex).copy()
    eps = h0.astype(complex).copy()
    alpha = hop.conj().T.astype(complex)   # H_{j, j+1}: from cell j+1 back to cell j
    beta = hop.astype(complex)             # H_{j+1, j}
    scale = max(1.0, float(np.max(np.abs(h0))), float(np.max(np.abs(hop))))
    for _ in range(max_iter):
        g = np.linalg.inv(z * eye - eps)
        agb = alpha @ g @ beta
        bga = beta @ g @ alpha
        eps_s = eps_s + agb
        eps = eps + agb + bga
        alpha = alpha @ g @ alpha
        beta = beta @ g @ beta
        if max(np.max(np.abs(alpha)), np.max(np.abs(beta))) < 1e-15 * scale:
            return np.linalg.inv(z * eye - eps_s)
    raise ConvergenceError(f"Sancho-Rubio decimation did not converge in {max_iter} steps at z={z!r}; "
                           "increase eta or max_iter")
