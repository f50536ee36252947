"""Localization lengths from Lyapunov exponents of products of transfer matrices.

A disordered chain (1D), strip of width ``M`` (2D) or bar of cross-section ``M x M`` (3D)
is cut into slices perpendicular to its long axis ``x``.  With the slice Hamiltonian
``H_perp + V_n`` (``H_perp`` the clean transverse lattice, ``V_n`` the on-site disorder of
slice ``n``) the Schrödinger equation ``H psi = E psi`` becomes a recursion

    psi_{n+1} = T (E - H_perp - V_n) psi_n - T^2 psi_{n-1},

where ``T = diag(exp(2 pi i phi y))`` carries the Peierls phases of the bonds along ``x``
(Landau gauge; ``T = 1`` without flux).  The product of the ``2N x 2N`` transfer matrices
(``N`` sites per slice) grows like ``exp(n gamma_i)`` along ``2N`` directions; the
``gamma_i`` are the Lyapunov exponents, symmetric under ``gamma -> -gamma`` because the
transfer matrices are (pseudo-)symplectic, and the smallest positive one defines the
localization length of the bar, ``xi_M = 1 / gamma_min``.

The exponents are computed by the standard method (Benettin et al. 1980; MacKinnon &
Kramer 1981, 1983): a ``2N x K`` orthonormal frame is multiplied by ``q`` transfer matrices,
re-orthonormalised by a Householder QR decomposition, and ``log|R_ii|`` is accumulated.
Only the frame is propagated, never the ``2N x 2N`` product.  The frames of ``n_bars``
independent bars are stored slice-major, so that one BLAS product per slice applies the
transverse hopping to all bars and columns at once (this removes the Python overhead for
thin systems); the QR decompositions are batched over bars.  For slices of up to 256 sites
BLAS runs single-threaded inside the computation: threaded LAPACK on such small matrices
mostly synchronises threads (10-100 times slower on a loaded machine).
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass

import numpy as np

from .._blas import single_threaded_blas
from .._log import progress_bar
from .._random import as_generator
from .._typing import RngLike
from ..ensembles import Anderson
from .._validate import ConvergenceError, check_choice, check_int, check_real

__all__ = ["LyapunovResult", "lyapunov_exponents", "transverse_hamiltonian", "DISORDER_KINDS",
           "choose_qr_interval"]

#: Disorder distributions of the on-site energies (same names as the Anderson model).
DISORDER_KINDS = ("box", "gaussian", "binary")
_BOUNDARIES = ("periodic", "open")
_EXPONENT_SETS = ("positive", "all")

#: Largest allowed growth of the frame between two QR steps, as a logarithm: the ratio of
#: the largest to the smallest column norm stays below e^13.8 = 1e6, so the weakest kept
#: direction keeps about 10 of the 16 significant digits of a double (1/eps = 4.5e15).
_LOG_SPREAD_MAX = math.log(1e6)
#: Overflow guard: the largest column norm stays below e^230 = 1e100 between two QR steps.
_LOG_GROWTH_MAX = 230.0
#: Upper bound on q (keeps the block of pre-drawn disorder small).
_Q_MAX = 64
#: Largest slice (sites) computed with single-threaded BLAS.
_SINGLE_THREAD_MAX_N = 256


@dataclass(frozen=True)
class LyapunovResult:
    """Lyapunov exponents of a disordered chain, strip or bar.

    Attributes
    ----------
    exponents : ndarray, shape (K,)
        Lyapunov exponents per slice (units 1/lattice constant), descending.  ``K = N``
        (the non-negative half of the spectrum) or ``K = 2N`` (all of it).
    stderr : ndarray, shape (K,)
        Standard errors of ``exponents`` from the scatter of independent block estimates.
    gamma_min, gamma_min_stderr : float
        The smallest non-negative exponent (the ``N``-th largest) and its standard error.
    xi, xi_stderr : float
        Localization length ``1/gamma_min`` (lattice constants) and its propagated error
        ``gamma_min_stderr / gamma_min**2``; ``inf`` if ``gamma_min <= 0``.
    cross_section : tuple of int
        ``()`` for a chain, ``(M,)`` for a strip, ``(M, M)`` for a bar.
    energy, W, flux : float
        Parameters of the run.
    disorder, boundary : str
    n_slices : int
        Slices per bar used in the averages (the warm-up excluded).
    n_bars, n_blocks : int
        Independent bars and blocks per bar; the error uses ``n_bars * n_blocks`` blocks.
    q : int
        Transfer-matrix steps between two QR re-orthonormalisations.
    block_estimates : ndarray, shape (n_bars * n_blocks, K)
        The exponents measured on each block (for bootstraps and diagnostics).
    """

    exponents: np.ndarray
    stderr: np.ndarray
    gamma_min: float
    gamma_min_stderr: float
    xi: float
    xi_stderr: float
    cross_section: tuple
    energy: float
    W: float
    flux: float
    disorder: str
    boundary: str
    n_slices: int
    n_bars: int
    n_blocks: int
    q: int
    block_estimates: np.ndarray

    @property
    def width(self) -> int:
        """Linear transverse size ``M`` (1 for a chain)."""
        return self.cross_section[0] if self.cross_section else 1

    @property
    def relative_error(self) -> float:
        """Relative standard error of ``gamma_min`` (the MacKinnon–Kramer accuracy)."""
        return self.gamma_min_stderr / abs(self.gamma_min) if self.gamma_min != 0 else math.inf

    @property
    def Lambda(self) -> float:
        """MacKinnon–Kramer ratio ``xi_M / M``."""
        return self.xi / self.width

    @property
    def Lambda_stderr(self) -> float:
        """Standard error of :attr:`Lambda`."""
        return self.xi_stderr / self.width


def _check_cross_section(cross_section) -> tuple:
    if isinstance(cross_section, (int, np.integer)) and not isinstance(cross_section, bool):
        raise TypeError("cross_section must be a tuple: () for a chain, (M,) for a strip, (M, M) "
                        f"for a bar; got the integer {cross_section!r} (write ({cross_section},))")
    if not isinstance(cross_section, (tuple, list)):
        raise TypeError(f"cross_section must be a tuple of positive integers; got {cross_section!r}")
    if len(cross_section) > 2:
        raise ValueError("cross_section must have 0, 1 or 2 sides (chain, strip or bar, i.e. "
                         f"dimension 1, 2 or 3); got {tuple(cross_section)!r}")
    return tuple(check_int(f"cross_section[{i}]", m, minimum=1) for i, m in enumerate(cross_section))


def transverse_hamiltonian(cross_section: tuple[int, ...], boundary: str = "periodic") -> np.ndarray:
    """Clean Hamiltonian of one slice, ``H_perp = -t sum_<ij> |i><j|`` with ``t = 1``.

    Parameters
    ----------
    cross_section : tuple of int
        ``()`` (a single site), ``(M,)`` or ``(M1, M2)``.
    boundary : {"periodic", "open"}
        Transverse boundary condition.

    Returns
    -------
    ndarray, shape (N, N)
        Dense real symmetric matrix; sites in C order (the last side runs fastest).

    Notes
    -----
    Built by :class:`rmt_meso.ensembles.Anderson` with ``W = 0``.  Eigenvalues:
    ``-2 sum_j cos(2 pi k_j / M_j)`` (periodic, ``M_j >= 2``) or
    ``-2 sum_j cos(pi k_j / (M_j + 1))`` (open); a side of length 1 has no bonds.

    Examples
    --------
    >>> h = transverse_hamiltonian((4,))
    >>> bool(np.allclose(np.sort(np.linalg.eigvalsh(h)), [-2, 0, 0, 2]))
    True
    """
    sides = _check_cross_section(cross_section)
    check_choice("boundary", boundary, _BOUNDARIES)
    if not sides:
        return np.zeros((1, 1))
    # the clean cross-section is an Anderson lattice of its own (one concept, one place);
    # a side of length 1 gets no bonds, so that a strip of width 1 is the chain
    bc = tuple(boundary if m > 1 else "open" for m in sides)
    return Anderson(sides, W=0.0, boundary=bc).hamiltonian().toarray().real


def _disorder_bound(W: float, disorder: str) -> float:
    """Bound on |V| used for the a-priori QR interval (5 sigma for Gaussian disorder)."""
    if disorder == "gaussian":
        return 5.0 * W / math.sqrt(12.0)
    return W / 2.0


def _draw(rng: np.random.Generator, W: float, disorder: str, size, _cache={}) -> np.ndarray:
    """On-site energies of the Anderson model (box U[-W/2, W/2]; Gaussian of the box
    variance W^2/12; binary +-W/2), drawn as one chain and reshaped to ``size``."""
    n = int(np.prod(size))
    key = (n, W, disorder)
    model = _cache.get(key)
    if model is None:
        if len(_cache) > 64:
            _cache.clear()
        model = _cache[key] = Anderson((n,), W=W, disorder=disorder)
    return model.onsite(rng=rng).reshape(size)


def choose_qr_interval(log_spread: float, log_growth: float) -> int:
    """Number ``q`` of transfer-matrix steps between two QR re-orthonormalisations.

    Parameters
    ----------
    log_spread : float
        (Bound on) ``gamma_1 - gamma_K``, the spread of the kept exponents per slice.
    log_growth : float
        (Bound on) ``gamma_1``, the largest growth rate per slice.

    Returns
    -------
    int
        ``q = floor(min(ln(1e6) / log_spread, 230 / log_growth))`` clipped to ``[1, 64]``.

    Notes
    -----
    Between two QR steps the columns of the frame drift towards the most expanding
    direction: the ratio of the largest to the smallest column norm grows like
    ``exp(q (gamma_1 - gamma_K))``.  Keeping it below ``1e6`` leaves the weakest direction
    with about 10 significant digits (``1/eps = 4.5e15`` for doubles), far from the point
    where it is lost in rounding.  The second bound only prevents overflow.

    Examples
    --------
    >>> choose_qr_interval(2.0, 1.0)
    6
    """
    log_spread = check_real("log_spread", log_spread, minimum=0.0)
    log_growth = check_real("log_growth", log_growth, minimum=0.0)
    q = _Q_MAX
    if log_spread > 0:
        q = min(q, int(_LOG_SPREAD_MAX / log_spread))
    if log_growth > 0:
        q = min(q, int(_LOG_GROWTH_MAX / log_growth))
    return max(1, q)


class _Propagator:
    """``n_bars`` frames ``[psi_n; psi_{n-1}]``, stored slice-major as ``(N, R, K)`` arrays.

    The slice-major layout turns the transverse hopping of all bars and columns into one
    BLAS call per slice, ``(N x N) @ (N x R K)``; the disorder enters as an elementwise
    product.  Frames are transposed to ``(R, 2N, K)`` only for the batched QR.
    """

    def __init__(self, hperp, energy, W, disorder, phases, K, n_bars, rng):
        self.N = N = hperp.shape[0]
        self.R = n_bars
        self.K = K
        self.W, self.disorder, self.rng = W, disorder, rng
        complex_ = phases is not None
        base = energy * np.eye(N) - hperp
        if complex_:
            # psi_{n+1} = T (E - H_perp - V_n) psi_n - T^2 psi_{n-1},  T = diag(phases)
            self.base = phases[:, None] * base
            self.tcol = phases[:, None, None]
            self.t2 = (phases ** 2)[:, None, None]
        else:
            self.base = base
            self.tcol = None
            self.t2 = None
        # random orthonormal initial frame (complex Gaussian where the model is complex)
        shape = (self.R, 2 * N, K)
        z = rng.standard_normal(shape)
        if complex_:
            z = z + 1j * rng.standard_normal(shape)
        q, _ = np.linalg.qr(z)
        self._set_frame(q)

    def _set_frame(self, q):
        self.A = np.ascontiguousarray(q[:, :self.N].transpose(1, 0, 2))
        self.B = np.ascontiguousarray(q[:, self.N:].transpose(1, 0, 2))

    def advance(self, q: int) -> np.ndarray:
        """Multiply by ``q`` transfer matrices, re-orthonormalise; return log|R_ii| (R, K)."""
        N, R, K = self.N, self.R, self.K
        # disorder of q slices, drawn slice by slice (bar-major within a slice), so that the
        # random stream does not depend on q
        V = _draw(self.rng, self.W, self.disorder, (q, R, N)).transpose(0, 2, 1)[..., None]
        if self.tcol is not None:
            V = V * self.tcol
        A, B = self.A, self.B
        if N == 1:
            coef = self.base[0, 0] - V                 # (q, 1, R, 1): scalar recursion
            for n in range(q):
                C = coef[n] * A
                C -= B if self.t2 is None else self.t2 * B
                B, A = A, C
        else:
            base = self.base
            for n in range(q):
                C = (base @ A.reshape(N, R * K)).reshape(N, R, K)
                C -= V[n] * A
                C -= B if self.t2 is None else self.t2 * B
                B, A = A, C
        frame = np.concatenate((A, B), axis=0).transpose(1, 0, 2)     # (R, 2N, K)
        Q, Rm = np.linalg.qr(frame)
        diag = np.abs(np.diagonal(Rm, axis1=1, axis2=2))
        if not np.all(np.isfinite(diag)) or np.any(diag == 0):
            raise ConvergenceError("transfer-matrix frame became singular or overflowed; use a "
                                   "smaller q")
        self._set_frame(Q)
        return np.log(diag)


def lyapunov_exponents(cross_section: tuple[int, ...], energy: float, W: float, n_slices: int = 10000, *, disorder: str = "box",
                       boundary: str = "periodic", flux: float = 0.0, exponents: str = "positive",
                       q: int | None = None, n_bars: int = 1, n_blocks: int = 16,
                       warmup: int | None = None, rtol: float | None = None,
                       max_slices: int = 10**7, rng: RngLike = None, progress: bool = False) -> LyapunovResult:
    """Lyapunov exponents and localization length of an Anderson chain, strip or bar.

    Parameters
    ----------
    cross_section : tuple of int
        ``()`` for the 1D chain, ``(M,)`` for a 2D strip of width ``M``, ``(M, M)`` (or
        ``(M1, M2)``) for a 3D bar.
    energy : float
        Energy ``E`` in units of the hopping ``t = 1``; any real value (outside the band
        of the clean bar all channels are evanescent and the exponents are large).
    W : float
        Disorder strength ``W >= 0``: box ``U[-W/2, W/2]``, Gaussian of variance ``W^2/12``
        or binary ``+-W/2`` (see ``disorder``).
    n_slices : int
        Slices per bar used for the averages (rounded up to a multiple of
        ``q * n_blocks``).  With ``rtol`` it is the length of each extension round.
    disorder : {"box", "gaussian", "binary"}
    boundary : {"periodic", "open"}
        Transverse boundary condition.
    flux : float
        Magnetic flux per plaquette of the ``x``-``y`` plane in units of ``h/e``
        (``y`` = first transverse side).  Landau gauge: the bond ``x -> x+1`` at row ``y``
        carries the phase ``exp(2 pi i flux y)``, the transverse bonds none.  With a
        periodic ``y`` the seam plaquette must carry the same flux: ``flux * M`` must be an
        integer.
    exponents : {"positive", "all"}
        Propagate ``K = N`` columns (the non-negative half of the spectrum, enough for
        ``xi``) or ``K = 2N`` (the whole spectrum, about three times slower).
    q : int, optional
        Steps between QR re-orthonormalisations.  Default: an a-priori bound during the
        warm-up, then :func:`choose_qr_interval` from the exponents measured in it.
    n_bars : int
        Independent bars propagated together (batched; efficient for thin systems).
    n_blocks : int
        Blocks per bar for the error estimate; each block should be much longer than
        ``xi`` so that block estimates are independent.
    warmup : int, optional
        Slices discarded at the start while the frame aligns with the Oseledets
        directions (default: one block, ``n_slices // n_blocks``).
    rtol : float, optional
        MacKinnon–Kramer criterion: extend the bars in rounds of ``n_slices`` until the
        relative standard error of ``gamma_min`` is ``<= rtol``.
    max_slices : int
        Upper bound on slices per bar in ``rtol`` mode; reaching it raises.
    rng : None, int, SeedSequence or Generator
    progress : bool, default False
        Progress bar over the slices propagated per bar (terminal or notebook; silent and
        warning-free when off, :func:`rmt_meso._log.progress_bar`).

    Returns
    -------
    LyapunovResult

    Raises
    ------
    ValueError
        ``W < 0``, a side ``< 1``, more than two transverse sides, bad option names,
        incommensurate flux on a periodic strip.
    TypeError
        Non-integer sides or sizes, ``cross_section`` given as an integer.
    ConvergenceError
        ``rtol`` not reached within ``max_slices``, or an overflowing frame.

    Notes
    -----
    The exponent of column ``i`` is the mean of ``log|R_ii|`` per slice.  The standard
    error comes from the scatter of the block means (blocks of consecutive slices of one
    bar, and different bars); blocks much longer than ``xi`` are independent to a very
    good approximation.  For the chain (``N = 1``) the two exponents are ``+-gamma`` exactly
    (the transfer matrices have unit determinant) and ``xi = 1/gamma`` is the decay length
    of the amplitude, ``|psi_n| ~ exp(-n/xi)``.

    The QR interval ``q`` (when not given) is chosen so that between two QR steps the
    ratio of the largest to the smallest column norm of the frame, ``exp(q (gamma_1 -
    gamma_K))``, stays below ``1e6``, far below ``1/eps = 4.5e15``: first from the a-priori
    bound ``gamma_1 <= ln(|E| + ||H_perp|| + max|V| + 1)`` during the warm-up, then from
    1.25 times the spread measured in the warm-up (:func:`choose_qr_interval`).  Results do
    not depend on ``q`` beyond rounding (the accumulated logarithms telescope).

    The inter-slice hopping is taken as ``+t`` instead of ``-t``: the gauge transformation
    ``psi_n -> (-1)^n psi_n`` maps one to the other and leaves every exponent unchanged.

    References
    ----------
    A. MacKinnon and B. Kramer, Phys. Rev. Lett. 47, 1546 (1981); Z. Phys. B 53, 1 (1983).
    J.-L. Pichard and G. Sarma, J. Phys. C 14, L127 (1981).
    G. Benettin, L. Galgani, A. Giorgilli, J.-M. Strelcyn, Meccanica 15, 9 (1980).

    Examples
    --------
    Clean periodic strip of width 3 (transverse energies ``eps = -2, 1, 1``) at
    ``E = 3.5``: every channel is evanescent with ``cosh gamma = |E - eps|/2``:

    >>> r = lyapunov_exponents((3,), 3.5, 0.0, 2000, rng=1)
    >>> expected = np.arccosh(np.abs(3.5 - np.array([-2.0, 1.0, 1.0])) / 2)
    >>> bool(np.allclose(r.exponents, np.sort(expected)[::-1], atol=1e-3))
    True
    """
    sides = _check_cross_section(cross_section)
    energy = check_real("energy", energy)
    W = check_real("W", W, minimum=0.0)
    n_slices = check_int("n_slices", n_slices, minimum=1)
    # small frames: threaded LAPACK only synchronises threads; large cross-sections
    # (N > 256 sites per slice) keep the user's BLAS threading
    small = int(np.prod(sides, dtype=int)) <= _SINGLE_THREAD_MAX_N
    with single_threaded_blas() if small else contextlib.nullcontext():
        with progress_bar(None, enabled=bool(progress), desc="transfer matrix", unit="slice") as bar:
            return _lyapunov(sides, energy, W, n_slices, disorder, boundary, flux, exponents, q, n_bars,
                             n_blocks, warmup, rtol, max_slices, rng, bar)


def _lyapunov(sides, energy, W, n_slices, disorder, boundary, flux, exponents, q, n_bars, n_blocks,
              warmup, rtol, max_slices, rng, bar) -> LyapunovResult:
    check_choice("disorder", disorder, DISORDER_KINDS)
    check_choice("boundary", boundary, _BOUNDARIES)
    flux = check_real("flux", flux)
    check_choice("exponents", exponents, _EXPONENT_SETS)
    if q is not None:
        q = check_int("q", q, minimum=1)
    n_bars = check_int("n_bars", n_bars, minimum=1)
    n_blocks = check_int("n_blocks", n_blocks, minimum=2)
    if warmup is not None:
        warmup = check_int("warmup", warmup, minimum=0)
    if rtol is not None:
        rtol = check_real("rtol", rtol, minimum=0.0, min_inclusive=False)
    max_slices = check_int("max_slices", max_slices, minimum=1)
    gen = as_generator(rng)

    phases = None
    if flux != 0.0:
        if not sides:
            raise ValueError("flux needs a strip or bar (a chain has no plaquettes); got "
                             f"flux={flux} with cross_section=()")
        my = sides[0]
        if boundary == "periodic" and abs(flux * my - round(flux * my)) > 1e-12:
            raise ValueError(f"flux * M must be an integer for a periodic strip (uniform flux "
                             f"through the seam plaquette); got flux={flux}, M={my}. Use "
                             "boundary='open' or flux = k/M")
        y = np.repeat(np.arange(my), int(np.prod(sides[1:], dtype=int)))
        phases = np.exp(2j * np.pi * flux * y)

    hperp = transverse_hamiltonian(sides, boundary)
    N = hperp.shape[0]
    K = N if exponents == "positive" else 2 * N
    prop = _Propagator(hperp, energy, W, disorder, phases, K, n_bars, gen)

    # a-priori interval from ||transfer matrix|| <= |E| + ||H_perp|| + max|V| + 1
    norm_h = float(np.max(np.sum(np.abs(hperp), axis=1))) if N > 1 else 0.0
    log_b = math.log(abs(energy) + norm_h + _disorder_bound(W, disorder) + 1.0)
    q0 = q if q is not None else choose_qr_interval(2.0 * log_b if K > 1 else 0.0, log_b)

    block_len = -(-n_slices // n_blocks)
    if warmup is None:
        warmup = block_len
    # warm-up (discarded); it also measures the exponents for the automatic q
    done, acc = 0, np.zeros((n_bars, K))
    bar.total = warmup + n_blocks * -(-n_slices // n_blocks)
    bar.refresh()
    while done < warmup:
        step = min(q0, warmup - done)
        acc += prop.advance(step)
        done += step
        bar.update(step)
    if q is None:
        if warmup > 0:
            g = np.sort(acc.mean(axis=0) / warmup)[::-1]
            spread = max(g[0] - g[-1], 0.0) if K > 1 else 0.0
            q = choose_qr_interval(spread * 1.25, max(g[0], 0.0) * 1.25)
        else:
            q = q0
    block_len = q * -(-block_len // q)
    per_block = block_len // q
    bar.total = warmup + n_blocks * block_len
    bar.refresh()

    blocks = []
    rounds = 0
    while True:
        if rounds:
            bar.total += n_blocks * block_len
            bar.refresh()
        for _ in range(n_blocks):
            acc = np.zeros((n_bars, K))
            for _ in range(per_block):
                acc += prop.advance(q)
            blocks.append(acc / block_len)
            bar.update(block_len)
        rounds += 1
        est = np.concatenate(blocks, axis=0)              # (n_bars * blocks, K)
        means = est.mean(axis=0)
        errs = est.std(axis=0, ddof=1) / math.sqrt(est.shape[0])
        order = np.argsort(means)[::-1]
        gmin, gerr = float(means[order[N - 1]]), float(errs[order[N - 1]])
        if rtol is None:
            break
        if gmin > 0 and gerr <= rtol * gmin:
            break
        if (rounds + 1) * n_blocks * block_len > max_slices:
            raise ConvergenceError(
                f"relative error {gerr / abs(gmin) if gmin else math.inf:.3g} of gamma_min did not "
                f"reach rtol={rtol} within max_slices={max_slices} slices per bar; raise "
                "max_slices or n_bars")

    if gmin > 0:
        xi, xierr = 1.0 / gmin, gerr / gmin ** 2
    else:
        xi, xierr = math.inf, math.inf
    return LyapunovResult(
        exponents=means[order], stderr=errs[order], gamma_min=gmin, gamma_min_stderr=gerr,
        xi=xi, xi_stderr=xierr, cross_section=sides, energy=energy, W=W, flux=flux,
        disorder=disorder, boundary=boundary, n_slices=rounds * n_blocks * block_len,
        n_bars=n_bars, n_blocks=rounds * n_blocks, q=q, block_estimates=est[:, order])
