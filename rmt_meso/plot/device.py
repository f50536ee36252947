"""Figures of tight-binding devices: sites, hoppings and leads; density and current maps.

Every function takes a :class:`rmt_meso.transport.System` (a :class:`~rmt_meso.transport.Device`
or a raw system with positions) and returns ``(fig, ax)``; pass ``ax=`` to draw into an
existing axes.  Two-dimensional positions only (a 3D device is drawn in its x–y projection).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._typing import ArrayLike
from ._style import COLORS, new_figure, styled

if TYPE_CHECKING:
    from ..transport.device import System

__all__ = ["plot_device", "plot_density", "plot_current", "plot_saddle_point_steps"]


def _axes(ax, aspect=0.75):
    if ax is None:
        return new_figure(aspect=aspect)
    return ax.figure, ax


def _draw_leads(ax, system, n_cells):
    for i, al in enumerate(system.leads):
        if al.cell_positions is None or al.translation is None:
            continue
        cell = al.cell_positions[:, :2]
        tv = np.asarray(al.translation)[:2]
        color = COLORS[(i + 1) % len(COLORS)]
        for k in range(n_cells):
            pts = cell + k * tv
            ax.plot(pts[:, 0], pts[:, 1], "o", ms=2.0, color=color, alpha=1.0 - 0.8 * k / max(n_cells, 1),
                    zorder=2, lw=0)
        c = cell.mean(axis=0) + (n_cells - 0.5) * tv
        ax.annotate(str(i), c, ha="center", va="center", fontsize="x-small", color=color, weight="bold")


@styled
def plot_device(system: System, *, ax: Any = None, n_lead_cells: int = 3, hoppings: bool = True,
                site_size: float = 3.0) -> tuple[Any, Any]:
    """Draw the sites and hoppings of the region and the first cells of every lead.

    Parameters
    ----------
    system : rmt_meso.transport.System
    ax : matplotlib Axes, optional
    n_lead_cells : int
        Lead cells drawn (fading outwards), each lead labelled by its index.
    hoppings : bool
        Draw the bonds of the region (grey lines).
    site_size : float
        Marker size of the sites.
    """
    fig, ax = _axes(ax)
    pos = system.positions[:, :2]
    if hoppings:
        from matplotlib.collections import LineCollection
        coo = system.hamiltonian.tocoo()
        no = system.norbs
        i, j = coo.row // no, coo.col // no
        keep = i > j
        pairs = np.unique(np.stack([i[keep], j[keep]], axis=1), axis=0)
        segs = np.stack([pos[pairs[:, 0]], pos[pairs[:, 1]]], axis=1)
        ax.add_collection(LineCollection(list(segs), colors="0.6", linewidths=0.4, zorder=1))
    ax.plot(pos[:, 0], pos[:, 1], "o", ms=site_size, color=COLORS[0], lw=0, zorder=3)
    _draw_leads(ax, system, n_lead_cells)
    ax.set_aspect("equal")
    ax.set_xlabel("$x$ (lattice constants)")
    ax.set_ylabel("$y$ (lattice constants)")
    return fig, ax


@styled
def plot_density(system: System, values: ArrayLike, *, ax: Any = None, label: str = "LDOS",
                 cmap: str = "viridis", size: float = 6.0) -> tuple[Any, Any]:
    """A map of one value per site (LDOS, |ψ|², on-site potential) as coloured sites."""
    fig, ax = _axes(ax)
    pos = system.positions[:, :2]
    values = np.asarray(values, float)
    if values.shape != (pos.shape[0],):
        raise ValueError(f"values must have one entry per site, shape ({pos.shape[0]},); got {values.shape}")
    sc = ax.scatter(pos[:, 0], pos[:, 1], c=values, s=size, cmap=cmap, marker="s", linewidths=0)
    fig.colorbar(sc, ax=ax, label=label)
    ax.set_aspect("equal")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    return fig, ax


@styled
def plot_current(system: System, psi: np.ndarray, *, ax: Any = None, n_lead_cells: int = 2,
                 cmap: str = "magma_r", arrows: bool = True) -> tuple[Any, Any]:
    """Current map of the scattering state(s) ``psi``: magnitude per site and flow arrows.

    Parameters
    ----------
    system : rmt_meso.transport.System
    psi : ndarray (n_orbitals,) or (n_orbitals, k)
        From :meth:`~rmt_meso.transport.System.wave_function`; columns are summed.
    arrows : bool
        Draw the local current vectors :meth:`~rmt_meso.transport.System.current_density`.
    """
    fig, ax = _axes(ax)
    j = system.current_density(psi)[:, :2]
    pos = system.positions[:, :2]
    mag = np.linalg.norm(j, axis=1)
    sc = ax.scatter(pos[:, 0], pos[:, 1], c=mag, s=6.0, cmap=cmap, marker="s", linewidths=0, zorder=1)
    fig.colorbar(sc, ax=ax, label="current density")
    if arrows and np.any(mag > 0):
        step = max(1, pos.shape[0] // 600)
        sel = np.argsort(-mag)[::step]
        ax.quiver(pos[sel, 0], pos[sel, 1], j[sel, 0], j[sel, 1], color=COLORS[0], zorder=2,
                  angles="xy", scale_units="xy", scale=mag.max() / 1.5, width=0.003)
    _draw_leads(ax, system, n_lead_cells)
    ax.set_aspect("equal")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    return fig, ax


@styled
def plot_saddle_point_steps(u, transmissions, sigmas, *, offsets, widths, limits=None):
    """Point-contact steps against Büttiker's saddle-point formula, and their convergence.

    Parameters
    ----------
    u : array_like, shape (m,)
        Energies :math:`(E - E_n)/\\hbar\\omega_x` (Büttiker's :math:`\\varepsilon_n = 2u`).
    transmissions : array_like, shape (k, n, m)
        Single-channel transmissions :math:`T_n` for each of the k saddle lengths and n channels.
    sigmas : array_like, shape (k,)
        Saddle lengths σ.
    offsets, widths : array_like, shape (k, n)
        Fitted step offset (T = 1/2 at :math:`u = -` offset) and width ratio
        :math:`\\hbar\\omega_x^{fit}/\\hbar\\omega_x` per σ and channel.
    limits : sequence of (offset, width) Estimates per channel, optional
        Extrapolated values at 1/σ → 0, drawn at the origin.

    Returns
    -------
    fig, (ax1, ax2)
    """
    u = np.asarray(u, float)
    tr = np.asarray(transmissions, float)
    sig = np.asarray(sigmas, float)
    off, wid = np.asarray(offsets, float), np.asarray(widths, float)
    fig, (a1, a2) = new_figure(width="double", aspect=0.36, ncols=2)
    uu = np.linspace(u.min(), u.max(), 200)
    a1.plot(2 * uu, 0.5 * (1 + np.tanh(np.pi * uu)), color="k", lw=1.0,
            label=r"Büttiker $1/(1+e^{-\pi\varepsilon})$")
    markers = "os^v"
    for k in range(tr.shape[0]):
        for n in range(tr.shape[1]):
            a1.plot(2 * u, tr[k, n], markers[n % 4], ms=2.5, color=COLORS[k % len(COLORS)],
                    label=f"$n={n}$, $\\sigma={sig[k]:g}$")
    a1.set_xlabel(r"$\varepsilon_n = 2(E-E_n)/\hbar\omega_x$")
    a1.set_ylabel(r"$T_n$")
    a1.legend(fontsize="xx-small", loc="upper left", ncol=2)
    inv = 1.0 / sig
    for n in range(off.shape[1]):
        a2.plot(inv, off[:, n], markers[n % 4] + "-", ms=3, color=COLORS[0], lw=0.8,
                label="offset" if n == 0 else None)
        a2.plot(inv, wid[:, n] - 1, markers[n % 4] + "--", ms=3, color=COLORS[1], lw=0.8,
                label=r"$\omega_x^{fit}/\omega_x - 1$" if n == 0 else None)
        if limits is not None:
            (lo, lw) = limits[n]
            a2.errorbar([0.0], [float(lo.value)], yerr=[float(lo.stderr)], fmt="x", color=COLORS[0])
            a2.errorbar([0.0], [float(lw.value) - 1], yerr=[float(lw.stderr)], fmt="x", color=COLORS[1])
    a2.axhline(0.0, color="k", lw=0.6)
    a2.set_xlim(left=-0.005)
    a2.set_xlabel(r"$1/\sigma$")
    a2.set_ylabel("deviation from Büttiker")
    a2.legend(fontsize="x-small", loc="upper left")
    return fig, (a1, a2)
