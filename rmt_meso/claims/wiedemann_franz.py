"""Claim: Wiedemann–Franz law κ/GT = π²/3 (k_B/e)² on conductance plateaus, violated on the steps."""

from __future__ import annotations

import math

import numpy as np

from ..compare import zscore
from . import ClaimResult, claim

NAME = "wiedemann_franz"


def plateau_energies(thresholds, per_plateau, margin=0.5):
    """``per_plateau`` energies inside every interval between consecutive thresholds.

    Also covers ``margin`` beyond the outermost thresholds, never on a threshold.
    """
    edges = np.concatenate([[thresholds[0] - margin], thresholds, [thresholds[-1] + margin]])
    frac = (np.arange(per_plateau) + 0.5) / per_plateau
    return np.concatenate([a + (b - a) * frac for a, b in zip(edges[:-1], edges[1:])])


def strip_sweep(width, energies, flux=0.0):
    """S-matrices of a clean strip (length 2) at ``energies`` (a tuple, so that the context
    can memoise the sweep for the wrong worlds, which change only the theory)."""
    from ..transport import Wire
    return Wire(width, 2, flux=flux).smatrix(np.asarray(energies))


@claim(
    name=NAME,
    title="Wiedemann–Franz law on conductance plateaus and its violation on the steps",
    section="thermodynamics",
    statement=(
        "For a conductor whose transmission T(E) varies slowly on the scale k_BT the "
        "Landauer-Sivan-Imry integrals give the Wiedemann-Franz law kappa/(G T) = "
        "(pi^2/3)(k_B/e)^2. A clean strip's T(E) is a staircase: on each plateau the Lorenz "
        "ratio equals pi^2/3 up to the exponentially small tails of the neighbouring steps; "
        "with mu on the step from N to N+1 channels it is pi^2/3 - ln^2(2)/(N+1/2)^2 "
        "(4 ln^2 2 = 1.92 below pi^2/3 on the first step). Computed from the RGF transmission "
        "of the strip, the whole curve kappa/(GT)(mu) matches the exact staircase integrals."),
    references=("U. Sivan and Y. Imry, Phys. Rev. B 33, 551 (1986)",
                "P. N. Butcher, J. Phys.: Condens. Matter 2, 4869 (1990)",
                "H. van Houten et al., Semicond. Sci. Technol. 7, B215 (1992)",
                "G. Wiedemann and R. Franz, Ann. Phys. 165, 497 (1853)"),
    wrong_worlds={
        "wf_everywhere": "theory: the Sommerfeld value pi^2/3 at every mu (steps ignored)",
        "kappa_short_circuit": "theory: kappa without the Peltier term -L1^2/L0 (heat current "
                               "at zero voltage instead of zero electric current)",
        "classical_lorenz": "theory: Drude's classical Lorenz number 3/2 instead of pi^2/3",
    },
)
def run(ctx):
    from ..plot.thermo import plot_lorenz_ratio
    from ..theory import thermoelectric as th
    from ..theory.devices import strip_thresholds
    from ..transport.thermoelectric import thermoelectric_coefficients

    width, kt = 6, ctx.pick(0.01, 0.005)
    thr, signs = strip_thresholds(width)
    energies = plateau_energies(thr, ctx.pick(6, 24))
    smats = ctx.memo(strip_sweep, width, tuple(energies))
    mu = np.linspace(-4.1, 4.1, ctx.pick(411, 1641))
    coeff = thermoelectric_coefficients(smats, mu=mu, temperature=kt, breakpoints=thr, fill=0.0)
    lor, lor_err = coeff.lorenz_ratio, coeff.error("lorenz_ratio")

    # exact theory: staircase integrals of the strip's thresholds
    L_th = np.array([th.staircase_integrals(thr, mu, kt, n, signs=signs) for n in range(3)])
    with np.errstate(divide="ignore", invalid="ignore"):     # L0 underflows far outside the band
        if ctx.wrong("kappa_short_circuit"):
            lor_th = L_th[2] / (kt ** 2 * L_th[0])
        else:
            lor_th = (L_th[2] - L_th[1] ** 2 / L_th[0]) / (kt ** 2 * L_th[0])
    if ctx.wrong("wf_everywhere"):
        lor_th = np.full_like(mu, th.LORENZ_NUMBER)
    wf = 1.5 if ctx.wrong("classical_lorenz") else th.LORENZ_NUMBER

    # plateau centres (mid-way between thresholds, inside the band) and the steps themselves
    n_open = np.cumsum(signs)[:-1]
    centres = 0.5 * (thr[1:] + thr[:-1])
    at_centre = thermoelectric_coefficients(smats, mu=centres, temperature=kt, breakpoints=thr, fill=0.0)
    c_lor, c_err = at_centre.lorenz_ratio, at_centre.error("lorenz_ratio")
    c_exact = np.array([(th.staircase_integrals(thr, m, kt, 2, signs=signs)
                         - th.staircase_integrals(thr, m, kt, 1, signs=signs) ** 2
                         / th.staircase_integrals(thr, m, kt, 0, signs=signs))
                        / (kt ** 2 * th.staircase_integrals(thr, m, kt, 0, signs=signs)) for m in centres])
    tail = np.abs(c_exact - th.LORENZ_NUMBER)          # computed finite-T correction on a plateau
    z_c = np.abs(c_lor - wf) / np.hypot(c_err, tail)
    ic = int(np.argmax(z_c))

    steps = thr[(thr > -4.0) & (thr < 4.0)]
    at_step = thermoelectric_coefficients(smats, mu=steps, temperature=kt, breakpoints=thr, fill=0.0)
    s_lor, s_err = at_step.lorenz_ratio, at_step.error("lorenz_ratio")
    below = np.array([int(np.sum(signs[thr < s])) for s in steps])
    above = below + np.array([int(signs[np.argmin(np.abs(thr - s))]) for s in steps])
    lower = np.minimum(below, above)                      # the plateau N of the step N <-> N+1
    s_formula = np.array([th.step_lorenz_ratio(0.0, n) for n in lower])
    s_exact = np.interp(steps, mu, lor_th) if ctx.wrong("wf_everywhere") else None
    if s_exact is None:
        # exact staircase value at each step; the single-step formula differs by the
        # computed tails of the other steps, which is the allowance of the comparison
        L_s = [th.staircase_integrals(thr, steps, kt, n, signs=signs) for n in range(3)]
        s_exact = ((L_s[2] - (0 if ctx.wrong("kappa_short_circuit") else L_s[1] ** 2 / L_s[0]))
                   / (kt ** 2 * L_s[0]))
    else:
        s_formula = np.full_like(s_formula, th.LORENZ_NUMBER)
    s_tail = np.abs(s_exact - s_formula)
    z_s = np.abs(s_lor - s_formula) / np.hypot(s_err, s_tail)
    is_ = int(np.argmax(z_s))

    inside = coeff.conductance > 0.05                     # away from the band edges (G -> 0)
    z_curve = np.abs(lor - lor_th)[inside] / lor_err[inside]
    iw = int(np.argmax(z_curve))
    worst_mu = float(mu[inside][iw])
    comparisons = [
        zscore(float(c_lor[ic]), float(c_err[ic]), wf, theory_error=float(tail[ic]),
               label=f"Lorenz ratio at the plateau centres vs pi^2/3 (worst: mu = {centres[ic]:.3f}, "
                     "allowance: computed tails of the neighbouring steps)"),
        zscore(float(s_lor[is_]), float(s_err[is_]), float(s_formula[is_]), theory_error=float(s_tail[is_]),
               label=f"Lorenz ratio on the steps vs pi^2/3 - ln^2 2/(N+1/2)^2 (worst: N = {lower[is_]})"),
        zscore(float(lor[inside][iw]), float(lor_err[inside][iw]), float(lor_th[inside][iw]),
               label=f"kappa/GT(mu) vs exact staircase integrals, worst of {int(inside.sum())} mu "
                     f"(mu = {worst_mu:.3f})"),
    ]
    fig, _ = plot_lorenz_ratio(mu, lor, lor_th, coeff.conductance, steps=steps, step_values=s_lor,
                               temperature=kt)
    first = int(np.argmin(np.abs(steps - thr[0])))
    return ClaimResult(
        value=float(s_lor[first]), error=float(s_err[first]), theory=float(s_formula[first]),
        comparisons=comparisons, figure=fig, unit="(k_B/e)^2",
        details={"width": width, "kT": kt, "n_energies": int(energies.size), "n_mu": int(mu.size),
                 "lorenz_first_step": float(s_lor[first]),
                 "lorenz_first_step_theory": float(th.step_lorenz_ratio(0.0, 0)),
                 "lorenz_plateau_centres": c_lor.tolist(), "plateau_channels": n_open.tolist(),
                 "lorenz_steps": s_lor.tolist(), "step_plateau": lower.tolist(),
                 "max_numerical_error": float(np.nanmax(lor_err[inside])),
                 "max_unitarity_error": float(max(s.unitarity_error() for s in smats))},
        note=("Clean strip of width 6 (12 thresholds eps_k -+ 2t), T(E) from the RGF at "
              f"{ctx.pick(6, 24)} energies per plateau; the quadrature honours the thresholds. "
              "The numerical error is the interpolation estimate plus the S-matrix unitarity "
              "bound. Headline: the first step (N = 0 -> 1), where the Lorenz ratio is "
              "pi^2/3 - 4 ln^2 2 = 1.368. On plateau centres the deviation from pi^2/3 is "
              "allowed the computed exponential tails of the nearest steps (< 1e-6)."))
