"""Closed billiards on a lattice: the Hamiltonian of a region with hard walls, and billiard shapes.

A *billiard* is the region's tight-binding Hamiltonian without leads (Dirichlet walls one
bond beyond the outermost sites), optionally in a uniform perpendicular field.  Near the
band bottom of the square lattice the dispersion is parabolic,
:math:`E = -4t + t k^2 a^2 + O(k^4)`, so the low levels are those of the continuum billiard
with :math:`\\hbar^2/2m = t a^2` — the setting of the Bohigas–Giannoni–Schmit conjecture.
The spectrum is unfolded with Weyl's law (:func:`rmt_meso.theory.billiards.weyl_count`).

Shapes are desymmetrised where the billiard has spatial symmetries (reflections make the
spectrum a superposition of independent symmetry sectors, which is not a Wigner–Dyson
spectrum): :func:`quarter_stadium`, :func:`sinai_quarter`, :func:`quarter_disc` (its diagonal
mirror keeps two sectors, which for an integrable billiard stays Poissonian).

Gauge: the phase :math:`e^{2\\pi i\\phi\\,\\bar y\\,(x' - x)}` on the hop from (x, y) to
(x', y') (:math:`\\bar y` the bond midpoint; φ the flux per unit area in h/e), the convention
of :class:`rmt_meso.transport.Wire` and :class:`~rmt_meso.transport.device.Device` for
square-lattice x-bonds.

References
----------
O. Bohigas, M. J. Giannoni and C. Schmit, Phys. Rev. Lett. 52, 1 (1984).
L. A. Bunimovich, Commun. Math. Phys. 65, 295 (1979); Ya. G. Sinai, Russ. Math. Surveys 25,
137 (1970).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .._typing import ArrayLike
from .._validate import check_array, check_int, check_real
from .lattice import Lattice, Shape, disc, rectangle, stadium, tube_phase

if TYPE_CHECKING:
    from .device import Device

__all__ = ["closed_hamiltonian", "quarter_stadium", "sinai_quarter", "quarter_disc", "billiard_levels",
           "torus_hamiltonian", "aharonov_bohm_areas", "open_quarter_stadium"]


def closed_hamiltonian(lattice: Lattice, shape: Shape, *, flux: float = 0.0,
                       onsite: float | Callable[[np.ndarray, np.ndarray], ArrayLike] = 0.0,
                       ab_flux: float = 0.0, ab_center: ArrayLike = (0.0, 0.0)) -> sp.csr_matrix:
    """Sparse Hamiltonian of the lattice sites inside ``shape`` with hard walls (no leads).

    Parameters
    ----------
    lattice : Lattice
        E.g. :func:`~rmt_meso.transport.lattice.square` or ``honeycomb``.
    shape : Shape
        The region (its bounding box limits the sites tested).
    flux : float
        Uniform perpendicular field, flux per unit area in units of h/e (2D lattices).
    onsite : float or callable
        On-site energy, a constant or ``f(x, y)``.
    ab_flux : float
        Flux through a thin flux tube at ``ab_center`` (units of h/e), gauged onto the cut
        along +y as in :class:`~rmt_meso.transport.device.Device`
        (:func:`~rmt_meso.transport.lattice.tube_phase`).
    ab_center : (xc, yc)

    Returns
    -------
    hamiltonian : scipy.sparse.csr_matrix, shape (n, n)
        Hermitian; real when ``flux == 0`` and the hoppings are real.
    positions : ndarray, shape (n, d)

    Raises
    ------
    ValueError
        If the shape selects no site.

    Examples
    --------
    >>> from rmt_meso.transport.lattice import square, rectangle
    >>> h, pos = closed_hamiltonian(square(), rectangle(0, 2, 0, 0))   # 3-site chain
    >>> bool(np.allclose(np.linalg.eigvalsh(h.toarray()), [-2**0.5, 0, 2**0.5]))
    True
    """
    if not isinstance(lattice, Lattice):
        raise TypeError(f"lattice must be a Lattice; got {type(lattice).__name__}")
    if not isinstance(shape, Shape):
        raise TypeError(f"shape must be a Shape; got {type(shape).__name__}")
    flux = check_real("flux", flux)
    ab_flux = check_real("ab_flux", ab_flux)
    ab_center = check_array("ab_center", ab_center, shape=(2,), dtype=float)
    if (flux or ab_flux) and lattice.dim < 2:
        raise ValueError(f"flux and ab_flux need a 2D lattice; got a {lattice.dim}-dimensional one")
    cells, subs, pos = lattice.sites_in_box(*shape.bbox)
    keep = shape(pos)
    cells, subs, pos = cells[keep], subs[keep], pos[keep]
    n = pos.shape[0]
    if n == 0:
        raise ValueError("shape selects no lattice site; enlarge it or move it onto the lattice")
    index = {(tuple(c), int(s)): i for i, (c, s) in enumerate(zip(cells.tolist(), subs.tolist()))}
    rows, cols, vals = [], [], []
    for a, b, dn, value in lattice.hoppings:
        for i in np.flatnonzero(subs == b):
            j = index.get((tuple(cells[i] + np.asarray(dn)), a))
            if j is None:
                continue
            v = value
            if flux and lattice.dim >= 2:
                ybar = 0.5 * (pos[i, 1] + pos[j, 1])
                v = value * np.exp(2j * np.pi * flux * ybar * (pos[j, 0] - pos[i, 0]))
            if ab_flux:
                v = v * np.exp(2j * np.pi * ab_flux * tube_phase(pos[j][None], pos[i][None], ab_center)[0])
            rows += [j, i]
            cols += [i, j]
            vals += [v, np.conj(v)]
    diag = onsite(*pos.T) if callable(onsite) else np.full(n, check_real("onsite", onsite))
    rows += list(range(n))
    cols += list(range(n))
    vals += list(np.broadcast_to(np.asarray(diag, float), (n,)))
    h = sp.csr_matrix((np.asarray(vals, complex), (rows, cols)), shape=(n, n))
    if not flux and not ab_flux and np.all(np.isreal(vals)):
        h = h.real.tocsr()
    return h, pos


def quarter_stadium(radius: float, length: float) -> Shape:
    """Quarter of a Bunimovich stadium (x, y >= 1/2): straight part ``length/2``, cap ``radius``.

    The reflection-free (desymmetrised) stadium, chaotic for ``length > 0``.
    """
    r = check_real("radius", radius, minimum=0.0, min_inclusive=False)
    ln = check_real("length", length, minimum=0.0)
    return stadium(r, ln) & rectangle(0.5, ln / 2 + r, 0.5, r)


def sinai_quarter(width: float, height: float, radius: float) -> Shape:
    """Rectangle ``width × height`` (x, y >= 1/2) minus a quarter disc of ``radius`` at the corner.

    A desymmetrised Sinai (dispersing) billiard; ``width != height`` removes the diagonal
    mirror.
    """
    w = check_real("width", width, minimum=0.0, min_inclusive=False)
    h = check_real("height", height, minimum=0.0, min_inclusive=False)
    r = check_real("radius", radius, minimum=0.0, min_inclusive=False)
    return rectangle(0.5, w, 0.5, h) - disc(r, (0.0, 0.0))


def quarter_disc(radius: float) -> Shape:
    """Quarter disc (x, y >= 1/2): an integrable billiard (Poisson level statistics)."""
    r = check_real("radius", radius, minimum=0.0, min_inclusive=False)
    return disc(r) & rectangle(0.5, r, 0.5, r)


def open_quarter_stadium(radius: float, length: float, lead_width: int, lead_starts: tuple[int, int], *,
                         barrier: float = 0.0) -> Device:
    """An open chaotic billiard: a quarter stadium with two leads on its straight walls.

    The desymmetrised stadium :func:`quarter_stadium` (``x, y >= 1/2``; cap ``radius``,
    straight part ``length/2``) on the square lattice (hopping t = 1), with lead 0 (``"-x"``)
    on the wall x = 1/2 at rows ``y0 .. y0 + lead_width - 1`` and lead 1 (``"-y"``) on the wall
    y = 1/2 at columns ``x0 .. x0 + lead_width - 1``, each through a two-site stub (x or
    y = -1, 0) of the lead's width.  The row (column) of the stub next to the lead, x = -1
    (y = -1), is kept at zero potential; the row x = 0 (y = 0) carries the on-site
    ``barrier`` (a tunnel barrier; 0 gives ideal leads).  A ``w``-site lead has
    ``N = #{m : E > -2 - 2 cos(pi m/(w + 1))}`` open channels (e.g. N = 2 for w = 3 and
    -2 < E < -0.586); the two leads see each other (no stopper), so the billiard has direct
    (lead-to-lead and mouth-reflection) processes that survive a shape average in ⟨S⟩.

    Parameters
    ----------
    radius : float
        Cap radius R (lattice units, > 0).
    length : float
        Straight length of the full stadium (>= 0); the quarter's straight part is ``length/2``.
    lead_width : int
        Sites across each lead (>= 1).
    lead_starts : (y0, x0)
        First row of lead 0 and first column of lead 1 (integers >= 1); each lead must lie on
        its straight wall: ``y0 + lead_width - 1 <= radius`` and
        ``x0 + lead_width - 1 <= length/2 + radius``.
    barrier : float
        On-site energy of the barrier row in both stubs (units of t).

    Returns
    -------
    Device
        Two leads, zero field; :meth:`~rmt_meso.transport.device.Device.with_flux` adds a
        field, ``smatrix(energies)`` gives S (lead 0's channels first), symmetric at zero
        field (β = 1).

    Raises
    ------
    ValueError
        A non-positive radius or lead width, or a lead that does not fit on its wall.

    References
    ----------
    L. A. Bunimovich, Commun. Math. Phys. 65, 295 (1979) (the stadium is chaotic);
    H. U. Baranger, R. A. Jalabert and A. D. Stone, Chaos 3, 665 (1993) (open lattice stadia);
    H. U. Baranger and P. A. Mello, Europhys. Lett. 33, 465 (1996) (direct processes).

    Examples
    --------
    >>> dev = open_quarter_stadium(12.0, 12.0, 3, (6, 8))
    >>> s = dev.smatrix(-1.5).matrix                   # N = 2 channels per lead
    >>> s.shape, bool(np.allclose(s, s.T))
    ((4, 4), True)
    """
    from .device import Device, lead
    from .lattice import square
    r = check_real("radius", radius, minimum=0.0, min_inclusive=False)
    ln = check_real("length", length, minimum=0.0)
    w = check_int("lead_width", lead_width, minimum=1)
    barrier = check_real("barrier", barrier)
    starts = np.asarray(lead_starts)
    if starts.shape != (2,) or not np.all(starts == np.round(starts)):
        raise ValueError(f"lead_starts must be two integers (y0, x0); got {lead_starts!r}")
    y0, x0 = (int(v) for v in starts)
    if y0 < 1 or y0 + w - 1 > r:
        raise ValueError(f"lead_starts: lead 0 (rows {y0}..{y0 + w - 1}) must lie on the wall x = 1/2, "
                         f"rows 1..{int(np.floor(r))} for radius {r:g}")
    if x0 < 1 or x0 + w - 1 > ln / 2 + r:
        raise ValueError(f"lead_starts: lead 1 (columns {x0}..{x0 + w - 1}) must lie on the wall y = 1/2, "
                         f"columns 1..{int(np.floor(ln / 2 + r))} for radius {r:g} and length {ln:g}")
    rows, cols = (y0, y0 + w - 1), (x0, x0 + w - 1)
    shape = quarter_stadium(r, ln) | rectangle(-1, 0.5, *rows) | rectangle(*cols, -1, 0.5)

    def onsite(x, y):
        return barrier * (((x == 0) & (y >= rows[0]) & (y <= rows[1]))
                          | ((y == 0) & (x >= cols[0]) & (x <= cols[1])))

    return Device(square(), shape, [lead("-x", rows), lead("-y", cols)], onsite=onsite if barrier else 0.0)


def billiard_levels(hamiltonian: sp.spmatrix | np.ndarray, n_levels: int) -> np.ndarray:
    """The ``n_levels`` lowest eigenvalues of a sparse billiard Hamiltonian (ascending).

    The sites are reordered by reverse Cuthill–McKee to a narrow band (bandwidth ~ the
    billiard's linear size on a 2D lattice) and the lowest eigenvalues of the banded matrix
    are computed by LAPACK's banded solver (``?sbevx``/``?hbevx`` through
    :func:`scipy.linalg.eig_banded`), O(n b²) instead of O(n³).

    Examples
    --------
    >>> from rmt_meso.transport.lattice import square, rectangle
    >>> h, _ = closed_hamiltonian(square(), rectangle(0, 29, 0, 19))
    >>> e = billiard_levels(h, 5)
    >>> bool(np.isclose(e[0], -2 * np.cos(np.pi / 31) - 2 * np.cos(np.pi / 21)))
    True
    """
    from scipy.linalg import eig_banded
    from scipy.sparse.csgraph import reverse_cuthill_mckee
    h = sp.csr_matrix(hamiltonian)
    n = h.shape[0]
    k = int(n_levels)
    if not 1 <= k <= n:
        raise ValueError(f"n_levels must be in [1, {n}] for a billiard of {n} sites; got {n_levels!r}")
    perm = reverse_cuthill_mckee(h, symmetric_mode=True)
    hp = h[perm][:, perm].tocoo()
    low = hp.row >= hp.col
    r, c, v = hp.row[low], hp.col[low], hp.data[low]
    bw = int(np.max(r - c)) if r.size else 0
    band = np.zeros((bw + 1, n), dtype=hp.dtype)
    band[r - c, c] = v                       # LAPACK lower band storage: a[i - j, j] = H[i, j]
    vals = eig_banded(band, lower=True, eigvals_only=True, select="i", select_range=(0, k - 1),
                      overwrite_a_band=True, check_finite=False)
    return np.sort(np.real(vals))


def torus_hamiltonian(lattice: Lattice, cells: Sequence[int], *, twist: ArrayLike | None = None) -> sp.csr_matrix:
    """Tight-binding Hamiltonian of ``cells`` unit cells of ``lattice`` with periodic boundaries.

    The bulk without walls or edges (a torus in 2D): sites (R, s) with R = (n_1, ..., n_d),
    :math:`0 \\le n_i < L_i`, ordered with the sublattice fastest and then
    :math:`n_d, \\dots, n_1` (C order of ``(L_1, ..., L_d, n_sub)``); each of the lattice's
    hoppings ``(a, b, n, value)`` links (R, b) to (R + n mod L, a).  Its eigenvalues are the
    bands at the allowed momenta :math:`k_i = (2\\pi m_i + \\theta_i)/L_i` (with the boundary
    twists θ; a hop that wraps w_i times around direction i carries :math:`e^{i w\\cdot\\theta}`)
    — the infinite lattice sampled on that grid; averaging over uniform random twists samples
    the whole Brillouin zone.

    Parameters
    ----------
    lattice : Lattice
    cells : sequence of int
        :math:`L_i \\ge 3` per lattice direction (so that no bond wraps onto itself twice).
    twist : sequence of float, optional
        Boundary twist :math:`\\theta_i` per direction (radians; default 0, periodic).

    Returns
    -------
    scipy.sparse.csr_matrix, shape (N, N)
        Hermitian, N = prod(L) × n_sub.

    Examples
    --------
    >>> from rmt_meso.transport.lattice import honeycomb
    >>> h = torus_hamiltonian(honeycomb(), (3, 3))
    >>> bool(np.allclose(np.linalg.eigvalsh(h.toarray())[[0, -1]], [-3, 3]))   # k = 0 in the grid
    True
    """
    if not isinstance(lattice, Lattice):
        raise TypeError(f"lattice must be a rmt_meso.transport.Lattice; got {type(lattice).__name__}")
    dims = tuple(int(c) for c in np.atleast_1d(cells))
    if len(dims) != lattice.dim or any(c < 3 for c in dims):
        raise ValueError(f"cells must give {lattice.dim} integers >= 3 (one per lattice direction); got {cells!r}")
    theta = np.zeros(lattice.dim) if twist is None else np.asarray(twist, float)
    if theta.shape != (lattice.dim,) or not np.all(np.isfinite(theta)):
        raise ValueError(f"twist must give {lattice.dim} finite angles; got {twist!r}")
    n_sub = lattice.n_sublattices
    grid = np.indices(dims).reshape(lattice.dim, -1).T                  # (n_cells, d), C order
    n_cells = grid.shape[0]
    rows, cols, vals = [], [], []
    for a, b, n, value in lattice.hoppings:
        shifted = grid + n
        target = np.ravel_multi_index(tuple((shifted % dims).T), dims)
        hop = value * np.exp(1j * ((shifted // dims) @ theta))         # Bloch phase of the wraps
        src = np.arange(n_cells)
        rows += [target * n_sub + a, src * n_sub + b]
        cols += [src * n_sub + b, target * n_sub + a]
        vals += [hop, np.conj(hop)]
    size = n_cells * n_sub
    h = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(size, size))
    if np.all(h.data.imag == 0):
        h = h.real.tocsr()
    return h


def aharonov_bohm_areas(lattice: Lattice, shape: Shape, *, ab_center: tuple[float, float] = (0.0, 0.0),
                        tube_flux: float = 0.25, energy_range: tuple[float, float] | None = None,
                        step: float = 1e-5) -> tuple[np.ndarray, np.ndarray]:
    """Effective flux-capturing area of every eigenstate of a closed multiply connected billiard.

    In a ring, a uniform field φ (flux per unit area) and the flux Φ of a tube through the
    hole enter a state with winding number m as :math:`E_m(m + \\Phi + \\varphi A_m)`: the
    uniform field acts like a tube flux :math:`\\varphi A_m`, where :math:`A_m` is the area
    the state encloses — :math:`\\pi r^2` for a thin ring of radius r, and for a transverse
    mode χ(r) of finite width :math:`\\pi/\\langle r^{-2}\\rangle_\\chi` to first order
    (smaller than :math:`\\pi r_m^2` by :math:`3\\langle\\delta r^2\\rangle/r_m^2`).  It is
    the Aharonov–Bohm period of the ring in a uniform field, and is computed here exactly
    for the lattice billiard by the Hellmann–Feynman ratio

    .. math::  A_n = \\frac{\\partial E_n/\\partial\\varphi}{\\partial E_n/\\partial\\Phi}
                    \\Big|_{\\varphi = 0,\\ \\Phi = \\Phi_t},

    with central differences of the exact eigenvalues (``step`` in both fluxes) at a tube
    flux :math:`\\Phi_t` (``tube_flux``, default 1/4) that lifts the degeneracy of ±m.

    Parameters
    ----------
    lattice : Lattice
        A 2D lattice.
    shape : Shape
        A region with a hole around ``ab_center`` (e.g. an annulus).
    ab_center : (xc, yc)
        The tube's position, inside the hole.
    tube_flux : float
        Φ_t in units of h/e, not a multiple of 1/2.
    energy_range : (lo, hi), optional
        Keep the states with lo < E < hi.
    step : float
        Finite-difference step of both fluxes.

    Returns
    -------
    energies, areas : ndarray
        Eigenvalues at (φ, Φ) = (0, Φ_t), ascending, and their areas (lattice units).

    Raises
    ------
    ValueError
        A tube flux at a multiple of 1/2 (degenerate or stationary levels), or a state whose
        energy does not depend on the tube flux (it does not circle the tube).

    References
    ----------
    Y. Aharonov and D. Bohm, Phys. Rev. 115, 485 (1959); M. Büttiker, Y. Imry and R. Landauer,
    Phys. Lett. A 96, 365 (1983) (levels of a ring vs flux).

    Examples
    --------
    A one-site-wide square loop of side 10 encloses exactly 10² plaquettes:

    >>> from rmt_meso.transport.lattice import square, rectangle
    >>> loop = rectangle(0, 10, 0, 10) - rectangle(1, 9, 1, 9)
    >>> e, a = aharonov_bohm_areas(square(), loop, ab_center=(5.3, 5.2))
    >>> bool(np.allclose(a, 100.0, rtol=1e-6))
    True
    """
    tube_flux = check_real("tube_flux", tube_flux)
    if abs(2 * tube_flux - np.round(2 * tube_flux)) < 1e-3:
        raise ValueError(f"tube_flux must not be a multiple of 1/2 (degenerate or stationary levels there); "
                         f"got {tube_flux!r}")
    step = check_real("step", step, minimum=0.0, min_inclusive=False)

    def levels(phi, tube):
        h, _ = closed_hamiltonian(lattice, shape, flux=phi, ab_flux=tube, ab_center=ab_center)
        return np.linalg.eigvalsh(h.toarray())

    e0 = levels(0.0, tube_flux)
    d_phi = (levels(step, tube_flux) - levels(-step, tube_flux)) / (2 * step)
    d_tube = (levels(0.0, tube_flux + step) - levels(0.0, tube_flux - step)) / (2 * step)
    keep = np.ones(e0.size, bool)
    if energy_range is not None:
        lo, hi = (check_real("energy_range", v) for v in energy_range)
        keep = (e0 > lo) & (e0 < hi)
    if np.any(np.abs(d_tube[keep]) < 1e-9):
        raise ValueError("a state's energy does not depend on the tube flux: the shape does not enclose "
                         "ab_center, or the state does not circle it")
    return e0[keep], d_phi[keep] / d_tube[keep]
