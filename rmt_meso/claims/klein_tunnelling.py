"""Claim: Klein tunnelling through a smooth graphene p–n junction (Cheianov & Fal'ko's angular law)."""

from __future__ import annotations

import numpy as np

from ..compare import absolute, zscore
from . import ClaimResult, claim

NAME = "klein_tunnelling"
V0 = 0.1                              # junction from +V0 to -V0 (units of t); E = 0 at its centre
ROUND = 0.2                           # the ramp's ends are rounded over ROUND * d
SIN_THETA = np.linspace(0.0, 0.5, 6)  # angles compared with the theory
SIN_PLOT = np.linspace(0.05, 0.75, 10)
PRECISION = 5e-3                      # stated: lattice corrections O((k_F a)^2) ~ 1e-3 at V0 = 0.1t


def junction_profile(x, d, rounding):
    """-f(x)/V0 of the junction: linear -x/d for |x| < d - O(rounding), tending to -+1, C-infinity.

    f(x) = (l/2d) [ln cosh((x + d)/l) - ln cosh((x - d)/l)], slope tanh(d/l)/d at x = 0.
    """
    x = np.asarray(x, float)

    def lncosh(z):
        z = np.abs(z)
        return z + np.log1p(np.exp(-2 * z)) - np.log(2.0)
    return (rounding / (2 * d)) * (lncosh((x + d) / rounding) - lncosh((x - d) / rounding))


def _transmissions(v0, kf_d, sin_theta, sharp):
    """Transmission eigenvalues (both valleys) and the unitarity bound at each angle, and d_eff."""
    from ..theory.graphene import dirac_velocity
    from ..transport.devices import honeycomb_bloch_strip
    kf = v0 / dirac_velocity()
    d = kf_d / kf
    rounding = ROUND * d
    length = int(np.ceil(2 * d + 12 * rounding)) + 20
    xc = 0.5 * length
    if sharp:
        def pot(x):
            return -v0 * np.sign(np.asarray(x) - xc - 0.25)
    else:
        def pot(x):
            return -v0 * junction_profile(np.asarray(x) - xc, d, rounding)
    out, bound = [], 0.0
    for s in sin_theta:
        sm = honeycomb_bloch_strip(length, kf * float(s), onsite=pot).smatrix(0.0)
        out.append(np.sort(sm.transmission_eigenvalues(1, 0)))
        bound = max(bound, sm.unitarity_error() * sm.matrix.shape[-1])
    return np.array(out), bound, d / np.tanh(1.0 / ROUND)


@claim(
    name=NAME,
    title="Klein tunnelling: a smooth graphene p–n junction transmits exp(-pi k_F d sin^2 theta)",
    section="graphene",
    statement=(
        "Electrons in graphene cross a smooth, symmetric p-n junction (potential falling linearly "
        "from +V to -V over 2d, Fermi level at its centre) with T(theta) = exp(-pi k_F d sin^2 theta) "
        "(Cheianov & Fal'ko): perfectly at normal incidence (Klein tunnelling) and collimated "
        "within theta ~ (k_F d)^(-1/2). Checked on the honeycomb lattice, periodic across the "
        "junction and resolved in the transverse momentum k_y = k_F sin theta "
        "(transport.devices.honeycomb_bloch_strip), V = 0.1t, k_F d = 10 (full: also 20), "
        "ramp ends rounded over d/5: T(0) = 1 to the solver's precision, and the exponent "
        "ln T/ln T_CF = 1 for sin theta <= 0.5 to a stated precision of 5e-3 (lattice corrections "
        "O((k_F a)^2))."),
    references=("V. V. Cheianov and V. I. Fal'ko, Phys. Rev. B 74, 041403(R) (2006)",
                "M. I. Katsnelson, K. S. Novoselov and A. K. Geim, Nature Phys. 2, 620 (2006)",
                "A. F. Young and P. Kim, Nature Phys. 5, 222 (2009)"),
    wrong_worlds={
        "sharp_junction": "physics: an abrupt step (d -> 0) where the theory expects the smooth junction",
        "exponent_2pi": "theory: T = exp(-2 pi k_F d sin^2 theta) (a factor 2 in the exponent)",
    },
)
def run(ctx):
    from ..plot.graphene import plot_klein_transmission
    from ..theory.graphene import dirac_velocity, klein_transmission

    sharp = ctx.wrong("sharp_junction")
    factor = 2.0 if ctx.wrong("exponent_2pi") else 1.0
    judged = ctx.pick((10.0,), (10.0, 20.0))
    shown = ctx.pick((3.0, 5.0, 10.0), (3.0, 5.0, 10.0, 20.0))
    comparisons, curves, head = [], {}, None
    theta = np.arcsin(SIN_THETA)
    for kd in shown:
        tn, bound, d_eff = ctx.memo(_transmissions, V0, kd, tuple(SIN_THETA), sharp and kd in judged)
        kd_eff = V0 / dirac_velocity() * d_eff          # k_F d_eff: the field at the junction centre
        t_valley = tn.mean(axis=1)
        theory = klein_transmission(theta, kd_eff) ** factor
        ratio = np.log(t_valley[1:]) / np.log(theory[1:])
        curves[kd] = (SIN_THETA[1:] ** 2, ratio - 1)
        if kd not in judged:
            continue
        s2 = SIN_THETA[1:] ** 2
        alpha = float(np.sum(-np.log(t_valley[1:]) * s2) / np.sum(np.pi * kd_eff * factor * s2 ** 2))
        worst = int(np.argmax(np.abs(ratio - 1)))
        comparisons += [
            absolute(alpha, 1.0, atol=PRECISION,
                     label=f"k_F d = {kd:g}: exponent -ln T/(pi k_F d sin^2 theta) fitted over sin theta "
                           f"= 0.1..0.5 (stated precision {PRECISION:g})"),
            absolute(float(ratio[worst]), 1.0, atol=PRECISION,
                     label=f"k_F d = {kd:g}: worst angle ln T/ln T_CF (sin theta = {SIN_THETA[1 + worst]:.1f})"),
            zscore(float(tn[0].min()), max(bound, 1e-15), 1.0,
                   label=f"k_F d = {kd:g}: T at normal incidence (both valleys; error = unitarity bound)"),
        ]
        if head is None:
            head = (alpha, tn)
    plot_t = ctx.memo(_transmissions, V0, judged[-1], tuple(SIN_PLOT), False)[0].mean(axis=1) \
        if ctx.world is None else None
    fig = ctx.plot(plot_klein_transmission, np.arcsin(SIN_PLOT), plot_t, judged[-1], curves)
    alpha, tn = head
    return ClaimResult(
        value=alpha, error=float("nan"), theory=1.0, comparisons=comparisons, figure=fig, unit="",
        details={"V0": V0, "kF_d_judged": list(judged), "sin_theta": SIN_THETA.tolist(),
                 "T_valleys_at_kFd_10": tn.tolist(),
                 "valley_splitting_max": float(np.max(tn[:, 1] - tn[:, 0])),
                 "exponent_ratio_minus_1": {f"{k:g}": v[1].tolist() for k, v in curves.items()}},
        note=("Deterministic. k_y-resolved honeycomb strip (periodic across the junction, both Dirac "
              "points at k_y = 0); T per valley = mean of the two transmission eigenvalues (they agree: "
              "no intervalley scattering, see details). The theory uses the field at the junction "
              "centre, F = V tanh(5)/d (ramp ends rounded over d/5 so that they do not reflect). "
              "ln T/ln T_CF - 1 for k_F d = 3, 5, 10 (20) is the convergence sequence in the figure: "
              "finite k_F d effects fall from 4e-2 at k_F d = 3 to 1e-3, the remaining ~1e-3 is the "
              "lattice correction (5e-3 at V = 0.2t); the stated precision 5e-3 covers it."))
