"""Disordered wires between clean leads: the two-terminal conductor of mesoscopic physics.

A :class:`Wire` is the Anderson model (:class:`rmt_meso.ensembles.Anderson`) on a 2D strip of
``width`` sites (or a 3D bar of ``width × width`` sites) and ``length`` slices along x,
attached at both ends to semi-infinite clean leads of the same cross-section, hopping, flux
and spin-orbit coupling (so the leads are gauge consistent with the region).

A Wire is a thin :class:`~rmt_meso.transport.Device`: the square (cubic) lattice strip (bar)
``x = 0 .. length-1`` with leads −x and +x, built once per geometry (width, length, dim,
flux, spin_orbit, t; an LRU cache of 32) and given the wire's on-site energies.  Every
scattering computation (S-matrices, sampling, energy sweeps) runs on that device's solver
(:mod:`rmt_meso.transport.device` → :mod:`rmt_meso.transport.rgf`); the Wire adds the
Anderson-model parametrisation, its random streams and the threshold-aware thermal average.

Conventions
-----------
* Energies in units of the hopping ``t``; the clean 2D lattice band is ``[-4t, 4t]`` (Kwant's
  examples shift it to ``[0, 8t]`` with an on-site ``4t``: subtract 4t to compare).
* Transverse slices are the Anderson model's x-slices (site order C over (x, y[, z]), spin
  fastest).  Magnetic flux φ per plaquette in units of h/e, Landau gauge
  ``H[(x+1,y),(x,y)] = -t exp(2πiφy)``: the leads carry the same phases, so the field extends
  into them uniformly.
* ``g = Σ T_n`` counts every channel of the model (for spin-orbit wires both Kramers
  partners); ``unit="S"`` multiplies by 2e²/h (spinless, spin degenerate) or e²/h (spinful).
* An energy outside every lead band gives an explicit zero-channel :class:`SMatrix`
  (``g = 0``).

References
----------
C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997); T. Ando, Phys. Rev. B 44, 8017 (1991).
"""

from __future__ import annotations

import copy
import functools
import numbers
from contextlib import contextmanager
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from .._blas import blas_limited_by
from .._deprecation import warn_deprecated
from .._random import as_generator, drop_sample_axis, keyword_rng
from .._typing import ArrayLike, FloatOrArray, RngLike, SizeLike
from .._validate import ConvergenceError, check_array, check_choice, check_int, check_real, check_size
from ..ensembles.anderson import Anderson, reduce_flux
from .leads import Lead, shared_lead
from .rgf import choose_algorithm
from .smatrix import CONDUCTANCE_UNITS, UNITARITY_TOL, fermi_window_quadrature, thermal_average, transmission_tolerance

if TYPE_CHECKING:    # device imports wire's helpers at run time: imported where used
    from .device import Device
    from .smatrix import SMatrix

#: Largest error a thermal average may take from intervals next to a threshold where the
#: S-matrix cannot be computed (cleared Fermi-window weight × spread of g over the window).
_THERMAL_CLEARANCE_ERROR = 1e-6

__all__ = ["Wire"]


@functools.lru_cache(maxsize=32)
def _shared_lead(width, dim, flux, spin_orbit, t):
    """The clean lead of a wire, shared by every Wire with the same cross-section.

    h0 and h1 are read off the Anderson model of two clean slices (one lattice definition);
    :func:`~rmt_meso.transport.leads.shared_lead` makes it the very object that the wire's
    device attaches on its +x end (the same matrices), so the Lead's per-energy cache serves
    every realisation and every length built in this process.
    """
    cross = (width,) * (dim - 1)
    two = Anderson((2,) + cross, 0.0, flux=flux, spin_orbit=spin_orbit, boundary="open", t=t)
    h = two.hamiltonian(onsite=np.zeros((2,) + cross)).toarray()
    m = h.shape[0] // 2
    return shared_lead(h[:m, :m], h[m:, :m])    # H_{x=1, x=0}: hopping from slice x to x+1


@functools.lru_cache(maxsize=32)
def _wire_device(width, length, dim, flux, spin_orbit, t):
    """The clean device of a wire geometry, built once per process (LRU cache of 32).

    Square (cubic) lattice of hopping ``t``, sites ``x = 0 .. length-1``, ``y (, z) = 0 ..
    width-1`` in C order (x slowest: the order of the wire's on-site array and of its random
    draws), leads 0 (−x) and 1 (+x).  Realisations are copies with other on-site energies
    (:meth:`Device.with_onsite`, :meth:`Device.with_disorder`) sharing its slicing plan and
    leads.
    """
    from .device import Device, lead
    from .lattice import box, cubic, rectangle, square
    m = width - 1
    if dim == 2:
        lat, shape = square(t=t), rectangle(0, length - 1, 0, m)
    else:
        lat, shape = cubic(t=t), box(0, length - 1, 0, m, 0, m)
    dev = Device(lat, shape, [lead("-x"), lead("+x")], flux=flux, spin_orbit=spin_orbit)
    dev._slicing()                 # the plan, shared by every copy
    return dev


def _clearance_error(nodes, gs, thresholds, clearance, mu, kt):
    """Estimated error of taking G constant within ``clearance`` of each threshold.

    Next to a threshold G(E) ≈ G_0 + c·sqrt(|E - E_n|) (a channel opening); c is estimated
    from the two nodes nearest to E_n on each side, and the cleared interval's Fermi weight
    times the variation c·sqrt(x_1) up to the first node x_1 bounds the error.
    """
    if clearance == 0.0:
        return 0.0, None
    total, worst, worst_err = 0.0, None, -1.0
    for en in thresholds[(thresholds > nodes[0] - clearance) & (thresholds < nodes[-1] + clearance)]:
        for side in (1.0, -1.0):
            d = side * (nodes - en)
            idx = np.flatnonzero(d > 0)
            if idx.size < 2:
                continue
            near = idx[np.argsort(d[idx])[:2]]
            x1, x2 = d[near]
            c = abs(gs[near[1]] - gs[near[0]]) / (np.sqrt(x2) - np.sqrt(x1))
            lo, hi = sorted((en, en + side * clearance))
            mass = 0.5 * (np.tanh((hi - mu) / (2 * kt)) - np.tanh((lo - mu) / (2 * kt)))
            err = mass * c * np.sqrt(x1)
            total += err
            if err > worst_err:
                worst, worst_err = float(en), err
    return float(total), worst


class Wire:
    """A disordered 2D strip or 3D bar between two clean, semi-infinite leads.

    Parameters
    ----------
    width : int
        Transverse size M >= 1 (sites across the strip; a 3D bar is M × M).
    length : int
        Number of slices L >= 1 of the disordered region along x.
    W : float, default 0
        Disorder strength (box disorder: on-site energies uniform in [-W/2, W/2]).
    dim : {2, 3}
        Strip (2) or bar (3).
    disorder : {"box", "gaussian", "binary"}
        Law of the on-site energies (see :class:`rmt_meso.ensembles.Anderson`).
    flux : float
        Magnetic flux per plaquette of the x–y plane in units of h/e (in region and leads),
        reduced modulo one flux quantum to (-1/2, 1/2] (see
        :func:`rmt_meso.ensembles.anderson.reduce_flux`).
    spin_orbit : float or None
        SU(2) angle θ of Ando's spin-orbit model (0 < θ < π) or ``None`` (spinless).
    onsite : array_like, shape (length, width) or (length, width, width), optional
        Given on-site energies of the region instead of random disorder (``W`` must then
        be 0).
    rng : None, int, SeedSequence or Generator
        Deprecated (removed in 0.3.0): use ``Wire(...).realisation(rng)``.  Without ``onsite``
        a disordered wire describes the ensemble; its transport methods then use one
        realisation drawn from fresh OS entropy on first use.
    t : float, default 1
        Hopping energy.

    Attributes
    ----------
    beta : int
        1 (time-reversal symmetric), 2 (flux breaks it) or 4 (spin-orbit, Kramers).
    lead : Lead
        The (shared) lead; its modes and self-energies are cached per energy.
    slice_size : int
        Orbitals per slice, ``width**(dim-1) * n_orbitals``.

    Notes
    -----
    A Wire is a thin :class:`~rmt_meso.transport.Device`: its transport methods run on the
    device of its geometry (:meth:`to_device`), built on first use and cached per process
    (width, length, dim, flux, spin_orbit, t; an LRU cache of 32), with the wire's on-site
    energies (its realisations are copies sharing that device's slicing plan).  Many
    realisations are cheap: every Wire with the same cross-section shares one :class:`Lead`
    (the device's +x lead), which caches its modes and self-energies per energy, so
    ``wire.realisation(seed)`` in a loop solves the lead once per energy; :meth:`realisation`
    (new seed) and :meth:`with_onsite` (given energies) copy a wire without re-validating its
    geometry; :meth:`smatrix` with an array of energies solves them together.

    Examples
    --------
    >>> clean = Wire(6, 10)
    >>> g = clean.conductance(0.3)              # ballistic: the number of open channels
    >>> bool(abs(g - clean.n_channels(0.3)) < 1e-10)
    True
    >>> dirty = Wire(6, 10, W=2.0).realisation(rng=1)
    >>> bool(0 < dirty.conductance(0.3) < clean.n_channels(0.3))
    True
    """

    # set in __init__ (declared for the type checker: the module sits in an import cycle)
    width: int
    length: int
    dim: int
    W: float
    flux: float
    t: float
    spin_orbit: float | None
    n_orbitals: int
    slice_size: int
    lead: Lead
    _model: Anderson
    _onsite: np.ndarray | None
    _dev: Device | None

    def __init__(self, width: int, length: int, *, W: float = 0.0, dim: int = 2, disorder: str = "box",
                 flux: float = 0.0, spin_orbit: float | None = None, onsite: ArrayLike | None = None,
                 rng: RngLike = None, t: float = 1.0):
        self.width = check_int("width", width, minimum=1)
        self.length = check_int("length", length, minimum=1)
        self.dim = check_int("dim", dim, minimum=2, maximum=3)
        self.W = check_real("W", W, minimum=0.0)
        self.disorder = check_choice("disorder", disorder, ("box", "gaussian", "binary"))
        if isinstance(flux, (bool, np.bool_)) or not isinstance(flux, numbers.Real):
            raise TypeError(f"flux must be a real number (flux quanta per plaquette); got {flux!r}")
        if spin_orbit is not None and (isinstance(spin_orbit, (bool, np.bool_))
                                       or not isinstance(spin_orbit, numbers.Real)):
            raise TypeError(f"spin_orbit must be None or a real angle in (0, pi); got {spin_orbit!r}")
        self.flux = reduce_flux(check_real("flux", flux))     # modulo one flux quantum
        self.t = check_real("t", t, minimum=0.0, min_inclusive=False)
        cross = (self.width,) * (self.dim - 1)
        self._model = Anderson((self.length,) + cross, self.W, disorder=self.disorder, flux=self.flux,
                               spin_orbit=spin_orbit, boundary="open", t=self.t)
        self.spin_orbit = self._model.spin_orbit          # validated (0 < θ < π) or None
        self.n_orbitals = self._model.n_orbitals
        self.slice_size = int(np.prod(cross)) * self.n_orbitals
        if onsite is not None and rng is not None:
            raise ValueError("pass either rng (random disorder) or onsite (given energies), not both")
        if onsite is not None and self.W != 0.0:
            raise ValueError(f"W={self.W!r} has no effect with onsite= (the given energies replace the "
                             "random disorder); pass W=0 with onsite")
        if rng is not None:
            warn_deprecated("Wire(..., rng=seed)", "Wire(...).realisation(seed)")
        self._onsite = None
        if onsite is not None:
            self._onsite = self._check_onsite(onsite)
        elif self.W == 0.0:
            self._onsite = np.zeros((self.length,) + cross)
        if rng is not None and self._onsite is None:
            self._onsite = self._frozen(self._model.onsite(rng=rng))     # drawn at once
        self.lead = _shared_lead(self.width, self.dim, self.flux, self.spin_orbit, self.t)
        self._dev = None             # this wire's Device, made on first use (_device)

    # ------------------------------------------------------------------ construction

    def _check_onsite(self, onsite):
        shape = (self.length,) + (self.width,) * (self.dim - 1)
        arr = np.array(check_array("onsite", onsite, shape=shape, dtype=float))   # own read-only copy
        arr.setflags(write=False)
        return arr

    @property
    def beta(self) -> int:
        """Dyson index of the wire (1, 2 or 4)."""
        return self._model.beta

    @property
    def spinful(self) -> bool:
        return self.spin_orbit is not None

    @property
    def onsite(self) -> np.ndarray:
        """On-site energies of the region, shape (length, width[, width]) (read-only; for an
        ensemble wire drawn from fresh entropy on first use)."""
        if self._onsite is None:
            self._onsite = self._frozen(self._model.onsite(rng=None))
        return self._onsite

    def _copy(self, onsite, rng=None):
        new = copy.copy(self)
        new._onsite = onsite
        new._dev = None
        return new

    def __getstate__(self):
        # the device is rebuilt (from this process's cache) where the wire is unpickled
        return dict(self.__dict__, _dev=None)

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.lead = shared_lead(self.lead.h0, self.lead.h1)   # this process's copy of the lead

    def with_onsite(self, onsite: ArrayLike) -> Wire:
        """A wire with the same geometry and lead (shared cache) and the given on-site energies."""
        return self._copy(self._check_onsite(onsite), None)

    @staticmethod
    def _frozen(arr):
        arr.setflags(write=False)
        return arr

    def realisation(self, rng: RngLike = None) -> Wire:
        """A fixed disorder realisation, drawn at once from ``rng``, sharing this wire's lead.

        The on-site energies are drawn when this is called, so later use of the same
        generator elsewhere does not change them (``W = 0`` draws nothing).
        """
        if self.W == 0.0:
            as_generator(rng)      # validate
            return self._copy(self.onsite, None)
        return self._copy(self._frozen(self._model.onsite(rng=rng)), None)

    def __repr__(self):
        return (f"Wire(width={self.width}, length={self.length}, W={self.W}, dim={self.dim}, "
                f"flux={self.flux}, spin_orbit={self.spin_orbit})  # beta={self.beta}")

    def hamiltonian_slices(self) -> tuple[np.ndarray, np.ndarray]:
        """(slices (L, m, m), hopping (m, m)): the region as input for :func:`rgf_smatrix`."""
        d = np.repeat(self.onsite.reshape(self.length, -1), self.n_orbitals, axis=1).astype(float)
        slices = np.repeat(self.lead.h0[None], self.length, axis=0)
        idx = np.arange(self.slice_size)
        slices[:, idx, idx] += d
        return slices, self.lead.h1.copy()

    # ------------------------------------------------------------------ the device
    def _geometry(self) -> Device:
        """The clean device of this wire's geometry (shared, cached per process)."""
        return _wire_device(self.width, self.length, self.dim, self.flux, self.spin_orbit, self.t)

    def _device(self) -> Device:
        """This wire as a device with its on-site energies (made on first use, then kept)."""
        if self._dev is None:
            self._dev = self._geometry().with_onsite(np.asarray(self.onsite, float).ravel())
        return self._dev

    def _ensemble_device(self) -> Device:
        """The device that draws this wire's realisations as :meth:`realisation` does: the
        wire's disorder law and W on a zero background (W > 0), else its own on-site energies."""
        if self.W > 0:
            return self._geometry().with_disorder(self.W, self.disorder)
        return self._device()

    def _algorithm(self, algorithm):
        algorithm = check_choice("algorithm", algorithm, ("auto", "rgf", "sparse"))
        return choose_algorithm(self.slice_size, self.length) if algorithm == "auto" else algorithm

    @contextmanager
    def _threshold_errors(self, energies, locate=True):
        """Re-raise the device's failures next to a subband threshold as
        :class:`~rmt_meso.ConvergenceError` naming the threshold and the distance to it."""
        from .device import LeadThresholdError
        try:
            yield
        except (ConvergenceError, LeadThresholdError) as exc:
            note = self._threshold_note(exc, energies, locate)
            if note is None:
                raise
            raise ConvergenceError(note) from None

    # ------------------------------------------------------------------ transport
    @overload
    def smatrix(self, energy: float, *, algorithm: str = "auto", tol: float = UNITARITY_TOL) -> SMatrix: ...
    @overload
    def smatrix(self, energy: np.ndarray | Sequence[float], *, algorithm: str = "auto",
                tol: float = UNITARITY_TOL) -> list[SMatrix]: ...
    @overload
    def smatrix(self, energy: ArrayLike, *, algorithm: str = "auto",
                tol: float = UNITARITY_TOL) -> SMatrix | list[SMatrix]: ...

    def smatrix(self, energy: ArrayLike, *, algorithm: str = "auto",
                tol: float = UNITARITY_TOL) -> SMatrix | list[SMatrix]:
        """Scattering matrix at one energy (:class:`SMatrix`) or a list for an array of energies.

        Parameters
        ----------
        energy : float or array_like
        algorithm : {"auto", "rgf", "sparse"}
            See :mod:`rmt_meso.transport.rgf`.
        tol : float
            Unitarity tolerance (raise :class:`~rmt_meso.ConvergenceError` beyond).
        """
        algorithm = self._algorithm(algorithm)
        tol = check_real("tol", tol, minimum=0.0)
        scalar = np.ndim(energy) == 0
        energies = (np.array([check_real("energy", energy)]) if scalar else
                    check_array("energy", energy, ndim=1, dtype=float, min_size=1))
        with self._threshold_errors(energies):
            out = self._device().smatrix(energies, algorithm=algorithm, tol=tol)
        return out[0] if scalar else out

    def _threshold_note(self, exc, energies, locate=True) -> str | None:
        """The error message with the nearest subband threshold and the distance to it
        (``None`` when the failing energy of several is unknown and ``locate`` is false)."""
        from .device import LeadThresholdError
        if isinstance(exc, LeadThresholdError):        # the device names the energy
            e, exc = exc.energy, exc.reason
        elif energies.size == 1:
            e = float(energies[0])
        elif locate:                   # find the energy that fails
            e = float(energies[0])
            for x in energies:
                try:
                    self._device().smatrix(float(x), algorithm="sparse")
                except (ConvergenceError, LeadThresholdError):
                    e = float(x)
                    break
        else:
            return None
        en, d = self.lead.nearest_threshold(e)
        return (f"{exc} [energy {e!r} lies {d:+.3e} from the nearest subband threshold E_n = {en!r} "
                "(see Wire.thresholds()); the lead modes are singular there: move the energy further "
                "from it]")

    def thresholds(self) -> np.ndarray:
        """Subband thresholds of the leads (energies where a channel opens or closes), ascending.

        See :meth:`rmt_meso.transport.Lead.thresholds`.
        """
        return self.lead.thresholds()

    def transmission_eigenvalues(self, energy: float, **kwargs: Any) -> np.ndarray:
        """Transmission eigenvalues :math:`T_n` (ascending) at one energy.

        All ``min(n_left, n_right)`` channels; for spin-orbit wires Kramers partners appear
        twice.  Keyword arguments go to :meth:`smatrix`.
        """
        if np.ndim(energy) != 0:
            raise TypeError("transmission_eigenvalues takes one energy; use smatrix(energies) for many")
        return self.smatrix(energy, **kwargs).transmission_eigenvalues()

    def conductance(self, energy: float, *, temperature: float = 0.0, unit: str | None = None,
                    n_energies: int | None = None, **kwargs: Any) -> float:
        """Landauer conductance at one energy, optionally at temperature.

        Parameters
        ----------
        energy : float
            Fermi energy μ (units of t).
        temperature : float
            :math:`k_B T` (units of t).  Above 0 the conductance is averaged with
            :math:`-\\partial f/\\partial E` by :func:`~rmt_meso.transport.smatrix.fermi_window_quadrature`:
            Gauss–Legendre panels of width :math:`2k_BT` cut at every subband threshold of the
            leads (:meth:`thresholds`), so that no energy lands on a threshold, and a G(E) that
            jumps or has a square-root cusp there is integrated to ~1e-9 (the Fermi-window
            tails beyond :math:`\\mu \\pm 23.7 k_BT` weigh 1e-10).  Where the S-matrix cannot be
            computed next to a threshold (a flat band bottom, e.g. with flux), nodes are kept
            away from it by the smallest clearance that works, G being taken constant over the
            cleared interval; this fails with :class:`~rmt_meso.ConvergenceError` naming the
            threshold only when the cleared weight times the spread of G exceeds 1e-6.
        unit : None, "S", "e2/h" or "2e2/h"
            Dimensionless g or a unit (see :func:`~rmt_meso.transport.smatrix.conductance`).
        n_energies : int, optional
            Instead of the threshold-aware rule, average on ``n_energies`` (>= 41) equally
            spaced energies over :math:`\\mu \\pm 10 k_BT` with
            :func:`~rmt_meso.transport.smatrix.thermal_average` (trapezoid; accurate only
            where G(E) is smooth, and an energy on a threshold fails).  Either rule resolves
            G(E) only on scales above its node spacing (~k_BT/4 here): for a disordered sample
            with Thouless energy below that, average G(E) from a finer grid yourself.

        Returns
        -------
        float

        Examples
        --------
        >>> w = Wire(5, 20)                  # thresholds at -3, -2, -1, ... on the clean strip
        >>> g = w.conductance(-3.2, temperature=0.02)
        >>> f = 1 / (1 + np.exp((-3.0 + 3.2) / 0.02))   # occupation at the threshold -3
        >>> bool(abs(g - (1 + f)) < 1e-8)    # 1 channel + the tail of the second
        True
        """
        mu = check_real("energy", energy)
        kt = check_real("temperature", temperature, minimum=0.0)
        if unit is not None:
            check_choice("unit", unit, CONDUCTANCE_UNITS)
        if kt == 0.0:
            return float(self.smatrix(mu, **kwargs).conductance(unit=unit))   # one energy: a float
        if n_energies is not None:
            n = check_int("n_energies", n_energies, minimum=41)
            grid = np.linspace(mu - 10 * kt, mu + 10 * kt, n)
            gs = np.array([s.conductance(unit=unit) for s in self.smatrix(grid, **kwargs)])
            return float(thermal_average(grid, gs, kt, mu))
        th = self.lead.thresholds()
        scale = max(1.0, float(np.max(np.abs(th)))) if th.size else 1.0
        clearance = 0.0
        cache: dict[float, float] = {}
        while True:
            nodes, weights, _ = fermi_window_quadrature(mu, kt, thresholds=th, clearance=clearance)
            gs, bad = self._conductances(nodes, unit, kwargs, cache)
            if bad is None:
                err, worst = _clearance_error(nodes, gs, th, clearance, mu, kt)
                if err > _THERMAL_CLEARANCE_ERROR:
                    raise ConvergenceError(
                        f"thermal average at mu={mu!r}, k_BT={kt!r}: the S-matrix cannot be computed "
                        f"within {clearance:.2e} of the subband threshold E_n = {worst!r} "
                        f"({mu - worst:+.3e} from mu), and G(E) varies next to it: taking it constant "
                        f"there may err by {err:.1e} > {_THERMAL_CLEARANCE_ERROR:g}; raise the "
                        "temperature or move mu")
                return float(weights @ gs)
            x, exc = bad
            en, d = self.lead.nearest_threshold(x)
            new = max(4.0 * abs(d), 10.0 * clearance, 1e-13 * scale)
            others = np.abs(th[th != en] - en)
            if new > 0.25 * (float(others.min()) if others.size else np.inf) or abs(d) > 10 * kt:
                raise ConvergenceError(
                    f"thermal average at mu={mu!r}, k_BT={kt!r}: the S-matrix fails at energy {x!r}, "
                    f"{d:+.3e} from the subband threshold E_n = {en!r}, too far from it to be "
                    f"cleared ({exc})") from None
            clearance = new

    def _conductances(self, energies, unit, kwargs, cache):
        """g at each energy (cached by energy), or the first failing (energy, message)."""
        from .device import LeadThresholdError
        algorithm = self._algorithm(kwargs.get("algorithm", "auto"))
        tol = check_real("tol", kwargs.get("tol", UNITARITY_TOL), minimum=0.0)
        unknown = set(kwargs) - {"algorithm", "tol"}
        if unknown:
            raise TypeError(f"conductance got unexpected keyword arguments {sorted(unknown)}")
        todo = np.array([e for e in energies if float(e) not in cache])
        dev = self._device()

        def solve(es):
            out = dev.smatrix(es, algorithm=algorithm, check=False)
            for e, s in zip(es, out):
                s.check_unitarity(tol)
                cache[float(e)] = s.conductance(unit=unit)
        if todo.size:
            try:
                solve(todo)
            except (ConvergenceError, LeadThresholdError):
                for x in todo:
                    if float(x) in cache:
                        continue
                    try:
                        solve(np.array([x]))
                    except (ConvergenceError, LeadThresholdError) as exc:
                        return None, (float(x), str(getattr(exc, "reason", exc)))
        return np.array([cache[float(e)] for e in energies]), None

    @keyword_rng
    @blas_limited_by(lambda self, *a, **k: self.slice_size)
    def sample_transmission_eigenvalues(self, energy: float, size: SizeLike = None, *, rng: RngLike = None,
                                        tol: float = UNITARITY_TOL, batch: int | None = None,
                                        progress: bool = False) -> np.ndarray:
        """Transmission eigenvalues of ``size`` independent disorder realisations at one energy.

        Realisations are drawn one after another from ``rng`` exactly as
        ``[self.realisation(gen) for _ in range(size)]`` with ``gen = as_generator(rng)``
        would draw them, and solved together: the recursion runs on a stack of realisations
        (one batched inversion per slice), which removes the per-sample Python overhead for
        narrow wires.

        Parameters
        ----------
        energy : float
        size : int
            Number of realisations (>= 1).
        rng : None, int, SeedSequence or Generator
        tol : float
            Unitarity tolerance of every S-matrix (raise :class:`~rmt_meso.ConvergenceError`).
        batch : int, optional
            Realisations per stack (default 256).  Slices of 16 orbitals or more are solved
            one realisation at a time (in-place LAPACK inversions are faster there).
        progress : bool, default False
            Progress bar over the realisations (terminal or notebook; silent and warning-free
            when off, :func:`rmt_meso._log.progress_bar`).

        Returns
        -------
        ndarray, shape (size, n)
            Sorted ascending along the last axis; n = number of open channels (0 outside the
            band).

        Examples
        --------
        >>> w = Wire(6, 20, W=1.5)
        >>> tn = w.sample_transmission_eigenvalues(0.3, 4, rng=1)
        >>> one = [w.realisation(g).transmission_eigenvalues(0.3) for g in [np.random.default_rng(1)] * 4]
        >>> bool(np.allclose(tn, one))
        True
        """
        energy = check_real("energy", energy)
        size_ = check_size(size)
        size = 1 if size_ is None else size_
        tol = check_real("tol", tol, minimum=0.0)
        batch = check_int("batch", 256 if batch is None else batch, minimum=1)
        gen = as_generator(rng)
        with self._threshold_errors(np.array([energy])):
            s = self._ensemble_device().sample_smatrix(energy, size, rng=gen, algorithm=self._algorithm("auto"),
                                                       tol=tol, batch=batch, progress=progress)
        out = s.transmission_eigenvalues(tol=transmission_tolerance(2 * s.lead_sizes[0], tol))
        return drop_sample_axis(out, size_)

    @keyword_rng
    def sample_conductance(self, energy: ArrayLike, size: SizeLike = None, *, rng: RngLike = None, progress: bool = False,
                           **kwargs: Any) -> FloatOrArray:
        """Conductances g = Σ T_n of ``size`` disorder realisations at one or many energies.

        Parameters
        ----------
        energy : float or 1-D array_like
            Fermi energy or energies (units of the hopping t).
        size : int, optional
            Number of realisations; ``None`` for one realisation without a sample axis.
        rng : None, int, SeedSequence or Generator
        progress : bool
            Show a progress bar over the realisations (one energy) or the solves (an energy
            array); see :func:`rmt_meso._log.progress_bar`.
        **kwargs
            One energy: ``tol`` and ``batch`` as in :meth:`sample_transmission_eigenvalues`.
            An energy array: ``tol`` and ``algorithm`` as in :meth:`smatrix`.

        Returns
        -------
        float or ndarray
            One energy: shape (size,) (a float for ``size=None``).  An array of ``K`` energies:
            shape (size, K) (shape (K,) for ``size=None``), row ``i`` the realisation that
            ``sample_conductance(e, size, rng=rng)`` draws as its row ``i`` at every ``e``.
            ``g`` is dimensionless (units of e²/h per spin channel listed, Landauer formula;
            Beenakker, Rev. Mod. Phys. 69, 731 (1997)).

        Notes
        -----
        For an energy array every realisation is drawn once and solved at every energy: for
        slices narrower than 16 orbitals by one recursion per energy stacked over the
        realisations (the fast path of :meth:`sample_transmission_eigenvalues`), for wider
        ones by one recursion per realisation batched over the energies (:meth:`smatrix`
        with an array).  Both give the numbers of a loop over single energies with the same
        ``rng`` (a test checks it to 1e-12).

        Examples
        --------
        >>> w = Wire(6, 20, W=1.5)
        >>> g = w.sample_conductance([0.3, 0.5], 4, rng=1)
        >>> g.shape
        (4, 2)
        >>> bool(np.allclose(g[:, 1], w.sample_conductance(0.5, 4, rng=1)))
        True
        """
        if np.ndim(energy) == 0:
            g = self.sample_transmission_eigenvalues(energy, size, rng=rng, progress=progress,
                                                     **kwargs).sum(axis=-1)
            return float(g) if size is None else g
        energies = check_array("energy", energy, ndim=1, dtype=float, min_size=1)
        unknown = set(kwargs) - {"tol", "algorithm"}
        if unknown:
            raise TypeError(f"sample_conductance with an energy array got unexpected keyword arguments "
                            f"{sorted(unknown)}; allowed: 'tol', 'algorithm'")
        size_ = check_size(size)
        n = 1 if size_ is None else size_
        gen = as_generator(rng)
        tol = check_real("tol", kwargs.get("tol", UNITARITY_TOL), minimum=0.0)
        algorithm = self._algorithm(kwargs.get("algorithm", "auto"))
        with self._threshold_errors(energies, locate=False):
            out = self._ensemble_device().sample_transmission(1, 0, energies, n, rng=gen, progress=progress,
                                                              algorithm=algorithm, tol=tol)
        return drop_sample_axis(out, size_)

    def to_device(self) -> Device:
        """This wire (its current on-site energies) as a :class:`~rmt_meso.transport.Device`.

        Square (or cubic) lattice of hopping ``t``, sites ``x = 0 .. length-1``,
        ``y (, z) = 0 .. width-1``, leads 0 (−x) and 1 (+x), the same flux gauge and spin-orbit
        model: it is the device on which every transport method of the wire runs (the same
        S-matrix to the last bit, and the same channel order: lead 1's modes are those of
        :attr:`lead`, lead 0 its mirror image), and it adds wave functions, LDOS, current
        maps and plots.  A new copy each call; it shares the slicing plan and the leads of
        every wire of this geometry.
        """
        return self._geometry().with_onsite(np.asarray(self.onsite, float).ravel())

    def n_channels(self, energy: float) -> int:
        """Open channels of the leads at ``energy`` (spin counted for spin-orbit wires)."""
        return self.lead.n_open(check_real("energy", energy))
