"""Tight-binding devices of any shape with any number of leads, and their scattering matrices.

Data flow: :class:`~rmt_meso.transport.lattice.Lattice` → region (a
:class:`~rmt_meso.transport.lattice.Shape`, on-site energies, disorder, field, spin) → leads
(:func:`lead`: direction, cross-section, potential; attached to the region's boundary) →
:class:`System` (sparse H, site positions, per-lead unit cell ``h0``, hopping ``h1`` and
interface) → slices (breadth-first layers from the leads) → recursive Green's function or
sparse LU → :class:`~rmt_meso.transport.smatrix.SMatrix` with one block per lead.

A :class:`Device` builds a :class:`System` from a lattice description;
:meth:`System.from_raw` takes a sparse Hamiltonian built elsewhere, and :func:`from_kwant`
converts a finalized Kwant system (when Kwant is installed).

Conventions
-----------
* Lengths in lattice constants, energies in units of the hopping t; ħ = 1.
* **Lead attachment.**  A lead along ``±x`` (``±y``, ``±z``) is the semi-infinite strip of
  lattice sites whose transverse coordinates lie in its ``span``, repeated with the shortest
  lattice translation T along its direction.  Its *interface* is the slab of width |T| that
  ends at the outermost region site inside the span; interface sites missing from the region
  are added to it (as Kwant does), so the interface is one lead cell and the coupling region →
  lead is the lead's own hopping ``h1``.  Lead cells must not touch region sites outside
  the interface (an error names the lead).
* **Magnetic field.**  A uniform field :math:`B\\hat z` enters through Peierls phases: the
  hopping from site j to site i is multiplied by
  :math:`\\exp[2\\pi i\\varphi \\int_{r_j}^{r_i} \\mathbf a\\cdot d\\mathbf l]`, with ``flux`` φ the
  flux per unit area (per plaquette of the square lattice) in units of h/e and the gauge
  :math:`\\mathbf a = (y - y_0, 0)` shifted, on the cells of every lead along ±y and on
  its interface, by the gauge transformation :math:`\\chi = -(x - x_0)(y - y_0)` to
  :math:`\\mathbf a = (0, -(x - x_0))`.  Each lead is then translation invariant (Landau gauge
  along its own axis), the region's Hamiltonian is unitarily equivalent to the one of a single
  gauge, and on the square lattice the phase of the hop (x, y) → (x + 1, y) is
  :math:`e^{2\\pi i\\varphi (y - y_0)}`, the convention of :class:`rmt_meso.transport.Wire` and
  :class:`rmt_meso.ensembles.Anderson` (``flux_origin`` = (x0, y0), default (0, 0)).  An
  electron (charge −e) in :math:`B_z = \\varphi h/(e a^2) > 0` circling a plaquette
  counter-clockwise picks up :math:`e^{-2\\pi i\\varphi}`.
* **Spin.**  With ``spin_orbit`` (Ando's SU(2) hopping :math:`e^{i\\theta(d_x\\sigma_y + d_y
  \\sigma_x + d_z\\sigma_z)}` along the unit bond vector d, as in
  :class:`~rmt_meso.ensembles.Anderson`), ``rashba`` α (added hopping
  :math:`i(\\alpha/2)(d_x\\sigma_y - d_y\\sigma_x)`, Kwant's tutorial convention) or ``zeeman``
  (on-site :math:`\\mathbf b\\cdot\\boldsymbol\\sigma`), every site carries two orbitals
  (spin fastest) in region and leads.
* **Leads' modes** come from :class:`~rmt_meso.transport.leads.Lead` (flux-normalised,
  time-reversal basis for real leads), so a time-reversal-invariant device has
  :math:`S = S^T` exactly.

References
----------
M. Wimmer and K. Richter, J. Comput. Phys. 228, 8548 (2009) (slicing by breadth-first search,
several leads in the first slice).
C. W. Groth, M. Wimmer, A. R. Akhmerov, X. Waintal, New J. Phys. 16, 063065 (2014) (Kwant).
R. E. Peierls, Z. Phys. 80, 763 (1933); T. Ando, Phys. Rev. B 44, 8017 (1991).
H. U. Baranger and A. D. Stone, Phys. Rev. B 40, 8169 (1989) (gauges for multi-probe devices,
bond currents).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any, cast, overload

import numpy as np
import scipy.sparse as sp
import scipy.sparse.csgraph as csgraph
import scipy.sparse.linalg as spla

from .._blas import limit_blas_for
from .._log import progress_bar
from .._random import as_generator, drop_sample_axis, keyword_rng
from .._typing import ArrayLike, FloatOrArray, RngLike, SizeLike
from .._validate import (ConvergenceError, check_array, check_bool, check_choice, check_int, check_real,
                         check_size)
from ..ensembles.anderson import draw_disorder
from .lattice import Lattice, Shape, tube_phase
from .leads import Lead, _is_reverse, _reversed_solution, shared_lead
from .rgf import (_BATCH_MAX_WIDTH, _diagonal_of, _realisations_over_energies, _rgf_corners, _rgf_single,
                  _sparse_corners, _System)
from .smatrix import UNITARITY_TOL, SMatrix, unitarity_error

__all__ = ["LeadSpec", "lead", "Device", "System", "AttachedLead", "LeadThresholdError", "from_kwant"]

_AXES = {"x": 0, "y": 1, "z": 2}
#: fluxes whose hopping matrix and leads a device keeps (Device.with_flux)
_FIELD_CACHE = 32
_SIGMA = (np.array([[0, 1], [1, 0]], complex), np.array([[0, -1j], [1j, 0]], complex),
          np.array([[1, 0], [0, -1]], complex))


# ---------------------------------------------------------------------------------------- leads
class LeadSpec:
    """Description of a lead before attachment (see :func:`lead`)."""

    def __init__(self, direction: str, span: ArrayLike | None = None, *, potential: float = 0.0,
                 lattice: Lattice | None = None):
        if not isinstance(direction, str) or len(direction) != 2 or direction[0] not in "+-" \
                or direction[1] not in _AXES:
            raise ValueError(f"direction must be one of '+x', '-x', '+y', '-y', '+z', '-z'; got {direction!r}")
        self.direction = direction
        self.axis = _AXES[direction[1]]
        self.sign = 1 if direction[0] == "+" else -1
        if span is not None:
            arr = np.asarray(span, float)
            if arr.shape == (2,):
                arr = arr[None]
            if arr.ndim != 2 or arr.shape[1] != 2 or np.any(arr[:, 1] < arr[:, 0]):
                raise ValueError(f"span must be (lo, hi) or one (lo, hi) per transverse axis with lo <= hi; "
                                 f"got {span!r}")
            span = arr
        self.span = span
        self.potential = check_real("potential", potential)
        if lattice is not None and not isinstance(lattice, Lattice):
            raise TypeError(f"lattice must be a Lattice or None; got {type(lattice).__name__}")
        self.lattice = lattice

    def __repr__(self):
        sp_ = None if self.span is None else self.span.tolist()
        return f"lead({self.direction!r}, span={sp_}, potential={self.potential})"


def lead(direction: str, span: ArrayLike | None = None, *, potential: float = 0.0, lattice: Lattice | None = None) -> LeadSpec:
    """A semi-infinite lead to attach to a :class:`Device`.

    Parameters
    ----------
    direction : {"+x", "-x", "+y", "-y", "+z", "-z"}
        Direction in which the lead extends to infinity (``"-x"``: a left lead).
    span : (lo, hi) or sequence of (lo, hi), optional
        Closed interval(s) of the transverse coordinate(s) (y for an x-lead; (x, z) order of
        the remaining axes in 3D) covered by the lead.  Default: the transverse extent of the
        region's end face (its sites within one lead period of its outermost site along
        ``direction``), e.g. the full width of a strip or the width of an arm.
    potential : float
        Uniform on-site energy of the lead (units of t); shifts its band.
    lattice : Lattice, optional
        The lead's lattice; must equal the device's (a mismatch is an error).

    Returns
    -------
    LeadSpec
    """
    return LeadSpec(direction, span, potential=potential, lattice=lattice)


class AttachedLead:
    """A lead attached to a :class:`System`.

    Attributes
    ----------
    lead : Lead
        The translation-invariant lead: unit cell ``h0`` and hopping ``h1`` from one cell to
        the next, away from the region.
    interface : ndarray of int
        Orbital indices in the region of the interface cell, in the order of the lead cell's
        orbitals; the coupling region → lead cell 1 is :math:`H_{1, \\mathrm{int}} = h_1`.
    cell_positions : ndarray, shape (n, d)
        Positions of the sites of the first lead cell (for plots); NaN where unknown.
    translation : ndarray
        Lattice translation from one cell to the next (units of length), or None.
    name : str
    """

    def __init__(self, lead: Lead, interface: ArrayLike, cell_positions: np.ndarray | None = None,
                 translation: np.ndarray | None = None, name: str = ""):
        self.lead = lead
        self.interface = np.asarray(interface, int)
        self.cell_positions = cell_positions
        self.translation = translation
        self.name = name
        self._edges: np.ndarray | None = None

    def __repr__(self):
        return f"AttachedLead({self.name!r}, cell size {self.lead.size}, interface of {self.interface.size} orbitals)"

    def band_edges(self, n_k: int = 256) -> np.ndarray:
        """Energies where a band of the lead has zero velocity (extrema of E_n(k)), sorted.

        Bands :math:`E_n(k)` of :math:`h_0 + e^{-ik}h_1 + e^{ik}h_1^\\dagger` on ``n_k``
        momenta locate the extrema; each is refined by Brent's method to machine precision.
        """
        if self._edges is None:
            from scipy.optimize import minimize_scalar
            h0, h1 = self.lead.h0, self.lead.h1

            def bands(k):
                ph = np.exp(-1j * np.atleast_1d(k))[:, None, None]
                return np.linalg.eigvalsh(h0[None] + ph * h1[None] + np.conj(ph) * h1.conj().T[None])

            ks = np.linspace(-np.pi, np.pi, n_k, endpoint=False)
            dk = ks[1] - ks[0]
            e = bands(ks)
            edges = []
            for n in range(e.shape[1]):
                en = e[:, n]
                prev, nxt = np.roll(en, 1), np.roll(en, -1)
                for i in np.flatnonzero(((en >= prev) & (en >= nxt)) | ((en <= prev) & (en <= nxt))):
                    sgn = 1.0 if en[i] <= prev[i] else -1.0          # minimum (+) or maximum (-)
                    res = minimize_scalar(lambda k: sgn * bands(k)[0, n], bounds=(ks[i] - dk, ks[i] + dk),
                                          method="bounded", options=dict(xatol=1e-12))
                    edges.append(min(sgn * res.fun, en[i]) if sgn > 0 else max(sgn * res.fun, en[i]))
            self._edges = np.unique(np.asarray(edges))
        return self._edges

    def threshold_distance(self, energy: float) -> tuple[float, float]:
        """(nearest band edge, |energy - edge|)."""
        edges = self.band_edges()
        if edges.size == 0:
            return float("nan"), float("inf")
        k = int(np.argmin(np.abs(edges - energy)))
        return float(edges[k]), float(abs(edges[k] - energy))


class LeadThresholdError(ValueError):
    """An energy at a band edge of a lead (a mode of zero velocity), where S is undefined.

    Attributes
    ----------
    energy : float
    lead : int
        Index of the lead.
    reason : Exception
        The failure behind it (the lead's mode solver or the unitarity check).
    """

    def __init__(self, message: str, energy: float, lead: int, reason: Exception):
        super().__init__(message)
        self.energy, self.lead, self.reason = energy, lead, reason


def _threshold_error(al: AttachedLead, index: int, energy: float, why: str,
                     reason: Exception) -> LeadThresholdError:
    edge, dist = al.threshold_distance(energy)
    where = (f"; its nearest band edge is at {edge:.15g}, a distance {dist:.2e} away" if np.isfinite(dist) else "")
    return LeadThresholdError(f"energy {energy!r} lies at a threshold of lead {index} ({al.name}): {why}{where}; "
                              "shift the energy", energy, index, reason)


def _opposite(a: AttachedLead, b: AttachedLead) -> bool:
    """True for two leads extending in opposite directions (they may share the interface of a
    region one lead cell thick: both self-energies act there)."""
    return (a.translation is not None and b.translation is not None
            and np.allclose(np.asarray(a.translation, float), -np.asarray(b.translation, float)))


def _points_back(al: AttachedLead) -> bool:
    """True for a lead whose translation points along a negative axis (−x, −y, −z)."""
    tv = al.translation
    if tv is None:
        return False
    nz = np.flatnonzero(np.abs(np.asarray(tv, float)) > 1e-12)
    return bool(nz.size and tv[nz[0]] < 0)


def _mirror_pairs(leads: Sequence[AttachedLead]) -> dict[int, int]:
    """{i: j}: lead i is lead j traversed backwards (:func:`_is_reverse`) and takes j's solution.

    Of such a pair the lead pointing along the positive axis is solved (its ``h1`` is the
    hopping :math:`H_{x+1,x}`, the convention of :class:`~rmt_meso.transport.Lead` and of
    :class:`~rmt_meso.transport.Wire`), and the other one mirrored, so the mode basis of both
    ends of a strip is the one of that lead; for leads of unknown direction the earlier one
    is solved.
    """
    mirror: dict[int, int] = {}
    for i in range(len(leads)):
        for j in range(i):
            if j in mirror or j in mirror.values() or i in mirror.values():
                continue
            if _is_reverse(leads[j].lead, leads[i].lead):
                if _points_back(leads[j]) and not _points_back(leads[i]):
                    mirror[j] = i
                else:
                    mirror[i] = j
                break
    return mirror


def _solve_lead(al: AttachedLead, index: int, energy: float):
    try:
        return al.lead._solve(energy)
    except ConvergenceError as exc:
        raise _threshold_error(al, index, energy, "a mode has zero velocity", exc) from None


# ------------------------------------------------------------------------------------- system
class System:
    """A finalized scattering system: sparse Hamiltonian, site positions and attached leads.

    Parameters
    ----------
    hamiltonian : sparse or dense matrix, shape (N, N)
        Hermitian Hamiltonian of the scattering region (N = n_sites × norbs orbitals,
        spin fastest).
    positions : array_like, shape (n_sites, d)
        Site positions (for slicing they are not needed; for plots and maps they are).
    leads : sequence of AttachedLead
    norbs : int
        Orbitals per site.

    See Also
    --------
    from_raw : build one from lead matrices.
    Device : build one from a lattice, a region and leads.
    """

    def __init__(self, hamiltonian: ArrayLike | sp.spmatrix, positions: ArrayLike, leads: Sequence[AttachedLead], *,
                 norbs: int = 1, _checked: bool = False):
        self.norbs = check_int("norbs", norbs, minimum=1)
        h = sp.csr_matrix(hamiltonian, dtype=complex)
        n = h.shape[0]
        if h.shape != (n, n) or n == 0:
            raise ValueError(f"hamiltonian must be a non-empty square matrix; got shape {h.shape}")
        if n % self.norbs:
            raise ValueError(f"hamiltonian size {n} is not a multiple of norbs={self.norbs}")
        if not _checked:
            dev = abs(h - h.conj().T)
            err = float(dev.max()) if dev.nnz else 0.0
            scale = float(abs(h).max()) if h.nnz else 1.0
            if err > 1e-12 * max(1.0, scale):
                raise ValueError(f"hamiltonian must be Hermitian; max|H - H^dag| = {err:.3e}")
        self.hamiltonian = h
        pos = np.asarray(positions, float)
        if pos.ndim != 2 or pos.shape[0] != n // self.norbs:
            raise ValueError(f"positions must have shape (n_sites, d) with n_sites = {n // self.norbs}; "
                             f"got {pos.shape}")
        self.positions = pos
        self.leads = list(leads)
        for i, al in enumerate(self.leads):
            if not isinstance(al, AttachedLead):
                raise TypeError(f"leads[{i}] must be an AttachedLead; got {type(al).__name__}")
            if al.interface.size != al.lead.size:
                raise ValueError(f"leads[{i}]: interface has {al.interface.size} orbitals but the lead cell "
                                 f"has {al.lead.size}")
            if al.interface.size and (al.interface.min() < 0 or al.interface.max() >= n):
                raise ValueError(f"leads[{i}]: interface indices must lie in [0, {n - 1}]")
        seen: dict[int, int] = {}
        for i, al in enumerate(self.leads):
            for o in al.interface.tolist():
                if o in seen and seen[o] != i and not _opposite(self.leads[seen[o]], al):
                    raise ValueError(f"leads {seen[o]} and {i} overlap: they share interface orbital {o}")
                seen[o] = i
        self._plan = None
        self.beta = None
        self.spinful = self.norbs == 2

    @property
    def n_sites(self) -> int:
        return self.hamiltonian.shape[0] // self.norbs

    def __repr__(self):
        return f"{type(self).__name__}(n_sites={self.n_sites}, norbs={self.norbs}, leads={len(self.leads)})"

    # ------------------------------------------------------------------ raw construction
    @classmethod
    def from_raw(cls, hamiltonian: ArrayLike | sp.spmatrix, positions: ArrayLike,
                 leads: Sequence[tuple[ArrayLike, ArrayLike, ArrayLike, ArrayLike]], *,
                 norbs: int = 1) -> System:
        """A system from a sparse Hamiltonian and, per lead, ``(h0, h1, coupling, interface)``.

        Parameters
        ----------
        hamiltonian : sparse or dense matrix (N, N)
            Hermitian Hamiltonian of the scattering region.
        positions : array_like (n_sites, d)
        leads : sequence of tuples ``(h0, h1, coupling, interface)``
            ``h0`` (m, m): the lead's unit cell; ``h1`` (m, m): hopping from a cell to the next
            one away from the region; ``coupling`` (m, k): hopping from the region's
            interface orbitals to the first lead cell, :math:`H_{\\mathrm{cell}, \\mathrm{int}}`;
            ``interface`` (k,): those orbital indices.  A copy of the first lead cell is
            added to the region (its positions are NaN), so that the lead couples through
            its own ``h1``.
        norbs : int

        Raises
        ------
        ValueError
            Non-Hermitian H or h0, inconsistent shapes, indices out of range.
        """
        h = sp.csr_matrix(hamiltonian, dtype=complex)
        n = h.shape[0]
        pos = np.asarray(positions, float)
        blocks_h = [h]
        extra_pos = []
        attached = []
        total = n
        couplings = []
        for i, spec in enumerate(leads):
            if len(spec) != 4:
                raise ValueError(f"leads[{i}] must be (h0, h1, coupling, interface); got {len(spec)} items")
            h0, h1, cpl, itf = spec
            ld = Lead(h0, h1)
            m = ld.size
            cpl = check_array(f"leads[{i}] coupling", cpl, ndim=2, dtype=complex)
            itf = np.asarray(itf, int).ravel()
            if cpl.shape != (m, itf.size):
                raise ValueError(f"leads[{i}]: coupling must have shape ({m}, {itf.size}) (lead cell × interface); "
                                 f"got {cpl.shape}")
            if itf.size and (itf.min() < 0 or itf.max() >= n):
                raise ValueError(f"leads[{i}]: interface indices must lie in [0, {n - 1}]")
            if m % norbs:
                raise ValueError(f"leads[{i}]: cell size {m} is not a multiple of norbs={norbs}")
            new = np.arange(total, total + m)
            couplings.append((new, itf, cpl, ld.h0))
            attached.append(AttachedLead(ld, new, None, None, f"lead {i}"))
            extra_pos.append(np.full((m // norbs, pos.shape[1] if pos.ndim == 2 else 1), np.nan))
            total += m
        rows, cols, vals = [], [], []
        for new, itf, cpl, h0 in couplings:
            r, c = np.nonzero(h0)
            rows.append(new[r])
            cols.append(new[c])
            vals.append(h0[r, c])
            r, c = np.nonzero(cpl)
            rows += [new[r], itf[c]]
            cols += [itf[c], new[r]]
            vals += [cpl[r, c], np.conj(cpl[r, c])]
        big = sp.block_diag([h, sp.csr_matrix((total - n, total - n), dtype=complex)], format="csr") \
            if total > n else h
        if rows:
            big = big + sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                                      shape=(total, total))
        allpos = np.concatenate([pos] + extra_pos) if extra_pos else pos
        sysm = cls(big, allpos, attached, norbs=norbs)
        return sysm

    # ------------------------------------------------------------------ slicing
    def _site_graph(self):
        h = self._plan_matrix()        # the off-diagonal part is all the graph needs
        no = self.norbs
        coo = h.tocoo()
        r, c = coo.row // no, coo.col // no
        keep = r != c
        n = self.n_sites
        return sp.csr_matrix((np.ones(int(keep.sum())), (r[keep], c[keep])), shape=(n, n))

    def _slicing(self):
        """Slices by breadth-first layers (Wimmer & Richter 2009), cached.

        Leads 0..n-2 (all but the one farthest from lead 0) start the search in slice 0; the
        farthest lead's interface is contracted to one node, so that it lands whole in the
        last slice, together with any sites beyond it.
        """
        if self._plan is not None:
            return self._plan
        sk = getattr(self, "_skeleton", None)
        if sk is None:
            sk = self._skeleton = self._make_skeleton()
        hp = self._plan_matrix()[sk["perm"]][:, sk["perm"]].tocsr()
        self._plan = dict(sk, hp=hp, blocks={})
        return self._plan

    def _plan_matrix(self):
        """The matrix the slicing plan caches (all of H here; a Device keeps its on-site
        diagonal apart, so that realisations share the plan and its dense blocks)."""
        return self.hamiltonian

    def _plan_diag(self, plan):
        """Diagonal (permuted to slice order) to add to the plan's blocks, or None."""
        return None

    def _slice_view(self, plan, d=None):
        """The slices for the recursion: the plan's blocks plus the diagonal ``d`` (N,) or a
        stack (B, N) of realisations (default: this system's own).  Translation-invariant
        slicings (a strip between two leads: every slice and hopping the same but for the
        diagonal) become rgf's uniform form, one clean block plus a diagonal per slice."""
        if d is None:
            d = self._plan_diag(plan)
        uni = _uniform_blocks(plan)
        if uni is not None:
            h0, v, dv = uni
            L, m = len(plan["sizes"]), plan["sizes"][0]
            if d is None:
                diag = np.zeros((L, m))
            elif d.ndim == 1:
                diag = d.reshape(L, m)
            else:
                diag = np.ascontiguousarray(d.reshape(d.shape[0], L, m).transpose(1, 0, 2))
            return _System(None, None, _uniform=(h0, diag, v, dv))
        return _BatchSliceView(plan, d) if d is not None and d.ndim == 2 else _SliceView(plan, d)

    def _sparse_base(self, plan):
        d = self._plan_diag(plan)
        hp = plan["hp"] if d is None else plan["hp"] + sp.diags(d)
        return hp.tocsc()

    def _make_skeleton(self):
        g = self._site_graph()
        n = self.n_sites
        no = self.norbs
        ncomp, labels = csgraph.connected_components(g, directed=False)
        if ncomp > 1:
            sizes = np.bincount(labels)
            raise ValueError(f"the region is not connected: {ncomp} pieces of {sorted(sizes.tolist(), reverse=True)} "
                             "sites; every site must be connected to the others")
        isites = [np.unique(al.interface // no) for al in self.leads]
        if not self.leads:
            raise ValueError("a scattering system needs at least one lead")
        for i, s in enumerate(isites):
            if s.size == 0:
                raise ValueError(f"lead {i} has an empty interface")

        def dist_from(sources, graph, nn):
            # breadth-first distances from a set of sites: one extra node linked to all of them
            coo = graph.tocoo()
            src = np.asarray(sources)
            rows = np.concatenate([coo.row, np.full(src.size, nn), src])
            cols = np.concatenate([coo.col, src, np.full(src.size, nn)])
            aug = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(nn + 1, nn + 1))
            d = csgraph.shortest_path(aug, method="D", unweighted=True, indices=[nn])[0]
            return d[:nn] - 1

        nl = len(self.leads)
        if nl == 2:
            far = 1                        # (what the search below finds for two leads)
        if nl > 2:
            d0 = dist_from(isites[0], g, n)
            far = int(np.argmax([d0[s].min() for s in isites]))
            if far == 0:
                far = nl - 1
        if nl >= 2:
            group_a = [i for i in range(nl) if i != far]
            group_b = [far]
        else:
            group_a, group_b = [0], []
        a_sites = np.unique(np.concatenate([isites[i] for i in group_a]))
        if group_b and np.intersect1d(isites[group_b[0]], a_sites).size:
            # leads on the two faces of a region one slice thick (a strip of length 1): one slice
            level = np.zeros(n)
        elif group_b:
            b_sites = isites[group_b[0]]
            # contract B to one node (index nb = n - |B|) and search from A
            keep = np.ones(n, bool)
            keep[b_sites] = False
            newidx = np.full(n, -1)
            newidx[keep] = np.arange(int(keep.sum()))
            nb = int(keep.sum())
            newidx[b_sites] = nb
            p = sp.csr_matrix((np.ones(n), (np.arange(n), newidx)), shape=(n, nb + 1))
            gc = (p.T @ g @ p).tocsr()
            gc.setdiag(0)
            gc.eliminate_zeros()
            gc.data[:] = 1
            dc = dist_from(np.unique(newidx[a_sites]), gc, nb + 1)
            level = dc[newidx]
            db = dc[nb]
            level = np.minimum(level, db)
            level[b_sites] = db
        else:
            level = dist_from(a_sites, g, n)
        if not np.all(np.isfinite(level)):
            raise ValueError("some sites are not reachable from the leads")
        level = level.astype(int)
        coo = g.tocoo()
        if np.any(np.abs(level[coo.row] - level[coo.col]) > 1):
            raise ConvergenceError("internal error: the slicing is not block tridiagonal")
        order = np.lexsort((np.arange(n), level))
        counts = np.bincount(level)
        perm = (order[:, None] * no + np.arange(no)[None, :]).ravel()
        inv = np.empty_like(perm)
        inv[perm] = np.arange(perm.size)
        offs = np.concatenate([[0], np.cumsum(counts * no)])
        return dict(perm=perm, inv=inv, offs=offs, group_a=group_a, group_b=group_b,
                    sizes=(counts * no).tolist())

    def slice_sizes(self) -> list:
        """Orbitals per slice of the breadth-first slicing (the first holds the first leads)."""
        return list(self._slicing()["sizes"])

    def _choose(self, algorithm):
        if algorithm != "auto":
            return algorithm
        sizes = np.asarray(self._slicing()["sizes"], float)
        n = sizes.sum()
        # measured single-core: the recursion costs ~3.5e-9 s * sum m^3 (square devices,
        # 100^2 and 200^2 sites: 0.67 s, 5.7 s), SuperLU (COLAMD) ~1.5e-6 s * N^1.5 (1.3 s,
        # 11.8 s), so the recursion wins below sum m^3 ~ 300 N^1.5; multi-lead devices with
        # wide first slices (a 6-terminal Hall bar) go to SuperLU (2x faster there)
        return "rgf" if np.sum(sizes ** 3) <= 300.0 * n ** 1.5 + 1e6 else "sparse"

    # ------------------------------------------------------------------ S-matrix
    def _lead_data(self, energies):
        # a lead that is another one traversed backwards (both leads of a strip or ribbon)
        # takes that lead's solution with its sides swapped: one mode solve for the two
        cached = getattr(self, "_mirror", None)
        if cached is None or cached[0] is not self.leads:     # the copies share their leads' list
            cached = self._mirror = (self.leads, _mirror_pairs(self.leads))
        mirror = cached[1]
        first = {j: i for i, j in mirror.items() if i < j}    # errors name the pair's first lead
        out = []
        for e in energies:
            sol: list = [None] * len(self.leads)
            for i, al in enumerate(self.leads):
                if i not in mirror:
                    try:
                        sol[i] = _solve_lead(al, i, float(e))
                    except LeadThresholdError as exc:
                        if i not in first:
                            raise
                        k = first[i]           # the same bands: name the lead listed first
                        raise _threshold_error(self.leads[k], k, float(e), "a mode has zero velocity",
                                               exc.reason) from None
            for i, j in mirror.items():
                sol[i] = _reversed_solution(sol[j])
            out.append(sol)
        return out

    @overload
    def smatrix(self, energy: float, *, algorithm: str = "auto", check: bool = True,
                tol: float = UNITARITY_TOL) -> SMatrix: ...
    @overload
    def smatrix(self, energy: np.ndarray | Sequence[float], *, algorithm: str = "auto", check: bool = True,
                tol: float = UNITARITY_TOL) -> list[SMatrix]: ...
    @overload
    def smatrix(self, energy: ArrayLike, *, algorithm: str = "auto", check: bool = True,
                tol: float = UNITARITY_TOL) -> SMatrix | list[SMatrix]: ...

    def smatrix(self, energy: ArrayLike, *, algorithm: str = "auto", check: bool = True,
                tol: float = UNITARITY_TOL) -> SMatrix | list[SMatrix]:
        """Scattering matrix at one energy (an :class:`SMatrix` with one block per lead) or a list.

        Parameters
        ----------
        energy : float or 1-D array_like
            Energy (units of t).
        algorithm : {"auto", "rgf", "sparse"}
            Recursive Green's function over the breadth-first slices, or one SuperLU
            factorisation of the whole region; ``"auto"`` chooses by the cost of the slicing.
        check : bool
            Check unitarity to ``tol`` (raise :class:`~rmt_meso.ConvergenceError` beyond).
        tol : float

        Returns
        -------
        SMatrix or list of SMatrix
            Lead order as in ``leads``; lead sizes are the open channels at that energy.

        Raises
        ------
        ValueError
            An energy at a lead's band edge (the lead and the distance are named).
        """
        algorithm = check_choice("algorithm", algorithm, ("auto", "rgf", "sparse"))
        check = check_bool("check", check)
        tol = check_real("tol", tol, minimum=0.0)
        scalar = np.ndim(energy) == 0
        energies = (np.array([check_real("energy", energy)]) if scalar else
                    check_array("energy", energy, ndim=1, dtype=float, min_size=1))
        plan = self._slicing()
        fallback = algorithm == "auto"
        algorithm = self._choose(algorithm)
        # many small LAPACK calls: one BLAS thread whatever the user's environment (rmt_meso._blas)
        with limit_blas_for(max(plan["sizes"])):
            sols = self._lead_data(energies)
            out = None
            if algorithm == "rgf" and len(energies) > 1 and np.median(plan["sizes"]) < _BATCH_MAX_WIDTH:
                # narrow slices: one stacked inversion per slice for all energies (rgf._rgf_corners)
                try:
                    out = self._solve_batch(energies, sols, plan)
                except (ConvergenceError, np.linalg.LinAlgError) as exc:
                    if not fallback:
                        raise ConvergenceError("singular slice Green's function in the recursion at "
                                               "one of the energies; use algorithm='sparse' (or "
                                               "'auto') or shift the energy") from exc
            if out is None:
                out = [self._solve_one_robust(float(e), sol, plan, algorithm, fallback)
                       for e, sol in zip(energies, sols)]
            elif fallback:
                out = [s if unitarity_error(s.matrix) <= tol else
                       self._solve_one(float(e), sol, plan, "sparse")
                       for s, e, sol in zip(out, energies, sols)]
        if check:
            for s in out:
                self._check(s, tol)
        return out[0] if scalar else out

    def _check(self, s, tol):
        """Unitarity to ``tol``; a failure within 1e-8 of a lead's band edge names that lead."""
        try:
            s.check_unitarity(tol)
        except ConvergenceError as exc:
            e = float(s.energy)
            dists = [al.threshold_distance(e)[1] for al in self.leads]
            i = int(np.argmin(dists))
            if dists[i] < 1e-8:
                raise _threshold_error(self.leads[i], i, e, f"the S-matrix is not unitary to {tol:.0e} "
                                       "so close to it", exc) from exc
            raise

    def _embed(self, plan, group, sol, which, widths):
        """Σ, sources and projections of a group of leads on the first/last slice.

        Lead ``i`` gets ``widths[i]`` columns (its open channels, zero-padded), so that
        energies with different channel numbers stack.
        """
        offs = plan["offs"]
        if which == "first":
            o0, m = 0, plan["sizes"][0]
        else:
            o0, m = offs[-2], plan["sizes"][-1]
        locs = plan.setdefault("locs", {})        # per lead: its orbitals in the slice, kept
        for i in group:
            if (i, which) not in locs:
                loc = plan["inv"][self.leads[i].interface] - o0
                if np.any(loc < 0) or np.any(loc >= m):
                    raise ConvergenceError("internal error: a lead interface is not in its slice")
                locs[i, which] = (loc, np.array_equal(loc, np.arange(m)))
        if len(group) == 1 and locs[group[0], which][1] and widths[group[0]] == sol[group[0]].modes.n_open:
            # one lead covering the slice in its own order (a strip's ends): its arrays as they are
            sl = sol[group[0]]
            return sl.sigma_right, sl.source_right, sl.proj_right
        ncol = sum(widths[i] for i in group)
        sig = np.zeros((m, m), complex)
        src = np.zeros((m, ncol), complex)
        proj = np.zeros((ncol, m), complex)
        k = 0
        for i in group:
            loc, whole = locs[i, which]
            if whole:                              # the lead covers the slice in its order
                sig += sol[i].sigma_right
            else:
                sig[np.ix_(loc, loc)] += sol[i].sigma_right
            nk = sol[i].modes.n_open
            src[loc, k:k + nk] = sol[i].source_right
            proj[k:k + nk, loc] = sol[i].proj_right
            k += widths[i]
        return sig, src, proj

    def _embedded(self, plan, sol, widths):
        ga, gb = plan["group_a"], plan["group_b"]
        sig_l, src_l, proj_l = self._embed(plan, ga, sol, "first", widths)
        if gb:
            sig_r, src_r, proj_r = self._embed(plan, gb, sol, "last", widths)
        else:
            ml = plan["sizes"][-1]
            sig_r, src_r, proj_r = np.zeros((ml, ml), complex), np.zeros((ml, 0), complex), np.zeros((0, ml), complex)
        return sig_l, src_l, proj_l, sig_r, src_r, proj_r

    def _solve_one_robust(self, e, sol, plan, algorithm, fallback):
        """``_solve_one``; with ``fallback`` a failed recursion is redone by the sparse solver.

        The recursion inverts the partial systems (slices 0..n) one by one.  At an energy where
        one of them has an eigenstate that does not reach the first leads (clean devices at
        special energies, e.g. E = -1 in a 10 x 10 square with 3-site leads) that inversion is
        singular or ill-conditioned although the whole open system is not; the result then
        raises or fails the unitarity check, and the whole system is solved at once instead.
        """
        try:
            s = self._solve_one(e, sol, plan, algorithm)
        except ConvergenceError:
            if not (fallback and algorithm == "rgf"):
                raise
            return self._solve_whole(e, sol, plan)
        if fallback and algorithm == "rgf" and not unitarity_error(s.matrix) <= UNITARITY_TOL:
            return self._solve_whole(e, sol, plan)
        return s

    def _solve_whole(self, e, sol, plan):
        try:
            return self._solve_one(e, sol, plan, "sparse")
        except ConvergenceError as exc:
            raise ConvergenceError(
                f"energy={e!r}: E - H - Sigma of the whole device is singular, so a state at this "
                "energy is decoupled from every lead (a bound state in the continuum, e.g. of a "
                "clean bipartite device at E = 0); S does not depend on it: shift the energy "
                "slightly (e.g. by 1e-9 t)") from exc

    def _solve_one(self, e, sol, plan, algorithm):
        widths = [sl.modes.n_open for sl in sol]
        sig_l, src_l, proj_l, sig_r, src_r, proj_r = self._embedded(plan, sol, widths)
        lazy = self._slice_view(plan)
        if algorithm == "rgf":
            if "real" not in plan:
                plan["real"] = not np.any(plan["hp"].data.imag)
            symmetric = (plan["real"] and all(al.lead.time_reversal_symmetric for al in self.leads)
                         and _sym(sig_l) and _sym(sig_r))
            x, y, zs, w = _rgf_single(lazy, e, sig_l, sig_r, src_l, src_r, proj_l, symmetric)
        else:
            x, y, zs, w = _sparse_corners(lazy, e, sig_l, sig_r, src_l, src_r, proj_l,
                                          base=(self._sparse_base(plan), plan["offs"][:-1]))
        return self._assemble(e, sol, plan, widths, x, y, zs, w, proj_r)

    def _solve_batch(self, energies, sols, plan):
        widths = [max(sol[i].modes.n_open for sol in sols) for i in range(len(self.leads))]
        parts = [self._embedded(plan, sol, widths) for sol in sols]
        stack = [np.stack([p[k] for p in parts]) for k in range(6)]
        x, y, zs, w = _rgf_corners(self._slice_view(plan), energies, stack[0], stack[3], stack[1], stack[4], stack[2])
        return [self._assemble(float(e), sol, plan, widths, x[k], y[k], zs[k], w[k], stack[5][k])
                for k, (e, sol) in enumerate(zip(energies, sols))]

    def _assemble(self, e, sol, plan, widths, x, y, zs, w, proj_r):
        """S from the corner blocks of G: S_ab = P_a G_{ab} s_b - δ_ab P_a φ_in,a (the blocks
        may carry a leading batch axis of realisations: a batched SMatrix)."""
        ga, gb = plan["group_a"], plan["group_b"]
        n = [sl.modes.n_open for sl in sol]
        starts = np.concatenate([[0], np.cumsum(n)])
        smat = np.zeros(np.shape(w)[:-2] + (int(starts[-1]),) * 2, complex)
        ka = np.concatenate([[0], np.cumsum([widths[i] for i in ga])])
        for ia, i in enumerate(ga):
            ri = slice(starts[i], starts[i + 1])
            pa = slice(ka[ia], ka[ia] + n[i])
            for ja, j in enumerate(ga):
                blk = w[..., pa, ka[ja]:ka[ja] + n[j]]
                if i == j:
                    blk = blk - sol[i].proj_right @ sol[i].modes.left
                smat[..., ri, starts[j]:starts[j + 1]] = blk
            if gb:
                b = gb[0]
                smat[..., ri, starts[b]:starts[b + 1]] = zs[..., pa, :n[b]]
        if gb:
            b = gb[0]
            rb = slice(starts[b], starts[b + 1])
            pr = proj_r[:n[b]]
            for ja, j in enumerate(ga):
                smat[..., rb, starts[j]:starts[j + 1]] = pr @ x[..., :, ka[ja]:ka[ja] + n[j]]
            smat[..., rb, rb] = pr @ y[..., :, :n[b]] - sol[b].proj_right @ sol[b].modes.left
        return SMatrix(smat, n, energy=e, beta=self.beta, spinful=self.spinful)

    def conductance_matrix(self, energy: float, **kwargs: Any) -> np.ndarray:
        """Büttiker conductance matrix :math:`G_{ij}` at one energy (see :meth:`SMatrix.conductance_matrix`)."""
        if np.ndim(energy) != 0:
            raise TypeError("conductance_matrix takes one energy")
        return self.smatrix(energy, **kwargs).conductance_matrix()

    def transmission(self, i: int, j: int, energy: ArrayLike, **kwargs: Any) -> FloatOrArray:
        """Total transmission into lead ``i`` from lead ``j`` at one energy or an array of energies."""
        s = self.smatrix(energy, **kwargs)
        if isinstance(s, list):
            return np.array([x.transmission(i, j) for x in s])
        return s.transmission(i, j)

    # ------------------------------------------------------------------ wave functions and maps
    def _full_matrix(self, e, sol):
        n = self.hamiltonian.shape[0]
        rows, cols, vals = [], [], []
        for i, al in enumerate(self.leads):
            r, c = np.meshgrid(al.interface, al.interface, indexing="ij")
            rows.append(r.ravel()), cols.append(c.ravel()), vals.append(sol[i].sigma_right.ravel())
        sig = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
        return (sp.identity(n, complex, format="csr") * e - self.hamiltonian - sig).tocsc()

    def wave_function(self, energy: float, lead: int) -> np.ndarray:
        """Scattering states of the incoming modes of ``lead`` on the region's orbitals.

        Returns
        -------
        ndarray, shape (n_orbitals, n_modes)
            Column k is the stationary state inside the region for unit incoming current in
            mode k of the lead (flux-normalised modes, one sparse LU solve).
        """
        energy = check_real("energy", energy)
        lead = check_int("lead", lead, minimum=0, maximum=len(self.leads) - 1)
        sol = self._lead_data([energy])[0]
        a = self._full_matrix(energy, sol)
        al = self.leads[lead]
        rhs = np.zeros((a.shape[0], sol[lead].modes.n_open), complex)
        rhs[al.interface] = sol[lead].source_right
        if rhs.shape[1] == 0:
            return rhs
        try:
            return spla.splu(a, permc_spec="COLAMD").solve(rhs)
        except RuntimeError as exc:
            raise ConvergenceError(f"sparse LU failed at energy {energy!r}: {exc}") from None

    def ldos(self, energy: float) -> np.ndarray:
        """Local density of states per site, :math:`\\rho(r) = \\sum_{a,k} |\\psi_{ak}(r)|^2/2\\pi`.

        The sum over the scattering states of all incoming modes of all leads (flux
        normalised, so each carries the density of states 1/2π per unit energy); equal to
        :math:`-\\mathrm{Im}\\,G_{rr}/\\pi` where the region has no bound states at this
        energy.  Shape (n_sites,), spin summed.
        """
        total = np.zeros(self.hamiltonian.shape[0])
        for i in range(len(self.leads)):
            psi = self.wave_function(energy, i)
            total += np.sum(np.abs(psi) ** 2, axis=1)
        return total.reshape(-1, self.norbs).sum(axis=1) / (2 * np.pi)

    def bond_currents(self, psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Bond currents :math:`J_{i \\leftarrow j} = 2\\,\\mathrm{Im}(\\psi_i^* H_{ij} \\psi_j)` (ħ = 1).

        Parameters
        ----------
        psi : ndarray, shape (n_orbitals,) or (n_orbitals, k)
            Wave function(s); several columns are summed (incoherent sum of currents).

        Returns
        -------
        bonds : ndarray of int, shape (n_bonds, 2)
            Site pairs (i, j), i > j, each bond once.
        current : ndarray, shape (n_bonds,)
            Probability current flowing from site j to site i (spin summed).
        """
        psi = np.asarray(psi, complex)
        if psi.ndim == 1:
            psi = psi[:, None]
        if psi.shape[0] != self.hamiltonian.shape[0]:
            raise ValueError(f"psi must have {self.hamiltonian.shape[0]} rows (orbitals); got {psi.shape}")
        coo = self.hamiltonian.tocoo()
        no = self.norbs
        si, sj = coo.row // no, coo.col // no
        m = si > sj
        contrib = 2 * np.imag(np.sum(np.conj(psi[coo.row[m]]) * coo.data[m, None] * psi[coo.col[m]], axis=1))
        key = si[m] * self.n_sites + sj[m]
        uniq, inv = np.unique(key, return_inverse=True)
        cur = np.bincount(inv, weights=contrib, minlength=uniq.size)
        bonds = np.stack([uniq // self.n_sites, uniq % self.n_sites], axis=1)
        return bonds, cur

    def current_density(self, psi: np.ndarray) -> np.ndarray:
        """Current vector field per site: half the sum of bond currents times bond vectors.

        Returns shape (n_sites, d): :math:`\\mathbf j(r_i) = \\frac12\\sum_j J_{j\\leftarrow i}(\\mathbf r_j - \\mathbf r_i)`.
        """
        bonds, cur = self.bond_currents(psi)
        pos = self.positions
        vec = pos[bonds[:, 0]] - pos[bonds[:, 1]]        # from j to i
        out = np.zeros_like(pos)
        flow = cur[:, None] * vec * 0.5
        np.add.at(out, bonds[:, 0], flow)
        np.add.at(out, bonds[:, 1], flow)
        return out


def _uniform_blocks(plan):
    """``(h0, V, diagonal of V or None)`` when every slice block and every hopping block of the plan is the same
    (a translation-invariant slicing), else None; decided once per plan."""
    if "uniform" not in plan:
        plan["uniform"] = None
        sizes = plan["sizes"]
        if len(sizes) > 1 and all(m == sizes[0] for m in sizes):
            view = _SliceView(plan)
            dg, hp = view._diag_entries, view._hop_entries

            def same(groups):
                # every group (rows, columns, values) equal to the first: one array comparison each
                if len({r.size for r, _, _ in groups}) != 1:
                    return False
                return all(bool(np.all(a == a[:1])) for a in (np.stack([grp[k] for grp in groups])
                                                              for k in range(3)))
            if same(dg) and same(hp):
                v = view._hop_block(0)
                plan["uniform"] = (view._diag_block(0), v, _diagonal_of(v))
    return plan["uniform"]


def _real_phases(frac):
    """True when every phase exp(2πi frac) is ±1 (frac a multiple of 1/2)."""
    return bool(np.all(2 * frac == np.round(2 * frac)))


def _sym(a):
    return float(np.max(np.abs(a - a.T), initial=0.0)) <= 1e-13 * max(1.0, float(np.max(np.abs(a), initial=0.0)))


class _SliceView:
    """Block-tridiagonal view of the permuted sparse H for the recursion.

    The nonzeros are grouped once by (slice, slice) block; dense blocks are made on demand
    (and kept when all of them fit in 256 MB), so a 160 000-site device never holds more
    than a few dense blocks.
    """

    def __init__(self, plan, d=None):
        self.h0 = None
        self.diag = None
        self._dd = d
        offs = np.asarray(plan["offs"])
        self.sizes = plan["sizes"]
        self.length = len(self.sizes)
        self._offs_arr = offs
        if "entries" not in plan:
            coo = plan["hp"].tocoo()
            sl_r = np.searchsorted(offs, coo.row, side="right") - 1
            sl_c = np.searchsorted(offs, coo.col, side="right") - 1
            lr, lc = coo.row - offs[sl_r], coo.col - offs[sl_c]
            diag = sl_r == sl_c
            hop = sl_r == sl_c + 1
            plan["entries"] = (self._group(sl_r[diag], lr[diag], lc[diag], coo.data[diag], self.length),
                               self._group(sl_c[hop], lr[hop], lc[hop], coo.data[hop], max(self.length - 1, 0)))
        self._diag_entries, self._hop_entries = plan["entries"]
        cache = plan["blocks"]
        small = sum(m * m for m in self.sizes) * 32 < 256 * 2 ** 20
        self.slices = _Lazy(self._diag_block, self.length, cache if small else None, "d")
        if d is not None:
            self._hop_slices = self.slices
            self.slices = _Lazy(self._with_diag, self.length, None, "s")
        self.hops = _Lazy(self._hop_block, self.length - 1, cache if small else None, "h")
        self.diag_hops = _Lazy(self._diag_hop, self.length - 1, cache, "v")

    @staticmethod
    def _group(key, r, c, v, n):
        order = np.argsort(key, kind="stable")
        key, r, c, v = key[order], r[order], c[order], v[order]
        bounds = np.searchsorted(key, np.arange(n + 1))
        return [(r[bounds[k]:bounds[k + 1]], c[bounds[k]:bounds[k + 1]], v[bounds[k]:bounds[k + 1]])
                for k in range(n)]

    def _diag_block(self, n):
        m = self.sizes[n]
        out = np.zeros((m, m), complex)
        r, c, v = self._diag_entries[n]
        out[r, c] = v
        return out

    def _with_diag(self, n):
        o0, o1 = self._offs_arr[n], self._offs_arr[n + 1]
        out = self._hop_slices[n].copy()
        idx = np.arange(o1 - o0)
        out[idx, idx] += self._dd[o0:o1]
        return out

    def _hop_block(self, n):
        out = np.zeros((self.sizes[n + 1], self.sizes[n]), complex)
        r, c, v = self._hop_entries[n]
        out[r, c] = v
        return out

    def _diag_hop(self, n):
        m = self.sizes[n]
        if self.sizes[n + 1] != m:
            return None
        r, c, v = self._hop_entries[n]
        if r.size != m or np.any(r != c):
            return None
        d = np.zeros(m, complex)
        d[r] = v
        return d

    def slice(self, n):
        return self.slices[n]


class _Lazy:
    def __init__(self, fn, n, cache, tag):
        self.fn, self.n, self.cache, self.tag = fn, n, cache, tag

    def __len__(self):
        return self.n

    def __getitem__(self, k):
        if k < 0:
            k += self.n
        if self.cache is None:
            return self.fn(k)
        key = (self.tag, k)
        if key not in self.cache:
            self.cache[key] = self.fn(k)
        return self.cache[key]


# ------------------------------------------------------------------------------------- device
class _SiteIndex:
    """Lookup of lattice sites (cell, sublattice) -> index by sorted integer keys."""

    def __init__(self, cells, subs, n_sub):
        self.lo = cells.min(axis=0) - 8
        self.dims = cells.max(axis=0) + 8 - self.lo + 1
        self.n_sub = n_sub
        keys = self.key(cells, subs)
        self.order = np.argsort(keys)
        self.sorted = keys[self.order]
        if np.any(np.diff(self.sorted) == 0):
            raise ValueError("duplicate sites")

    def key(self, cells, subs):
        c = cells - self.lo
        ok = np.all((c >= 0) & (c < self.dims), axis=1)
        k = np.full(cells.shape[0], -1, dtype=np.int64)
        if np.any(ok):
            k[ok] = np.ravel_multi_index(tuple(c[ok].T), tuple(self.dims)).astype(np.int64) * self.n_sub + subs[ok]
        return k

    def find(self, cells, subs):
        k = self.key(cells, subs)
        pos = np.searchsorted(self.sorted, k)
        pos = np.clip(pos, 0, self.sorted.size - 1)
        found = (self.sorted[pos] == k) & (k >= 0)
        return np.where(found, self.order[pos], -1)


class Device(System):
    """A tight-binding device: lattice sites inside a shape, with leads on its boundary.

    Parameters
    ----------
    lattice : Lattice
        :func:`~rmt_meso.transport.lattice.square`, :func:`~rmt_meso.transport.lattice.cubic`,
        :func:`~rmt_meso.transport.lattice.honeycomb` or any :class:`~rmt_meso.transport.lattice.Lattice`.
    shape : Shape or callable
        The region; a plain callable ``f(x, y[, z])`` needs ``bbox``.
    leads : sequence of LeadSpec
        From :func:`lead`; attached in this order (lead index = position in the list).
    onsite : float, array_like (n_sites,) or callable
        On-site energy: a constant, one value per site (in the order of :attr:`positions`;
        build the clean device first to learn it) or ``f(x, y[, z])`` of positions (gates,
        constrictions, p–n junctions).
    W : float
        Disorder strength; each :meth:`realisation` draws ``disorder`` on-site energies.
    disorder : {"box", "gaussian", "binary"}
        Disorder law (uniform in [−W/2, W/2], Gaussian of variance W²/12, or ±W/2).
    flux : float
        Magnetic flux per unit area in units of h/e (module notes: gauge, origin, sign).
    flux_origin : (x0, y0)
        Origin of the gauge.
    ab_flux : float
        Flux Φ through a thin flux tube at ``ab_center`` in units of h/e (an Aharonov–Bohm
        solenoid: no field on the sites, only the phase of loops around the tube).  The
        hoppings that cross the cut from the tube along +y carry :math:`e^{\\mp 2\\pi i\\Phi}`
        (an electron circling the tube counter-clockwise picks up :math:`e^{-2\\pi i\\Phi}`,
        the sign of ``flux``); the cut must not cross a lead.
    ab_center : (xc, yc)
        Position of the flux tube (choose it off the lattice sites' columns or rows, e.g. the
        centre of a ring's hole).
    spin_orbit : float, optional
        Ando's SU(2) angle θ (0 < θ < π).
    rashba : float
        Rashba coupling α (units of t).
    zeeman : (bx, by, bz), optional
        Zeeman field (energy, units of t): on-site b·σ in region and leads.
    bbox : (lo, hi), optional
        Bounding box for a plain callable ``shape``.

    Attributes
    ----------
    positions : ndarray (n_sites, d)
    leads : list of AttachedLead
    beta : int
        1 (time-reversal symmetric), 2 (field or Zeeman), 4 (spin-orbit without field).

    Raises
    ------
    ValueError
        A shape selecting no site, a disconnected region, a lead that does not touch the
        region, overlaps another lead or the region beyond its interface, or a lattice
        mismatch.

    Examples
    --------
    >>> from rmt_meso.transport.lattice import square, rectangle
    >>> dev = Device(square(), rectangle(0, 19, 0, 9), [lead("-x"), lead("+x")])
    >>> s = dev.smatrix(-3.0)                      # clean strip: perfect transmission
    >>> bool(abs(s.transmission(1, 0) - s.lead_sizes[0]) < 1e-10)
    True
    """

    def __init__(self, lattice: Lattice, shape: Shape | Callable[..., Any], leads: Sequence[LeadSpec] = (), *,
                 onsite: float | ArrayLike | Callable[..., Any] = 0.0, W: float = 0.0, disorder: str = "box",
                 flux: float = 0.0, flux_origin: tuple[float, float] = (0.0, 0.0),
                 spin_orbit: float | None = None, rashba: float = 0.0,
                 zeeman: ArrayLike | None = None,
                 bbox: tuple[ArrayLike, ArrayLike] | None = None, ab_flux: float = 0.0,
                 ab_center: ArrayLike = (0.0, 0.0)):
        if not isinstance(lattice, Lattice):
            raise TypeError(f"lattice must be a rmt_meso.transport.Lattice; got {type(lattice).__name__}")
        self.lattice = lattice
        if not isinstance(shape, Shape):
            if not callable(shape):
                raise TypeError(f"shape must be a Shape or a callable f(x, y[, z]); got {type(shape).__name__}")
            if bbox is None:
                raise ValueError("a plain callable shape needs bbox=(lo, hi)")
            shape = Shape(shape, bbox)
        if shape.bbox[0].size != lattice.dim:
            raise ValueError(f"shape is {shape.bbox[0].size}-dimensional but the lattice is {lattice.dim}-dimensional")
        self.shape = shape
        specs = list(leads)
        for i, spec in enumerate(specs):
            if not isinstance(spec, LeadSpec):
                raise TypeError(f"leads[{i}] must be made by rmt_meso.transport.lead(); got {type(spec).__name__}")
            if spec.lattice is not None and spec.lattice != lattice:
                raise ValueError(f"leads[{i}] has lattice {spec.lattice!r}, which does not match the region's "
                                 f"{lattice!r}")
            if spec.axis >= lattice.dim:
                raise ValueError(f"leads[{i}] direction {spec.direction!r} needs a lattice of dimension "
                                 f"> {spec.axis}; got {lattice.dim}")
        self.specs = specs
        self.W = check_real("W", W, minimum=0.0)
        self.disorder = check_choice("disorder", disorder, ("box", "gaussian", "binary"))
        self.flux = check_real("flux", flux)
        if self.flux and lattice.dim < 2:
            raise ValueError("flux needs a lattice of dimension >= 2")
        self.flux_origin = tuple(float(c) for c in flux_origin)
        self.ab_flux = check_real("ab_flux", ab_flux)
        if self.ab_flux and lattice.dim < 2:
            raise ValueError("ab_flux needs a lattice of dimension >= 2")
        ab_center = check_array("ab_center", ab_center, shape=(2,), dtype=float)
        self.ab_center = (float(ab_center[0]), float(ab_center[1]))
        self.spin_orbit = None if spin_orbit is None else check_real("spin_orbit", spin_orbit, minimum=0.0,
                                                                     maximum=np.pi)
        self.rashba = check_real("rashba", rashba)
        if zeeman is not None:
            zeeman = check_array("zeeman", zeeman, shape=(3,), dtype=float)
        self.zeeman = zeeman
        spinful = self.spin_orbit is not None or self.rashba != 0 or zeeman is not None
        self._onsite_spec = onsite
        self._build(spinful)
        self.beta = self._symmetry_class()
        self._disorder_values = None if self.W > 0 else np.zeros(self.n_sites)
        self._apply_onsite()
        self._skeleton = self._make_skeleton()      # connectivity and slicing checked now

    def _symmetry_class(self):
        # a flux tube of a multiple of h/(2e) is gauge-equivalent to a real hopping (phases ±1)
        tube = not np.isclose(2 * self.ab_flux, np.round(2 * self.ab_flux), rtol=0, atol=1e-12)
        # a uniform flux whose Peierls phases are all ±1 (half a flux quantum per plaquette of
        # the square lattice, as Anderson and Wire) leaves the hoppings real
        field = self.flux != 0 and not _real_phases(self._peierls_fraction(self.flux, self.ab_flux))
        if field or tube or (self.zeeman is not None and np.any(self.zeeman)):
            return 2
        if self.norbs == 2 and (self.spin_orbit or self.rashba):
            return 4
        return 1

    # ------------------------------------------------------------------ building
    def _build(self, spinful):
        lat = self.lattice
        lo, hi = self.shape.bbox
        cells, subs, pos = lat.sites_in_box(lo, hi)
        inside = self.shape(pos) if pos.shape[0] else np.zeros(0, bool)
        if not np.any(inside):
            raise ValueError(f"shape selects no site of the {lat.name} lattice inside its bounding box "
                             f"{lo.tolist()}..{hi.tolist()}")
        cells, subs, pos = cells[inside], subs[inside], pos[inside]
        # attach leads: interface slabs (filled into the region) and two lead cells each
        lead_geo = []
        for i, spec in enumerate(self.specs):
            k, sgn = spec.axis, spec.sign
            T = lat.translation(sgn * np.eye(lat.dim)[k])
            tvec = T @ lat.vectors
            length = abs(tvec[k])
            trans_axes = [a for a in range(lat.dim) if a != k]
            if spec.span is None:
                # the region's end face: its sites in the outermost slab of width |T|
                proj = sgn * pos[:, k]
                face = proj > proj.max() - length + 1e-7
                span = np.stack([pos[face][:, trans_axes].min(axis=0), pos[face][:, trans_axes].max(axis=0)], axis=1)
            else:
                span = spec.span
                if span.shape[0] != len(trans_axes):
                    raise ValueError(f"leads[{i}] span needs {len(trans_axes)} interval(s) (one per transverse axis); "
                                     f"got {span.shape[0]}")

            def in_span(p, span=span, trans_axes=trans_axes):
                t = p[:, trans_axes]
                return np.all((t >= span[:, 0] - 1e-9) & (t <= span[:, 1] + 1e-9), axis=1)

            foot = in_span(pos)
            if not np.any(foot):
                raise ValueError(f"leads[{i}] ({spec.direction}, span {span.tolist()}) does not touch the region: "
                                 "no region site lies in its cross-section")
            pmax = float(np.max(sgn * pos[foot, k]))
            blo = np.empty(lat.dim)
            bhi = np.empty(lat.dim)
            blo[trans_axes], bhi[trans_axes] = span[:, 0], span[:, 1]
            lo_k, hi_k = pmax - length + 1e-7, pmax
            blo[k], bhi[k] = (lo_k, hi_k) if sgn > 0 else (-hi_k, -lo_k)
            icells, isubs, ipos = lat.sites_in_box(blo, bhi)
            sel = in_span(ipos) & (sgn * ipos[:, k] > lo_k - 1e-9) & (sgn * ipos[:, k] <= hi_k + 1e-9)
            icells, isubs, ipos = icells[sel], isubs[sel], ipos[sel]
            o = np.lexsort(tuple([isubs] + [ipos[:, a] for a in reversed(trans_axes)]))
            icells, isubs, ipos = icells[o], isubs[o], ipos[o]
            lead_geo.append(dict(T=T, tvec=tvec, cells=icells, subs=isubs, axis=k, span=span))
        # region = shape sites + interface fills
        all_cells = [cells] + [g["cells"] for g in lead_geo]
        all_subs = [subs] + [g["subs"] for g in lead_geo]
        cat_c = np.concatenate(all_cells)
        cat_s = np.concatenate(all_subs)
        # unique sites, keeping the shape's order first
        keys = np.concatenate([cat_c, cat_s[:, None]], axis=1)
        _, first = np.unique(keys, axis=0, return_index=True)
        first = np.sort(first)
        rcells, rsubs = cat_c[first], cat_s[first]
        n_region = rcells.shape[0]
        # table: region + lead cells 1 and 2 of every lead
        tab_c = [rcells]
        tab_s = [rsubs]
        lead_rows = []
        start = n_region
        for g in lead_geo:
            m = g["cells"].shape[0]
            c1 = g["cells"] + g["T"]
            c2 = g["cells"] + 2 * g["T"]
            tab_c += [c1, c2]
            tab_s += [g["subs"], g["subs"]]
            lead_rows.append((np.arange(start, start + m), np.arange(start + m, start + 2 * m)))
            start += 2 * m
        tcells = np.concatenate(tab_c)
        tsubs = np.concatenate(tab_s)
        tpos = lat.positions(tcells, tsubs)
        # overlaps between leads and with the region
        keys = np.concatenate([tcells, tsubs[:, None]], axis=1)
        uk, inv, cnt = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
        inv = inv.ravel()
        if np.any(cnt > 1):
            dup = np.flatnonzero(cnt[inv] > 1)
            owner = np.full(tcells.shape[0], -1)
            for li, (r1, r2) in enumerate(lead_rows):
                owner[r1] = li
                owner[r2] = li
            bad = sorted({int(owner[d]) for d in dup if owner[d] >= 0})
            if any(owner[d] < 0 for d in dup) and bad:
                raise ValueError(f"leads[{bad[0]}] overlaps the region: its cells contain region sites "
                                 "(the lead is not at the region's boundary, or another lead's interface "
                                 "filled into it)")
            raise ValueError(f"leads {bad} overlap each other")
        index = _SiteIndex(tcells, tsubs, lat.n_sublattices)
        region_index = index.find(rcells, rsubs)
        # hoppings over the table
        rows, cols, vals = [], [], []
        for (a, b, n, value) in lat.hoppings:
            src = np.flatnonzero(tsubs == b)
            tgt = index.find(tcells[src] + np.asarray(n), np.full(src.size, a))
            ok = tgt >= 0
            src, tgt = src[ok], tgt[ok]
            rows.append(tgt), cols.append(src), vals.append(np.full(src.size, value))
        hi_, hj_ = np.concatenate(rows), np.concatenate(cols)
        hv = np.concatenate(vals)
        ph = None
        if lat.dim >= 2:
            # Peierls phase pattern per unit flux (module notes); chi: gauge transformation
            # on the y-leads and their interfaces
            x0, y0 = (self.flux_origin + (0.0, 0.0))[:2]
            chi = np.zeros(tcells.shape[0])
            for li, g in enumerate(lead_geo):
                if g["axis"] == 1:
                    r1, r2 = lead_rows[li]
                    itf = index.find(g["cells"], g["subs"])
                    rows_ = np.concatenate([r1, r2, itf])
                    chi[rows_] = -(tpos[rows_, 0] - x0) * (tpos[rows_, 1] - y0)
            pi_, pj_ = tpos[hi_], tpos[hj_]
            ph = (pi_[:, 0] - pj_[:, 0]) * (0.5 * (pi_[:, 1] + pj_[:, 1]) - y0) + chi[hi_] - chi[hj_]
            ph_tube = tube_phase(pi_, pj_, self.ab_center)
            cross = ph_tube != 0
            tube_leads = sorted({li for li, (r1, r2) in enumerate(lead_rows)
                                 if np.any(cross) and np.any(cross & (np.isin(hi_, np.concatenate([r1, r2]))
                                                                      | np.isin(hj_, np.concatenate([r1, r2]))))})
        else:
            ph_tube, tube_leads = None, []
        self._table = dict(hi=hi_, hj=hj_, hv=hv, phase=ph, tube=ph_tube, tube_leads=tube_leads, tpos=tpos,
                           index=index, lead_geo=lead_geo, lead_rows=lead_rows, region_index=region_index,
                           n_region=n_region, spinful=spinful)
        h_region, attached = self._field_hamiltonian(self.flux, self.ab_flux)
        self._h_hop = h_region
        self._region_pos = tpos[region_index]
        self._fill = n_region - int(self.shape(tpos[region_index]).sum())
        System.__init__(self, h_region, tpos[region_index], attached, norbs=self.norbs, _checked=True)

    def _field_hamiltonian(self, flux, ab_flux):
        """Region hopping matrix and attached leads at ``flux``, from the tables of :meth:`_build`.

        Kept per flux (the last ``_FIELD_CACHE`` values) in the tables that all copies of the
        device share: the realisations of a disordered device differ only on site, so they
        share the hoppings and the :class:`Lead` objects, whose modes are cached per energy.
        """
        cache = self._table.setdefault("fields", {})
        key = (float(flux), float(ab_flux))
        if key in cache:
            return cache[key]
        if ab_flux and self._table["tube_leads"]:
            raise ValueError(f"ab_flux: the cut of the flux tube at ab_center={self.ab_center} (along +y) "
                             f"crosses lead(s) {self._table['tube_leads']}; move ab_center so that the "
                             "ray above it meets only region sites")
        out = self._build_field_hamiltonian(flux, ab_flux)
        cache[key] = out
        while len(cache) > _FIELD_CACHE:
            cache.pop(next(iter(cache)))
        return out

    def _peierls_fraction(self, flux, ab_flux):
        """Peierls phase of every hopping of the tables in units of 2π, reduced to [0, 1)."""
        tb = self._table
        if tb["phase"] is None:
            return np.zeros(tb["hv"].size)
        return np.mod(flux * tb["phase"] + (ab_flux * tb["tube"] if ab_flux else 0.0), 1.0)

    def _build_field_hamiltonian(self, flux, ab_flux):
        tb = self._table
        hi_, hj_, hv, tpos, index = tb["hi"], tb["hj"], tb["hv"], tb["tpos"], tb["index"]
        lead_geo, lead_rows, region_index, n_region = (tb["lead_geo"], tb["lead_rows"], tb["region_index"],
                                                       tb["n_region"])
        spinful = tb["spinful"]
        if flux or ab_flux:
            frac = self._peierls_fraction(flux, ab_flux)
            ph = np.exp(2j * np.pi * frac)
            half = 2 * frac == np.round(2 * frac)         # phases ±1: exactly real
            ph[half] = np.where(np.round(2 * frac[half]) % 2 == 0, 1.0, -1.0)
            hv = hv * ph
        no = 2 if spinful else 1
        ntab = tpos.shape[0]
        if no == 1:
            fwd = sp.csr_matrix((hv, (hi_, hj_)), shape=(ntab, ntab))
        else:
            d = tpos[hi_] - tpos[hj_]
            d = d / np.linalg.norm(d, axis=1, keepdims=True)
            d3 = np.zeros((d.shape[0], 3))
            d3[:, :d.shape[1]] = d
            mats = np.broadcast_to(np.eye(2, dtype=complex), (d.shape[0], 2, 2)).copy()
            if self.spin_orbit is not None:
                # exp(i θ n·σ) with n = (d_y, d_x, d_z) as the Pauli-vector: Ando's model
                nvec = np.stack([d3[:, 1], d3[:, 0], d3[:, 2]], axis=1)
                nrm = np.linalg.norm(nvec, axis=1)
                nvec = nvec / nrm[:, None]
                ns = np.einsum("ka,aij->kij", nvec, np.stack(_SIGMA))
                th = self.spin_orbit
                mats = np.cos(th) * mats + 1j * np.sin(th) * ns
            mats = mats * hv[:, None, None]
            if self.rashba:
                mats = mats + 1j * (self.rashba / 2) * (d3[:, 0, None, None] * _SIGMA[1][None]
                                                        - d3[:, 1, None, None] * _SIGMA[0][None])
            r_ = (2 * hi_[:, None, None] + np.arange(2)[None, :, None]) + 0 * np.arange(2)[None, None, :]
            c_ = (2 * hj_[:, None, None] + np.arange(2)[None, None, :]) + 0 * np.arange(2)[None, :, None]
            fwd = sp.csr_matrix((mats.ravel(), (r_.ravel(), c_.ravel())), shape=(2 * ntab, 2 * ntab))
        htab = (fwd + fwd.conj().T).tocsr()
        if no == 2 and self.zeeman is not None:
            z = sum(self.zeeman[a] * _SIGMA[a] for a in range(3))
            htab = htab + sp.kron(sp.identity(ntab), sp.csr_matrix(z)).tocsr()
        self.norbs = no
        orb = lambda idx: (np.asarray(idx)[:, None] * no + np.arange(no)[None, :]).ravel()  # noqa: E731
        reg_orb = orb(region_index)
        h_region = htab[reg_orb][:, reg_orb].tocsr()
        # map table rows -> region site index
        tab_to_region = np.full(ntab, -1)
        tab_to_region[region_index] = np.arange(n_region)
        attached = []
        htab.sum_duplicates()
        col_pos = np.full(htab.shape[1], -1)

        def block(rows, cols):
            # dense H[rows][:, cols] from the entries of the rows (no sparse fancy indexing)
            col_pos[cols] = np.arange(cols.size)
            c = col_pos[rows.col]
            sel = c >= 0
            out = np.zeros((rows.shape[0], cols.size), complex)
            out[rows.row[sel], c[sel]] = rows.data[sel]
            col_pos[cols] = -1
            return out
        for li, (g, spec) in enumerate(zip(lead_geo, self.specs)):
            r1, r2 = lead_rows[li]
            itf_tab = index.find(g["cells"], g["subs"])
            o1, o2, oi = orb(r1), orb(r2), orb(itf_tab)
            cell1, cell2 = htab[o1].tocoo(), htab[o2].tocoo()
            h0 = block(cell1, o1)
            h1 = block(cell2, o1)
            if spec.potential:
                h0 = h0 + spec.potential * np.eye(h0.shape[0])
            coupling = block(cell1, oi)
            if not np.allclose(coupling, h1, atol=1e-12):
                raise ConvergenceError(f"internal error: lead {li}'s interface coupling differs from its h1")
            # lead cell 1 must not touch region sites outside the interface
            others = np.zeros(htab.shape[1], bool)
            others[reg_orb] = True
            others[oi] = False
            if np.any(others[cell1.col] & (np.abs(cell1.data) > 0)):
                raise ValueError(f"leads[{li}] ({spec.direction}) touches region sites outside its interface: "
                                 "the lead is not at the region's boundary (or its span is wider than the "
                                 "region's edge there)")
            interface = orb(tab_to_region[itf_tab])
            attached.append(AttachedLead(shared_lead(h0, h1), interface, tpos[r1], g["tvec"],
                                         f"lead {li} ({spec.direction})"))
        return h_region, attached

    def _plan_matrix(self):
        return self._h_hop            # hoppings only: realisations and gates share the plan

    def _plan_diag(self, plan):
        return self._diag_now[plan["perm"]]

    def _onsite_values(self):
        spec = self._onsite_spec
        pos = self._region_pos
        if callable(spec):
            vals = np.asarray(spec(*pos.T), float)
            vals = np.broadcast_to(vals, (pos.shape[0],)).astype(float)
        elif np.ndim(spec) == 0:
            vals = np.full(pos.shape[0], check_real("onsite", spec))
        else:
            vals = check_array("onsite", spec, shape=(pos.shape[0],), dtype=float)
        if not np.all(np.isfinite(vals)):
            raise ValueError("onsite must be finite at every site")
        return vals

    def _apply_onsite(self):
        v = self._onsite_values()
        if self._disorder_values is not None:
            v = v + self._disorder_values
        d = np.repeat(v, self.norbs)
        self._ham = None               # assembled on first use (the solvers use the plan)
        self._diag_now = d
        self._onsite_now = v

    @property
    def hamiltonian(self) -> sp.csr_matrix:
        """Sparse Hamiltonian of the region (hoppings + on-site energies), assembled on first use."""
        if self._ham is None:
            self._ham = (self._h_hop + sp.diags(self._diag_now)).tocsr()
        return self._ham

    @hamiltonian.setter
    def hamiltonian(self, h: sp.csr_matrix) -> None:
        self._ham = h

    @property
    def n_sites(self) -> int:
        return self._h_hop.shape[0] // self.norbs

    @property
    def onsite(self) -> np.ndarray:
        """On-site energies of the region per site (gate potential + drawn disorder)."""
        if self._disorder_values is None:
            raise ValueError("this device has disorder W > 0 but no realisation yet: call realisation(rng)")
        return self._onsite_now

    def realisation(self, rng: RngLike = None) -> Device:
        """A copy with a new disorder realisation drawn at once from ``rng`` (shares the leads)."""
        gen = as_generator(rng)
        self._slicing()                    # the plan (hoppings only) is shared by the copies
        new = copy.copy(self)
        new._disorder_values = (draw_disorder(self.disorder, self.W, (self.n_sites,), gen)
                                if self.W > 0 else np.zeros(self.n_sites))
        new._apply_onsite()
        return new

    def with_onsite(self, onsite: float | ArrayLike | Callable[..., Any]) -> Device:
        """A copy with other on-site energies (scalar, per-site array or callable), same leads."""
        self._slicing()
        new = copy.copy(self)
        new._onsite_spec = onsite
        new._apply_onsite()
        return new

    def with_disorder(self, W: float, disorder: str | None = None) -> Device:
        """A copy with another disorder strength ``W`` (and law): same region, leads, gate
        on-site energies and slicing plan, no rebuild.

        For ``W > 0`` the copy describes the ensemble (draw one with :meth:`realisation`, or
        use :meth:`sample_smatrix` / :meth:`sample_transmission`); ``W = 0`` is the clean
        device.  ``disorder`` (``"box"``, ``"gaussian"``, ``"binary"``) keeps the present law
        when ``None``.
        """
        W = check_real("W", W, minimum=0.0)
        disorder = self.disorder if disorder is None else check_choice("disorder", disorder,
                                                                       ("box", "gaussian", "binary"))
        self._slicing()                    # the plan (hoppings only) is shared by the copies
        new = copy.copy(self)
        new.W, new.disorder = W, disorder
        new._disorder_values = None if W > 0 else np.zeros(self.n_sites)
        new._apply_onsite()
        return new

    def with_flux(self, flux: float | None = None, *, ab_flux: float | None = None) -> Device:
        """A copy in another uniform magnetic field or flux-tube flux: same region, leads,
        on-site energies and disorder realisation, only the Peierls phases changed.

        Parameters
        ----------
        flux : float, optional
            Flux per unit area in units of h/e (per plaquette of the square lattice), in the
            gauge of the module notes (same ``flux_origin``); ``None`` keeps the present one.
        ab_flux : float, optional
            Flux through the device's flux tube (at its ``ab_center``) in units of h/e;
            ``None`` keeps the present one.

        Returns
        -------
        Device
            ``beta`` follows the field (2 for ``flux != 0``, for a tube flux that is not a
            multiple of h/(2e), or with a Zeeman field).

        Notes
        -----
        The Peierls phase of every hopping is linear in the flux,
        :math:`\\theta_{ij} = 2\\pi\\varphi\\,\\int_{r_j}^{r_i}\\mathbf a\\cdot d\\mathbf l`, so the
        line integrals (the *phase pattern* per unit flux, leads and their gauge transformation
        included) are computed once when the device is built and only rescaled here; the
        geometry, the slicing and the drawn disorder are kept.  A flux scan of one sample,
        ``[dev.with_flux(f).smatrix(E) for f in fluxes]``, therefore costs one hopping
        assembly and one solve per flux (the result equals a device built with that flux to
        machine precision).  Peierls, Z. Phys. 80, 763 (1933).

        Examples
        --------
        >>> from rmt_meso.transport.devices import ab_ring
        >>> ring = ab_ring(6.0, 9.0, arm_width=3, arm_length=3)
        >>> g = [ring.with_flux(f).transmission(1, 0, -3.2) for f in (0.0, 0.002)]
        >>> g2 = ab_ring(6.0, 9.0, arm_width=3, arm_length=3, flux=0.002).transmission(1, 0, -3.2)
        >>> bool(abs(g[1] - g2) < 1e-10)
        True
        """
        flux = self.flux if flux is None else check_real("flux", flux)
        ab_flux = self.ab_flux if ab_flux is None else check_real("ab_flux", ab_flux)
        if (flux or ab_flux) and self.lattice.dim < 2:
            raise ValueError(f"flux and ab_flux need a lattice of dimension >= 2; got flux={flux!r}, "
                             f"ab_flux={ab_flux!r} on a {self.lattice.dim}-dimensional lattice")
        new = copy.copy(self)
        new.flux, new.ab_flux = flux, ab_flux
        new._h_hop, new.leads = new._field_hamiltonian(flux, ab_flux)
        new._plan = None                   # the plan caches the hoppings
        new.beta = new._symmetry_class()
        new._apply_onsite()
        return new

    @overload
    def smatrix(self, energy: float, **kwargs: Any) -> SMatrix: ...
    @overload
    def smatrix(self, energy: np.ndarray | Sequence[float], **kwargs: Any) -> list[SMatrix]: ...
    @overload
    def smatrix(self, energy: ArrayLike, **kwargs: Any) -> SMatrix | list[SMatrix]: ...

    def smatrix(self, energy: ArrayLike, **kwargs: Any) -> SMatrix | list[SMatrix]:
        if self._disorder_values is None:
            raise ValueError("this device has disorder W > 0: draw one with realisation(rng) first "
                             "(or use sample_smatrix)")
        return super().smatrix(energy, **kwargs)

    smatrix.__doc__ = System.smatrix.__doc__

    @keyword_rng
    def sample_smatrix(self, energy: float, size: SizeLike = None, *, rng: RngLike = None,
                       algorithm: str = "auto", check: bool = True, tol: float = UNITARITY_TOL,
                       batch: int = 256, progress: bool = False) -> SMatrix:
        """S-matrices of ``size`` disorder realisations at one energy, one batched :class:`SMatrix`
        (``size=None``: one realisation, no batch axis).

        Realisations are drawn one after another from ``rng`` as
        ``[self.realisation(gen) for _ in range(size)]`` would draw them.  Devices whose median
        slice is narrow (< 16 orbitals) are solved ``batch`` realisations at a time by one
        stacked recursion (:func:`rmt_meso.transport.rgf._rgf_corners`); others one by one.
        ``progress=True`` shows a bar over the realisations (terminal or notebook; silent and
        warning-free when off, :func:`rmt_meso._log.progress_bar`).
        """
        energy = check_real("energy", energy)
        size_ = check_size(size)
        size = 1 if size_ is None else size_
        algorithm = check_choice("algorithm", algorithm, ("auto", "rgf", "sparse"))
        check = check_bool("check", check)
        tol = check_real("tol", tol, minimum=0.0)
        batch = check_int("batch", batch, minimum=1)
        gen = as_generator(rng)
        self._slicing()                    # computed once, shared by the copies
        clean = copy.copy(self)
        clean._disorder_values = np.zeros(self.n_sites)
        clean._apply_onsite()
        plan = clean._slicing()
        alg = clean._choose(algorithm)

        def draw():
            return (draw_disorder(self.disorder, self.W, (self.n_sites,), gen) if self.W > 0
                    else np.zeros(self.n_sites))

        with limit_blas_for(max(plan["sizes"])), \
                progress_bar(size, enabled=bool(progress), desc="realisations", unit="real") as bar:
            mats, sizes = self._sample(energy, size, batch, clean, plan, alg, draw, bar)
        out = SMatrix(np.stack(mats), sizes, energy=energy, beta=self.beta, spinful=self.spinful)
        if check:
            out.check_unitarity(tol)
        return drop_sample_axis(out, size_)

    @keyword_rng
    def sample_transmission(self, i: int, j: int, energy: ArrayLike, size: SizeLike = None, *, rng: RngLike = None,
                            progress: bool = False, **kwargs: Any) -> FloatOrArray:
        """Total transmission :math:`T_{ij}` into lead ``i`` from lead ``j`` of ``size`` disorder
        realisations, at one energy or an array of energies.

        Parameters
        ----------
        i, j : int
            Leads (Kwant's order: to, from); for two leads ``sample_transmission(1, 0, ...)`` is
            the Landauer conductance g in units of e²/h per listed channel.
        energy : float or 1-D array_like
            Energy or energies (units of t).
        size : int, optional
            Number of realisations; ``None``: one, without a sample axis.
        rng : None, int, SeedSequence or Generator
        progress : bool
            Progress bar over the realisations (:func:`rmt_meso._log.progress_bar`).
        **kwargs
            ``algorithm``, ``tol`` (and, for one energy, ``check`` and ``batch``) as in
            :meth:`sample_smatrix`.

        Returns
        -------
        float or ndarray
            One energy: shape (size,) (a float for ``size=None``).  ``K`` energies: shape
            (size, K) (``(K,)`` for ``size=None``); row ``r`` is the realisation that
            ``sample_transmission(i, j, e, size, rng=rng)`` draws as its row ``r`` at every ``e``.

        Notes
        -----
        One energy uses the stacked solver of :meth:`sample_smatrix`.  An energy array draws
        each realisation once (as ``self.realisation(gen)`` does, the same stream); narrow
        devices (median slice < 16 orbitals) are then solved per energy by one recursion
        stacked over the realisations, others per realisation by one recursion batched over
        the energies (:meth:`smatrix` with an array) — the loop shared with
        :meth:`Wire.sample_conductance`.
        """
        if np.ndim(energy) == 0:
            s = self.sample_smatrix(cast(float, energy), size, rng=rng, progress=progress,
                                    **kwargs)   # 0-d: one energy
            return s.transmission(i, j)
        energies = check_array("energy", energy, ndim=1, dtype=float, min_size=1)
        unknown = set(kwargs) - {"algorithm", "tol"}
        if unknown:
            raise TypeError(f"sample_transmission with an energy array got unexpected keyword arguments "
                            f"{sorted(unknown)}; allowed: 'algorithm', 'tol'")
        size_ = check_size(size)
        n = 1 if size_ is None else size_
        gen = as_generator(rng)
        alg = self._choose(check_choice("algorithm", kwargs.get("algorithm", "auto"), ("auto", "rgf", "sparse")))
        tol = check_real("tol", kwargs.get("tol", UNITARITY_TOL), minimum=0.0)
        # drawn as realisation(gen) draws them, one realisation after another
        draws = [draw_disorder(self.disorder, self.W, (self.n_sites,), gen) if self.W > 0
                 else np.zeros(self.n_sites) for _ in range(n)]
        self._slicing()                    # computed once, shared by the copies
        clean = copy.copy(self)
        clean._disorder_values = np.zeros(self.n_sites)
        clean._apply_onsite()
        plan = clean._slicing()

        def solve_stack(e, stack):
            it = iter(stack)
            mats, sizes = self._sample(e, len(stack), len(stack), clean, plan, alg, lambda: next(it),
                                       progress_bar(len(stack), enabled=False))
            s = SMatrix(np.stack(mats), sizes, energy=e, beta=self.beta, spinful=self.spinful)
            s.check_unitarity(tol)
            return s.transmission(i, j)

        def solve_one(dv, es):
            new = copy.copy(self)
            new._disorder_values = dv
            new._apply_onsite()
            return new.transmission(i, j, es, algorithm=alg, tol=tol)

        bar = progress_bar(n * energies.size, enabled=bool(progress), desc="T_ij(E)", unit="solve")
        with limit_blas_for(max(plan["sizes"])), bar:
            out = _realisations_over_energies(draws, energies, bar=bar, solve_stack=solve_stack,
                                              solve_one=solve_one,
                                              stacked=alg == "rgf" and np.median(plan["sizes"]) < _BATCH_MAX_WIDTH)
        return drop_sample_axis(out, size_)

    def _sample(self, energy, size, batch, clean, plan, alg, draw, bar):
        mats = []
        if alg == "rgf" and np.median(plan["sizes"]) < _BATCH_MAX_WIDTH:
            sol = clean._lead_data([energy])[0]
            widths = [sl.modes.n_open for sl in sol]
            sig_l, src_l, proj_l, sig_r, src_r, proj_r = clean._embedded(plan, sol, widths)
            for start in range(0, size, batch):
                b = min(batch, size - start)
                d = (np.repeat(np.stack([draw() for _ in range(b)]), self.norbs, axis=1)[:, plan["perm"]]
                     + clean._plan_diag(plan)[None])
                x, y, zs, w = _rgf_corners(clean._slice_view(plan, d), np.array([energy]), sig_l[None],
                                           sig_r[None], src_l[None], src_r[None], proj_l[None])
                mats += list(clean._assemble(energy, sol, plan, widths, x, y, zs, w, proj_r).matrix)
                bar.update(b)
            sizes = [sl.modes.n_open for sl in sol]
        else:
            sizes = None
            for _ in range(size):
                new = copy.copy(clean)
                new._disorder_values = draw()
                new._apply_onsite()
                s = new.smatrix(energy, algorithm=alg, check=False)
                sizes = s.lead_sizes
                mats.append(s.matrix)
                bar.update(1)
        return mats, sizes


class _BatchSliceView(_SliceView):
    """Slices of a batch of realisations that differ by their diagonal ``d`` (B, N) only."""

    def __init__(self, plan, d):
        super().__init__(plan)       # d (B, N): the whole diagonal of each realisation
        self._d = d
        self._offs = np.asarray(plan["offs"])
        self._base = self.slices
        self.slices = _Lazy(self._batch_block, self.length, None, "b")

    def _batch_block(self, n):
        o0, o1 = self._offs[n], self._offs[n + 1]
        out = np.repeat(self._base[n][None], self._d.shape[0], axis=0)
        idx = np.arange(o1 - o0)
        out[:, idx, idx] += self._d[:, o0:o1]
        return out


def from_kwant(fsys: Any, *, params: dict[str, Any] | None = None) -> System:
    """Convert a finalized Kwant system into a :class:`System` (Kwant must be installed).

    The region's Hamiltonian is ``fsys.hamiltonian_submatrix(sparse=True, params=params)``
    and the positions those of ``fsys.sites``.  Lead ``i`` is taken from
    ``fsys.leads[i]``: its cell Hamiltonian ``h0`` and ``V = inter_cell_hopping()``, the
    hopping from the interface sites of one cell (Kwant numbers them ``cell_size + k``, the
    translate towards the region of cell site ``k``) to the next cell away from the region;
    so ``h1 = [V, 0]`` (m × m) and the region's sites ``fsys.lead_interfaces[i]`` couple to
    the first lead cell through ``V``.  All sites must have the same number of orbitals.

    Raises
    ------
    ImportError
        When Kwant is not installed (it is never a dependency of rmt_meso).
    ValueError
        Sites with different or unknown numbers of orbitals.
    """
    try:
        import kwant  # noqa: F401
    except ImportError as exc:               # pragma: no cover - depends on the environment
        raise ImportError("from_kwant needs Kwant (pip install kwant); it is not a dependency of rmt_meso") from exc
    params = dict(params or {})
    h = fsys.hamiltonian_submatrix(sparse=True, params=params)
    pos = np.array([s.pos for s in fsys.sites], float)
    norbs_all = {s.family.norbs for s in fsys.sites}
    if len(norbs_all) != 1 or None in norbs_all:
        raise ValueError(f"from_kwant needs one known number of orbitals per site; got {norbs_all}")
    norbs = norbs_all.pop()
    leads = []
    for i, ld in enumerate(fsys.leads):
        h0 = np.asarray(ld.cell_hamiltonian(params=params), complex)
        v = np.asarray(ld.inter_cell_hopping(params=params), complex)
        m = h0.shape[0]
        h1 = np.zeros((m, m), complex)
        h1[:, :v.shape[1]] = v
        itf = (np.asarray(fsys.lead_interfaces[i])[:, None] * norbs + np.arange(norbs)[None, :]).ravel()
        leads.append((h0, h1, v, itf))
    return System.from_raw(h, pos, leads, norbs=norbs)
