"""Chaotic cavities: circular-ensemble and Hamiltonian (Mahaux–Weidenmüller) S-matrices.

Two models of a ballistic chaotic quantum dot between two ideal leads with ``n1`` and ``n2``
channels:

* :class:`ChaoticCavity` — the scattering matrix is drawn from the circular ensemble CβE of
  size ``N = n1 + n2`` (β = 1, 2, 4), or the transmission eigenvalues are drawn directly from
  their joint β-Jacobi law (any β > 0; O(n²) per sample instead of O(N³)).
* :class:`HamiltonianCavity` — the Mahaux–Weidenmüller model: a Gaussian-ensemble
  Hamiltonian of ``M`` levels coupled to the channels by a matrix ``W``,
  ``S(E) = 1 − 2πi W†(E − H + iπWW†)⁻¹W``; resonance poles, widths, energy- and
  parameter-dependent S.

Batched S-matrices are returned as :class:`CavityScattering` (sample axis first) whose
observables reuse :func:`rmt_meso.transport.smatrix.conductance` and
:func:`~rmt_meso.transport.smatrix.fano_factor`.

Conventions
-----------
* Channel order: lead 1 (``n1`` channels), then lead 2.  ``S = [[r, t'], [t, r']]`` with
  ``t`` the n2 × n1 block (lead 2 ← lead 1).
* β = 4: channels are Kramers pairs.  S is 2N × 2N in the block layout
  ``[[A, B], [−B̄, Ā]]`` of :class:`rmt_meso.ensembles.GSE` (index ``c`` and its Kramers
  partner ``N + c``), self-dual ``J Sᵀ Jᵀ = S`` with ``J = [[0, 1], [−1, 0]] ⊗ 1_N``.
  Transmission eigenvalues are doubly degenerate and returned **once per Kramers pair**, so
  that ``g = Σ T_n`` over ``min(n1, n2)`` values (⟨g⟩ = 2/3 for n1 = n2 = 1); a squared
  element ``|S_ab|²`` is half the squared Frobenius norm of the 2 × 2 quaternion block.

References
----------
C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997) (circular ensembles, β-Jacobi law).
C. Mahaux and H. A. Weidenmüller, *Shell-Model Approach to Nuclear Reactions* (1969);
J. J. M. Verbaarschot, H. A. Weidenmüller and M. R. Zirnbauer, Phys. Rep. 129, 367 (1985).
P. W. Brouwer, Phys. Rev. B 51, 16878 (1995) (equivalence of the Hamiltonian approach and the
circular ensemble for ideal coupling, M → ∞).
Y. V. Fyodorov and H.-J. Sommers, J. Math. Phys. 38, 1918 (1997) (resonance widths).
"""

from __future__ import annotations

import numbers
import numpy as np

from .._blas import blas_limited_by
from ..ensembles import COE, CSE, CUE, GOE, GSE, GUE, JacobiEnsemble
from .._random import as_generator, drop_sample_axis, keyword_rng
from .._typing import ArrayLike, FloatOrArray, RngLike, SizeLike
from .._validate import (ConvergenceError, check_array, check_beta, check_choice, check_int,
                         check_real, check_size)
from ..compare import Estimate
from .smatrix import UNITARITY_TOL, SMatrix, check_unitarity, conductance, fano_factor
from .smatrix import unitarity_error as _unitarity_error

__all__ = ["CavityScattering", "ChaoticCavity", "HamiltonianCavity", "PoissonKernelCavity", "coupling_matrix",
           "jacobi_parameters", "reflection_moments"]

def _lead_indices(n1: int, n2: int, beta) -> tuple[np.ndarray, np.ndarray]:
    """Row/column indices of lead 1 and lead 2 in the (native) S layout."""
    n = n1 + n2
    i1, i2 = np.arange(n1), np.arange(n1, n)
    if beta == 4:
        return np.concatenate([i1, i1 + n]), np.concatenate([i2, i2 + n])
    return i1, i2


def _once_per_kramers(tn: np.ndarray) -> np.ndarray:
    """Average the adjacent (sorted) Kramers-degenerate pairs of the last axis."""
    return 0.5 * (tn[..., 0::2] + tn[..., 1::2])


class CavityScattering(SMatrix):
    """A batch of two-lead cavity scattering matrices: an :class:`SMatrix` (sample axis first).

    ``CavityScattering(s, n1, n2, beta, energy=0.0)`` is :class:`SMatrix` with the cavity
    conventions: lead 1 then lead 2; for β = 4 the Kramers block layout of the module notes
    (``lead_indices`` interleaved) with transmissions counted once per Kramers pair
    (``kramers_pairs=True``), so that ``conductance(unit="S")`` multiplies by 2e²/h.
    Use :meth:`from_matrices` for user-supplied matrices (checks unitarity).

    Attributes
    ----------
    s : ndarray, shape (size, D, D)
        Unitary S-matrices (alias of :attr:`SMatrix.matrix`); ``D = n1 + n2`` (β = 1, 2) or
        ``2(n1 + n2)`` (β = 4).
    n1, n2 : int
        Channels (Kramers pairs for β = 4) of lead 1 and lead 2.
    beta : {1, 2, 4}
    energy : float or ndarray
        Energy in units of the mean level spacing (0 for circular-ensemble samples).
    """

    __slots__ = ("n1", "n2")
    n1: int
    n2: int
    beta: int

    def __init__(self, s: ArrayLike, n1: int, n2: int, beta: int, energy: FloatOrArray = 0.0):
        i1, i2 = _lead_indices(n1, n2, beta)
        super().__init__(s, (i1.size, i2.size), energy=energy, beta=beta, lead_indices=(i1, i2),
                         kramers_pairs=beta == 4)
        object.__setattr__(self, "n1", int(n1))
        object.__setattr__(self, "n2", int(n2))

    def __getitem__(self, k):
        out = SMatrix.__getitem__(self, k)
        return CavityScattering(out.matrix, self.n1, self.n2, self.beta, out.energy)

    @classmethod
    def from_matrices(cls, s: ArrayLike, n1: int, n2: int, beta: int, *,
                      tol: float = UNITARITY_TOL) -> CavityScattering:
        """Wrap user S-matrices after checking shape and unitarity.

        Parameters
        ----------
        s : array_like, shape (D, D) or (size, D, D)
        n1, n2 : int
        beta : {1, 2, 4}
        tol : float
            Largest accepted ``max|S†S − 1|``.

        Raises
        ------
        ValueError
            Wrong shape or ``max|S†S − 1| > tol`` (the matrices are not scattering matrices).
        """
        n1 = check_int("n1", n1, minimum=1)
        n2 = check_int("n2", n2, minimum=1)
        beta = check_beta(beta, allowed=(1, 2, 4))
        tol = check_real("tol", tol, minimum=0.0)
        d = (n1 + n2) * (2 if beta == 4 else 1)
        arr = check_array("s", s, ndim=(2, 3), dtype=complex)
        if arr.ndim == 2:
            arr = arr[None]
        if arr.shape[1:] != (d, d):
            raise ValueError(f"s must have shape ({d}, {d}) or (size, {d}, {d}) for n1={n1}, "
                             f"n2={n2}, beta={beta}; got {np.shape(s)}")
        check_unitarity(arr, tol=tol, what="s", error=ValueError)
        return cls(arr, n1, n2, beta)

    def conductance(self, unit: str | None = None) -> FloatOrArray:
        """Dimensionless conductance g = Σ T_n per sample (a float without a sample axis;
        ``unit`` as in :func:`~rmt_meso.transport.smatrix.conductance`)."""
        return super().conductance(unit)

    def fano(self) -> FloatOrArray:
        """Fano factor Σ T(1 − T)/Σ T per sample."""
        return super().fano()

    def unitarity_error(self) -> FloatOrArray:
        """``max|S†S − 1|`` per sample."""
        return super().unitarity_error()

    def smatrix(self, i: int) -> SMatrix:
        """Sample ``i`` as a two-lead :class:`~rmt_meso.transport.smatrix.SMatrix` listing every channel.

        For β = 4 the result lists every spin channel (``spinful=True``, contiguous leads),
        so its dimensionless conductance counts Kramers pairs twice; in siemens it agrees
        with ``conductance(unit="S")`` here.  ``self[i]`` keeps the cavity conventions.
        """
        i = check_int("i", i, minimum=-self.size, maximum=self.size - 1)
        one = self.s.reshape((-1,) + self.s.shape[-2:])[i]
        i1, i2 = _lead_indices(self.n1, self.n2, self.beta)
        perm = np.concatenate([i1, i2])
        return SMatrix(one[np.ix_(perm, perm)], (i1.size, i2.size), energy=self.energy if np.ndim(self.energy) == 0
                       else np.ravel(self.energy)[i], beta=self.beta, spinful=self.beta == 4)


def reflection_moments(scattering: CavityScattering) -> tuple[Estimate, Estimate]:
    """Mean ``|S_aa|²`` (diagonal) and ``|S_ab|²`` (a ≠ b) over samples and channel pairs.

    For β = 4 ``|S_ab|²`` is half the squared Frobenius norm of the 2 × 2 quaternion block
    (Kramers pair counted once).  Standard errors use one value per sample (the channel
    average within a sample), so correlations between elements of one matrix are accounted
    for.  Compare with :func:`rmt_meso.theory.cavity.reflection_mean` (coherent
    backscattering: ratio 2/β).

    Raises
    ------
    TypeError
        If ``scattering`` is not a :class:`CavityScattering`.
    ValueError
        Fewer than 2 samples.
    """
    if not isinstance(scattering, CavityScattering):
        raise TypeError(f"scattering must be a CavityScattering; got {type(scattering).__name__}")
    if scattering.size < 2:
        raise ValueError("scattering must contain at least 2 samples for a standard error")
    p = np.abs(scattering.s) ** 2
    if scattering.beta == 4:
        n = scattering.n1 + scattering.n2
        p = 0.5 * (p[:, :n, :n] + p[:, :n, n:] + p[:, n:, :n] + p[:, n:, n:])
    n = p.shape[-1]
    diag = np.einsum("kii->ki", p).mean(axis=1)
    off = (p.sum(axis=(1, 2)) - np.einsum("kii->k", p)) / (n * (n - 1))
    est = [Estimate(float(x.mean()), float(x.std(ddof=1) / np.sqrt(x.size)), x.size) for x in (diag, off)]
    return est[0], est[1]


def jacobi_parameters(n1: int, n2: int, beta: float) -> tuple[int, float, float]:
    """(n, a, b) of the β-Jacobi law of the transmission eigenvalues of a chaotic cavity.

    ``P(T) ∝ |Δ(T)|^β Π T^a (1 − T)^b`` with ``n = min(n1, n2)``,
    ``a = β(|n1 − n2| + 1)/2 − 1``, ``b = 0`` (Beenakker, RMP 69, 731 (1997), eq. (3.6)).
    """
    n1 = check_int("n1", n1, minimum=1)
    n2 = check_int("n2", n2, minimum=1)
    beta = check_beta(beta)
    return min(n1, n2), beta * (abs(n1 - n2) + 1) / 2.0 - 1.0, 0.0


class ChaoticCavity:
    """Chaotic cavity with ideal leads: S from the circular ensemble CβE.

    Parameters
    ----------
    n1, n2 : int
        Channels of lead 1 and lead 2 (>= 1; Kramers pairs for β = 4).
    beta : float
        1 (COE, time-reversal symmetric), 2 (CUE, magnetic field), 4 (CSE, spin-orbit).
        :meth:`transmission_eigenvalues` with ``method="jacobi"`` accepts any β > 0.

    Examples
    --------
    >>> cav = ChaoticCavity(1, 1, beta=2)
    >>> g = cav.conductance(size=4000, rng=1)
    >>> bool(abs(g.mean() - 0.5) < 4 * g.std() / np.sqrt(g.size))
    True
    """

    def __init__(self, n1: int, n2: int, beta: int):
        self.n1 = check_int("n1", n1, minimum=1)
        self.n2 = check_int("n2", n2, minimum=1)
        self.beta = check_beta(beta)

    def __repr__(self):
        return f"ChaoticCavity(n1={self.n1}, n2={self.n2}, beta={self.beta})"

    @property
    def n(self) -> int:
        """Total number of channels N = n1 + n2."""
        return self.n1 + self.n2

    def _circular(self):
        beta = check_beta(self.beta, allowed=(1, 2, 4))
        cls = {1: COE, 2: CUE, 4: CSE}[beta]
        return cls(self.n), beta

    @keyword_rng
    @blas_limited_by(lambda self, *a, **k: 2 * (self.n1 + self.n2))
    def sample(self, size: SizeLike = None, *, rng: RngLike = None) -> CavityScattering:
        """Draw S-matrices from CβE(N), split into the leads.

        Parameters
        ----------
        size : int, optional
            Number of samples (sample axis first); ``None``: one S-matrix, no sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only

        Returns
        -------
        CavityScattering

        Raises
        ------
        ValueError
            If ``beta`` is not 1, 2 or 4.
        """
        size = check_size(size)
        ens, beta = self._circular()
        s = np.asarray(ens.sample(1 if size is None else size, rng=as_generator(rng)))
        return drop_sample_axis(CavityScattering(s, self.n1, self.n2, beta), size)

    @keyword_rng
    def transmission_eigenvalues(self, size: SizeLike = None, *, rng: RngLike = None, method: str = "circular") -> np.ndarray:
        """Transmission eigenvalues, shape (size, min(n1, n2)) ascending (Kramers pairs once).

        Parameters
        ----------
        size : int, optional
            Number of samples; ``None`` gives one set without the sample axis.
        rng : None, int, SeedSequence or Generator
        method : {"circular", "jacobi"}
            ``circular``: singular values of the transmission block of a CβE matrix, O(N³);
            ``jacobi``: the β-Jacobi tridiagonal matrix model (any β > 0), O(n²).
        """
        check_choice("method", method, ("circular", "jacobi"))
        size_ = check_size(size)
        k = 1 if size_ is None else size_
        if method == "circular":
            tn = self.sample(k, rng=rng).transmission_eigenvalues()
        else:
            n, a, b = jacobi_parameters(self.n1, self.n2, self.beta)
            tn = np.sort(np.asarray(JacobiEnsemble(self.beta, n, a, b).eigvals(k, rng=rng),
                                    dtype=float).reshape(k, n), axis=-1)
        return drop_sample_axis(tn, size_)

    @keyword_rng
    def conductance(self, size: SizeLike = None, *, rng: RngLike = None, method: str = "circular",
                    unit: str | None = None) -> FloatOrArray:
        """Dimensionless conductance g = Σ T_n per sample (``unit="S"``: times G0 = 2e²/h)."""
        tn = self.transmission_eigenvalues(size, rng=rng, method=method)
        return conductance(tn, unit=unit)

    @keyword_rng
    def fano(self, size: SizeLike = None, *, rng: RngLike = None, method: str = "circular") -> FloatOrArray:
        """Shot-noise Fano factor Σ T(1 − T)/Σ T per sample."""
        return fano_factor(self.transmission_eigenvalues(size, rng=rng, method=method))


# --------------------------------------------------------------------------------------
# Non-ideal coupling: the Poisson kernel
# --------------------------------------------------------------------------------------

def coupling_matrix(mean_s: ArrayLike) -> np.ndarray:
    """Unitary 2N × 2N coupling matrix ``[[r, t'], [t, r']]`` whose block ``r`` is ``mean_s``.

    The unitary dilation (Halmos) of the subunitary matrix ``A = mean_s``:

    .. math::  r = A,\\quad t' = (1 - AA^\\dagger)^{1/2},\\quad t = (1 - A^\\dagger A)^{1/2},
               \\quad r' = -A^\\dagger,

    with the positive square roots taken through the singular-value decomposition of ``A``.
    It is unitary for every ``A`` with spectral norm ≤ 1, and symmetric when ``A`` is
    symmetric (``(1 - AA^\\dagger)^T = 1 - A^\\dagger A`` then), so it keeps time-reversal
    symmetry for β = 1.

    Parameters
    ----------
    mean_s : array_like, shape (N, N)
        The average ("optical") S-matrix ⟨S⟩, spectral norm < 1.

    Returns
    -------
    ndarray, shape (2N, 2N), complex

    Raises
    ------
    ValueError
        ``mean_s`` not square, not finite, or of spectral norm ≥ 1 (a channel that never
        enters the cavity).

    References
    ----------
    P. W. Brouwer, Phys. Rev. B 51, 16878 (1995), Sec. II (the cavity behind a "lead" with
    scattering matrix [[r, t'], [t, r']]).
    """
    a = check_array("mean_s", mean_s, ndim=2, dtype=complex)
    if a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise ValueError(f"mean_s must be a square (N, N) matrix; got shape {a.shape}")
    v, sig, wh = np.linalg.svd(a)
    if sig[0] >= 1.0:
        raise ValueError(f"mean_s must have spectral norm < 1 (a subunitary average S-matrix); "
                         f"got {sig[0]:.6g}")
    c = np.sqrt(1.0 - sig ** 2)
    t_prime = (v * c) @ v.conj().T
    t = (wh.conj().T * c) @ wh
    return np.block([[a, t_prime], [t, -a.conj().T]])


class PoissonKernelCavity:
    """Chaotic cavity with non-ideal coupling: S distributed by the Poisson kernel of ⟨S⟩.

    For a chaotic cavity whose leads couple through direct processes (tunnel barriers,
    reflection at a lead mouth, short trajectories from lead to lead) the distribution of the
    S-matrix is fixed by its average ⟨S⟩ alone (Mello, Pereyra & Seligman; Brouwer):

    .. math::  P(S) \\propto \\frac{\\det(1 - \\bar S^\\dagger \\bar S)^{(\\beta N + 2 - \\beta)/2}}
               {|\\det(1 - \\bar S^\\dagger S)|^{\\beta N + 2 - \\beta}}, \\qquad \\bar S = ⟨S⟩.

    It is sampled exactly by Brouwer's construction
    ``S = r + t' U (1 - r' U)^{-1} t`` with ``U`` from CβE(N) and ``[[r, t'], [t, r']]``
    the unitary :func:`coupling_matrix` of ``⟨S⟩`` (so ``r = ⟨S⟩``).  Since
    ``⟨U^k⟩ = 0`` for every k ≥ 1, ⟨S⟩ = r exactly; ⟨S⟩ = 0 gives the ideal
    :class:`ChaoticCavity` (S = U).

    Parameters
    ----------
    mean_s : array_like, shape (N, N)
        The average S-matrix (channel order as in :class:`CavityScattering`: lead 1, then
        lead 2), spectral norm < 1; symmetric for β = 1 (time-reversal symmetry).
    n1, n2 : int
        Channels of lead 1 and lead 2, ``n1 + n2 = N``.
    beta : {1, 2}
        Symmetry class of ``U`` (COE or CUE).

    Raises
    ------
    ValueError
        Shape not (n1 + n2, n1 + n2), norm ≥ 1, β not 1 or 2, or ``mean_s`` not symmetric
        (to 1e-10 of its norm) for β = 1.

    References
    ----------
    P. A. Mello, P. Pereyra and T. H. Seligman, Ann. Phys. (N.Y.) 161, 254 (1985).
    P. W. Brouwer, Phys. Rev. B 51, 16878 (1995).
    H. U. Baranger and P. A. Mello, Europhys. Lett. 33, 465 (1996) (open billiards with
    direct processes vs the Poisson kernel).

    Examples
    --------
    >>> cav = PoissonKernelCavity([[0.5, 0.0], [0.0, 0.5]], 1, 1, beta=2)
    >>> s = cav.sample(2000, rng=1).s
    >>> bool(abs(s[:, 0, 0].mean() - 0.5) < 5 * s[:, 0, 0].std() / np.sqrt(2000))
    True
    """

    def __init__(self, mean_s: ArrayLike, n1: int, n2: int, beta: int):
        self.n1 = check_int("n1", n1, minimum=1)
        self.n2 = check_int("n2", n2, minimum=1)
        self.beta = check_beta(beta, allowed=(1, 2))
        a = check_array("mean_s", mean_s, ndim=2, dtype=complex)
        n = self.n1 + self.n2
        if a.shape != (n, n):
            raise ValueError(f"mean_s must have shape ({n}, {n}) for n1={self.n1}, n2={self.n2}; "
                             f"got {a.shape}")
        if self.beta == 1:
            asym = float(np.abs(a - a.T).max())
            if asym > 1e-10 * max(1.0, float(np.abs(a).max())):
                raise ValueError(f"mean_s must be symmetric for beta=1 (time-reversal symmetry); "
                                 f"max|mean_s - mean_s^T| = {asym:.3g}")
            a = 0.5 * (a + a.T)
        self.mean_s = a
        self.coupling = coupling_matrix(a)

    def __repr__(self):
        return f"PoissonKernelCavity(n1={self.n1}, n2={self.n2}, beta={self.beta})"

    @property
    def n(self) -> int:
        """Total number of channels N = n1 + n2."""
        return self.n1 + self.n2

    def from_circular(self, u: ArrayLike) -> np.ndarray:
        """``S = r + t' U (1 - r' U)^{-1} t`` for given cavity matrices ``U``, shape (..., N, N)."""
        u = check_array("u", u, dtype=complex)
        n = self.n
        if u.ndim < 2 or u.shape[-2:] != (n, n):
            raise ValueError(f"u must have shape (..., {n}, {n}); got {u.shape}")
        c = self.coupling
        r, tp, t, rp = c[:n, :n], c[:n, n:], c[n:, :n], c[n:, n:]
        inner = np.linalg.solve(np.eye(n) - rp @ u, np.broadcast_to(t, u.shape))
        return r + tp @ (u @ inner)

    @keyword_rng
    def sample(self, size: SizeLike = None, *, rng: RngLike = None) -> CavityScattering:
        """Draw S-matrices from the Poisson kernel.

        Parameters
        ----------
        size : int, optional
            Number of samples (sample axis first); ``None``: one S-matrix, no sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only
            The circular-ensemble draws are those of ``ChaoticCavity(n1, n2, beta).sample``
            with the same ``rng``.

        Returns
        -------
        CavityScattering
        """
        size = check_size(size)
        u = ChaoticCavity(self.n1, self.n2, self.beta).sample(1 if size is None else size, rng=rng).s
        return drop_sample_axis(CavityScattering(self.from_circular(u), self.n1, self.n2, self.beta), size)

    @keyword_rng
    def conductance(self, size: SizeLike = None, *, rng: RngLike = None) -> FloatOrArray:
        """Dimensionless conductance g = Σ T_n per sample."""
        return self.sample(size, rng=rng).conductance()


# --------------------------------------------------------------------------------------
# Mahaux–Weidenmüller model
# --------------------------------------------------------------------------------------

def _kappa_from_transmission(t):
    return (2.0 - t - 2.0 * np.sqrt(1.0 - t)) / t


def k_matrix(lam, vec, w, energies):
    """K(E) = Σ_n (W†ψ_n)(ψ_n†W)/(E − E_n) from the eigenpairs of H; shape (..., nE, D, D).

    ``lam``, ``vec``: eigenvalues and eigenvectors of H; ``w``: coupling matrix (M, D);
    ``energies``: real energies in the units of ``lam``.  K is Hermitian.
    """
    proj = np.conj(np.swapaxes(vec, -1, -2)) @ w
    den = 1.0 / (energies[:, None] - lam[..., None, :])
    return np.einsum("...nc,...en,...nd->...ecd", np.conj(proj), den, proj, optimize=True)


def cayley_smatrix(k):
    """S = (1 − iπK)(1 + iπK)⁻¹ through the eigen-decomposition of the Hermitian K.

    ``S = U diag((1 − iπκ)/(1 + iπκ)) U†`` is unitary to the rounding of U even where an
    energy lies next to a level of H (|K| huge), where a linear solve with ``1 + iπK``
    loses digits.  Raises :class:`ConvergenceError` beyond ``UNITARITY_TOL``.
    """
    k = 0.5 * (k + np.conj(np.swapaxes(k, -1, -2)))
    kap, u = np.linalg.eigh(k)
    ph = (1 - 1j * np.pi * kap) / (1 + 1j * np.pi * kap)
    s = (u * ph[..., None, :]) @ np.conj(np.swapaxes(u, -1, -2))
    check_unitarity(s, what="Mahaux-Weidenmüller S-matrix")
    return s


class HamiltonianCavity:
    """Mahaux–Weidenmüller cavity: Gaussian-ensemble H of M levels coupled to n1 + n2 channels.

    .. math::  S(E) = 1 - 2\\pi i\\, W^\\dagger (E - H + i\\pi W W^\\dagger)^{-1} W
               = \\frac{1 - i\\pi K(E)}{1 + i\\pi K(E)}, \\qquad K(E) = W^\\dagger (E - H)^{-1} W.

    ``H`` is drawn from GOE/GUE/GSE(M) (``rmt_meso.ensembles``; semicircle radius
    ``R = √(2βM)``), whose mean level spacing at the band centre is ``Δ = πR/(2M)``.  Channel
    ``c`` couples to level ``c`` with strength ``w_c`` (``W_{μc} = w_c δ_{μc}``; the ensemble
    is invariant, so any orthogonal choice is equivalent), chosen from the requested
    transmission coefficient through

    .. math::  T_c = \\frac{4\\kappa_c}{(1 + \\kappa_c)^2}, \\qquad
               \\kappa_c = \\frac{\\pi^2 w_c^2}{M\\Delta} = \\frac{2\\pi w_c^2}{R},

    taking the weak-coupling root κ_c ≤ 1 (κ = 1 is ideal coupling, ⟨S_cc⟩ = (1 − κ)/(1 + κ)).
    Energies, poles and widths are in units of Δ.  For ideal coupling and M → ∞ the S-matrix
    at E = 0 is distributed as the circular ensemble (Brouwer 1995); the finite-M bias of
    ⟨g⟩ is O(N/M).

    Parameters
    ----------
    M : int
        Number of levels (Kramers pairs for β = 4), ``M >= n1 + n2``.
    n1, n2 : int
        Channels (>= 1).
    beta : {1, 2, 4}
    coupling : "ideal", float or array_like of float
        Transmission coefficient(s) T_c in (0, 1]: one value for all channels or ``n1 + n2``
        values (lead 1 first).

    Raises
    ------
    ValueError
        Bad channel numbers, β not in {1, 2, 4}, M < n1 + n2, transmissions outside (0, 1].

    Notes
    -----
    S is computed from the K-matrix in the eigenbasis of H (``eigh``, then a Cayley
    transform), which is unitary by construction; every result is still checked,
    ``max|S†S − 1| <= 1e-10``, and a violation raises :class:`~rmt_meso.ConvergenceError`.
    Poles are the eigenvalues ``z_n = E_n − iΓ_n/2`` of the effective Hamiltonian
    ``H − iπWW†``.

    Examples
    --------
    >>> cav = HamiltonianCavity(40, 1, 1, beta=2)
    >>> s = cav.sample(5, rng=0)
    >>> bool(np.all(s.unitarity_error() < 1e-10))
    True
    """

    def __init__(self, M: int, n1: int, n2: int, beta: int, coupling: str | ArrayLike = "ideal"):
        self.n1 = check_int("n1", n1, minimum=1)
        self.n2 = check_int("n2", n2, minimum=1)
        self.beta = check_beta(beta, allowed=(1, 2, 4))
        self.M = check_int("M", M, minimum=self.n1 + self.n2)
        n = self.n1 + self.n2
        if isinstance(coupling, str):
            check_choice("coupling", coupling, ("ideal",))
            t = np.ones(n)
        else:
            if isinstance(coupling, numbers.Real) and not isinstance(coupling, bool):
                coupling = np.full(n, float(coupling))
            t = check_array("coupling", coupling, ndim=1, shape=(n,))
            if np.any(t <= 0) or np.any(t > 1):
                raise ValueError(f"coupling transmissions must lie in (0, 1]; got {t!r}")
        self.transmissions = t.copy()
        self.kappa = _kappa_from_transmission(t)
        self.radius = float(np.sqrt(2.0 * self.beta * self.M))
        self.spacing = float(np.pi * self.radius / (2.0 * self.M))
        self.w = np.sqrt(self.kappa * self.radius / (2.0 * np.pi))

    def __repr__(self):
        return f"HamiltonianCavity(M={self.M}, n1={self.n1}, n2={self.n2}, beta={self.beta})"

    @property
    def n(self) -> int:
        return self.n1 + self.n2

    @property
    def dim(self) -> int:
        """Matrix dimension of H (M, or 2M for β = 4)."""
        return self.M * (2 if self.beta == 4 else 1)

    @property
    def coupling_matrix(self) -> np.ndarray:
        """W, shape (dim, D) with D = N (or 2N for β = 4, block layout of Kramers partners)."""
        n, m = self.n, self.M
        if self.beta == 4:
            w = np.zeros((2 * m, 2 * n))
            w[np.arange(n), np.arange(n)] = self.w
            w[m + np.arange(n), n + np.arange(n)] = self.w
            return w
        w = np.zeros((m, n))
        w[np.arange(n), np.arange(n)] = self.w
        return w

    @keyword_rng
    def hamiltonians(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Draw H from GβE(M), shape (size, dim, dim) (``None``: one matrix, no sample axis)."""
        cls = {1: GOE, 2: GUE, 4: GSE}[self.beta]
        return cls(self.M).sample(size, rng=rng)

    def _check_h(self, h):
        h = check_array("h", h, ndim=(2, 3), dtype=complex if np.iscomplexobj(h) else float)
        if h.shape[-2:] != (self.dim, self.dim):
            raise ValueError(f"h must have shape (..., {self.dim}, {self.dim}); got {h.shape}")
        herm = float(np.max(np.abs(h - np.conj(np.swapaxes(h, -1, -2))))) if h.size else 0.0
        if herm > 1e-10 * max(1.0, float(np.max(np.abs(h)))):
            raise ValueError(f"h must be Hermitian; max|H - H^dag| = {herm:.3e}")
        return h

    @blas_limited_by(lambda self, *a, **k: self.dim)
    def smatrix(self, h: np.ndarray, energy: FloatOrArray = 0.0) -> CavityScattering:
        """S(E) for given Hamiltonian(s).

        Parameters
        ----------
        h : array_like, shape (dim, dim) or (size, dim, dim)
            Hermitian Hamiltonian(s) in the ensemble's units.
        energy : float or 1-D array_like
            Energies in units of the level spacing Δ.

        Returns
        -------
        CavityScattering
            An :class:`SMatrix` whose matrix has shape (..., D, D), with an energy axis after
            the sample axis when ``energy`` is an array: (size, n_energies, D, D).

        Raises
        ------
        ConvergenceError
            If any S deviates from unitarity by more than 1e-10.
        """
        h = self._check_h(h)
        e = check_array("energy", energy, ndim=(0, 1))
        if e.ndim == 0:
            # one energy: K = W†(E − H)⁻¹W by an LU solve (cheaper than diagonalising H)
            w = self.coupling_matrix
            a = float(e) * self.spacing * np.eye(self.dim) - h
            k = np.conj(w.T) @ np.linalg.solve(a, np.broadcast_to(w, a.shape[:-2] + w.shape))
            return self._wrap(self._cayley(k), float(e))
        lam, vec = np.linalg.eigh(h)
        return self._wrap(self._smatrix_from_eig(lam, vec, e), e)

    def _wrap(self, s, energy):
        e = energy if np.ndim(energy) == 0 else np.broadcast_to(energy, s.shape[:-2])
        return CavityScattering(s, self.n1, self.n2, self.beta, e)

    @staticmethod
    def _cayley(k):
        return cayley_smatrix(k)

    def _smatrix_from_eig(self, lam, vec, e):
        # K(E) = Σ_n (W†ψ_n)(ψ_n†W)/(E − E_n): O(M D²) per energy after one eigh.
        k = k_matrix(lam, vec, self.coupling_matrix, np.atleast_1d(e) * self.spacing)
        s = cayley_smatrix(k)
        return s[..., 0, :, :] if e.ndim == 0 else s

    def smatrix_direct(self, h: np.ndarray, energy: FloatOrArray = 0.0) -> CavityScattering:
        """S(E) = 1 − 2πi W†(E − H + iπWW†)⁻¹W by a direct linear solve (second algorithm).

        Same arguments as :meth:`smatrix` with scalar ``energy``; used to cross-check the
        K-matrix route.
        """
        h = self._check_h(h)
        e = check_real("energy", energy) * self.spacing
        w = self.coupling_matrix
        a = e * np.eye(self.dim) - h + 1j * np.pi * (w @ w.T)
        s = np.eye(w.shape[1]) - 2j * np.pi * (w.T @ np.linalg.solve(a, np.broadcast_to(w, a.shape[:-2] + w.shape)))
        check_unitarity(s, what=f"S-matrix (direct solve) at energy {energy!r}")
        return self._wrap(s, energy)

    @keyword_rng
    @blas_limited_by(lambda self, *a, **k: self.dim)
    def sample(self, size: SizeLike = None, *, rng: RngLike = None, energy: float = 0.0) -> CavityScattering:
        """Draw H and return S(E) at one energy as a :class:`CavityScattering` (sample axis
        first; ``size=None``: one S-matrix without it)."""
        size = check_size(size)
        energy = check_real("energy", energy)
        h = self.hamiltonians(1 if size is None else size, rng=rng)
        return drop_sample_axis(self.smatrix(h, energy), size)

    def poles(self, h: np.ndarray) -> np.ndarray:
        """Resonance poles z_n = E_n − iΓ_n/2 in units of Δ (eigenvalues of H − iπWW†).

        Returns shape (..., M) sorted by real part; for β = 4 one pole per Kramers pair.
        """
        h = self._check_h(h)
        w = self.coupling_matrix
        z = np.linalg.eigvals(h - 1j * np.pi * (w @ w.T)) / self.spacing
        z = np.take_along_axis(z, np.argsort(z.real, axis=-1), axis=-1)
        if self.beta == 4:
            z = 0.5 * (z[..., 0::2] + z[..., 1::2])
        return z

    @keyword_rng
    def sample_poles(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Poles of freshly drawn Hamiltonians, shape (size, M) or (M,) (units of Δ)."""
        size = check_size(size)
        z = self.poles(self.hamiltonians(1 if size is None else size, rng=rng))
        return drop_sample_axis(z, size)

    @keyword_rng
    def sample_parametric(self, size: SizeLike = None, *, rng: RngLike = None, x: ArrayLike = (0.0,),
                          energy: ArrayLike = (0.0,), kind: str = "rotation") -> np.ndarray:
        """S(E, X) along a parameter for correlation functions.

        Parameters
        ----------
        size : int, optional
            Number of cavities (sample axis first); ``None``: one, no sample axis.
        rng : None, int, SeedSequence or Generator, keyword-only
        x : 1-D array_like
            Parameter values.
        energy : 1-D array_like
            Energies in units of Δ.
        kind : {"rotation", "field"}
            ``rotation``: ``H(X) = H1 cos X + H2 sin X`` with H1, H2 independent from GβE(M)
            (every H(X) is in the same ensemble; levels decorrelate for X ≳ 1/√M).
            ``field`` (β = 1 only): the Pandey–Mehta time-reversal-breaking field
            ``H(X) = (H_S + iX A)/√(1 + X²)`` with H_S from GOE and A real antisymmetric with
            the GOE off-diagonal variance 1/2 — X = 1 is exactly GUE, and the spectrum radius
            (hence Δ and the coupling) is the same for every X; time-reversal symmetry is
            broken on the scale X ~ 1/√M.

        Returns
        -------
        ndarray, shape (size, len(x), len(energy), D, D) or (len(x), len(energy), D, D)
        """
        size_ = check_size(size)
        size = 1 if size_ is None else size_
        check_choice("kind", kind, ("rotation", "field"))
        xs = check_array("x", x, ndim=1, min_size=1)
        es = check_array("energy", energy, ndim=1, min_size=1)
        gen = as_generator(rng)
        h1 = self.hamiltonians(size, rng=gen)
        if kind == "rotation":
            h2 = self.hamiltonians(size, rng=gen)
        else:
            if self.beta != 1:
                raise ValueError(f"kind='field' breaks time-reversal symmetry of a beta=1 cavity; "
                                 f"got beta={self.beta}")
            a = gen.standard_normal((size, self.M, self.M))
            h2 = 1j * (a - np.swapaxes(a, -1, -2)) / 2.0
        d = 2 * self.n if self.beta == 4 else self.n
        out = np.empty((size, xs.size, es.size, d, d), dtype=complex)
        for j, xv in enumerate(xs):
            if kind == "rotation":
                h = h1 * np.cos(xv) + h2 * np.sin(xv)
            else:
                h = (h1 + xv * h2) / np.sqrt(1.0 + xv * xv)
            lam, vec = np.linalg.eigh(h)
            out[:, j] = self._smatrix_from_eig(lam, vec, es)
        return drop_sample_axis(out, size_)
