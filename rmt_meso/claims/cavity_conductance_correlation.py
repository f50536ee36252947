"""Claim: the conductance of a chaotic cavity decorrelates over the resonance width NΔ/2π."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from ..plot.cavity import plot_conductance_correlation
from ..theory.cavity import (conductance_correlation, correlation_energy, parametric_correlation_scale,
                             var_transmission)
from ..transport.cavity import HamiltonianCavity
from ..transport.cavity_correlations import (CorrelationCurve, conductance_fingerprints, energy_autocorrelation,
                                             fit_correlation_width, parametric_autocorrelation)
from . import ClaimResult, claim

_N1 = _N2 = 4
_M = 100
_STEP = 0.25
_E = np.arange(-8.0, 8.0 + 1e-9, _STEP)          # energy grid (units of Δ), |E| < 0.13 R
_MAXLAG = 32
_X = np.array([0.0, 0.05, 0.1, 0.15, 0.22, 0.32])  # rotation angles
_EX = np.array([-6.0, 0.0, 6.0])


#: the convergence sequence of the correlation energy: n1 = n2 = 2 with M = 50 (the same M/N)
#: on a grid scaled with Γ ∝ N
_SEQ = ((_N1, _M, 1.0), (2, 50, 0.5))


def _energy(rng, n, beta, channels=_N1, levels=_M, scale=1.0):
    """Fingerprints g(E) on the grid ``scale * _E``, shape (n, len(_E))."""
    cav = HamiltonianCavity(levels, channels, channels, beta)
    return conductance_fingerprints(cav, n, rng=rng, energy=scale * _E)[:, 0]


def _param(rng, n, beta):
    """Fingerprints g(X, E), shape (n, len(_X), len(_EX))."""
    return conductance_fingerprints(HamiltonianCavity(_M, _N1, _N2, beta), n, rng=rng, energy=_EX, x=_X)


def _s(dx):
    return 2 * np.sin(np.asarray(dx) / 2)


@claim(
    name="cavity_conductance_correlation",
    title="Conductance correlation energy of a chaotic cavity = resonance width",
    section="cavities",
    statement=(
        "The conductance g(E) of one chaotic cavity (Mahaux–Weidenmüller, M = 100, n1 = n2 = 4 ideal "
        "channels) is a random fingerprint of the energy. Its autocorrelation C(ε) = ⟨δg(E)δg(E+ε)⟩ is, "
        "for large N, the Lorentzian var g/[1 + (ε/Γ)²] with Γ = NΔ/2π = ħ/τ_dwell, the Weisskopf "
        "resonance width (Jalabert, Baranger & Stone 1990; Efetov 1995; Beenakker RMP 1997 Sec. V): "
        "the correlation energy equals the width of the resonances, and ⟨g⟩ ≈ n1n2/N = (π/2)Γ/Δ for "
        "equal leads — the Thouless relation g ~ E_c/Δ of a cavity. Along the Pandey–Mehta rotation "
        "H(X) = H1 cos X + H2 sin X the correlation is a squared Lorentzian with 1 − cos X_c = N/4M. "
        "Fitted widths (jackknife errors) at N = 4 and 8 extrapolated linearly in 1/N and compared "
        "with NΔ/2π at 4σ without allowance; headline: β = 2."
    ),
    references=("R. A. Jalabert, H. U. Baranger and A. D. Stone, Phys. Rev. Lett. 65, 2442 (1990)",
                "K. B. Efetov, Phys. Rev. Lett. 74, 2299 (1995)",
                "C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997)",
                "A. Pandey and M. L. Mehta, Commun. Math. Phys. 87, 449 (1983)"),
    wrong_worlds={"width_x2": "theory: correlation energy NΔ/π (twice the escape rate)",
                  "beta_swapped": "theory: var g of the other symmetry class (β 1 <-> 2)"},
)
def run(ctx):
    n_e = ctx.pick(quick=300, full=4000)
    n_x = ctx.pick(quick=200, full=3000)
    n = _N1 + _N2
    gam = correlation_energy(n)
    xc = parametric_correlation_scale(n, _M)
    betas = (2, 1)
    seed = ctx.seed_for("cavity_conductance_correlation")
    seed_e, seed_x = seed.spawn(2)
    eparams = [{"beta": b, "channels": c, "levels": m, "scale": sc} for c, m, sc in _SEQ for b in betas]
    res_e = ctx.sweep(_energy, eparams, n_e, rng=seed_e, memo=True)
    res_x = ctx.sweep(_param, [{"beta": b} for b in betas], n_x, rng=seed_x, memo=True)
    gam_th = 2 * gam if ctx.wrong("width_x2") else gam
    th_beta = {1: 2, 2: 1} if ctx.wrong("beta_swapped") else {1: 1, 2: 2}
    comps, curves, pcurves, fingerprints, details = [], {}, {}, {}, {"n_energy": n_e, "n_param": n_x}
    n_small = 2 * _SEQ[1][0]
    gam_small = correlation_energy(n_small)
    for i, b in enumerate(betas):
        g = np.asarray(res_e.samples[i])
        curve: CorrelationCurve = energy_autocorrelation(g, _STEP, _MAXLAG)
        fit = fit_correlation_width(curve, "lorentzian")
        # the same at N = 4 (M = 50): the convergence sequence that removes the O(1/N) term
        curve4 = energy_autocorrelation(np.asarray(res_e.samples[len(betas) + i]), _STEP * _SEQ[1][2], _MAXLAG)
        fit4 = fit_correlation_width(curve4, "lorentzian")
        r8, e8 = fit.width / gam_th, fit.width_stderr / gam_th
        r4, e4 = fit4.width / (gam_small * gam_th / gam), fit4.width_stderr / (gam_small * gam_th / gam)
        # ratio to N Δ/2π extrapolated linearly in 1/N from N = 4, 8: r_inf = 2 r_8 - r_4
        r_inf, e_inf = 2 * r8 - r4, float(np.hypot(2 * e8, e4))
        comps.append(zscore(r_inf, e_inf, 1.0, nsigma=4,
                            label=f"beta={b}: correlation energy / (NΔ/2π), N = 4, 8 extrapolated to 1/N → 0"))
        var = var_transmission(_N1, _N2, th_beta[b])
        comps.append(zscore(curve.value[0], curve.stderr[0], var, nsigma=4,
                            label=f"beta={b}: C(0) vs exact var g"))
        pc = parametric_autocorrelation(np.asarray(res_x.samples[i]), _X)
        pfit = fit_correlation_width(pc, "lorentzian2", transform=_s)
        sc = float(_s(xc))
        comps.append(zscore(pfit.width, pfit.width_stderr, sc, nsigma=4,
                            label=f"beta={b}: parametric scale 2sin(X_c/2) vs sqrt(N/2M)"))
        curves[b] = (curve.lag, curve.value, curve.stderr)
        pcurves[b] = (pc.value, pc.stderr)
        fingerprints[b] = g[0]
        details[f"beta{b}"] = {"mean_g": curve.mean, "C0": float(curve.value[0]), "C0_err": float(curve.stderr[0]),
                               "width": fit.width, "width_err": fit.width_stderr,
                               "width_N4": fit4.width, "width_N4_err": fit4.width_stderr,
                               "ratio_N8": r8, "ratio_N8_err": e8, "ratio_N4": r4, "ratio_N4_err": e4,
                               "ratio_extrapolated": r_inf, "ratio_extrapolated_err": e_inf,
                               "param_scale": pfit.width, "param_scale_err": pfit.width_stderr,
                               "thouless_ratio_g_over_width": curve.mean / fit.width}
    details.update({"theory_width": gam, "theory_width_N4": gam_small, "theory_param_scale": float(_s(xc)),
                    "X_c": xc, "M": _M, "M_N4": _SEQ[1][1], "n1": _N1, "n2": _N2})
    head = comps[0]
    xt = np.linspace(0, _X[-1], 200)
    fig, _ = plot_conductance_correlation(
        _E, fingerprints, curves, gam,
        param=(_X / xc, pcurves, xt / xc,
               conductance_correlation(0.0, _N1, _N2, 2, dx=xt, M=_M, normalized=True)))
    return ClaimResult(
        head.value, head.stderr, head.theory, comps, figure=fig, unit="", details=details,
        note=("Widths come from weighted least-squares fits of the mean correlation curve with "
              "delete-one-group jackknife errors (20 groups). The Lorentzian width NΔ/2π is the "
              "large-N result; its O(1/N) correction is not computed but removed by a convergence "
              "sequence measured in the same run: the width ratio to NΔ/2π at N = 4 (M = 50) and N = 8 "
              "(M = 100, the same M/N), extrapolated linearly in 1/N (r_∞ = 2 r_8 − r_4), is compared "
              "with 1 without allowance (details: ratio_N4, ratio_N8). The full preset (4000 cavities) "
              "measured r_4 = 1.232 ± 0.021, r_8 = 1.131 ± 0.021 for β = 1 (an O(1/N) excess, "
              "c ≈ 1: the cooperon channel) and r_4 = 1.044 ± 0.015, r_8 = 1.060 ± 0.016 for β = 2, "
              "i.e. r_∞ = 1.03 ± 0.05 and 1.08 ± 0.04. C(0) is the exact var g (finite-M bias not "
              "resolved). The Thouless relation ⟨g⟩ ≈ (π/2)Γ/Δ is reported in details."))


