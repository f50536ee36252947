"""Ready-made devices of mesoscopic physics, built with :class:`~rmt_meso.transport.device.Device`.

Each factory returns a :class:`Device` (the disorder ensemble when ``W > 0``: draw
realisations with ``.realisation(rng)``); sizes in lattice constants, energies in units of t,
``flux`` per unit area in h/e (per plaquette of the square lattice).  Lead order is stated in
each docstring.

References
----------
M. Büttiker, Phys. Rev. B 41, 7906 (1990) (saddle-point contact); B. J. van Wees et al.,
Phys. Rev. Lett. 60, 848 (1988) (quantized point contact); R. A. Webb et al., Phys. Rev. Lett.
54, 2696 (1985) (Aharonov–Bohm ring); M. Büttiker, Phys. Rev. B 38, 9375 (1988) (Hall bar edge
channels); K. Nakada, M. Fujita, G. Dresselhaus, M. S. Dresselhaus, Phys. Rev. B 54, 17954
(1996) (graphene ribbons); L. A. Bunimovich, Commun. Math. Phys. 65, 295 (1979) (stadium).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._typing import ArrayLike
from .._validate import check_int, check_real
from .device import Device, System, lead
from .lattice import annulus, honeycomb, rectangle, square, stadium

__all__ = ["qpc", "ab_ring", "t_junction", "cross", "hall_bar", "strip", "zigzag_ribbon", "armchair_ribbon",
           "stadium_billiard", "honeycomb_bloch_strip", "honeycomb_bloch_blocks"]


def strip(width: int = 20, length: int = 40, *, W: float = 0.0, flux: float = 0.0, disorder: str = "box",
          **kwargs: Any) -> Device:
    """Square-lattice strip ``length × width`` between leads 0 (left, −x) and 1 (right, +x).

    With ``flux`` and ``W`` it is the disordered quantum-Hall strip.
    """
    width = check_int("width", width, minimum=1)
    length = check_int("length", length, minimum=1)
    return Device(square(), rectangle(0, length - 1, 0, width - 1), [lead("-x"), lead("+x")], W=W,
                  flux=flux, disorder=disorder, **kwargs)


def qpc(width: int = 20, length: int = 40, *, v0: float = 1.2, sigma: float = 6.0, flux: float = 0.0,
        W: float = 0.0) -> Device:
    """Quantum point contact: a smooth saddle-point gate potential in a strip (leads 0 left, 1 right).

    :math:`V(x, y) = v_0\\, e^{-(x - x_c)^2/\\sigma^2} \\big((y - y_c)/(w/4)\\big)^2`, a
    constriction whose width opens with energy: the conductance rises in steps of one
    (spin-degenerate) channel.
    """
    width = check_int("width", width, minimum=2)
    length = check_int("length", length, minimum=2)
    v0 = check_real("v0", v0)
    sigma = check_real("sigma", sigma, minimum=0.0, min_inclusive=False)
    xc, yc, w4 = 0.5 * length, 0.5 * (width - 1), width / 4.0

    def gate(x, y):
        return v0 * np.exp(-((x - xc) / sigma) ** 2) * ((y - yc) / w4) ** 2
    return Device(square(), rectangle(0, length - 1, 0, width - 1), [lead("-x"), lead("+x")],
                  onsite=gate, flux=flux, W=W)


def ab_ring(r_in: float = 6.0, r_out: float = 12.0, *, arm_width: int = 5, arm_length: int = 8,
            flux: float = 0.0, W: float = 0.0, ab_flux: float = 0.0, arm_offset: float = 0.0) -> Device:
    """Aharonov–Bohm ring (square lattice) with straight arms to leads 0 (left) and 1 (right).

    The ring's mean area :math:`\\pi (r_{in} + r_{out})^2/4` sets the Aharonov–Bohm period
    in ``flux``: one flux quantum through the ring at :math:`\\varphi = 4/\\pi(r_{in}+r_{out})^2`.
    ``ab_flux`` (units of h/e) threads a flux tube through the centre of the hole instead
    (no field in the arms: g is exactly periodic in it with period 1); both can be changed
    later with :meth:`~rmt_meso.transport.device.Device.with_flux`.

    ``arm_offset`` y0 moves both arms (and leads) to height y0: they meet the ring at the
    polar angles :math:`\\theta_0 = \\arcsin(y_0/r_m)` and :math:`\\pi - \\theta_0`, so the
    two paths round the ring differ in length by :math:`4\\theta_0 r_m` (equal for y0 = 0).
    With equal paths the h/e interference of a clean ring has the same phase at every energy;
    unequal paths make it energy dependent.
    """
    r_in = check_real("r_in", r_in, minimum=0.0, min_inclusive=False)
    r_out = check_real("r_out", r_out, minimum=r_in, min_inclusive=False)
    hw = 0.5 * (check_int("arm_width", arm_width, minimum=1) - 1)
    al = check_real("arm_length", arm_length, minimum=1.0)
    y0 = check_real("arm_offset", arm_offset)
    if abs(y0) + hw >= r_in:
        raise ValueError(f"arm_offset must satisfy |arm_offset| + (arm_width - 1)/2 < r_in = {r_in:g} (the "
                         f"arms enter the ring from the sides); got arm_offset={arm_offset!r}")
    # the arms end where the hole's edge is closest to the axis (their row nearest y = 0)
    x_hole = np.sqrt(r_in ** 2 - max(abs(y0) - hw, 0.0) ** 2)
    shape = (annulus(r_in, r_out) | rectangle(-r_out - al, -x_hole - 1, y0 - hw, y0 + hw)
             | rectangle(x_hole + 1, r_out + al, y0 - hw, y0 + hw))
    return Device(square(), shape, [lead("-x", (y0 - hw, y0 + hw)), lead("+x", (y0 - hw, y0 + hw))],
                  flux=flux, W=W, ab_flux=ab_flux, ab_center=(0.0, 0.0))


def t_junction(width: int = 10, length: int = 31, stem: int = 16, *, W: float = 0.0, flux: float = 0.0) -> Device:
    """Three-terminal T-junction: leads 0 (left), 1 (right) on a bar, 2 (up) on a stem."""
    width = check_int("width", width, minimum=1)
    length = check_int("length", length, minimum=width + 2)
    stem = check_int("stem", stem, minimum=1)
    x0 = (length - width) // 2
    shape = rectangle(0, length - 1, 0, width - 1) | rectangle(x0, x0 + width - 1, 0, width - 1 + stem)
    return Device(square(), shape, [lead("-x", (0, width - 1)), lead("+x", (0, width - 1)),
                                    lead("+y", (x0, x0 + width - 1))], W=W, flux=flux)


def cross(arm_width: int = 10, arm_length: int = 10, *, flux: float = 0.0, W: float = 0.0) -> Device:
    """Four-terminal cross (Hall cross): two perpendicular bars of ``arm_width`` sites.

    The centre square spans ``arm_length ≤ x, y < arm_length + arm_width``; leads 0 (−x),
    1 (+y), 2 (+x), 3 (−y), counter-clockwise from the left.  In a field the bend resistance
    ``s.resistance(0, 1, 2, 3)`` and Hall resistance ``s.resistance(0, 2, 1, 3)`` follow.
    """
    aw = check_int("arm_width", arm_width, minimum=1)
    al = check_int("arm_length", arm_length, minimum=1)
    lo, hi, end = al, al + aw - 1, 2 * al + aw - 1
    shape = rectangle(0, end, lo, hi) | rectangle(lo, hi, 0, end)
    span = (lo, hi)
    return Device(square(), shape, [lead("-x", span), lead("+y", span), lead("+x", span), lead("-y", span)],
                  flux=flux, W=W)


def hall_bar(length: int = 60, width: int = 20, probe_width: int = 10, *, flux: float = 0.05,
             W: float = 0.0) -> Device:
    """Six-terminal Hall bar.

    Leads: 0 left (−x), 1 top-left, 2 top-right (+y), 3 right (+x), 4 bottom-right,
    5 bottom-left (−y); the probes are centred at ``length/4`` and ``3 length/4``.  Hall
    resistance ``s.resistance(0, 3, 1, 5)``, longitudinal ``s.resistance(0, 3, 1, 2)``.
    """
    length = check_int("length", length, minimum=8)
    width = check_int("width", width, minimum=2)
    pw = check_int("probe_width", probe_width, minimum=1)
    xa = length // 4 - pw // 2
    xb = (3 * length) // 4 - pw // 2
    if xa < 1 or xb + pw > length - 1 or xa + pw >= xb:
        raise ValueError(f"probe_width={pw} does not fit twice on a bar of length {length}")
    pa, pb = (xa, xa + pw - 1), (xb, xb + pw - 1)
    leads = [lead("-x"), lead("+y", pa), lead("+y", pb), lead("+x"), lead("-y", pb), lead("-y", pa)]
    return Device(square(), rectangle(0, length - 1, 0, width - 1), leads, flux=flux, W=W)


def zigzag_ribbon(width: float = 8.0, length: float = 20.0, *, W: float = 0.0, flux: float = 0.0) -> Device:
    """Graphene ribbon along x with zigzag edges (honeycomb, hopping −t), leads 0 left, 1 right.

    ``width`` in lattice constants (y from 0.3 to 0.3 + width, cutting between atom rows so
    that both edges are zigzag).
    """
    width = check_real("width", width, minimum=1.0)
    length = check_real("length", length, minimum=1.0)
    return Device(honeycomb(), rectangle(0, length, 0.3, 0.3 + width), [lead("-x"), lead("+x")], W=W, flux=flux)


def armchair_ribbon(width: float = 8.0, length: float = 20.0, *, W: float = 0.0, flux: float = 0.0) -> Device:
    """Graphene ribbon along y with armchair edges, leads 0 (−y) and 1 (+y)."""
    width = check_real("width", width, minimum=1.0)
    length = check_real("length", length, minimum=1.0)
    return Device(honeycomb(), rectangle(0, width, 0, length), [lead("-y"), lead("+y")], W=W, flux=flux)


def stadium_billiard(radius: float = 8.0, length: float = 10.0, *, lead_width: int = 5, lead_length: int = 10,
                     flux: float = 0.0, W: float = 0.0) -> Device:
    """Bunimovich stadium (square lattice) with two leads 0 (left) and 1 (right) on its axis."""
    r = check_real("radius", radius, minimum=1.0)
    half = 0.5 * check_real("length", length, minimum=0.0)
    hw = 0.5 * (check_int("lead_width", lead_width, minimum=1) - 1)
    ll = check_real("lead_length", lead_length, minimum=1.0)
    shape = (stadium(r, 2 * half) | rectangle(-half - r - ll, -half - r + 1, -hw, hw)
             | rectangle(half + r - 1, half + r + ll, -hw, hw))
    return Device(square(), shape, [lead("-x", (-hw, hw)), lead("+x", (-hw, hw))], flux=flux, W=W)


_SQRT3 = float(np.sqrt(3.0))


def honeycomb_bloch_blocks(ky: float, *, t: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cell Hamiltonian and cell-to-cell hopping of graphene periodic across y, at Bloch momentum ``ky``.

    The honeycomb lattice of :func:`~rmt_meso.transport.lattice.honeycomb` (lattice constant
    a = 1, :math:`\\mathbf a_1 = (1, 0)`, :math:`\\mathbf a_2 = (1/2, \\sqrt3/2)`, hopping −t)
    with the rectangular cell :math:`1 \\times \\sqrt3` (4 atoms: A, B at x = n and A, B at
    x = n + 1/2; zigzag chains along x) and the periodic boundary condition
    :math:`\\psi(\\mathbf r + \\sqrt3\\,\\hat y) = e^{i k_y \\sqrt3}\\psi(\\mathbf r)`.  Both Dirac
    points fold onto :math:`k_y = 0` (at :math:`k_x = \\pm 2\\pi/3`), so ``ky`` is the transverse
    momentum measured from them.

    Parameters
    ----------
    ky : float
        Transverse Bloch momentum (1/a), any real (periodic with period :math:`2\\pi/\\sqrt3`).
    t : float
        Hopping.

    Returns
    -------
    h : ndarray (4, 4)
        Hermitian Hamiltonian of one cell (orbitals A0, B0, A1, B1).
    hop : ndarray (4, 4)
        :math:`H_{n, n+1}`, the block coupling cell n to cell n + 1 (x → x + 1).
    positions : ndarray (4, 2)
        Atom positions in cell n = 0.

    Notes
    -----
    The 4 bands of :math:`h + hop\\, e^{ik_x} + hop^\\dagger e^{-ik_x}` are
    :math:`\\pm t|f(k_x, k_y)|` and :math:`\\pm t|f(k_x, k_y + 2\\pi/\\sqrt3)|` with
    :math:`f(\\mathbf k) = 1 + e^{-i\\mathbf k\\cdot\\mathbf a_2} + e^{i\\mathbf k\\cdot(\\mathbf a_1 - \\mathbf a_2)}`
    (the zone folded once along y; tested).

    Examples
    --------
    >>> h, hop, pos = honeycomb_bloch_blocks(0.0)
    >>> bool(np.allclose(np.linalg.eigvalsh(h + hop + hop.conj().T), [-3, -1, 1, 3]))   # k = 0
    True
    """
    ky = check_real("ky", ky)
    t = check_real("t", t)
    h = np.zeros((4, 4), complex)
    hop = np.zeros((4, 4), complex)
    # A(i, j) at x = i + j/2 bonds to B(i, j), B(i + 1, j - 1), B(i, j - 1) (lattice.honeycomb);
    # B(i', j') with j' outside {0, 1} is B(i' + m, j' - 2m) translated by m (0, sqrt3): phase e^{i ky sqrt3 m}
    for ja in (0, 1):
        for di, dj in ((0, 0), (1, -1), (0, -1)):
            jb = ja + dj
            m = jb // 2
            jr, dn = jb - 2 * m, di + m
            val = -t * np.exp(1j * ky * _SQRT3 * m)          # <B_rep, cell n + dn | H | A, cell n>
            a, b = 2 * ja, 2 * jr + 1
            if dn == 0:
                h[b, a] += val
                h[a, b] += np.conj(val)
            elif dn == 1:                                     # H_{n+1, n}[b, a] = val
                hop[a, b] += np.conj(val)
            else:                                             # dn == -1: H_{n-1, n}[b, a] = val
                hop[b, a] += val
    pos = np.array([[0.0, 0.0], [0.0, 1 / _SQRT3], [0.5, _SQRT3 / 2], [0.5, _SQRT3 / 2 + 1 / _SQRT3]])
    return h, hop, pos


def honeycomb_bloch_strip(length: int, ky: float, *, onsite: float | Callable[[np.ndarray], ArrayLike] = 0.0,
                          t: float = 1.0) -> System:
    """Graphene between two leads along x, periodic across y, at transverse Bloch momentum ``ky``.

    ``length`` cells of :func:`honeycomb_bloch_blocks` (x = 0 .. length − 1/2, zigzag chains
    along x) between semi-infinite leads 0 (−x) and 1 (+x) of the same lattice.  With one
    such strip per ``ky`` the transmission is resolved in the transverse momentum (the
    angle of incidence) — what a p–n junction in a wide sheet needs (Klein tunnelling),
    without ribbon edges.

    Parameters
    ----------
    length : int
        Number of cells (≥ 1) along x.
    ky : float
        Transverse Bloch momentum (1/a); the Dirac points sit at ky = 0.
    onsite : float or callable
        On-site energy: a constant, or ``f(x)`` of the atoms' x positions (array in, array
        out) — a gate or p–n junction profile.  Each lead carries the constant on-site energy
        ``f`` takes at its first cell (x = −1 and x = ``length``), so ``f`` should be constant
        beyond the region.
    t : float
        Hopping.

    Returns
    -------
    System
        Two leads; :meth:`~rmt_meso.transport.System.smatrix` gives the transmission
        summed over both valleys (each open channel is one valley's mode at this ky).

    References
    ----------
    V. V. Cheianov and V. I. Fal'ko, Phys. Rev. B 74, 041403 (2006) (the p–n junction);
    A. H. Castro Neto et al., Rev. Mod. Phys. 81, 109 (2009) (the lattice, Dirac points).

    Examples
    --------
    >>> s = honeycomb_bloch_strip(4, 0.05).smatrix(0.2)     # clean: one mode per valley
    >>> bool(abs(s.transmission(1, 0) - 2) < 1e-10)
    True
    """
    import scipy.sparse as sp
    n = check_int("length", length, minimum=1)
    h, hop, pos0 = honeycomb_bloch_blocks(ky, t=t)
    pos = np.concatenate([pos0 + [c, 0.0] for c in range(n)])
    if callable(onsite):
        def pot(x):
            v = np.asarray(onsite(np.asarray(x, float)), float)
            if v.shape != np.shape(x) or not np.all(np.isfinite(v)):
                raise ValueError("onsite(x) must return finite values of the shape of x")
            return v
    else:
        c = check_real("onsite", onsite)

        def pot(x):
            return np.full(np.shape(x), c)
    ham = (sp.kron(sp.eye(n), h) + sp.kron(sp.eye(n, k=1), hop) + sp.kron(sp.eye(n, k=-1), hop.conj().T)
           + sp.diags(pot(pos[:, 0])))
    v_left = np.diag(pot(pos0[:, 0] - 1.0))
    v_right = np.diag(pot(pos0[:, 0] + n))
    leads = [(h + v_left, hop, hop, np.arange(4)),                            # H_{-1, 0} = hop
             (h + v_right, hop.conj().T, hop.conj().T, np.arange(4 * (n - 1), 4 * n))]
    return System.from_raw(ham, pos, leads)
