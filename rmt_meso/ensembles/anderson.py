"""The Anderson tight-binding model on 1D, 2D and 3D hypercubic lattices.

.. math::

    H = \\sum_i \\varepsilon_i\\, c_i^\\dagger c_i
        \\;-\\; t \\sum_{\\langle ij \\rangle} c_i^\\dagger\\, U_{ij}\\, c_j ,

with independent random on-site energies :math:`\\varepsilon_i`, nearest-neighbour hopping
``t``, Peierls phases for a magnetic flux, an optional uniform SU(2) spin-orbit rotation
:math:`U_{ij}` (Ando's model) and open, periodic or twisted boundaries per direction.

The class :class:`Anderson` builds the sparse Hamiltonian, draws disorder reproducibly from a
seed and computes eigenvalues densely (LAPACK) or near a target energy by sparse
shift-invert Lanczos/Arnoldi with a single sparse LU factorisation.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, cast
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .._deprecation import warn_deprecated
from .._log import progress_bar
from .._random import as_generator, keyword_rng, spawn_seeds
from .._sparse import shift_invert_eigvalsh
from .._typing import RngLike, SizeLike
from .._validate import (ConvergenceError, check_array, check_choice, check_int, check_real,
                         check_size)

__all__ = ["Anderson", "AndersonRealisation", "DISORDERS", "BOUNDARIES"]

#: Supported on-site disorder distributions.
DISORDERS = ("box", "gaussian", "binary")
#: Supported boundary conditions (per direction).
BOUNDARIES = ("open", "periodic", "twisted")
#: Largest Hilbert-space dimension for which ``method="auto"`` diagonalises densely.
_DENSE_MAX = 1200
#: Relative tolerance deciding that a phase is an integer multiple of pi (time reversal).
_PHASE_TOL = 1e-12


def _legacy_rng_first(method: str, size, rng):
    """``Anderson.onsite/eigvals`` took ``rng`` as their first argument; a ``Generator`` or
    ``SeedSequence`` passed there is that old form (warned); an ``int`` is now ``size``."""
    if isinstance(size, (np.random.Generator, np.random.SeedSequence)):
        if rng is not None:
            raise TypeError(f"Anderson.{method}() got a generator as size and rng={rng!r}; "
                            f"pass the generator as rng=")
        warn_deprecated(f"Anderson.{method}(rng) with rng first",
                        f"Anderson.{method}(rng=rng) (the first argument is now size)", stacklevel=4)
        return None, size
    return check_size(size), rng


def reduce_flux(flux: float) -> float:
    """Flux per plaquette modulo one flux quantum, in (-1/2, 1/2].

    The Peierls phases :math:`e^{2\\pi i \\phi y}` depend on φ only modulo 1, so every
    decision (time-reversal symmetry, phases) is taken on the reduced value, with tolerances
    that do not depend on the magnitude of the input: ``4e11 + 0.125`` is 0.125 and
    ``1e4 + 1e-9`` is 1e-9 (up to the 1.8e-12 resolution of a double near 1e4).

    Examples
    --------
    >>> reduce_flux(4e11 + 0.125), reduce_flux(0.9), reduce_flux(-0.5)
    (0.125, -0.09999999999999998, 0.5)
    """
    return float(flux - math.ceil(flux - 0.5))


def _is_multiple(x: float, unit: float) -> bool:
    """True when ``x`` is an integer multiple of ``unit`` to relative accuracy ``_PHASE_TOL``."""
    q = x / unit
    return abs(q - round(q)) <= _PHASE_TOL * max(1.0, abs(q))


def draw_disorder(kind: str, W: float, shape, gen: np.random.Generator) -> np.ndarray:
    """On-site energies of one realisation of the Anderson disorder laws.

    ``"box"``: uniform in ``[-W/2, W/2]``; ``"gaussian"``: normal with the same variance
    ``W²/12``; ``"binary"``: ``±W/2`` with probability 1/2 each.  One place for the laws of
    :class:`Anderson`, :class:`rmt_meso.transport.Wire` and the devices of
    :mod:`rmt_meso.transport.device`.
    """
    if kind == "box":
        return W * (gen.random(shape) - 0.5)
    if kind == "gaussian":
        return gen.normal(0.0, W / math.sqrt(12.0), size=shape)
    if kind == "binary":
        return W * (gen.integers(0, 2, size=shape) - 0.5)
    raise ValueError(f"disorder must be 'box', 'gaussian' or 'binary'; got {kind!r}")


def _spin_rotation(direction: int, theta: float) -> np.ndarray:
    """SU(2) hopping matrix of Ando's model for bonds along ``direction``.

    x-bonds: exp(i θ σ_y); y-bonds: exp(i θ σ_x); z-bonds (3D extension): exp(i θ σ_z).
    """
    c, s = math.cos(theta), math.sin(theta)
    if direction == 0:
        return np.array([[c, s], [-s, c]], dtype=complex)          # exp(i θ σ_y)
    if direction == 1:
        return np.array([[c, 1j * s], [1j * s, c]], dtype=complex)  # exp(i θ σ_x)
    return np.array([[c + 1j * s, 0.0], [0.0, c - 1j * s]], dtype=complex)  # exp(i θ σ_z)


class Anderson:
    r"""Anderson tight-binding model on a hypercubic lattice in 1, 2 or 3 dimensions.

    .. math::

        H = \sum_{\mathbf r} \varepsilon_{\mathbf r} |\mathbf r\rangle\langle\mathbf r|
            - t \sum_{\mathbf r, d} \Bigl( e^{i a_d(\mathbf r)}\, U_d\,
              |\mathbf r + \hat e_d\rangle\langle \mathbf r| + \mathrm{h.c.} \Bigr)

    Parameters
    ----------
    shape : tuple of int
        Lattice size ``(L,)``, ``(Lx, Ly)`` or ``(Lx, Ly, Lz)``; every side a positive integer.
    W : float, default 0
        Disorder strength (energy, units of ``t`` when ``t = 1``); ``W >= 0``.
    disorder : {"box", "gaussian", "binary"}, default "box"
        Law of the independent on-site energies: ``"box"`` uniform in ``[-W/2, W/2]``;
        ``"gaussian"`` normal with mean 0 and variance ``W**2/12`` (the variance of the box
        law, so that the Born-approximation scattering rate is the same); ``"binary"``
        ``±W/2`` with probability 1/2 each (variance ``W**2/4``).
    flux : float, default 0
        Magnetic flux per plaquette of the x–y plane in units of the flux quantum ``h/e``
        (requires ``dim >= 2``).  Landau gauge, phases on x-bonds only (see Notes).  Only
        the flux modulo one quantum matters: it is reduced to (-1/2, 1/2] first
        (:func:`reduce_flux`, stored so in ``flux``), and time reversal holds when the
        reduced flux is 0 or 1/2 to an absolute 1e-12.
    spin_orbit : float or None, default None
        ``None``: spinless model (one orbital per site).  Otherwise the SU(2) rotation angle
        ``θ`` in radians of Ando's spin-orbit model, ``0 < θ < π`` (two orbitals per site;
        ``θ = π/6`` is a common choice).
    boundary : str or tuple of str, default "open"
        ``"open"``, ``"periodic"`` or ``"twisted"`` for all directions, or one per direction.
    twist : float or tuple of float, optional
        Twist phase(s) ``θ_d`` in radians for the directions with ``"twisted"`` boundaries
        (a scalar applies to all of them; default 0).  Must be 0 for the other directions.
    t : float, default 1
        Hopping energy, ``t > 0``.

    Attributes
    ----------
    shape, dim, W, disorder, flux, spin_orbit, boundary, twist, t
        The parameters, normalised (``boundary`` and ``twist`` are tuples of length ``dim``).
    n_sites : int
        Number of lattice sites ``prod(shape)``.
    n_orbitals : int
        1 (spinless) or 2 (with spin-orbit coupling).
    size : int
        Hilbert-space dimension ``n_sites * n_orbitals``.
    beta : int
        Dyson index of the symmetry class (see Notes).
    band : tuple of float
        ``(-2 d t - W/2, 2 d t + W/2)``: the interval holding the whole spectrum for box and
        binary disorder (nominal for Gaussian disorder, whose tails are unbounded).

    Raises
    ------
    TypeError, ValueError
        For a shape that is not a tuple of 1 to 3 positive integers, ``W < 0``, an unknown
        disorder or boundary, flux in 1D, a periodic y direction whose flux ``φ·Ly`` is not
        an integer, a twist on a direction that is not ``"twisted"``, ``t <= 0``.

    Notes
    -----
    **Site ordering.**  Sites are numbered in C order over ``shape`` (x slowest) with the
    spin index fastest: ``index = (((x*Ly) + y)*Lz + z)*n_orbitals + σ``.  A slice at fixed
    ``x`` is therefore a contiguous block of ``n_sites // Lx * n_orbitals`` states, which is
    what recursive Green's-function and transfer-matrix codes need.

    **Hopping convention.**  The matrix element from site ``r`` to its neighbour ``r + e_d``
    (spin block) is ``H[r + e_d, r] = -t · e^{i a_d(r)} · U_d`` and
    ``H[r, r + e_d]`` is its Hermitian conjugate.

    **Magnetic flux (Landau gauge).**  Only x-bonds carry a Peierls phase and it depends on
    ``y`` only: ``H[(x+1, y, z), (x, y, z)] = -t exp(2πi φ y)`` for ``y = 0 .. Ly-1``, so the
    model is translation invariant along x (the transport direction of leads).  Going once
    counter-clockwise around a plaquette (x→x+1, y→y+1, x+1→x, y+1→y, seen from +z), the
    product of the hopping phases ``H[next, current]`` is ``exp(-2πi φ)``.  By the Peierls
    substitution ``H_ij ∝ exp(i q/ħ ∫_j^i A·dl)`` this is an electron (``q = -e``) in the
    vector potential ``A = -B y x̂``, i.e. a field ``B = φ (h/e) / a²`` along **+z** (for
    ``φ > 0``).  With periodic or twisted boundaries in y the flux through the plaquettes
    that close the torus is consistent only when ``φ·Ly`` is an integer; otherwise a
    ``ValueError`` is raised.  Periodic boundaries in x need no condition.

    **Twisted boundaries.**  The bond that crosses the boundary in direction ``d`` (from the
    last slice ``r_d = L_d - 1`` to the first ``r_d = 0``) is multiplied by ``e^{iθ_d}``:
    ``H[(.., 0, ..), (.., L_d-1, ..)] = -t e^{iθ_d} (...)``.  This is gauge equivalent to the
    phase ``e^{iθ_d / L_d}`` on every d-bond (an Aharonov–Bohm flux ``θ_d/2π`` flux quanta
    through the torus); ``θ_d = 0`` is periodic, ``θ_d = π`` antiperiodic.  For a clean
    periodic lattice the Bloch momenta are ``k_d = (2π n_d + θ_d)/L_d``.

    **Spin-orbit coupling (Ando 1989).**  ``U_x = exp(iθσ_y)``, ``U_y = exp(iθσ_x)`` and, our
    extension to 3D, ``U_z = exp(iθσ_z)``; the hopping is uniform (deterministic), so clean
    leads with spin-orbit coupling are well defined, and each ``U_d`` is in SU(2), so
    ``σ_y U_d^* σ_y = U_d``: the model is invariant under the time reversal ``iσ_y K`` with
    ``(iσ_y K)^2 = -1`` (Kramers degeneracy).  In 1D a single SU(2) rotation is a pure gauge
    transformation, so the spinful chain is two decoupled copies of the spinless one.

    **Symmetry class** (``beta``).  Time reversal holds when every Peierls and twist phase is
    real, i.e. ``2φ`` is an integer and every twist is a multiple of ``π`` (``φ = 1/2`` gives
    real phases ``(-1)^y``).  Then ``beta = 1`` (spinless, ``T = K``, ``T² = +1``) or
    ``beta = 4`` (spin-orbit, ``T² = -1``); otherwise ``beta = 2``.  The ``twist`` override of
    :meth:`hamiltonian` / :meth:`eigvals` does not change the attribute ``beta``.

    References
    ----------
    .. [1] P. W. Anderson, "Absence of diffusion in certain random lattices",
       Phys. Rev. 109, 1492 (1958).
    .. [2] T. Ando, "Numerical study of symmetry effects on localization in two dimensions",
       Phys. Rev. B 40, 5325 (1989).
    .. [3] D. R. Hofstadter, "Energy levels and wave functions of Bloch electrons in rational
       and irrational magnetic fields", Phys. Rev. B 14, 2239 (1976).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.ensembles import Anderson
    >>> chain = Anderson((5,))                      # clean open chain
    >>> e = chain.eigvals()
    >>> bool(np.allclose(e, np.sort(-2 * np.cos(np.pi * np.arange(1, 6) / 6))))
    True
    >>> cube = Anderson((6, 6, 6), W=16.5, boundary="periodic")
    >>> cube.beta, cube.size
    (1, 216)
    >>> e1 = cube.eigvals(rng=7, k=10, method="dense")
    >>> e2 = cube.eigvals(rng=7, k=10, method="shift-invert")
    >>> bool(np.allclose(e1, e2))
    True
    """

    def __init__(self, shape: int | Sequence[int], W: float = 0.0, *, disorder: str = "box",
                 flux: float = 0.0, spin_orbit: float | None = None,
                 boundary: str | Sequence[str] = "open", twist: float | Sequence[float] | None = None,
                 t: float = 1.0):
        self.shape = self._check_shape(shape)
        self.dim = len(self.shape)
        self.W = check_real("W", W, minimum=0.0)
        self.disorder = check_choice("disorder", disorder, DISORDERS)
        self.t = check_real("t", t, minimum=0.0, min_inclusive=False)
        self.flux = reduce_flux(check_real("flux", flux))
        if self.flux != 0.0 and self.dim < 2:
            raise ValueError(f"flux needs a lattice with dim >= 2 (a plaquette in the x-y plane); "
                             f"got flux={self.flux} for shape {self.shape}")
        if spin_orbit is None:
            self.spin_orbit = None
        else:
            self.spin_orbit = check_real("spin_orbit", spin_orbit, minimum=0.0, maximum=math.pi,
                                         min_inclusive=False, max_inclusive=False)
        self.n_orbitals = 1 if self.spin_orbit is None else 2
        self.boundary = self._check_boundary(boundary)
        self.twist = self._check_twist(twist, self.boundary, name="twist")
        # Flux consistency for closed y: the plaquettes across the y boundary carry the
        # Peierls phase difference 2π φ (Ly - 1) - 0, which equals -2π φ mod 2π only if φ Ly ∈ Z.
        if self.dim >= 2 and self.flux != 0.0 and self.boundary[1] != "open":
            if not _is_multiple(self.flux * self.shape[1], 1.0):
                raise ValueError(
                    f"flux with a periodic/twisted y direction needs flux*Ly to be an integer "
                    f"(the Landau-gauge phases must close around the torus); got flux={self.flux}, "
                    f"Ly={self.shape[1]}, flux*Ly={self.flux * self.shape[1]:.6g}; use open "
                    f"y boundaries or a commensurate flux")
        self.n_sites = int(np.prod(self.shape))
        self.size = self.n_sites * self.n_orbitals
        self._hop_cache: dict = {}
        self._dense_hop_cache: dict = {}

    # ------------------------------------------------------------------ validation
    @staticmethod
    def _check_shape(shape) -> tuple:
        if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence) and not isinstance(shape, np.ndarray):
            raise TypeError(f"shape must be a tuple of 1 to 3 positive integers such as (L,), (Lx, Ly) "
                            f"or (Lx, Ly, Lz); got {shape!r}")
        shape = tuple(shape)
        if not 1 <= len(shape) <= 3:
            raise ValueError(f"shape must have 1, 2 or 3 sides (dimension 1-3); got {shape!r} "
                             f"of dimension {len(shape)}")
        return tuple(check_int(f"shape[{i}]", s, minimum=1) for i, s in enumerate(shape))

    def _check_boundary(self, boundary) -> tuple:
        if isinstance(boundary, str):
            return (check_choice("boundary", boundary, BOUNDARIES),) * self.dim
        if not isinstance(boundary, Sequence) or len(boundary) != self.dim:
            raise ValueError(f"boundary must be one of {BOUNDARIES} or a tuple of {self.dim} of them "
                             f"(one per direction); got {boundary!r}")
        return tuple(check_choice(f"boundary[{i}]", b, BOUNDARIES) for i, b in enumerate(boundary))

    def _check_twist(self, twist, boundary, *, name, closed_ok=("twisted",)) -> tuple:
        if twist is None:
            return (0.0,) * self.dim
        if isinstance(twist, numbers.Real) and not isinstance(twist, (bool, np.bool_)):
            value = check_real(name, twist)
            twist = tuple(value if b in closed_ok else 0.0 for b in boundary)
            if value != 0.0 and not any(b in closed_ok for b in boundary):
                raise ValueError(f"{name}={value} needs a direction with boundary in {closed_ok}; "
                                 f"boundaries are {boundary}")
            return twist
        arr = check_array(name, twist, ndim=1, shape=(self.dim,))
        out = []
        for d, (th, b) in enumerate(zip(arr, boundary)):
            if th != 0.0 and b not in closed_ok:
                raise ValueError(f"{name}[{d}] = {th} is a twist on a direction with boundary {b!r}; "
                                 f"twists need boundary in {closed_ok} (a twist on an open direction "
                                 f"has no effect, use boundary='twisted' for a twisted one)")
            out.append(float(th))
        return tuple(out)

    def _effective_twist(self, twist) -> tuple:
        """Twist used by one call: the override applies to every closed direction."""
        if twist is None:
            return self.twist
        return self._check_twist(twist, self.boundary, name="twist", closed_ok=("periodic", "twisted"))

    def _time_reversal(self, twist: tuple) -> bool:
        """True when every hopping phase is real (time-reversal invariance)."""
        if not _is_multiple(2.0 * self.flux, 1.0):
            return False
        return all(b == "open" or _is_multiple(th, math.pi) for th, b in zip(twist, self.boundary))

    # ------------------------------------------------------------------ properties
    @property
    def beta(self) -> int:
        """Dyson index: 1 (real), 2 (time reversal broken), 4 (spin-orbit, Kramers)."""
        if not self._time_reversal(self.twist):
            return 2
        return 4 if self.spin_orbit is not None else 1

    @property
    def band(self) -> tuple:
        """Interval ``(-2 d t - W/2, 2 d t + W/2)`` containing the spectrum (see class Notes)."""
        half = 2 * self.dim * self.t + self.W / 2
        return (-half, half)

    def __repr__(self) -> str:
        extra = ""
        if self.flux:
            extra += f", flux={self.flux}"
        if self.spin_orbit is not None:
            extra += f", spin_orbit={self.spin_orbit}"
        if any(self.twist):
            extra += f", twist={self.twist}"
        return (f"Anderson(shape={self.shape}, W={self.W}, disorder={self.disorder!r}, "
                f"boundary={self.boundary}{extra}, t={self.t})  # beta={self.beta}, size={self.size}")

    # ------------------------------------------------------------------ disorder
    @keyword_rng
    def onsite(self, size: SizeLike = None, *, rng: RngLike = None) -> np.ndarray:
        """Draw the on-site energies of disorder realisations.

        Parameters
        ----------
        size : int, optional
            Number of realisations; ``None`` for one without a sample axis.  Realisation
            ``i`` of a batch is drawn from the ``i``-th seed spawned from ``rng`` (see
            :meth:`realisation_seeds`), so that it is the same for every twist and energy.
        rng : None, int, SeedSequence or Generator, keyword-only
            Source of randomness (see :func:`rmt_meso._random.as_generator`).

        Returns
        -------
        ndarray, shape ``shape`` or ``(size, *shape)``
            On-site energies (spin independent): box uniform in ``[-W/2, W/2]``, Gaussian with
            variance ``W²/12``, or binary ``±W/2``.

        Examples
        --------
        >>> e = Anderson((4, 4), W=2.0).onsite(rng=1)
        >>> e.shape, bool(np.all(np.abs(e) <= 1.0))
        ((4, 4), True)
        """
        size, rng = _legacy_rng_first("onsite", size, rng)
        if size is not None:
            return np.stack([self._draw_onsite(np.random.default_rng(s))
                             for s in spawn_seeds(rng, size)])
        return self._draw_onsite(as_generator(rng))

    def _draw_onsite(self, gen) -> np.ndarray:
        return draw_disorder(self.disorder, self.W, self.shape, gen)

    def _onsite_for(self, rng, onsite) -> np.ndarray:
        if onsite is None:
            return self.onsite(rng=rng)
        if rng is not None:
            raise ValueError("pass either rng (random disorder) or onsite (given energies), not both")
        return check_array("onsite", onsite, shape=self.shape)

    # ------------------------------------------------------------------ Hamiltonian
    def _bond_lists(self, twist: tuple, d: int, *, boundary_only: bool = False):
        """Sources, destinations and phases of the d-bonds (r -> r + e_d)."""
        idx = np.arange(self.n_sites).reshape(self.shape)
        L = self.shape[d]
        srcs, dsts, phases = [], [], []

        def phase_of(src_block):
            if d == 0 and self.flux != 0.0:
                y = np.indices(self.shape)[1][src_block]
                frac = np.mod(self.flux * y, 1.0)     # reduce before exp: exact for 2φ ∈ Z
                return np.exp(2j * np.pi * frac)
            return np.ones(idx[src_block].shape, dtype=complex)

        if not boundary_only and L > 1:
            s = [slice(None)] * self.dim
            e = [slice(None)] * self.dim
            s[d], e[d] = slice(0, L - 1), slice(1, L)
            srcs.append(idx[tuple(s)].ravel())
            dsts.append(idx[tuple(e)].ravel())
            phases.append(phase_of(tuple(s)).ravel())
        if self.boundary[d] != "open":
            s = [slice(None)] * self.dim
            e = [slice(None)] * self.dim
            s[d], e[d] = slice(L - 1, L), slice(0, 1)
            srcs.append(idx[tuple(s)].ravel())
            dsts.append(idx[tuple(e)].ravel())
            phases.append((phase_of(tuple(s)) * np.exp(1j * twist[d])).ravel())
        if not srcs:
            return (np.zeros(0, dtype=int),) * 2 + (np.zeros(0, dtype=complex),)
        return np.concatenate(srcs), np.concatenate(dsts), np.concatenate(phases)

    def _forward_hopping(self, twist: tuple, directions, *, boundary_only=False) -> sp.csr_matrix:
        """The matrix ``F`` of the forward hops ``H[r+e_d, r]`` (so that ``H_hop = F + F^†``)."""
        rows, cols, data = [], [], []
        no = self.n_orbitals
        for d in directions:
            src, dst, ph = self._bond_lists(twist, d, boundary_only=boundary_only)
            amp = -self.t * ph
            if no == 1:
                rows.append(dst); cols.append(src); data.append(amp)
            else:
                U = _spin_rotation(d, cast(float, self.spin_orbit))   # two orbitals: spin_orbit set
                for a in range(2):
                    for b in range(2):
                        if U[a, b] != 0:
                            rows.append(2 * dst + a); cols.append(2 * src + b); data.append(amp * U[a, b])
        if not rows:
            return sp.csr_matrix((self.size, self.size), dtype=complex)
        return sp.coo_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(self.size, self.size)).tocsr()

    def _is_real(self, twist: tuple) -> bool:
        return self.spin_orbit is None and self._time_reversal(twist)

    def _hopping(self, twist: tuple) -> sp.csr_matrix:
        key = twist
        if key not in self._hop_cache:
            F = self._forward_hopping(twist, range(self.dim))
            H = (F + F.conj().T).tocsr()
            if self._is_real(twist):
                # all phases are ±1 in exact arithmetic; drop round-off imaginary parts
                H = sp.csr_matrix(H.real, dtype=np.float64)
            H.sum_duplicates()
            H.eliminate_zeros()
            if len(self._hop_cache) > 8:
                self._hop_cache.clear()
            self._hop_cache[key] = H
        return self._hop_cache[key]

    def _dense_hamiltonian(self, eps: np.ndarray, twist: tuple) -> np.ndarray:
        """Dense ``H`` for the dense eigensolver: the cached dense hopping plus the on-site
        diagonal; entry by entry the same numbers as ``hamiltonian(...).toarray()``, without
        the per-realisation sparse assembly (~20 % of a 216-site diagonalisation)."""
        if self.size > _DENSE_MAX:       # no cache: a dense copy would double the memory
            H = self._hopping(twist).toarray()
        else:                             # <= 23 MB per cached twist
            if twist not in self._dense_hop_cache:
                if len(self._dense_hop_cache) >= 2:
                    self._dense_hop_cache.clear()
                self._dense_hop_cache[twist] = self._hopping(twist).toarray()
            H = self._dense_hop_cache[twist].copy()
        diag = np.repeat(eps.ravel(), self.n_orbitals)
        H[np.diag_indices(self.size)] += diag.astype(H.dtype)
        return H

    @keyword_rng
    def hamiltonian(self, *, rng: RngLike = None, onsite: np.ndarray | None = None,
                    twist: float | Sequence[float] | None = None) -> sp.csr_matrix:
        """Sparse Hamiltonian of one disorder realisation.

        Parameters
        ----------
        rng : None, int, SeedSequence or Generator, keyword-only
            Source of the random on-site energies (as :meth:`onsite` with ``size=None``).
        onsite : array_like of shape ``shape``, optional
            Given on-site energies (finite) instead of a random draw; do not pass ``rng`` then.
        twist : float or tuple of float, optional
            Override the twist phases of every closed (periodic or twisted) direction, e.g.
            ``twist=(np.pi, 0, 0)`` for antiperiodic x.  Must be 0 on open directions.

        Returns
        -------
        scipy.sparse.csr_matrix, shape ``(size, size)``
            ``float64`` when all hoppings are real (spinless, time-reversal-invariant phases),
            ``complex128`` otherwise.  Ordering and conventions: see the class Notes.

        Examples
        --------
        >>> H = Anderson((3, 3), W=1.0, flux=1/3, boundary="periodic").hamiltonian(rng=0)
        >>> H.dtype == np.complex128, bool(abs(H - H.conj().T).max() == 0)
        (True, True)
        """
        th = self._effective_twist(twist)
        eps = self._onsite_for(rng, onsite)
        hop = self._hopping(th)
        diag = np.repeat(eps.ravel(), self.n_orbitals)
        return (hop + sp.diags(diag.astype(hop.dtype), format="csr")).tocsr()

    def twist_derivatives(self, direction: int = 0, *, twist: float | Sequence[float] | None = None
                          ) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """First and second derivatives of ``H`` with respect to the twist ``θ_d``.

        Only the bonds crossing the boundary in ``direction`` depend on ``θ_d``:
        ``H(θ) = H_0 + e^{iθ} B + e^{-iθ} B^†``, so ``∂H = i(e^{iθ} B - e^{-iθ} B^†)`` and
        ``∂²H = -(e^{iθ} B + e^{-iθ} B^†)``, evaluated at the system's twist (or ``twist``).

        Parameters
        ----------
        direction : int
            Direction ``d`` (0 = x); its boundary must be periodic or twisted.
        twist : float or tuple of float, optional
            Override as in :meth:`hamiltonian`.

        Returns
        -------
        dH, d2H : scipy.sparse.csr_matrix (complex)

        Examples
        --------
        >>> ring = Anderson((6,), boundary="periodic")
        >>> dH, d2H = ring.twist_derivatives(0)
        >>> bool(abs(dH - dH.conj().T).max() < 1e-15 and d2H.nnz == 2)
        True
        """
        d = check_int("direction", direction, minimum=0, maximum=self.dim - 1)
        if self.boundary[d] == "open":
            raise ValueError(f"direction {d} has open boundaries; twist derivatives need a periodic or "
                             f"twisted boundary there")
        th = self._effective_twist(twist)
        B = self._forward_hopping(th, [d], boundary_only=True)   # already contains e^{iθ_d}
        Bh = B.conj().T
        return (1j * (B - Bh)).tocsr(), (-(B + Bh)).tocsr()

    # ------------------------------------------------------------------ eigenvalues
    def _kramers_mode(self, kramers, twist) -> str:
        degenerate = self.spin_orbit is not None and self._time_reversal(twist)
        if kramers is None:
            return "once" if degenerate else "both"
        kramers = check_choice("kramers", kramers, ("once", "both"))
        if kramers == "once" and not degenerate:
            raise ValueError("kramers='once' needs Kramers-degenerate levels (spin_orbit with "
                             "time-reversal-invariant flux and twist); use kramers='both' or None")
        return kramers

    @keyword_rng
    def eigvals(self, size: SizeLike = None, *, rng: RngLike = None, k: int | None = None, target: float = 0.0,
                method: str = "auto", onsite: np.ndarray | None = None,
                twist: float | Sequence[float] | None = None, kramers: str | None = None,
                progress: bool = False) -> np.ndarray:
        """Eigenvalues of disorder realisations, all or the ``k`` nearest ``target``.

        Parameters
        ----------
        size : int, optional
            Number of realisations (sample axis first); ``None`` for one.  Realisation ``i``
            uses the ``i``-th seed spawned from ``rng`` (:meth:`realisation_seeds`), so the
            same realisations are drawn for every ``twist`` (as level shifts and curvatures
            need), and ``realisation(seeds[i]).eigvals()`` reproduces row ``i``.
        rng : None, int, SeedSequence or Generator, keyword-only
            Source of the disorder (with ``size=None`` the same seed gives the same
            realisation as :meth:`hamiltonian`, :meth:`onsite` and :meth:`realisation`).
        k : int, optional
            Number of eigenvalues nearest ``target`` (counting a Kramers pair once with
            ``kramers="once"``); ``None`` returns the whole spectrum.
        target : float, default 0
            Energy around which the ``k`` eigenvalues are taken; must lie in :attr:`band`
            (widened to the largest given ``|onsite|``).
        method : {"auto", "dense", "shift-invert"}
            ``"dense"``: LAPACK ``eigvalsh`` of the full matrix, O(size³).  ``"shift-invert"``:
            one sparse LU factorisation of ``H - target`` (SuperLU) reused by ARPACK through a
            ``LinearOperator`` (Ericsson–Ruhe shift-invert Lanczos), for large lattices.
            ``"auto"``: dense when ``k`` is None or ``size <= 1200``, else shift-invert.
        onsite, twist
            As in :meth:`hamiltonian`.
        kramers : {"once", "both"}, optional
            For Kramers-degenerate spectra (``beta == 4``): ``"once"`` (default) returns each
            pair once, ``"both"`` returns both members.  Non-degenerate spectra accept
            only ``"both"`` (the default for them).
        progress : bool, default False
            Progress bar over the realisations of an integer ``size`` (shown in terminals and
            notebooks, silent and warning-free when off; :func:`rmt_meso._log.progress_bar`).

        Returns
        -------
        ndarray, shape (m,) or (size, m)
            Sorted eigenvalues (ascending), ``m = k`` or the number of levels.

        Raises
        ------
        ValueError
            Bad ``k``/``target``/``method``; ``k`` too large for shift-invert; ``onsite``
            with an integer ``size``.
        ConvergenceError
            When ARPACK does not converge or the Kramers pairing fails.

        Notes
        -----
        If ``target`` is an exact eigenvalue (e.g. the degenerate ``E = 0`` of a clean
        lattice) the LU factorisation is singular; the shift is then moved by
        ``1e-9·(2dt + W/2)`` and the ``k`` eigenvalues nearest ``target`` are still returned.
        The LU factorisation uses SuperLU's symmetric mode (minimum-degree ordering of
        ``A + Aᵀ``, diagonal pivots unless below 1 % of the column), which roughly halves the
        fill on lattice Hamiltonians; every eigenpair is checked, ``|Hv - λv| <= 1e-8 (2dt +
        W/2)``, and a partial-pivoting factorisation is used if the check fails.
        Shift-invert Lanczos (one start vector) may miss copies of exactly degenerate
        eigenvalues, which occur in clean, highly symmetric lattices; use ``method="dense"``
        there.  Disorder lifts these degeneracies (Kramers pairs are handled explicitly).

        Examples
        --------
        >>> so = Anderson((4, 4), W=2.0, spin_orbit=np.pi / 6, boundary="periodic")
        >>> e2 = so.eigvals(rng=3, kramers="both")
        >>> bool(np.allclose(e2[0::2], e2[1::2], atol=1e-10)), so.eigvals(rng=3).size
        (True, 16)
        """
        size, rng = _legacy_rng_first("eigvals", size, rng)
        method = check_choice("method", method, ("auto", "dense", "shift-invert"))
        th = self._effective_twist(twist)
        mode = self._kramers_mode(kramers, th)
        if size is not None:
            if onsite is not None:
                raise ValueError("onsite gives one realisation; pass size=None with onsite, or "
                                 "rng (not onsite) with an integer size")
            rows = []
            with progress_bar(size, enabled=bool(progress), desc="realisations", unit="real") as bar:
                for s in spawn_seeds(rng, size):
                    rows.append(self._eigvals_one(np.random.default_rng(s), None, k, target, method,
                                                  th, mode))
                    bar.update(1)
            return np.stack(rows)
        return self._eigvals_one(rng, onsite, k, target, method, th, mode)

    def _eigvals_one(self, rng, onsite, k, target, method, th, mode) -> np.ndarray:
        eps = self._onsite_for(rng, onsite)
        n_levels = self.size // 2 if mode == "once" else self.size
        if k is not None:
            k = check_int("k", k, minimum=1, maximum=n_levels)
            target = check_real("target", target)
            half = 2 * self.dim * self.t + max(self.W / 2, float(np.max(np.abs(eps))) if eps.size else 0.0)
            if not -half <= target <= half:
                raise ValueError(f"target must lie in the band [{-half:.6g}, {half:.6g}] "
                                 f"(2*dim*t + W/2); got target={target}")
        if method == "auto":
            method = "dense" if (k is None or self.size <= _DENSE_MAX) else "shift-invert"
        if method == "shift-invert" and k is None:
            raise ValueError("method='shift-invert' needs k (the number of eigenvalues near target); "
                             "use method='dense' for the whole spectrum")
        if method == "dense":
            e = np.linalg.eigvalsh(self._dense_hamiltonian(eps, th))     # LAPACK syevd / heevd
            if mode == "once":
                e = e[0::2]
            if k is not None:
                e = np.sort(e[np.argsort(np.abs(e - target), kind="stable")[:k]])
            return e
        return self._shift_invert(self.hamiltonian(onsite=eps, twist=th), k, target, mode)

    def _shift_invert(self, H, k, target, mode) -> np.ndarray:
        m = 2 * k + 4 if mode == "once" else k + 2
        if m >= self.size - 1:
            raise ValueError(f"k={k} is too large for shift-invert on a system of size {self.size} "
                             f"(ARPACK needs fewer than size-1 = {self.size - 1} eigenvalues; "
                             f"{m} would be computed); use method='dense'")
        scale = 2 * self.dim * self.t + self.W / 2
        ncv = min(self.size - 1, max(2 * m + 1, m + 20))
        vals = shift_invert_eigvalsh(H, m, target, scale=scale, ncv=ncv)
        if mode == "once":
            vals = self._pair_kramers(vals, scale)
            if vals.size < k:
                raise ConvergenceError(f"found only {vals.size} Kramers pairs among {m} eigenvalues; "
                                       f"expected at least {k}")
        order = np.argsort(np.abs(vals - target), kind="stable")[:k]
        return np.sort(vals[order])

    @staticmethod
    def _pair_kramers(vals: np.ndarray, scale: float) -> np.ndarray:
        """Collapse sorted, Kramers-degenerate eigenvalues into one value per pair.

        Members of an unpaired value at either end of a shift-invert window are dropped.
        """
        tol = 1e-8 * scale
        out, i = [], 0
        while i < vals.size - 1:
            if vals[i + 1] - vals[i] <= tol:
                out.append(0.5 * (vals[i] + vals[i + 1]))
                i += 2
            else:
                i += 1
        return np.asarray(out)

    def sample_eigvals(self, size: int, rng: RngLike = None, **kwargs: Any) -> np.ndarray:
        """Deprecated: ``eigvals(size, rng=rng, ...)`` (removed in 0.3.0)."""
        warn_deprecated("Anderson.sample_eigvals(size, rng)", "Anderson.eigvals(size, rng=rng)")
        return self.eigvals(check_int("size", size, minimum=1), rng=rng, **kwargs)

    @keyword_rng
    def realisation_seeds(self, size: int, *, rng: RngLike = None) -> list[np.random.SeedSequence]:
        """The per-realisation seeds of :meth:`eigvals` and :meth:`onsite` with an integer
        ``size``: ``SeedSequence(rng).spawn(size)`` (for custom loops over realisations).

        Examples
        --------
        >>> model = Anderson((6, 6), W=4.0)
        >>> seeds = model.realisation_seeds(3, rng=5)
        >>> rows = model.eigvals(3, rng=5, k=4)
        >>> bool(np.array_equal(rows[2], model.realisation(seeds[2]).eigvals(k=4)))
        True
        """
        size = check_int("size", size, minimum=1)
        return spawn_seeds(rng, size)

    def realisation(self, rng: RngLike = None) -> AndersonRealisation:
        """One disorder realisation, drawn at once from ``rng`` (a fixed sample).

        The on-site energies are those of ``onsite(rng=rng)``; later use of the same
        generator elsewhere does not change them.

        Examples
        --------
        >>> model = Anderson((4, 4), W=2.0)
        >>> r = model.realisation(7)
        >>> bool(np.array_equal(r.eigvals(), model.eigvals(rng=7)))
        True
        """
        return AndersonRealisation(self, self.onsite(rng=rng))


class AndersonRealisation:
    """One fixed disorder realisation of an :class:`Anderson` model.

    Made by :meth:`Anderson.realisation`; the on-site energies are drawn once, at
    construction, and are read-only.

    Attributes
    ----------
    model : Anderson
        The ensemble it was drawn from (geometry, flux, spin-orbit, boundaries).
    onsite : ndarray, shape ``model.shape``
        Its on-site energies.
    """

    def __init__(self, model: Anderson, onsite: np.ndarray):
        if not isinstance(model, Anderson):
            raise TypeError(f"model must be an Anderson model; got {type(model).__name__}")
        arr = np.array(check_array("onsite", onsite, shape=model.shape), dtype=float)
        arr.setflags(write=False)
        self.model, self.onsite = model, arr

    def __repr__(self):
        return f"AndersonRealisation({self.model!r})"

    @property
    def beta(self) -> int:
        """Dyson index of the model (1, 2 or 4)."""
        return self.model.beta

    def hamiltonian(self, *, twist: float | Sequence[float] | None = None) -> sp.csr_matrix:
        """Sparse Hamiltonian (see :meth:`Anderson.hamiltonian`)."""
        return self.model.hamiltonian(onsite=self.onsite, twist=twist)

    def eigvals(self, **kwargs: Any) -> np.ndarray:
        """Eigenvalues; keyword arguments as in :meth:`Anderson.eigvals` (``k``, ``target``,
        ``method``, ``twist``, ``kramers``)."""
        for bad in ("size", "rng", "onsite"):
            if bad in kwargs:
                raise TypeError(f"AndersonRealisation.eigvals() takes no {bad!r}: the realisation "
                                "is fixed; draw another with Anderson.realisation(rng)")
        return self.model.eigvals(onsite=self.onsite, **kwargs)
