"""Claim: the steps of a smooth quantum point contact converge to Büttiker's saddle-point transmission."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from . import ClaimResult, claim

NAME = "qpc_saddle_point"
WIDTH, V0, STEPS = 30, 1.5, 2
U = np.array([-0.6, -0.4, -0.2, -0.1, 0.0, 0.1, 0.2, 0.4, 0.6])   # energies E_n + u hbar omega_x
FIT = np.abs(U) <= 0.2 + 1e-12         # the local fit around T = 1/2 (T ~ 0.22 .. 0.78); the rest is drawn
LENGTH_PER_SIGMA = 6                   # the gate is cut at x_c +- 3 sigma (exp(-9) of its height)


def _steps(width, v0, sigma, n_steps, u):
    """T_n(E_n + u hbar omega_x) of channel n (the n-th largest transmission eigenvalue), shape (n, u)."""
    from ..theory.devices import qpc_saddle_parameters
    from ..transport.devices import qpc
    dev = qpc(width=width, length=int(round(LENGTH_PER_SIGMA * sigma)), v0=v0, sigma=sigma)
    e_n, wx, _ = qpc_saddle_parameters(width, v0, sigma, n_steps)
    u = np.asarray(u)
    s = dev.smatrix((e_n[:, None] + wx[:, None] * u).ravel())
    tn = np.array([np.sort(s[i].transmission_eigenvalues(1, 0))[::-1][:n_steps] for i in range(u.size * n_steps)])
    return np.array([tn[n * u.size:(n + 1) * u.size, n] for n in range(n_steps)])


def step_offset_width(u, t):
    """Where T = 1/2 (offset, units of hbar omega_x) and the local width ratio hbar omega_x^fit/hbar omega_x.

    ln(T/(1-T))/2pi = u exactly for Büttiker's formula; a cubic through the samples gives the
    root (offset) and the inverse slope there (width ratio).
    """
    lg = np.log(t / (1 - t)) / (2 * np.pi)
    p = np.polyfit(u, lg, 3)
    roots = np.roots(p)
    roots = roots[np.abs(roots.imag) < 1e-12].real
    r = float(roots[np.argmin(np.abs(roots))])
    return r, float(1.0 / np.polyval(np.polyder(p), r))


@claim(
    name=NAME,
    title="Quantum point contact: the steps converge to Büttiker's saddle-point formula",
    section="devices",
    statement=(
        "In a smooth saddle-point constriction each adiabatic channel crosses an inverted parabolic "
        "barrier and opens as T_n = 1/(1 + exp(-pi eps_n)), eps_n = 2(E - E_n)/hbar omega_x "
        "(Büttiker 1990): the step is centred at the barrier top E_n and its width is set by the "
        "barrier curvature omega_x, not by omega_y. On the square-lattice QPC of "
        "transport.devices.qpc (strip width 30, gate v0 = 1.5t) with the lattice-adiabatic E_n and "
        "hbar omega_x = sqrt(2t |eps_n''|) of theory.devices.qpc_saddle_parameters, the step offset "
        "(T = 1/2 point, units of hbar omega_x) and width ratio omega_x^fit/omega_x of channels "
        "n = 0, 1 are measured at saddle lengths sigma = 6, 12, 24 (full: also 48) and extrapolated "
        "to 1/sigma -> 0 (Richardson, truncation error from successive extrapolants): offset 0, "
        "width ratio 1."),
    references=("M. Büttiker, Phys. Rev. B 41, 7906 (1990)",
                "L. I. Glazman, G. B. Lesovik, D. E. Khmel'nitskii and R. I. Shekhter, JETP Lett. 48, 238 (1988)",
                "E. C. Kemble, Phys. Rev. 48, 549 (1935)"),
    wrong_worlds={
        "exponent_2pi": "theory: T_n = 1/(1 + exp(-2 pi eps_n)) (a factor 2 in the exponent: steps half as wide)",
        "curvature_mass": "theory: hbar omega_x = sqrt(t |eps_n''|) (the barrier curvature with the mass "
                          "hbar^2/(t a^2) instead of hbar^2/(2 t a^2))",
    },
)
def run(ctx):
    from ..analysis import richardson
    from ..plot.device import plot_saddle_point_steps

    sigmas = np.array(ctx.pick((6.0, 12.0, 24.0), (6.0, 12.0, 24.0, 48.0)))
    t = np.array([ctx.memo(_steps, WIDTH, V0, float(s), STEPS, tuple(U)) for s in sigmas])   # (k, n, u)
    # theory's unit of energy: hbar omega_x (a wrong world rescales it; the samples are the same)
    scale = 1.0
    if ctx.wrong("exponent_2pi"):
        scale = 2.0                        # exp(-2 pi eps) = Büttiker with hbar omega_x / 2
    if ctx.wrong("curvature_mass"):
        scale = np.sqrt(2.0)               # hbar omega_x' = hbar omega_x / sqrt 2
    u = U * scale                          # the same energies in the theory's unit
    ow = np.array([[step_offset_width(u[FIT], t[k, n, FIT]) for n in range(STEPS)] for k in range(sigmas.size)])
    h = 1.0 / sigmas
    limits, comparisons = [], []
    for n in range(STEPS):
        off = richardson(h, ow[:, n, 0])
        wid = richardson(h, ow[:, n, 1])
        limits.append((off, wid))
        comparisons += [
            zscore(off.value, off.stderr, 0.0,
                   label=f"channel n = {n}: step offset (E_1/2 - E_n)/hbar omega_x at 1/sigma -> 0 "
                         f"(sigma = {', '.join(f'{s:g}' for s in sigmas)}: "
                         f"{', '.join(f'{x:.4f}' for x in ow[:, n, 0])})"),
            zscore(wid.value, wid.stderr, 1.0,
                   label=f"channel n = {n}: step width omega_x^fit/omega_x at 1/sigma -> 0 "
                         f"({', '.join(f'{x:.4f}' for x in ow[:, n, 1])})"),
        ]
    fig = ctx.plot(plot_saddle_point_steps, u, t, sigmas, offsets=ow[:, :, 0], widths=ow[:, :, 1],
                   limits=limits)
    from ..theory.devices import qpc_saddle_parameters
    e_n, wx, wy = qpc_saddle_parameters(WIDTH, V0, float(sigmas[-1]), STEPS)
    return ClaimResult.from_comparisons(
        comparisons, head=1, figure=fig, unit="",
        details={"sigmas": sigmas.tolist(), "offsets": ow[:, :, 0].tolist(), "width_ratios": ow[:, :, 1].tolist(),
                 "thresholds_E_n": e_n.tolist(), "hbar_omega_x_at_largest_sigma": wx.tolist(),
                 "hbar_omega_y_continuum": wy,
                 "omega_x_over_omega_y_at_largest_sigma": (wx / wy).tolist()},
        note=("Deterministic (clean QPC); errors are Richardson truncation estimates |A_K - A_K-1| "
              "(analysis.richardson, order 1 in 1/sigma, fixed in advance), not statistical. "
              "Offsets and widths are local: a cubic through ln(T/(1-T))/2pi at 5 energies "
              "u = -0.2..0.2 hbar omega_x, its root and inverse slope there. The device is 6 sigma "
              "long (cut at 5 sigma the truncated gate's reflections spoil the convergence). "
              "The head value is the width ratio of channel 0."))
