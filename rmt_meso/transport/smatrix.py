"""Scattering matrices of two-terminal conductors and the observables built from them.

The scattering matrix of a two-terminal conductor maps incoming to outgoing current
amplitudes,

.. math::

    S = \\begin{pmatrix} r & t' \\\\ t & r' \\end{pmatrix},

with ``t`` (right ← left), ``r`` (left ← left), ``t'`` (left ← right) and ``r'``
(right ← right).  Amplitudes are those of lead modes normalised to unit probability
current (the "flux-normalised mode basis" of :mod:`rmt_meso.transport.leads`), so that
current conservation is the unitarity :math:`S^\\dagger S = 1`.

Everything here is plain arithmetic on such matrices or on transmission eigenvalues
:math:`T_n`: the Landauer conductance :math:`g = \\sum_n T_n`, the shot-noise Fano factor
:math:`F = \\sum_n T_n(1-T_n)/\\sum_n T_n`, and the thermal average of a conductance
curve :math:`G(E)` with :math:`-\\partial f/\\partial E`.

References
----------
R. Landauer, IBM J. Res. Dev. 1, 223 (1957); M. Büttiker, Phys. Rev. Lett. 57, 1761 (1986).
C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997) (transmission eigenvalues, Fano factor).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import ConvergenceError, check_array, check_bool, check_choice, check_real
from ..theory.scales import E2_H, G0

__all__ = ["SMatrix", "conductance", "fano_factor", "thermal_average", "transmission_eigenvalues",
           "G0", "CONDUCTANCE_QUANTUM_PER_SPIN", "UNITARITY_TOL", "unitarity_error", "check_unitarity",
           "transmission_tolerance"]

#: Conductance quantum per spin e²/h in siemens; with G0 = 2e²/h = 7.748091729...e-5 S it is
#: defined once, in :mod:`rmt_meso.theory.scales` (scipy.constants, exact in the 2019 SI).
CONDUCTANCE_QUANTUM_PER_SPIN = E2_H

#: The one unitarity tolerance of the package: an S-matrix produced or accepted anywhere in
#: :mod:`rmt_meso.transport` must satisfy :math:`\\max_{ab} |(S^\\dagger S - 1)_{ab}|` <=
#: ``UNITARITY_TOL`` (a sub-unitary S of an absorbing conductor: largest singular value
#: <= 1 + ``UNITARITY_TOL``).  Checked by :func:`check_unitarity`.
UNITARITY_TOL = 1e-10


def unitarity_error(s) -> np.ndarray | float:
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


def check_unitarity(s, *, tol: float = UNITARITY_TOL, subunitary: bool = False,
                    what: str = "S-matrix", error: type = None) -> float:
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


@dataclass(frozen=True)
class SMatrix:
    """Scattering matrix of a two-terminal conductor at one energy.

    Attributes
    ----------
    t, r, tp, rp : ndarray of complex
        Blocks of :math:`S = [[r, t'], [t, r']]`: ``t`` has shape (n_right, n_left),
        ``r`` (n_left, n_left), ``tp`` (n_left, n_right), ``rp`` (n_right, n_right).
        Columns are incoming, rows outgoing modes, in the flux-normalised mode basis of
        :class:`rmt_meso.transport.leads.Lead` (modes sorted by longitudinal momentum).
        Where the leads are time-reversal symmetric (real ``h0``, ``h1``) the outgoing modes
        are the complex conjugates of the incoming ones, so that a time-reversal-invariant
        conductor has :math:`S = S^T` (reciprocity).
    energy : float
        Energy in units of the hopping ``t`` of the model.
    n_left, n_right : int
        Open channels in the left and right lead.  Zero open channels give empty blocks and
        ``g = 0`` (an explicit zero-channel result, never an error).
    beta : int or None
        Dyson index of the conductor, when known (1, 2 or 4).
    spinful : bool
        ``True`` when every channel carries a spin index of its own (spin-orbit models);
        ``False`` for spinless models whose channels are spin degenerate.  Only ``unit="S"``
        of :meth:`conductance` uses it.

    Examples
    --------
    >>> import numpy as np
    >>> s = SMatrix(t=np.array([[0.6]]), r=np.array([[0.8]]), tp=np.array([[0.6]]),
    ...             rp=np.array([[-0.8]]), energy=0.0, n_left=1, n_right=1)
    >>> bool(np.isclose(s.conductance(), 0.36))
    True
    """

    t: np.ndarray
    r: np.ndarray
    tp: np.ndarray
    rp: np.ndarray
    energy: float
    n_left: int
    n_right: int
    beta: int | None = None
    spinful: bool = False

    def __post_init__(self):
        nl, nr = self.n_left, self.n_right
        want = {"t": (nr, nl), "r": (nl, nl), "tp": (nl, nr), "rp": (nr, nr)}
        for name, shape in want.items():
            if np.shape(getattr(self, name)) != shape:
                raise ValueError(f"SMatrix.{name} must have shape {shape} for n_left={nl}, "
                                 f"n_right={nr}; got {np.shape(getattr(self, name))}")

    @property
    def matrix(self) -> np.ndarray:
        """The full unitary :math:`S = [[r, t'], [t, r']]`, shape (n_left+n_right,)*2."""
        return np.block([[self.r, self.tp], [self.t, self.rp]]) if self.n_left + self.n_right else \
            np.zeros((0, 0), complex)

    def _t_tol(self, tol):
        return transmission_tolerance(self.n_left + self.n_right) if tol is None else \
            check_real("tol", tol, minimum=0.0)

    def transmission_eigenvalues(self, *, tol: float | None = None) -> np.ndarray:
        """Eigenvalues :math:`T_n` of :math:`t^\\dagger t` (squared singular values of t).

        Returns ``min(n_left, n_right)`` values sorted ascending, each in [0, 1].  Round-off
        up to ``tol`` outside [0, 1] is clipped; more raises
        :class:`~rmt_meso.ConvergenceError`.  The default ``tol`` is
        :func:`transmission_tolerance` ``(n_left + n_right)``, the bound implied by
        :data:`UNITARITY_TOL`.
        """
        return _transmissions_from_t(self.t, self._t_tol(tol))

    def reflection_eigenvalues(self, *, tol: float | None = None) -> np.ndarray:
        """Eigenvalues :math:`R_n` of :math:`r^\\dagger r` (left lead), sorted ascending."""
        return _transmissions_from_t(self.r, self._t_tol(tol))

    def conductance(self, unit: str | None = None) -> float:
        """Landauer conductance :math:`g = \\sum_n T_n = \\mathrm{Tr}\\, t^\\dagger t`.

        Parameters
        ----------
        unit : None or "S"
            ``None``: dimensionless g (sum over every channel of the model).  ``"S"``: in
            siemens, ``g`` times :math:`2e^2/h` for spinless (spin-degenerate) models and
            times :math:`e^2/h` for spinful ones.
        """
        return conductance(self, unit=unit)

    def fano(self) -> float:
        """Shot-noise Fano factor :math:`\\sum T_n(1-T_n) / \\sum T_n`."""
        return fano_factor(self)

    def unitarity_error(self) -> float:
        """:math:`\\max |S^\\dagger S - 1|` (0 for an empty S), see :func:`unitarity_error`."""
        return unitarity_error(self.matrix)

    def check_unitarity(self, tol: float = UNITARITY_TOL) -> "SMatrix":
        """Return ``self`` if :math:`\\max|S^\\dagger S - 1| \\le` ``tol``; raise otherwise.

        Raises
        ------
        rmt_meso.ConvergenceError
            When the deviation exceeds ``tol``.
        """
        check_unitarity(self.matrix, tol=tol, what=f"S-matrix at energy {self.energy!r}")
        return self


def transmission_eigenvalues(s) -> np.ndarray:
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


def conductance(transmissions, *, unit: str | None = None, spinful: bool | None = None):
    """Landauer conductance :math:`g = \\sum_n T_n` (dimensionless) or in siemens.

    Parameters
    ----------
    transmissions : SMatrix or array_like
        An :class:`SMatrix`, or transmission eigenvalues with the channel index on the last
        axis (leading axes are kept: shape (..., n) gives shape (...)).  Values must lie in
        [0, 1] up to the round-off :func:`transmission_tolerance` allows.
    unit : None or "S"
        ``"S"`` multiplies by the conductance quantum: :math:`G_0 = 2e^2/h` (spinless models,
        each channel spin degenerate) or :math:`e^2/h` (spinful models).
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
        check_choice("unit", unit, ("S",))
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
    if unit == "S":
        g = g * (CONDUCTANCE_QUANTUM_PER_SPIN if spin else G0)
    return float(g) if np.ndim(g) == 0 else g


def fano_factor(transmissions):
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


def thermal_average(energies, values, temperature, mu):
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
