"""Density of states of a large sparse Hamiltonian by the kernel polynomial method (KPM).

The Hamiltonian is rescaled into [−1, 1], :math:`\\tilde H = (H - b)/a`, and the density
:math:`\\rho(E) = N^{-1}\\sum_i \\delta(E - E_i)` is expanded in Chebyshev polynomials,

.. math:: \\rho(E) = \\frac{1}{\\pi a\\sqrt{1 - x^2}}\\Big[g_0\\mu_0 + 2\\sum_{n=1}^{M-1}
          g_n \\mu_n T_n(x)\\Big],\\qquad \\mu_n = \\frac{1}{N}\\operatorname{Tr} T_n(\\tilde H),
          \\quad x = (E - b)/a,

with the Jackson kernel :math:`g_n` (a positive, normalised broadening of width
:math:`\\approx \\pi a/M`).  The traces are estimated with R random-phase vectors
(:math:`\\langle r|T_n|r\\rangle`, unbiased), two moments per matrix–vector product
(:math:`\\mu_{2n} = 2\\langle\\alpha_n|\\alpha_n\\rangle - \\mu_0`,
:math:`\\mu_{2n+1} = 2\\langle\\alpha_{n+1}|\\alpha_n\\rangle - \\mu_1`); the standard error
of the density is the spread over the R vectors.  The result is the exact density
convolved with the kernel — compare with theory convolved the same way
(:meth:`KPMDensity.smooth`).

References
----------
A. Weiße, G. Wellein, A. Alvermann and H. Fehske, Rev. Mod. Phys. 78, 275 (2006),
secs. II.B–II.D (Chebyshev moments, Jackson kernel, stochastic trace).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .._random import as_generator
from .._typing import ArrayLike, RngLike
from .._validate import check_array, check_int, check_real

__all__ = ["KPMDensity", "kpm_density", "jackson_kernel"]


def jackson_kernel(n_moments: int) -> np.ndarray:
    """Jackson damping factors :math:`g_n`, n = 0..M−1 (Weiße et al., eq. (71)).

    Examples
    --------
    >>> g = jackson_kernel(64)
    >>> bool(g[0] == 1.0 and np.all(np.diff(g) < 0))
    True
    """
    m = check_int("n_moments", n_moments, minimum=2)
    n = np.arange(m)
    q = np.pi / (m + 1)
    return ((m - n + 1) * np.cos(q * n) + np.sin(q * n) / np.tan(q)) / (m + 1)


@dataclass(frozen=True)
class KPMDensity:
    """Kernel-polynomial density of states.

    Attributes
    ----------
    energies : ndarray (k,)
    density, stderr : ndarray (k,)
        Density per state (normalised to 1 over the spectrum) and its standard error
        from the spread over the random vectors.
    moments : ndarray (M,)
        Mean Chebyshev moments :math:`\\mu_n` (kernel not applied).
    center, scale : float
        b and a of the rescaling.
    n_vectors : int
        Number of independent samples (matrix, random vector) behind the mean.
    samples : ndarray (n_vectors, k)
        The density of each sample (for estimators of derived quantities with errors).
    """

    energies: np.ndarray
    density: np.ndarray
    stderr: np.ndarray
    moments: np.ndarray
    center: float
    scale: float
    n_vectors: int
    samples: np.ndarray

    @property
    def resolution(self) -> float:
        """Energy resolution :math:`\\pi a/M` of the Jackson kernel at the band centre."""
        return float(np.pi * self.scale / self.moments.size)

    def smooth(self, eigenvalues: ArrayLike | None = None, *, moments: ArrayLike | None = None,
               density: Callable[[np.ndarray], ArrayLike] | None = None, n_points: int = 100001) -> np.ndarray:
        """The same kernel applied to a known spectrum, at :attr:`energies`.

        For a theory comparison: the exact KPM expansion of a spectrum given by its
        ``eigenvalues``, its ``moments`` :math:`\\mu_n = \\int \\rho(E) T_n((E - b)/a)\\, dE`,
        or a ``density`` callable ρ(E) (normalised; integrable singularities allowed),
        whose moments are computed as :math:`\\int_0^\\pi \\rho(b + a\\cos\\vartheta)\\,
        a\\sin\\vartheta\\cos n\\vartheta\\, d\\vartheta` on ``n_points`` midpoints.
        """
        if density is not None:
            n_pts = check_int("n_points", n_points, minimum=100)
            th = (np.arange(n_pts) + 0.5) * np.pi / n_pts
            w = np.nan_to_num(np.asarray(density(self.center + self.scale * np.cos(th)), float),
                              nan=0.0, posinf=0.0) * self.scale * np.sin(th) * (np.pi / n_pts)
            from scipy.fft import dct
            moments = 0.5 * dct(w, type=2)[:self.moments.size]         # sum_j w_j cos(n theta_j), midpoints
        elif moments is None:
            x = (check_array("eigenvalues", eigenvalues, ndim=1, dtype=float) - self.center) / self.scale
            if np.any(np.abs(x) > 1):
                raise ValueError("eigenvalues must lie inside the rescaled interval [center - scale, center + scale]")
            moments = np.cos(np.outer(np.arange(self.moments.size), np.arccos(x))).mean(axis=1)
        return _expand(np.asarray(moments, float), self.energies, self.center, self.scale)


def _expand(moments, energies, center, scale):
    m = moments.shape[-1]
    g = jackson_kernel(m)
    x = (np.asarray(energies, float) - center) / scale
    tn = np.cos(np.outer(np.arange(m), np.arccos(x)))          # T_n(x), (M, k)
    coef = g * moments
    coef[..., 1:] *= 2
    return (coef @ tn) / (np.pi * scale * np.sqrt(1 - x ** 2))


def _as_hermitian(hamiltonian, name):
    h = sp.csr_matrix(hamiltonian)
    n = h.shape[0]
    if h.shape != (n, n) or n == 0:
        raise ValueError(f"{name} must be a non-empty square matrix; got shape {h.shape}")
    dev = abs(h - h.conj().T)
    if dev.nnz and dev.max() > 1e-12 * max(1.0, abs(h).max()):
        raise ValueError(f"{name} must be Hermitian")
    return h


def kpm_density(hamiltonian: ArrayLike | sp.spmatrix | Sequence[ArrayLike | sp.spmatrix], energies: ArrayLike,
                *, n_moments: int = 256, n_vectors: int = 8, bounds: tuple[float, float] | None = None,
                rng: RngLike = None) -> KPMDensity:
    """Density of states of a Hermitian (sparse) matrix by the kernel polynomial method.

    Parameters
    ----------
    hamiltonian : sparse matrix or ndarray (N, N), or a sequence of them
        Hermitian.  A sequence (all N × N) is averaged over: ``n_vectors`` random vectors for
        each matrix — e.g. a torus at random boundary twists, whose twist average samples
        the whole Brillouin zone (no finite-size k grid).
    energies : array_like
        Where to evaluate the density (inside ``bounds``).
    n_moments : int
        Chebyshev moments M (even, ≥ 4); resolution ≈ π a/M.
    n_vectors : int
        Random-phase vectors per matrix (≥ 1; at least 2 samples in all, for the error).
    bounds : (emin, emax), optional
        An interval containing every spectrum; default: ± the largest absolute row sum
        (Gershgorin).  It is widened by 1 % so that the rescaled spectrum stays inside (−1, 1).
    rng : None, int, SeedSequence or Generator

    Returns
    -------
    KPMDensity
        ``stderr`` from the spread over all (matrix, vector) samples.

    Raises
    ------
    ValueError
        Non-square or non-Hermitian matrix, matrices of different sizes, odd or too few
        moments, fewer than 2 samples, energies outside the bounds.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> chain = sp.diags([-np.ones(999), -np.ones(999)], [-1, 1])      # 1D band [-2, 2]
    >>> d = kpm_density(chain, [0.0], n_moments=128, n_vectors=4, rng=1)
    >>> bool(abs(d.density[0] - 1 / (2 * np.pi)) < 5 * d.stderr[0] + 0.01)   # rho = 1/(pi sqrt(4 - E^2))
    True
    """
    if isinstance(hamiltonian, (list, tuple)):
        mats = [_as_hermitian(h, f"hamiltonian[{i}]") for i, h in enumerate(hamiltonian)]
        if not mats:
            raise ValueError("hamiltonian must not be an empty sequence")
    else:
        mats = [_as_hermitian(hamiltonian, "hamiltonian")]
    n = mats[0].shape[0]
    if any(h.shape[0] != n for h in mats):
        raise ValueError("all matrices of the hamiltonian sequence must have the same size")
    m = check_int("n_moments", n_moments, minimum=4)
    if m % 2:
        raise ValueError(f"n_moments must be even (two moments per matrix-vector product); got {m}")
    r = check_int("n_vectors", n_vectors, minimum=1)
    if r * len(mats) < 2:
        raise ValueError(f"n_vectors must give at least 2 samples in all (for the error); got {r} x {len(mats)}")
    e = check_array("energies", energies, ndim=1, dtype=float, min_size=1)
    if bounds is None:
        g = max(float(np.max(np.asarray(abs(h).sum(axis=1)).ravel())) for h in mats)
        lo, hi = -g, g
    else:
        lo, hi = (check_real("bounds", b) for b in bounds)
        if not lo < hi:
            raise ValueError(f"bounds must be (emin, emax) with emin < emax; got {bounds!r}")
    center, scale = 0.5 * (lo + hi), 0.5 * (hi - lo) * 1.01
    if np.any(np.abs(e - center) >= scale):
        raise ValueError(f"energies must lie inside the bounds ({lo:g}, {hi:g})")
    gen = as_generator(rng)
    mu = np.empty((len(mats) * r, m))
    row = 0
    for h in mats:
        hs = (h - center * sp.identity(n, format="csr")) / scale
        for _ in range(r):
            mu[row] = _moments(hs, m, np.exp(2j * np.pi * gen.random(n)))      # random phases
            row += 1
    mu /= n
    per_sample = _expand(mu, e, center, scale)                       # (samples, k)
    return KPMDensity(e, per_sample.mean(axis=0), per_sample.std(axis=0, ddof=1) / np.sqrt(mu.shape[0]),
                      mu.mean(axis=0), center, scale, mu.shape[0], per_sample)


def _moments(hs, m, v):
    """<v|T_n(hs)|v>, n < m, two per product (Weiße et al., eq. (34))."""
    out = np.empty(m)
    a0, a1 = v, hs @ v
    mu0, mu1 = float(np.real(np.vdot(v, a0))), float(np.real(np.vdot(v, a1)))
    out[0], out[1] = mu0, mu1
    for j in range(1, m // 2):
        out[2 * j] = 2 * np.real(np.vdot(a1, a1)) - mu0
        a0, a1 = a1, 2 * (hs @ a1) - a0
        out[2 * j + 1] = 2 * np.real(np.vdot(a1, a0)) - mu1
    return out
