"""Lattices and region shapes for tight-binding devices.

A :class:`Lattice` is described, not coded: primitive vectors, the positions of the basis
sites (sublattices) in the unit cell, and a list of nearest-neighbour hoppings between
sublattices.  A site is a pair (integer cell coordinates ``R``, sublattice ``s``) at position
:math:`\\mathbf r = \\sum_k R_k \\mathbf a_k + \\mathbf b_s`.  :func:`square`, :func:`cubic`
and :func:`honeycomb` are three such descriptions; any other lattice (triangular, kagome,
Lieb, ...) is one call to :class:`Lattice`.

A :class:`Shape` is a vectorised predicate on positions together with a bounding box; the
sites of a device are the lattice sites inside it.  :func:`rectangle`, :func:`box`,
:func:`disc`, :func:`annulus` and :func:`stadium` build common ones, and shapes combine with
``&`` (intersection), ``|`` (union) and ``-`` (difference).

Conventions
-----------
* Hopping ``(a, b, n, value)``: the matrix element :math:`H_{a(R+n),\\, b(R)} = ` ``value``
  from sublattice ``b`` in cell ``R`` to sublattice ``a`` in cell ``R + n``; the Hermitian
  conjugate is implied.  Lengths in units of the lattice constant, energies in units of the
  hopping ``t``; nearest-neighbour hoppings are ``-t`` (square and cubic: band
  :math:`[-2dt, 2dt]`, as :class:`rmt_meso.ensembles.Anderson`; honeycomb: graphene,
  band :math:`[-3t, 3t]`, Dirac points at E = 0).
* Honeycomb: :math:`\\mathbf a_1 = (1, 0)`, :math:`\\mathbf a_2 = (1/2, \\sqrt3/2)`
  (lattice constant 1, carbon–carbon distance :math:`1/\\sqrt3`), sublattice A at the origin
  and B at :math:`(0, 1/\\sqrt3)`.  Zigzag edges run along x, armchair edges along y, so
  a ribbon along x is a zigzag ribbon and a ribbon along y an armchair ribbon.

References
----------
C. W. Groth, M. Wimmer, A. R. Akhmerov, X. Waintal, New J. Phys. 16, 063065 (2014) (Kwant's
lattice and shape description, the model for this one).
A. H. Castro Neto et al., Rev. Mod. Phys. 81, 109 (2009) (graphene tight binding).
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._typing import ArrayLike
from .._validate import check_array, check_real

__all__ = ["Lattice", "square", "cubic", "honeycomb", "Shape", "rectangle", "box", "disc",
           "annulus", "stadium", "tube_phase"]

_GEOM_TOL = 1e-9


class Lattice:
    """A Bravais lattice with a basis and nearest-neighbour hoppings.

    Parameters
    ----------
    vectors : array_like, shape (d, d)
        Primitive vectors as rows (d = 1, 2 or 3), units of length.
    basis : array_like, shape (n_sub, d), optional
        Positions of the sublattice sites in the unit cell (default: one site at the origin).
    hoppings : sequence of (a, b, n, value)
        Hopping ``value`` from sublattice ``b`` in cell ``R`` to sublattice ``a`` in cell
        ``R + n`` (``n`` a d-tuple of integers); Hermitian conjugates are implied, so list
        each bond once.
    name : str, optional

    Examples
    --------
    >>> tri = Lattice([[1, 0], [0.5, 3 ** 0.5 / 2]], hoppings=[(0, 0, (1, 0), -1.0),
    ...               (0, 0, (0, 1), -1.0), (0, 0, (1, -1), -1.0)], name="triangular")
    >>> tri.dim, tri.n_sublattices
    (2, 1)
    """

    def __init__(self, vectors: ArrayLike, basis: ArrayLike | None = None,
                 hoppings: Sequence[tuple] = (), *, name: str | None = None):
        vec = check_array("vectors", vectors, ndim=2, dtype=float)
        d = vec.shape[0]
        if vec.shape != (d, d) or not 1 <= d <= 3:
            raise ValueError(f"vectors must be a square (d, d) array with d in 1..3; got shape {vec.shape}")
        if abs(np.linalg.det(vec)) < 1e-12:
            raise ValueError("vectors must be linearly independent")
        bas = np.zeros((1, d)) if basis is None else check_array("basis", basis, ndim=2, dtype=float)
        if bas.shape[1] != d or bas.shape[0] < 1:
            raise ValueError(f"basis must have shape (n_sub, {d}); got {bas.shape}")
        self.vectors = vec
        self.basis = bas
        self.dim = d
        self.n_sublattices = bas.shape[0]
        self.name = name or "lattice"
        hops = []
        for k, hop in enumerate(hoppings):
            if len(hop) != 4:
                raise ValueError(f"hoppings[{k}] must be (a, b, n, value); got {hop!r}")
            a, b, n, value = hop
            for nm, s in (("a", a), ("b", b)):
                if not isinstance(s, (int, np.integer)) or not 0 <= s < self.n_sublattices:
                    raise ValueError(f"hoppings[{k}]: sublattice {nm} must be in 0..{self.n_sublattices - 1}; got {s!r}")
            n = tuple(int(x) for x in n)
            if len(n) != d:
                raise ValueError(f"hoppings[{k}]: n must have {d} integers; got {n!r}")
            if a == b and not any(n):
                raise ValueError(f"hoppings[{k}] connects a site to itself (use onsite energies)")
            if not isinstance(value, numbers.Complex) or value == 0:
                raise ValueError(f"hoppings[{k}]: value must be a non-zero number; got {value!r}")
            hops.append((int(a), int(b), n, complex(value)))
        self.hoppings = tuple(hops)
        self.vectors.setflags(write=False)
        self.basis.setflags(write=False)

    def __repr__(self):
        return f"Lattice({self.name!r}, dim={self.dim}, n_sublattices={self.n_sublattices})"

    def __eq__(self, other):
        return (isinstance(other, Lattice) and self.dim == other.dim
                and np.allclose(self.vectors, other.vectors) and self.basis.shape == other.basis.shape
                and np.allclose(self.basis, other.basis) and self.hoppings == other.hoppings)

    def __hash__(self):
        return hash((self.name, self.dim, self.n_sublattices))

    def positions(self, cells: ArrayLike, subs: ArrayLike) -> np.ndarray:
        """Positions of sites (cells (n, d) integers, subs (n,)), shape (n, d)."""
        return np.asarray(cells, float) @ self.vectors + self.basis[np.asarray(subs, int)]

    def sites_in_box(self, lo: ArrayLike, hi: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All sites with positions in the closed box [lo, hi]: (cells (n, d), subs (n,), positions)."""
        lo = np.asarray(lo, float) - _GEOM_TOL
        hi = np.asarray(hi, float) + _GEOM_TOL
        inv = np.linalg.inv(self.vectors)
        corners = np.array(list(itertools.product(*zip(lo, hi))))
        cells_out, subs_out = [], []
        for s in range(self.n_sublattices):
            c = (corners - self.basis[s]) @ inv
            cmin = np.floor(c.min(axis=0)).astype(int) - 1
            cmax = np.ceil(c.max(axis=0)).astype(int) + 1
            grids = np.meshgrid(*[np.arange(a, b + 1) for a, b in zip(cmin, cmax)], indexing="ij")
            cells = np.stack([g.ravel() for g in grids], axis=1)
            pos = cells @ self.vectors + self.basis[s]
            keep = np.all((pos >= lo) & (pos <= hi), axis=1)
            cells_out.append(cells[keep])
            subs_out.append(np.full(int(keep.sum()), s))
        cells = np.concatenate(cells_out)
        subs = np.concatenate(subs_out)
        return cells, subs, self.positions(cells, subs)

    def translation(self, direction: ArrayLike) -> np.ndarray:
        """The shortest lattice vector (integer coefficients) along a unit ``direction``.

        Raises
        ------
        ValueError
            If no lattice vector with coefficients up to 6 points along ``direction``.
        """
        u = np.asarray(direction, float)
        u = u / np.linalg.norm(u)
        memo = self.__dict__.setdefault("_translations", {})
        key = tuple(u.tolist())
        if key not in memo:
            grid = np.array(list(itertools.product(range(-6, 7), repeat=self.dim)))
            grid = grid[np.any(grid != 0, axis=1)]
            v = grid @ self.vectors
            norms = np.linalg.norm(v, axis=1)
            along = np.flatnonzero(np.abs(v @ u - norms) < 1e-9 * np.maximum(1.0, norms))
            if along.size == 0:
                raise ValueError(f"the {self.name} lattice has no short translation along {tuple(u)}; "
                                 "a lead needs one")
            # the shortest; of equally short ones (within 1e-12) the first in product order
            shortest = along[norms[along] < norms[along].min() + 1e-12][0]
            memo[key] = grid[shortest]
        return memo[key].copy()


def square(t: float = 1.0, a: float = 1.0) -> Lattice:
    """Square lattice of constant ``a`` with nearest-neighbour hopping ``-t`` (band [-4t, 4t])."""
    t = check_real("t", t)
    a = check_real("a", a, minimum=0.0, min_inclusive=False)
    return Lattice(a * np.eye(2), hoppings=[(0, 0, (1, 0), -t), (0, 0, (0, 1), -t)], name="square")


def cubic(t: float = 1.0, a: float = 1.0) -> Lattice:
    """Simple cubic lattice with nearest-neighbour hopping ``-t`` (band [-6t, 6t])."""
    t = check_real("t", t)
    a = check_real("a", a, minimum=0.0, min_inclusive=False)
    return Lattice(a * np.eye(3), hoppings=[(0, 0, (1, 0, 0), -t), (0, 0, (0, 1, 0), -t),
                                            (0, 0, (0, 0, 1), -t)], name="cubic")


def honeycomb(t: float = 1.0, a: float = 1.0) -> Lattice:
    """Honeycomb lattice (graphene): sublattices A, B, nearest-neighbour hopping ``-t``.

    Lattice constant ``a`` (carbon–carbon distance :math:`a/\\sqrt3`); zigzag edges along x,
    armchair edges along y (module notes).
    """
    t = check_real("t", t)
    a = check_real("a", a, minimum=0.0, min_inclusive=False)
    vec = a * np.array([[1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    basis = a * np.array([[0.0, 0.0], [0.0, 1 / np.sqrt(3)]])
    # B neighbours of A(R) at R + (0,0), R + (1,-1), R + (0,-1)
    hops = [(1, 0, (0, 0), -t), (1, 0, (1, -1), -t), (1, 0, (0, -1), -t)]
    return Lattice(vec, basis, hops, name="honeycomb")


class Shape:
    """A region of space: a vectorised predicate on coordinates and a bounding box.

    Parameters
    ----------
    func : callable
        ``func(x, y[, z])`` on arrays of coordinates, returning a boolean array.
    bbox : (lo, hi)
        Corners of a box containing the region (the sites tested are those inside it).

    Examples
    --------
    >>> ring = disc(10) - disc(5)
    >>> bool(ring(np.array([[7.0, 0.0], [0.0, 0.0]])).tolist() == [True, False])
    True
    """

    def __init__(self, func: Callable[..., Any], bbox: tuple[ArrayLike, ArrayLike]):
        if not callable(func):
            raise TypeError(f"func must be callable f(x, y[, z]) -> bool array; got {type(func).__name__}")
        lo, hi = (np.asarray(b, float) for b in bbox)
        if lo.shape != hi.shape or lo.ndim != 1 or np.any(hi < lo):
            raise ValueError(f"bbox must be (lo, hi) with lo <= hi of equal length; got {bbox!r}")
        self.func = func
        self.bbox = (lo, hi)

    def __call__(self, pos: ArrayLike) -> np.ndarray:
        pos = np.asarray(pos, float)
        out = np.asarray(self.func(*pos.T), dtype=bool)
        return np.broadcast_to(out, pos.shape[:1]).copy()

    def __and__(self, other: Shape) -> Shape:
        lo = np.maximum(self.bbox[0], other.bbox[0])
        hi = np.maximum(lo, np.minimum(self.bbox[1], other.bbox[1]))
        return Shape(lambda *x: self.func(*x) & other.func(*x), (lo, hi))

    def __or__(self, other: Shape) -> Shape:
        return Shape(lambda *x: self.func(*x) | other.func(*x),
                     (np.minimum(self.bbox[0], other.bbox[0]), np.maximum(self.bbox[1], other.bbox[1])))

    def __sub__(self, other: Shape) -> Shape:
        return Shape(lambda *x: self.func(*x) & ~np.asarray(other.func(*x), bool), self.bbox)


def tube_phase(r_to: ArrayLike, r_from: ArrayLike, center: ArrayLike = (0.0, 0.0)) -> np.ndarray:
    """Flux-quantum count of hops across the cut of a thin flux tube (Aharonov–Bohm solenoid).

    The tube at ``center`` = (xc, yc) carries flux Φ (units of h/e); its vector potential is
    gauged onto a cut, the ray x = xc, y > yc.  A hop from ``r_from`` to ``r_to`` that crosses
    the cut from right to left (counter-clockwise about the tube) gets −1, from left to right
    +1, every other hop 0; the hopping is multiplied by :math:`e^{2\\pi i \\Phi\\,n}`, so a
    counter-clockwise loop round the tube picks up :math:`e^{-2\\pi i\\Phi}`, the sign of a
    uniform field in :class:`~rmt_meso.transport.device.Device`.  A site with x = xc counts as
    left of the cut.

    Parameters
    ----------
    r_to, r_from : array_like, shape (n, d >= 2)
        End and start positions of the hops.
    center : (xc, yc)

    Returns
    -------
    ndarray, shape (n,)
        −1, 0 or +1 per hop.

    Examples
    --------
    >>> import numpy as np
    >>> loop = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], float)   # counter-clockwise
    >>> tube_phase(loop[1:], loop[:-1], (0.5, 0.5)).tolist()
    [0.0, 0.0, -1.0, 0.0]
    """
    r_to = np.asarray(r_to, float)
    r_from = np.asarray(r_from, float)
    xc, yc = (float(c) for c in np.asarray(center, float).ravel())
    right_to, right_from = r_to[:, 0] > xc, r_from[:, 0] > xc
    cross = right_to != right_from
    with np.errstate(divide="ignore", invalid="ignore"):
        y_cut = r_from[:, 1] + (xc - r_from[:, 0]) * (r_to[:, 1] - r_from[:, 1]) / (r_to[:, 0] - r_from[:, 0])
    cross &= y_cut > yc
    return np.where(cross, np.where(right_from, -1.0, 1.0), 0.0)


def _tol(v):
    return _GEOM_TOL * max(1.0, abs(v))


def rectangle(x0: float, x1: float, y0: float, y1: float) -> Shape:
    """Closed rectangle :math:`x_0 \\le x \\le x_1`, :math:`y_0 \\le y \\le y_1`."""
    x0, x1, y0, y1 = (check_real(n, v) for n, v in (("x0", x0), ("x1", x1), ("y0", y0), ("y1", y1)))
    if x1 < x0 or y1 < y0:
        raise ValueError(f"rectangle needs x0 <= x1 and y0 <= y1; got ({x0}, {x1}, {y0}, {y1})")
    return Shape(lambda x, y: (x >= x0 - _tol(x0)) & (x <= x1 + _tol(x1)) & (y >= y0 - _tol(y0))
                 & (y <= y1 + _tol(y1)), ((x0, y0), (x1, y1)))


def box(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float) -> Shape:
    """Closed box in three dimensions."""
    lim = [check_real(n, v) for n, v in zip(("x0", "x1", "y0", "y1", "z0", "z1"), (x0, x1, y0, y1, z0, z1))]
    lo, hi = np.array(lim[0::2]), np.array(lim[1::2])
    if np.any(hi < lo):
        raise ValueError(f"box needs lo <= hi on every axis; got {lim}")

    def f(x, y, z):
        c = np.stack(np.broadcast_arrays(x, y, z), axis=-1)
        return np.all((c >= lo - _GEOM_TOL) & (c <= hi + _GEOM_TOL), axis=-1)
    return Shape(f, (lo, hi))


def disc(radius: float, center: tuple[float, float] = (0.0, 0.0)) -> Shape:
    """Closed disc of ``radius`` about ``center``."""
    r = check_real("radius", radius, minimum=0.0, min_inclusive=False)
    cx, cy = (float(c) for c in center)
    return Shape(lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r * (1 + 1e-12) + _GEOM_TOL,
                 ((cx - r, cy - r), (cx + r, cy + r)))


def annulus(r_in: float, r_out: float, center: tuple[float, float] = (0.0, 0.0)) -> Shape:
    """Ring :math:`r_{in} < |r - c| \\le r_{out}` (an Aharonov–Bohm ring)."""
    r_in = check_real("r_in", r_in, minimum=0.0, min_inclusive=False)
    r_out = check_real("r_out", r_out, minimum=r_in, min_inclusive=False)
    return disc(r_out, center) - disc(r_in, center)


def stadium(radius: float, length: float, center: tuple[float, float] = (0.0, 0.0)) -> Shape:
    """Bunimovich stadium: a rectangle ``length × 2·radius`` capped by two half-discs along x.

    References
    ----------
    L. A. Bunimovich, Commun. Math. Phys. 65, 295 (1979).
    """
    r = check_real("radius", radius, minimum=0.0, min_inclusive=False)
    half = 0.5 * check_real("length", length, minimum=0.0)
    cx, cy = (float(c) for c in center)
    return (rectangle(cx - half, cx + half, cy - r, cy + r) | disc(r, (cx - half, cy))
            | disc(r, (cx + half, cy)))
