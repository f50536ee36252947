"""Scattering matrices of conductors with any number of leads, and the observables built from them.

The scattering matrix maps incoming to outgoing current amplitudes lead by lead: the block
:math:`S_{ij}` holds the amplitudes into lead i from lead j.  For two leads

.. math::

    S = \\begin{pmatrix} r & t' \\\\ t & r' \\end{pmatrix},

with ``t`` (right ← left), ``r`` (left ← left), ``t'`` (left ← right) and ``r'``
(right ← right).  Amplitudes are those of lead modes normalised to unit probability
current (the "flux-normalised mode basis" of :mod:`rmt_meso.transport.leads`), so that
current conservation is the unitarity :math:`S^\\dagger S = 1`.  :class:`SMatrix` is the
one scattering type of the package (wires, devices, cavities, voltage probes), with an
optional batch axis, Kwant-style ``transmission(i, j)``, the Büttiker conductance matrix
and four-terminal resistances.

Everything here is plain arithmetic on such matrices or on transmission eigenvalues
:math:`T_n`: the Landauer conductance :math:`g = \\sum_n T_n`, the shot-noise Fano factor
:math:`F = \\sum_n T_n(1-T_n)/\\sum_n T_n`, and the thermal average of a conductance
curve :math:`G(E)` with :math:`-\\partial f/\\partial E`.

References
----------
R. Landauer, IBM J. Res. Dev. 1, 223 (1957); M. Büttiker, Phys. Rev. Lett. 57, 1761 (1986)
(multi-terminal formula, four-terminal resistances); IBM J. Res. Dev. 32, 317 (1988).
C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997) (transmission eigenvalues, Fano factor).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._typing import ArrayLike, FloatOrArray
from .._validate import ConvergenceError, check_array, check_bool, check_choice, check_real
from ..theory.scales import E2_H, G0

__all__ = ["SMatrix", "conductance", "fano_factor", "thermal_average", "transmission_eigenvalues",
           "G0", "CONDUCTANCE_QUANTUM_PER_SPIN", "UNITARITY_TOL", "unitarity_error", "check_unitarity",
           "transmission_tolerance", "fermi_window_quadrature", "CONDUCTANCE_UNITS", "unit_factor"]

#: Conductance quantum per spin e²/h in siemens; with G0 = 2e²/h = 7.748091729...e-5 S it is
#: defined once, in :mod:`rmt_meso.theory.scales` (scipy.constants, exact in the 2019 SI).
CONDUCTANCE_QUANTUM_PER_SPIN = E2_H

#: Units accepted by every ``unit=`` argument of a conductance (None: dimensionless g = Σ T_n).
CONDUCTANCE_UNITS = ("S", "e2/h", "2e2/h")


def unit_factor(unit: str | None, spinful: bool) -> float:
    """Multiplier from the dimensionless ``g = Σ T_n`` to conductance in ``unit``.

    ``g`` counts every channel of the model once.  A spinless model's channels are spin
    degenerate (factor 2 in e²/h), a spinful model's are not: ``"e2/h"`` multiplies by 2 or 1,
    ``"2e2/h"`` by 1 or 1/2, ``"S"`` by 2e²/h = G0 or e²/h (siemens); ``None`` by 1.

    Examples
    --------
    >>> unit_factor("2e2/h", False), unit_factor("e2/h", False), unit_factor("e2/h", True)
    (1.0, 2.0, 1.0)
    """
    if unit is None:
        return 1.0
    check_choice("unit", unit, CONDUCTANCE_UNITS)
    degeneracy = 1.0 if spinful else 2.0
    return {"S": degeneracy * CONDUCTANCE_QUANTUM_PER_SPIN, "e2/h": degeneracy,
            "2e2/h": degeneracy / 2.0}[unit]


#: The one unitarity tolerance of the package: an S-matrix produced or accepted anywhere in
#: :mod:`rmt_meso.transport` must satisfy :math:`\\max_{ab} |(S^\\dagger S - 1)_{ab}|` <=
#: ``UNITARITY_TOL`` (a sub-unitary S of an absorbing conductor: largest singular value
#: <= 1 + ``UNITARITY_TOL``).  Checked by :func:`check_unitarity`.
UNITARITY_TOL = 1e-10


def unitarity_error(s: SMatrix | ArrayLike) -> np.ndarray | float:
    """:math:`\\max_{ab} |(S^\\dagger S - 1)_{ab}|` of one S-matrix or of a stack of them.

    Parameters
    ----------
    s : array_like, shape (..., D, D)

    Returns
    -------
    float or ndarray of shape (...)
        0 for empty matrices (D = 0).
    """
    s = np.asarray(s)
    if s.ndim < 2 or s.shape[-1] != s.shape[-2]:
        raise ValueError(f"s must be square matrices of shape (..., D, D); got shape {s.shape}")
    if s.shape[-1] == 0:
        err = np.zeros(s.shape[:-2])
    else:
        dev = np.conj(np.swapaxes(s, -1, -2)) @ s - np.eye(s.shape[-1])
        err = np.max(np.abs(dev), axis=(-2, -1))
    return float(err) if np.ndim(err) == 0 else err


def check_unitarity(s: SMatrix | ArrayLike, *, tol: float = UNITARITY_TOL, subunitary: bool = False,
                    what: str = "S-matrix", error: type[Exception] | None = None) -> float:
    """The one unitarity validator of the package: return the deviation or raise.

    Parameters
    ----------
    s : array_like, shape (..., D, D)
        S-matrices (any leading batch axes).
    tol : float, default :data:`UNITARITY_TOL`
        Largest accepted :math:`\\max_{ab}|(S^\\dagger S - 1)_{ab}|` (``subunitary=False``) or
        excess of the largest singular value over 1 (``subunitary=True``).
    subunitary : bool
        Check only :math:`S^\\dagger S \\le 1` (absorbing conductors, dephasing by an
        imaginary potential): every singular value at most ``1 + tol``.
    what : str
        How the message names ``s`` (e.g. ``"s"`` for a user argument, ``"S-matrix at
        energy 0.3"`` for a computed one).
    error : exception type, default :class:`~rmt_meso.ConvergenceError`
        Raised on failure: ``ConvergenceError`` for matrices the package computed,
        ``ValueError`` for matrices a user passed in.

    Returns
    -------
    float
        The largest deviation over the stack (0 for empty matrices).

    Raises
    ------
    rmt_meso.ConvergenceError or ``error``
        When the deviation exceeds ``tol``.

    Notes
    -----
    With :math:`\\max_{ab}|(S^\\dagger S - 1)_{ab}| \\le \\epsilon` every eigenvalue of
    :math:`S^\\dagger S - 1` lies within :math:`D\\epsilon` of 0 (Gershgorin), so every
    transmission eigenvalue of such an S lies in :math:`[-D\\epsilon, 1 + D\\epsilon]`; the
    transmission checks of this module use exactly that bound, so an S that passes this
    validator is never rejected later by :func:`conductance`.

    Examples
    --------
    >>> import numpy as np
    >>> check_unitarity(np.eye(2)) == 0.0
    True
    """
    tol = check_real("tol", tol, minimum=0.0)
    subunitary = check_bool("subunitary", subunitary)
    error = ConvergenceError if error is None else error
    s = np.asarray(s)
    if s.ndim < 2 or s.shape[-1] != s.shape[-2]:
        raise ValueError(f"{what} must be square matrices of shape (..., D, D); got shape {s.shape}")
    if s.size == 0:
        return 0.0
    if subunitary:
        smax = float(np.max(np.linalg.svd(s, compute_uv=False)))
        if not smax <= 1.0 + tol:
            raise error(f"{what} must be sub-unitary: its largest singular value {smax:.12g} "
                        f"exceeds 1 + tol = 1 + {tol:.1e}")
        return max(smax - 1.0, 0.0)
    err = float(np.max(unitarity_error(s)))
    if not err <= tol:
        raise error(f"{what} is not unitary: max|S^dag S - 1| = {err:.3e} > tol = {tol:.1e}")
    return err


def transmission_tolerance(dim: int, tol: float = UNITARITY_TOL) -> float:
    """Round-off allowed on a transmission eigenvalue of a D×D S-matrix unitary to ``tol``.

    ``dim * tol`` (the Gershgorin bound of :func:`check_unitarity`'s Notes).  For bare
    transmission eigenvalues (no S-matrix) the smallest S that holds n of them, D = 2n, is
    assumed.
    """
    return np.maximum(dim, 1) * tol


def _check_transmissions(tn, tol):
    """Clip round-off of at most ``tol`` into [0, 1]; raise beyond (no silent clipping)."""
    lo, hi = float(np.min(tn, initial=0.0)), float(np.max(tn, initial=0.0))
    if lo < -tol or hi > 1.0 + tol:
        raise ConvergenceError(
            f"transmission eigenvalues leave [0, 1] by more than {tol:g} (min {lo!r}, max {hi!r}); "
            "the scattering matrix is not unitary to that accuracy")
    return np.clip(tn, 0.0, 1.0)


def _transmissions_from_t(t, tol=None):
    """Transmission eigenvalues: squared singular values of ``t`` sorted ascending.

    ``tol=None``: :func:`transmission_tolerance` of the smallest S holding ``t``.
    """
    t = np.asarray(t)
    if t.size == 0:
        return np.zeros(t.shape[:-2] + (0,))
    if tol is None:
        tol = transmission_tolerance(t.shape[-1] + t.shape[-2])
    sv = np.linalg.svd(t, compute_uv=False)
    return _check_transmissions(np.sort(sv ** 2, axis=-1), tol)


def _as_index_arrays(lead_sizes, lead_indices, dim):
    """Channel indices of every lead in S (contiguous lead by lead unless given)."""
    if lead_indices is None:
        edges = np.concatenate([[0], np.cumsum(lead_sizes)]).astype(int)
        idx = [np.arange(edges[i], edges[i + 1]) for i in range(len(lead_sizes))]
    else:
        idx = [np.asarray(ix, dtype=int).ravel() for ix in lead_indices]
        if len(idx) != len(lead_sizes):
            raise ValueError(f"lead_indices must give one index array per lead ({len(lead_sizes)}); "
                             f"got {len(idx)}")
    allidx = np.concatenate(idx) if idx else np.zeros(0, int)
    if allidx.size != dim or (dim and not np.array_equal(np.sort(allidx), np.arange(dim))):
        raise ValueError(f"the lead channels must partition the {dim} rows of S exactly; got lead "
                         f"sizes {tuple(int(len(i)) for i in idx)}")
    for ix in idx:
        ix.setflags(write=False)
    return tuple(idx)


class SMatrix:
    """Scattering matrix of a conductor with any number of leads, optionally a batch of them.

    :math:`S` maps incoming to outgoing current amplitudes, lead by lead: the block
    :math:`S_{ij}` (rows: outgoing channels of lead ``i``, columns: incoming channels of lead
    ``j``) is the transmission amplitude matrix from lead j to lead i, and :math:`S_{ii}` the
    reflection matrix of lead i.  For two leads (0 = left, 1 = right)

    .. math::  S = \\begin{pmatrix} r & t' \\\\ t & r' \\end{pmatrix},
               \\quad t = S_{10},\\ r = S_{00},\\ t' = S_{01},\\ r' = S_{11}.

    Parameters
    ----------
    matrix : array_like, shape (..., N, N)
        The scattering matrix; leading axes are a batch (energies or samples), all with the
        same channel numbers.
    lead_sizes : sequence of int
        Open channels per lead (their sum is N).  Default: one lead of N channels.
    energy : float or ndarray
        Energy (units of the model: hopping t for lattices, level spacing for cavities).
    beta : {None, 1, 2, 4}
        Dyson index of the conductor, when known.
    spinful : bool
        ``True`` when every listed channel carries its own spin (spin-orbit models): then
        ``unit="S"`` multiplies by e²/h instead of 2e²/h.
    lead_indices : sequence of int arrays, optional
        Channel indices of each lead in ``matrix`` when they are not contiguous (the
        Kramers block layout of the symplectic cavities).
    kramers_pairs : bool
        The channels come in Kramers-degenerate pairs that are counted once: transmissions
        are halved and transmission eigenvalues returned once per pair (cavity convention,
        :mod:`rmt_meso.transport.cavity`); the siemens factor is then 2e²/h.
    t, r, tp, rp, n_left, n_right
        Two-terminal construction from blocks (instead of ``matrix``): ``t`` (n_right,
        n_left), ``r`` (n_left, n_left), ``tp`` (n_left, n_right), ``rp`` (n_right, n_right).

    Notes
    -----
    Amplitudes are those of lead modes normalised to unit probability current (the
    flux-normalised basis of :class:`rmt_meso.transport.leads.Lead`), so that current
    conservation is :math:`S^\\dagger S = 1`; absorbing models (imaginary potentials) give a
    sub-unitary S, accepted here and checked by :meth:`check_unitarity` only on request.
    Where the leads are time-reversal symmetric the outgoing modes are the complex conjugates
    of the incoming ones, so a time-reversal-invariant conductor has :math:`S = S^T`.

    :meth:`transmission` follows Kwant's argument order, ``transmission(to, from)``.  The
    multi-terminal conductance matrix and four-terminal resistances follow Büttiker,
    Phys. Rev. Lett. 57, 1761 (1986); IBM J. Res. Dev. 32, 317 (1988).

    Examples
    --------
    >>> import numpy as np
    >>> s = SMatrix(t=np.array([[0.6]]), r=np.array([[0.8]]), tp=np.array([[0.6]]),
    ...             rp=np.array([[-0.8]]), energy=0.0, n_left=1, n_right=1)
    >>> bool(np.isclose(s.conductance(), 0.36)), bool(np.isclose(s.transmission(1, 0), 0.36))
    (True, True)
    >>> bool(np.allclose(s.conductance_matrix().sum(axis=1), 0))   # current conservation
    True
    """

    __slots__ = ("_matrix", "lead_sizes", "_idx", "energy", "beta", "spinful", "kramers_pairs")
    _matrix: np.ndarray
    lead_sizes: tuple[int, ...]
    _idx: tuple[np.ndarray, ...]
    energy: FloatOrArray
    beta: int | None
    spinful: bool
    kramers_pairs: bool

    def __init__(self, matrix: ArrayLike | None = None, lead_sizes: Sequence[int] | None = None, *,
                 energy: FloatOrArray = 0.0, beta: int | None = None, spinful: bool = False,
                 lead_indices: Sequence[ArrayLike] | None = None, kramers_pairs: bool = False,
                 t: ArrayLike | None = None, r: ArrayLike | None = None, tp: ArrayLike | None = None,
                 rp: ArrayLike | None = None, n_left: int | None = None, n_right: int | None = None):
        blocks = (t, r, tp, rp)
        if matrix is None:
            if any(b is None for b in blocks):
                raise TypeError("SMatrix needs either matrix (and lead_sizes) or all of t, r, tp, rp")
            t, r, tp, rp = (np.asarray(b) for b in blocks)
            nl = int(r.shape[-1]) if n_left is None else int(n_left)
            nr = int(rp.shape[-1]) if n_right is None else int(n_right)
            want = {"t": (nr, nl), "r": (nl, nl), "tp": (nl, nr), "rp": (nr, nr)}
            for name, arr in zip(("t", "r", "tp", "rp"), (t, r, tp, rp)):
                if arr.shape[-2:] != want[name] or arr.ndim < 2:
                    raise ValueError(f"SMatrix.{name} must have shape {want[name]} for n_left={nl}, "
                                     f"n_right={nr}; got {arr.shape}")
            top = np.concatenate([r, tp], axis=-1)
            bottom = np.concatenate([t, rp], axis=-1)
            matrix = np.concatenate([top, bottom], axis=-2).astype(complex)
            lead_sizes = (nl, nr)
        elif any(b is not None for b in blocks) or n_left is not None or n_right is not None:
            raise TypeError("give either matrix or the blocks t, r, tp, rp, not both")
        mat = np.array(matrix, dtype=complex)
        if mat.ndim < 2 or mat.shape[-1] != mat.shape[-2]:
            raise ValueError(f"matrix must have shape (..., N, N); got {mat.shape}")
        if lead_sizes is None:
            lead_sizes = (mat.shape[-1],)
        sizes = tuple(int(n) for n in lead_sizes)
        if any(n < 0 for n in sizes) or not sizes:
            raise ValueError(f"lead_sizes must be non-negative channel numbers; got {lead_sizes!r}")
        mat.setflags(write=False)
        set_ = object.__setattr__
        set_(self, "_matrix", mat)
        set_(self, "lead_sizes", sizes)
        set_(self, "_idx", _as_index_arrays(sizes, lead_indices, mat.shape[-1]))
        set_(self, "energy", energy if np.ndim(energy) else float(energy))
        if beta is not None and beta not in (1, 2, 4):
            raise ValueError(f"beta must be None, 1, 2 or 4; got {beta!r}")
        set_(self, "beta", beta)
        set_(self, "spinful", check_bool("spinful", spinful))
        set_(self, "kramers_pairs", check_bool("kramers_pairs", kramers_pairs))
        if self.kramers_pairs and any(n % 2 for n in sizes):
            raise ValueError(f"kramers_pairs=True needs an even channel number per lead; got {sizes}")

    def __setattr__(self, name, value):
        raise AttributeError(f"SMatrix is immutable (cannot set {name!r})")

    def __repr__(self):
        batch = f", batch={self.batch_shape}" if self.batch_shape else ""
        return f"SMatrix(lead_sizes={self.lead_sizes}{batch}, beta={self.beta})"

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self._matrix, dtype=dtype)

    # ------------------------------------------------------------------ structure
    @property
    def matrix(self) -> np.ndarray:
        """The full S, shape (..., N, N) (read-only)."""
        return self._matrix

    @property
    def s(self) -> np.ndarray:
        """Alias of :attr:`matrix` (the attribute name of the former ``CavityScattering``)."""
        return self._matrix

    @property
    def n_leads(self) -> int:
        return len(self.lead_sizes)

    @property
    def batch_shape(self) -> tuple:
        """Leading batch axes of :attr:`matrix` (``()`` for one S)."""
        return self._matrix.shape[:-2]

    @property
    def size(self) -> int:
        """Number of matrices in the batch (1 without a batch axis)."""
        return int(np.prod(self.batch_shape, dtype=int))

    def __bool__(self):
        return True

    def __len__(self):
        if not self.batch_shape:
            raise TypeError("len() of an SMatrix without a batch axis")
        return self.batch_shape[0]

    def __getitem__(self, k) -> "SMatrix":
        """Element(s) of the batch as an SMatrix (same leads and conventions)."""
        if not self.batch_shape:
            raise TypeError("this SMatrix has no batch axis to index")
        mat = self._matrix[k]
        if mat.ndim < 2 or mat.shape[-2:] != self._matrix.shape[-2:]:
            raise IndexError("SMatrix indexing selects along the batch axes only")
        e = self.energy
        if np.ndim(e) and np.shape(e) == self.batch_shape:
            e = np.asarray(e)[k]
        return SMatrix(mat, self.lead_sizes, energy=e, beta=self.beta, spinful=self.spinful,
                       lead_indices=self._idx, kramers_pairs=self.kramers_pairs)

    def _lead(self, name, i):
        n = self.n_leads
        if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)) or not -n <= i < n:
            raise ValueError(f"{name} must be a lead index in [0, {n - 1}]; got {i!r}")
        return int(i) % n

    def block(self, i: int, j: int) -> np.ndarray:
        """:math:`S_{ij}`: amplitudes into lead ``i`` from lead ``j``, shape (..., N_i, N_j)."""
        i, j = self._lead("i", i), self._lead("j", j)
        return self._matrix[..., self._idx[i][:, None], self._idx[j][None, :]]

    def _two(self, what):
        if self.n_leads != 2:
            raise ValueError(f"SMatrix.{what} is defined for two leads; this S has {self.n_leads} "
                             f"(use block(i, j))")

    @property
    def t(self) -> np.ndarray:
        """Transmission block right ← left, :math:`S_{10}` (two leads)."""
        self._two("t")
        return self.block(1, 0)

    @property
    def r(self) -> np.ndarray:
        """Reflection block of the left lead, :math:`S_{00}` (two leads)."""
        self._two("r")
        return self.block(0, 0)

    @property
    def tp(self) -> np.ndarray:
        """Transmission block left ← right, :math:`S_{01}` (two leads)."""
        self._two("tp")
        return self.block(0, 1)

    @property
    def rp(self) -> np.ndarray:
        """Reflection block of the right lead, :math:`S_{11}` (two leads)."""
        self._two("rp")
        return self.block(1, 1)

    @property
    def n_left(self) -> int:
        self._two("n_left")
        return self.lead_sizes[0]

    @property
    def n_right(self) -> int:
        self._two("n_right")
        return self.lead_sizes[1]

    # ------------------------------------------------------------------ observables
    def n_channels(self, i: int) -> float:
        """Open channels of lead ``i`` (Kramers pairs once where ``kramers_pairs``)."""
        n = self.lead_sizes[self._lead("i", i)]
        return n // 2 if self.kramers_pairs else n

    def transmission(self, i: int, j: int) -> FloatOrArray:
        """Total transmission :math:`T_{ij} = \\sum |S_{ab}|^2` into lead ``i`` from lead ``j``.

        Kwant's order (``to``, ``from``); ``i == j`` gives the total reflection
        :math:`R_{ii}`.  Float, or an array over the batch axes.
        """
        p = np.sum(np.abs(self.block(i, j)) ** 2, axis=(-2, -1))
        if self.kramers_pairs:
            p = 0.5 * p
        return float(p) if np.ndim(p) == 0 else p

    def _t_tol(self, tol):
        return transmission_tolerance(self._matrix.shape[-1]) if tol is None else \
            check_real("tol", tol, minimum=0.0)

    def transmission_eigenvalues(self, i: int | None = None, j: int | None = None, *,
                                 tol: float | None = None) -> np.ndarray:
        """Eigenvalues :math:`T_n` of :math:`S_{ij}^\\dagger S_{ij}` (into lead i from lead j).

        Defaults to ``(1, 0)`` (right ← left) for two leads.  Returns ``min(N_i, N_j)``
        values (once per Kramers pair where ``kramers_pairs``) sorted ascending, with the
        batch axes first.  Round-off up to ``tol`` outside [0, 1] is clipped; more raises
        :class:`~rmt_meso.ConvergenceError`.  The default ``tol`` is
        :func:`transmission_tolerance` of the size of S, the bound implied by
        :data:`UNITARITY_TOL`.
        """
        if i is None and j is None:
            self._two("transmission_eigenvalues() without leads")
            i, j = 1, 0
        elif i is None or j is None:
            raise TypeError("give both leads i (to) and j (from), or neither")
        tn = _transmissions_from_t(self.block(i, j), self._t_tol(tol))
        if self.kramers_pairs:
            tn = 0.5 * (tn[..., 0::2] + tn[..., 1::2])
        return tn

    def reflection_eigenvalues(self, i: int = 0, *, tol: float | None = None) -> np.ndarray:
        """Eigenvalues :math:`R_n` of :math:`S_{ii}^\\dagger S_{ii}` (default the left lead)."""
        return self.transmission_eigenvalues(i, i, tol=tol)

    def _unit_factor(self, unit):
        return unit_factor(unit, self.spinful)

    def conductance(self, unit: str | None = None) -> FloatOrArray:
        """Two-terminal Landauer conductance :math:`g = \\sum_n T_n = \\mathrm{Tr}\\, t^\\dagger t`.

        Parameters
        ----------
        unit : None, "S", "e2/h" or "2e2/h"
            ``None``: dimensionless g (sum over every listed channel).  ``"S"``: in
            siemens, ``g`` times :math:`2e^2/h` for spinless (spin-degenerate) models and
            times :math:`e^2/h` for spinful ones; ``"e2/h"``, ``"2e2/h"``: in those units
            (:func:`unit_factor`).
        """
        return conductance(self, unit=unit)

    def conductance_matrix(self, unit: str | None = None) -> np.ndarray:
        """Büttiker's conductance matrix :math:`G_{ij}` with :math:`I_i = \\sum_j G_{ij} V_j`.

        :math:`G_{ij} = -T_{ij}` for :math:`i \\ne j` and :math:`G_{ii} = N_i - R_{ii}`
        (dimensionless, units of e²/h per listed channel, or siemens with ``unit="S"``);
        ``I_i`` is the current flowing from lead i into the conductor.  Unitarity makes
        every row and column sum vanish (current conservation, gauge invariance).
        Shape (..., n_leads, n_leads).
        """
        n = self.n_leads
        g = np.zeros(self.batch_shape + (n, n))
        for i in range(n):
            for j in range(n):
                g[..., i, j] = -self.transmission(i, j) if i != j else 0.0
            g[..., i, i] = self.n_channels(i) - self.transmission(i, i)
        if unit is not None:
            g = g * self._unit_factor(unit)
        return g

    def resistance(self, i: int, j: int, k: int, l: int, unit: str | None = None) -> FloatOrArray:
        """Four-terminal resistance :math:`R_{ij,kl} = (V_k - V_l)/I` (Büttiker 1986).

        A current I enters through lead ``i`` and leaves through lead ``j``; every other
        lead is a voltage probe (no net current).  Dimensionless in units of h/e² per
        listed channel (the inverse of :meth:`conductance_matrix`'s unit), or ohms with
        ``unit="S"`` (meaning the conductance unit is siemens).  Hall resistance of a Hall
        bar: current 0 → 3, voltage between probes on opposite edges.

        Raises
        ------
        ValueError
            Bad lead indices, ``i == j``, or a singular reduced conductance matrix (a lead
            decoupled from the others).
        """
        i, j = self._lead("i", i), self._lead("j", j)
        k, l = self._lead("k", k), self._lead("l", l)
        if i == j:
            raise ValueError(f"current leads must differ; got i = j = {i}")
        g = self.conductance_matrix(unit)
        n = self.n_leads
        keep = [a for a in range(n) if a != j]          # lead j is grounded: V_j = 0
        gr = g[..., keep, :][..., :, keep]
        cur = np.zeros(self.batch_shape + (n - 1,))
        cur[..., keep.index(i)] = 1.0
        try:
            v = np.linalg.solve(gr, cur[..., None])[..., 0]
        except np.linalg.LinAlgError:
            raise ValueError("the reduced conductance matrix is singular (a lead is decoupled); "
                             "no resistance") from None
        vfull = np.zeros(self.batch_shape + (n,))
        vfull[..., keep] = v
        out = vfull[..., k] - vfull[..., l]
        return float(out) if np.ndim(out) == 0 else out

    def fano(self) -> FloatOrArray:
        """Shot-noise Fano factor :math:`\\sum T_n(1-T_n) / \\sum T_n` (two leads)."""
        return fano_factor(self)

    def unitarity_error(self) -> FloatOrArray:
        """:math:`\\max |S^\\dagger S - 1|`, a float or an array over the batch axes (see :func:`unitarity_error`)."""
        return unitarity_error(self._matrix)

    def check_unitarity(self, tol: float = UNITARITY_TOL) -> SMatrix:
        """Return ``self`` if :math:`\\max|S^\\dagger S - 1| \\le` ``tol`` everywhere; raise otherwise.

        Uses the package's one validator, :func:`check_unitarity`.

        Raises
        ------
        rmt_meso.ConvergenceError
            When the deviation exceeds ``tol``.
        """
        check_unitarity(self._matrix, tol=tol, what=f"S-matrix at energy {self.energy!r}")
        return self


def transmission_eigenvalues(s: SMatrix | ArrayLike) -> np.ndarray:
    """Transmission eigenvalues of an :class:`SMatrix` or of a transmission block ``t``.

    ``t`` may carry leading batch axes (..., n_out, n_in); the result has shape
    (..., min(n_out, n_in)), sorted ascending along the last axis.
    """
    if isinstance(s, SMatrix):
        return s.transmission_eigenvalues()
    t = check_array("t", s, ndim=tuple(range(2, 8)), dtype=complex)
    return _transmissions_from_t(t)


def _as_transmissions(tn, name="transmissions"):
    if isinstance(tn, SMatrix):
        return tn.transmission_eigenvalues(), tn.spinful
    arr = check_array(name, tn, ndim=tuple(range(1, 8)), dtype=float)
    return _check_transmissions(arr, transmission_tolerance(2 * arr.shape[-1])), None


def conductance(transmissions: SMatrix | ArrayLike, *, unit: str | None = None,
                spinful: bool | None = None) -> FloatOrArray:
    """Landauer conductance :math:`g = \\sum_n T_n` (dimensionless) or in siemens.

    Parameters
    ----------
    transmissions : SMatrix or array_like
        An :class:`SMatrix`, or transmission eigenvalues with the channel index on the last
        axis (leading axes are kept: shape (..., n) gives shape (...)).  Values must lie in
        [0, 1] up to the round-off :func:`transmission_tolerance` allows.
    unit : None, "S", "e2/h" or "2e2/h"
        ``None``: dimensionless ``g``; ``"S"`` multiplies by the conductance quantum
        :math:`G_0 = 2e^2/h` (spinless models, each channel spin degenerate) or :math:`e^2/h`
        (spinful models); ``"e2/h"`` and ``"2e2/h"`` give the same conductance in those units
        (see :func:`unit_factor`).
    spinful : bool, optional
        Spin convention for arrays (default ``False``); an :class:`SMatrix` carries its own
        (``spinful`` must then be left out or agree).

    Returns
    -------
    float or ndarray

    Raises
    ------
    ValueError
        For transmissions outside [0, 1] (beyond round-off) or an unknown unit.

    Notes
    -----
    :math:`G_0 = 2e^2/h = 7.748091729\\ldots\\times 10^{-5}` S from :mod:`scipy.constants`.

    References
    ----------
    M. Büttiker, Y. Imry, R. Landauer, S. Pinhas, Phys. Rev. B 31, 6207 (1985).

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.isclose(conductance([1.0, 1.0], unit="S"), 2 * 7.748091729e-5))
    True
    """
    if unit is not None:
        check_choice("unit", unit, CONDUCTANCE_UNITS)
    try:
        tn, own = _as_transmissions(transmissions)
    except ConvergenceError as exc:
        raise ValueError(f"transmissions must lie in [0, 1]: {exc}") from None
    if spinful is not None:
        spinful = check_bool("spinful", spinful)
        if own is not None and own != spinful:
            raise ValueError(f"spinful={spinful} contradicts the S-matrix's own spinful={own}")
    spin = bool(own if own is not None else (spinful or False))
    g = np.sum(tn, axis=-1)
    if unit is not None:
        g = g * unit_factor(unit, spin)
    return float(g) if np.ndim(g) == 0 else g


def fano_factor(transmissions: SMatrix | ArrayLike) -> FloatOrArray:
    """Shot-noise Fano factor :math:`F = \\sum_n T_n(1-T_n) / \\sum_n T_n`.

    Parameters
    ----------
    transmissions : SMatrix or array_like
        As for :func:`conductance` (channel index last).

    Returns
    -------
    float or ndarray
        F in [0, 1]: 0 for ballistic or tunnel-free open channels, 1 for a tunnel barrier,
        1/3 for a diffusive wire.

    Raises
    ------
    ValueError
        When :math:`\\sum T_n = 0` (no current, F undefined).

    References
    ----------
    C. W. J. Beenakker and M. Büttiker, Phys. Rev. B 46, 1889 (1992).

    Examples
    --------
    >>> bool(np.isclose(fano_factor([0.5, 0.5]), 0.5))
    True
    """
    try:
        tn, _ = _as_transmissions(transmissions)
    except ConvergenceError as exc:
        raise ValueError(f"transmissions must lie in [0, 1]: {exc}") from None
    g = np.sum(tn, axis=-1)
    if np.any(g == 0):
        raise ValueError("fano_factor is undefined where sum(T_n) = 0 (no transmitted current)")
    f = np.sum(tn * (1.0 - tn), axis=-1) / g
    return float(f) if np.ndim(f) == 0 else f


def thermal_average(energies: ArrayLike, values: ArrayLike, temperature: float, mu: float) -> FloatOrArray:
    """Average a quantity over energy with the Fermi window :math:`-\\partial f/\\partial E`.

    .. math::

        \\langle G \\rangle_T = \\int dE\\, G(E) \\left(-\\frac{\\partial f}{\\partial E}\\right),
        \\qquad -\\frac{\\partial f}{\\partial E} = \\frac{1}{4 k_B T \\cosh^2[(E-\\mu)/2k_B T]}.

    Parameters
    ----------
    energies : array_like, shape (K,)
        Strictly increasing energy grid (same units as ``temperature`` and ``mu``; for the
        lattice models of this package, units of the hopping t).
    values : array_like, shape (K, ...)
        The quantity on the grid, energy on axis 0 (e.g. G(E) of several samples).
    temperature : float
        :math:`k_B T` >= 0 in energy units.  ``0`` returns the linear interpolation at ``mu``.
    mu : float
        Chemical potential.

    Returns
    -------
    float or ndarray of shape values.shape[1:]

    Raises
    ------
    ValueError
        If the grid is not increasing, does not cover :math:`[\\mu - 10 k_BT, \\mu + 10 k_BT]`
        (the weight left outside is below :math:`2e^{-10} \\approx 10^{-4}`), or is coarser than
        :math:`k_B T/2` anywhere inside that window.

    Notes
    -----
    Trapezoidal rule on the given grid; the weights are normalised to sum to one on the
    grid, so a constant is averaged exactly and the truncated tails (< 1e-4) are spread
    over the window.  G(E) must itself be resolved by the grid: for a disordered sample its
    correlation energy is the Thouless energy, so choose a spacing below both
    :math:`k_BT/2` and :math:`E_\\mathrm{Th}`.

    References
    ----------
    Y. Imry, *Introduction to Mesoscopic Physics* (OUP, 2002), ch. 5; P. A. Lee, A. D. Stone and
    H. Fukuyama, Phys. Rev. B 35, 1039 (1987) (UCF at finite temperature).

    Examples
    --------
    >>> e = np.linspace(-1, 1, 401)
    >>> bool(np.isclose(thermal_average(e, np.ones_like(e), 0.05, 0.0), 1.0))
    True
    """
    e = check_array("energies", energies, ndim=1, dtype=float, min_size=2)
    v = np.asarray(values)
    v = check_array("values", v, dtype=complex if np.iscomplexobj(v) else float)
    if v.ndim == 0 or v.shape[0] != e.size:
        raise ValueError(f"values must have the energy axis first with length {e.size}; got shape {v.shape}")
    kt = check_real("temperature", temperature, minimum=0.0)
    mu = check_real("mu", mu)
    de = np.diff(e)
    if np.any(de <= 0):
        raise ValueError("energies must be strictly increasing")
    if kt == 0.0:
        if not e[0] <= mu <= e[-1]:
            raise ValueError(f"mu={mu} lies outside the energy grid [{e[0]}, {e[-1]}]")
        i = int(np.clip(np.searchsorted(e, mu) - 1, 0, e.size - 2))
        w = (mu - e[i]) / (e[i + 1] - e[i])
        return (1 - w) * v[i] + w * v[i + 1]
    lo, hi = mu - 10.0 * kt, mu + 10.0 * kt
    if e[0] > lo or e[-1] < hi:
        raise ValueError(f"energies must cover [mu - 10 kT, mu + 10 kT] = [{lo:.6g}, {hi:.6g}]; "
                         f"got [{e[0]:.6g}, {e[-1]:.6g}]")
    inside = (e[1:] > lo) & (e[:-1] < hi)
    if np.any(de[inside] > 0.5 * kt * (1 + 1e-9)):
        raise ValueError(f"energy grid too coarse: spacing {de[inside].max():.3g} > kT/2 = {kt / 2:.3g} "
                         "inside the Fermi window")
    x = (e - mu) / (2.0 * kt)
    w = 1.0 / (4.0 * kt * np.cosh(np.clip(x, -350, 350)) ** 2)
    # trapezoid weights on a non-uniform grid
    trap = np.zeros_like(e)
    trap[:-1] += de / 2
    trap[1:] += de / 2
    weight = w * trap
    weight /= weight.sum()
    out = np.tensordot(weight, v, axes=(0, 0))
    return float(out) if np.ndim(out) == 0 and not np.iscomplexobj(out) else out


#: Half-width of the quadrature panels of :func:`fermi_window_quadrature` in units of k_BT.
#: The Fermi window 1/(4 cosh²(x/2)) is analytic in the strip |Im x| < π, so 8-point
#: Gauss–Legendre on a panel of half-width h converges like ρ^-16 with
#: ρ = π/h + sqrt(π²/h² + 1); measured on a step at 0.5 k_BT from μ: error 1e-10 for
#: h = 1 (1e-7 for h = 2).
_PANEL_HALF_WIDTH = 1.0
_GL_NODES = 8


def fermi_window_quadrature(mu: float, temperature: float, *, thresholds: ArrayLike = (), clearance: float = 0.0,
                            tail: float = 1e-10) -> tuple[np.ndarray, np.ndarray, float]:
    """Nodes and weights for :math:`\\int dE\\, G(E)(-\\partial f/\\partial E)` of a G with thresholds.

    The window :math:`\\mu \\pm X k_BT`, :math:`X = \\ln(2/\\mathrm{tail})`, is cut at every
    threshold inside it (energies where a lead channel opens or closes, where G(E) may jump
    or have a square-root cusp) and into panels of width at most :math:`2 k_BT`; each panel
    gets 8 Gauss–Legendre nodes.  A panel that ends at a threshold is mapped by
    :math:`E = a + (b - a)t^2` (t from the threshold), which turns a
    :math:`\\sqrt{|E - E_n|}` cusp into a smooth function of t.  No node lies on a threshold.

    Parameters
    ----------
    mu : float
        Chemical potential.
    temperature : float
        :math:`k_BT > 0` (same unit).
    thresholds : array_like
        Threshold energies (e.g. :meth:`rmt_meso.transport.Lead.thresholds`).
    clearance : float
        Keep every node at least this far from a threshold: the interval
        :math:`|E - E_n| <` ``clearance`` gets no node of its own, and its weight is given to
        the node next to it on the same side (G is taken constant there).
    tail : float
        Weight of the Fermi window left outside :math:`\\mu \\pm X k_BT` (spread over the
        nodes so that the weights sum to one).

    Returns
    -------
    energies, weights : ndarray
        Increasing nodes and positive weights with ``weights.sum() == 1`` (to round-off), so
        the rule averages: its result lies between the smallest and largest G at the nodes.
    excised : float
        Total Fermi-window weight of the cleared intervals; the error the clearance adds is
        at most ``excised`` times the variation of G over them.

    Notes
    -----
    Accuracy for a G that is smooth between thresholds: ~1e-9 of max|G| from the Fermi
    window (see ``_PANEL_HALF_WIDTH``: 1e-10 for a unit step next to μ) plus ``tail``; a
    square-root cusp at a threshold is integrated to ~1e-8 after the :math:`t^2` map.
    About 200 nodes for the default ``tail`` (8 per 2 k_BT over 47 k_BT), more with thresholds.

    Examples
    --------
    >>> e, w, _ = fermi_window_quadrature(0.0, 0.1, thresholds=[0.05])
    >>> step = (e > 0.05).astype(float)               # a channel opening at 0.05
    >>> exact = 1 / (1 + np.exp(0.05 / 0.1))          # 1 - f(0.05)
    >>> bool(abs(w @ step - exact) < 1e-9)
    True
    """
    from ..theory._fredholm import gauss_legendre
    kt = check_real("temperature", temperature, minimum=0.0, min_inclusive=False)
    mu = check_real("mu", mu)
    clearance = check_real("clearance", clearance, minimum=0.0)
    tail = check_real("tail", tail, minimum=1e-300, maximum=0.5)
    th = np.unique(check_array("thresholds", np.asarray(thresholds, dtype=float), ndim=1))
    half = np.log(2.0 / tail) * kt
    lo, hi = mu - half, mu + half
    inner = th[(th > lo) & (th < hi)]
    cuts = np.concatenate([[lo], inner, [hi]])
    is_th = np.concatenate([[False], np.ones(inner.size, bool), [False]])
    tg, wg = gauss_legendre(_GL_NODES, 0.0, 1.0)
    nodes, weights, excised = [], [], 0.0
    hmax = 2.0 * _PANEL_HALF_WIDTH * kt

    def window_mass(a, b):     # ∫_a^b -f'(E) dE = f(a) - f(b), stable
        return 0.5 * (np.tanh((b - mu) / (2 * kt)) - np.tanh((a - mu) / (2 * kt)))

    def fw(e):
        x = np.abs(e - mu) / kt
        ex = np.exp(-x)
        return ex / (1.0 + ex) ** 2 / kt

    for j in range(cuts.size - 1):
        a, b = cuts[j], cuts[j + 1]
        left, right = is_th[j], is_th[j + 1]
        a2 = a + clearance if left else a
        b2 = b - clearance if right else b
        if a2 >= b2:               # the whole interval is cleared: weight to the neighbours
            excised += window_mass(a, b)
            nodes.append(np.array([0.5 * (a + b)]))
            weights.append(np.array([window_mass(a, b)]))
            continue
        k = max(1, int(np.ceil((b - a) / hmax - 1e-9)))
        if left and right and k == 1:
            k = 2
        # panels of the uncleared interval; a clearance moves only the end panels' outer
        # edges, so the other nodes do not depend on it (callers may cache G at them)
        edges = np.linspace(a, b, k + 1)
        edges[0], edges[-1] = a2, b2
        if np.any(np.diff(edges) <= 0):
            edges = np.linspace(a2, b2, k + 1)
        seg_nodes, seg_w = [], []
        for p in range(k):
            pa, pb = edges[p], edges[p + 1]
            if p == 0 and left:                      # t from the threshold side
                e = pa + (pb - pa) * tg ** 2
                jac = 2 * (pb - pa) * tg
            elif p == k - 1 and right:
                e = pb - (pb - pa) * tg ** 2
                jac = 2 * (pb - pa) * tg
            else:
                e = pa + (pb - pa) * tg
                jac = np.full_like(tg, pb - pa)
            seg_nodes.append(e)
            seg_w.append(wg * jac * fw(e))
        e = np.concatenate(seg_nodes)
        w = np.concatenate(seg_w)
        order = np.argsort(e)
        e, w = e[order], w[order]
        if left and a2 > a:
            m = window_mass(a, a2)
            excised += m
            w[0] += m
        if right and b2 < b:
            m = window_mass(b2, b)
            excised += m
            w[-1] += m
        nodes.append(e)
        weights.append(w)
    e = np.concatenate(nodes)
    w = np.concatenate(weights)
    w = w / w.sum()
    return e, w, float(excised)
