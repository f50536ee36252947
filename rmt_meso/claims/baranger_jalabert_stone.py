"""Claim: the weak-localization line shape of a chaotic cavity is a Lorentzian in B; an integrable one's is not.

Semiclassics (Baranger, Jalabert & Stone 1993, diagonal approximation): an orbit returning to the
entrance lead and its time reverse enclose the directed area A with opposite signs, so their
phase difference is 2 x 2 pi B A/(h/e) and

    dg(B) / dg(0) = int dA P(A) cos(4 pi Phi_A),   Phi_A = B A / (h/e).

* Chaotic cavity: P(A) = (alpha/2) exp(-alpha |A|) gives the Lorentzian
  dg(B)/dg(0) = 1 / [1 + (B/B_c)^2] with B_c = alpha (h/e) / (4 pi).
* Integrable cavity: P(A) has a power-law tail. A tail ~ |A|^-2, e.g. the Cauchy law
  P(A) = (alpha/pi) / (1 + (alpha A)^2), gives exp(-4 pi |B| / (alpha h/e)) = 1 - c|B| + ...,
  the linear cusp; a faster tail ~ |A|^-3 (e.g. P ~ (1 + (alpha A)^2)^(-3/2)) gives only
  1 + O(B^2 ln|B|), i.e. no linear term.
The fitted forms here are c - a/(1 + (Phi/Phi_c)^2) and c - a exp(-|Phi|/Phi_c) with Phi = B A
the flux through the cavity (h/e); a -> dg(0) is reported against the random-matrix weak-localization
correction of N = n1 = n2 ideal channels, <g>_CUE - <g>_COE = N/2 - N^2/(2N + 1) = N/(4N + 2)
(not tested: see the claim's statement).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from ..compare import fit_chi2, interval
from . import ClaimResult, claim

NAME = "baranger_jalabert_stone"
R0 = 16.0                                # area scale: A0 = pi R0^2/4 + R0^2/2 = 329 plaquettes
A0 = np.pi * R0 ** 2 / 4 + 0.5 * R0 ** 2
LEAD = 5                                 # lead width (sites): N = 3 open channels for -2 < E < -1
N_CHANNELS = 3
#: energies per shape (quick, full): -1.9..-1.1 spans ~20 correlation energies of the cavities
N_ENERGIES = {"quick": 16, "full": 24}
#: flux Phi = B A through each cavity's own area, units of h/e (below ~1.5 the cyclotron radius
#: k/(2 pi B) > 2 R0 and the classical magnetoconductance is negligible)
FIELDS = {"quick": (0.0, 0.1, 0.2, 0.4, 0.7, 1.25),
          "full": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.25)}
ALPHA = 1e-4                             # chi-square p-value threshold of the fit tests (~4 sigma)
NSIGMA = 4.0
SIGN_SIGMA = 3.0                         # one-sided significance of the dip's existence (a sign claim,
                                         # as altshuler_aronov_spivak)


def lorentzian(u):
    """Line shape of the chaotic cavity, 1/(1 + u^2)."""
    return 1.0 / (1.0 + np.asarray(u, float) ** 2)


def cusp(u):
    """Line shape with a linear cusp, exp(-|u|) = 1 - |u| + ..."""
    return np.exp(-np.abs(np.asarray(u, float)))


def sinai_cavity(rng):
    """Desymmetrised Sinai billiard (rectangle minus a quarter disc at the corner) with leads on
    the two straight walls opposite the disc; area A0 U(0.81, 1.21). Returns (Device, area)."""
    from ..transport.billiards import sinai_quarter
    from ..transport.device import Device, lead
    from ..transport.lattice import rectangle, square
    area = A0 * rng.uniform(0.81, 1.21)
    aspect, rr = rng.uniform(0.7, 0.8), rng.uniform(0.4, 0.5)
    h = np.sqrt(area / (1 / aspect - np.pi * rr ** 2 / 4))
    w, r = h / aspect, rr * h
    y0, x0 = int(round(r + 0.35 * (h - r))), int(round(r + 0.3 * (w - r)))
    shape = (sinai_quarter(w, h, r) | rectangle(0, 0.5, y0, y0 + LEAD - 1)
             | rectangle(x0, x0 + LEAD - 1, 0, 0.5))
    return Device(square(), shape, [lead("-x", (y0, y0 + LEAD - 1)), lead("-y", (x0, x0 + LEAD - 1))]), area


def circle_cavity(rng):
    """Disc (integrable: angular momentum conserved) of area A0 U(0.81, 1.21) with two leads,
    off its mirror lines, on stubs from the left and from below. Returns (Device, area)."""
    from ..transport.device import Device, lead
    from ..transport.lattice import disc, rectangle, square
    area = A0 * rng.uniform(0.81, 1.21)
    rd = np.sqrt(area / np.pi)
    c = np.ceil(rd) + 0.25
    y0, x0 = int(round(c - 0.55 * rd)), int(round(c + 0.1 * rd))
    xl = c - np.sqrt(rd ** 2 - min(abs(y0 - c), abs(y0 + LEAD - 1 - c)) ** 2)
    yl = c - np.sqrt(rd ** 2 - min(abs(x0 - c), abs(x0 + LEAD - 1 - c)) ** 2)
    shape = (disc(rd, (c, c)) | rectangle(0, xl + 1, y0, y0 + LEAD - 1)
             | rectangle(x0, x0 + LEAD - 1, 0, yl + 1))
    return Device(square(), shape, [lead("-x", (y0, y0 + LEAD - 1)), lead("-y", (x0, x0 + LEAD - 1))]), area


def line_samples(rng, n_shapes, kind, fields, n_energies=24):
    """Energy-averaged g of ``n_shapes`` cavities (shapes drawn from ``rng``) at each flux through
    the cavity's own area; ``kind`` "sinai" or "circle".

    Returns an array (n_shapes, len(fields)); row k is one shape, averaged over ``n_energies``
    energies in -1.9..-1.1 (N = 3 open channels; the
    ``fn(rng, size, **p)`` of :func:`rmt_meso.sweeps.sweep`).
    """
    make = {"sinai": sinai_cavity, "circle": circle_cavity}[kind]
    gen = np.random.default_rng(rng)
    energies = np.linspace(-1.9, -1.1, n_energies)
    out = np.empty((n_shapes, len(fields)))
    for k in range(n_shapes):
        dev, area = make(gen)
        for m, phi in enumerate(fields):
            out[k, m] = dev.with_flux(phi / area).transmission(1, 0, energies).mean()
    return out


def _fits(x, per):
    """Mean, its standard error and the Lorentzian and cusp fits (sample covariance over shapes,
    Hartlap-debiased inverse); None for the fits when g does not depend on the field."""
    from ..analysis import fit_line_shape
    m, k = per.shape
    y = per.mean(axis=0)
    cov = np.cov(per, rowvar=False) / m * (m - 1) / (m - k - 2)   # Hartlap et al. 2007: unbiased C^-1
    err = np.sqrt(np.diag(cov))
    if np.ptp(per, axis=1).max() == 0.0:
        return y, err, None, None
    return (y, err, fit_line_shape(x, y, cov, lorentzian, width_range=(0.02, 50.0)),
            fit_line_shape(x, y, cov, cusp, width_range=(0.02, 50.0)))


@claim(
    name=NAME,
    title="Baranger-Jalabert-Stone: Lorentzian weak-localization line shape of a chaotic cavity",
    section="chaos",
    statement=(
        "Semiclassically the weak-localization correction of a ballistic cavity is the Fourier "
        "transform of the distribution P(A) of directed areas of the returning orbits, "
        "dg(B) = dg(0) int dA P(A) cos(4 pi B A / (h/e)). In a chaotic cavity P(A) = (alpha/2) "
        "exp(-alpha |A|), so dg(B) = dg(0)/[1 + (B/B_c)^2], a Lorentzian with B_c = alpha (h/e)/(4 pi); "
        "in an integrable cavity P(A) has a power-law tail (a tail ~ A^-2 gives the linear cusp "
        "dg(0)(1 - c|B|)), so the line is not Lorentzian and is narrower (Baranger, Jalabert & "
        "Stone). Square-lattice cavities of equal mean area ~329 plaquettes, two ideal 5-site "
        "leads (N = 3 channels), 16 (quick) or 24 (full) energies in -1.9..-1.1 and shape ensembles "
        "(24 or 96 shapes per cavity): desymmetrised "
        "Sinai billiards (chaotic) and discs with leads off their mirror lines (integrable); "
        "g(B) fitted as c - a s(Phi/Phi_c), Phi = BA. Tests: the Sinai line is Lorentzian "
        "(chi-square p >= 1e-4, the headline; value: its width Phi_c), its linear-cusp fit is "
        "rejected (p < 1e-4), the dip g(Phi_max) - g(0) is positive (3 sigma, one-sided), the "
        "disc's line is narrower than the Sinai's (4 sigma) and, on the full preset, the disc's "
        "line is not Lorentzian (p < 1e-4). The fitted amplitude a is reported against the "
        "random-matrix weak-localization correction N/(4N + 2) = 3/14, not tested: it rests on "
        "the Lorentzian's extrapolation beyond Phi = 1.25 (the classical magnetoconductance sets "
        "in above ~2) and the full preset resolves a 5-20 % deficit."),
    references=("H. U. Baranger, R. A. Jalabert and A. D. Stone, Phys. Rev. Lett. 70, 3876 (1993)",
                "H. U. Baranger, R. A. Jalabert and A. D. Stone, Chaos 3, 665 (1993)",
                "R. A. Jalabert, H. U. Baranger and A. D. Stone, Phys. Rev. Lett. 65, 2442 (1990)",
                "H. U. Baranger and P. A. Mello, Phys. Rev. Lett. 73, 142 (1994)",
                "A. M. Chang, H. U. Baranger, L. N. Pfeiffer and K. W. West, Phys. Rev. Lett. 73, 2111 (1994)"),
    wrong_worlds={
        "cavities_swapped": "physics: the chaotic and the integrable cavity exchanged (the disc in "
                            "the Sinai billiard's place)",
        "field_not_applied": "physics: the magnetic field never applied (g measured at B = 0 at "
                             "every nominal field)",
    },
)
def run(ctx):
    from ..plot.chaos import plot_wl_line_shapes
    from ..theory.cavity import wl_correction

    n_shapes = ctx.pick(24, 96)
    n_e = N_ENERGIES[ctx.preset]
    fields = FIELDS[ctx.preset]
    x = np.asarray(fields, float)
    # shapes in chunks of 8 (parallel on an executor); the worlds reuse the samples (memo)
    res = ctx.sweep(line_samples, [{"kind": k, "fields": fields, "n_energies": n_e} for k in ("sinai", "circle")],
                    n_shapes, rng=ctx.seed_for(NAME), chunk=8, memo=True)
    chaotic, integrable = (np.asarray(v, float) for v in res.samples)
    if ctx.wrong("cavities_swapped"):
        chaotic, integrable = integrable, chaotic
    elif ctx.wrong("field_not_applied"):
        chaotic = np.repeat(chaotic[:, :1], x.size, axis=1)
        integrable = np.repeat(integrable[:, :1], x.size, axis=1)
    theory = -float(wl_correction(N_CHANNELS, N_CHANNELS, 1))       # 3/14: <g>_CUE - <g>_COE
    y_c, e_c, lor_c, cusp_c = _fits(x, chaotic)
    y_i, e_i, lor_i, cusp_i = _fits(x, integrable)
    comps = []
    details = {"fields": list(fields), "n_shapes": n_shapes, "energies": [-1.9, -1.1, n_e],
               "mean_area": float(A0), "rmt_amplitude": theory,
               "chaotic_mean_g": y_c.tolist(), "chaotic_err": e_c.tolist(),
               "integrable_mean_g": y_i.tolist(), "integrable_err": e_i.tolist()}
    # model-free dip: g(Phi_max) - g(0) paired over the shapes of the chaotic cavity
    dip = chaotic[:, -1] - chaotic[:, 0]
    d, dd = float(dip.mean()), float(dip.std(ddof=1) / np.sqrt(dip.size))
    details.update({"dip": d, "dip_err": dd})
    dip_cmp = interval(d / dd if dd > 0 else 0.0, SIGN_SIGMA, np.inf, stderr=1.0,
                       label=f"chaotic: WL dip resolved, <g(Phi={x[-1]:g}) - g(0)> / sigma >= {SIGN_SIGMA:g}")
    if lor_c is None or lor_i is None:
        # no field dependence at all: there is no line to fit
        return ClaimResult(0.0, float("nan"), float("nan"), [dip_cmp], unit="h/e", details=details,
                           note="g does not depend on the field: no line shape.")
    a, da = lor_c.amplitude, lor_c.stderr[1]
    comps.append(fit_chi2(lor_c.chi2, lor_c.dof, alpha=ALPHA,
                          label="chaotic: Lorentzian line shape, chi2 p >= 1e-4 (headline)"))
    crit = float(stats.chi2.isf(ALPHA, cusp_c.dof))
    comps.append(interval(cusp_c.chi2, crit, np.inf,
                          label=f"chaotic: linear cusp rejected, chi2 >= {crit:.1f} (p < 1e-4, dof {cusp_c.dof})"))
    comps.append(dip_cmp)
    dw = lor_c.width - lor_i.width
    dw_err = float(np.hypot(lor_c.stderr[2], lor_i.stderr[2]))
    comps.append(interval(dw, NSIGMA * dw_err, np.inf, stderr=dw_err,
                          label="integrable line narrower: Phi_c(chaotic) - Phi_c(integrable) >= 4 sigma"))
    if ctx.preset == "full":
        crit_i = float(stats.chi2.isf(ALPHA, lor_i.dof))
        comps.append(interval(lor_i.chi2, crit_i, np.inf,
                              label=f"integrable: Lorentzian rejected, chi2 >= {crit_i:.1f} (p < 1e-4)"))
    details.update({
        "chaotic_lorentzian": {"offset": lor_c.offset, "amplitude": a, "amplitude_err": da,
                               "amplitude_over_rmt": a / theory, "amplitude_sigma_vs_rmt": (a - theory) / da,
                               "width": lor_c.width, "width_err": float(lor_c.stderr[2]),
                               "chi2": lor_c.chi2, "dof": lor_c.dof, "p": lor_c.pvalue},
        "chaotic_cusp": {"amplitude": cusp_c.amplitude, "width": cusp_c.width, "chi2": cusp_c.chi2,
                         "dof": cusp_c.dof, "p": cusp_c.pvalue},
        "integrable_lorentzian": {"offset": lor_i.offset, "amplitude": lor_i.amplitude,
                                  "amplitude_err": float(lor_i.stderr[1]), "width": lor_i.width,
                                  "width_err": float(lor_i.stderr[2]), "chi2": lor_i.chi2, "dof": lor_i.dof,
                                  "p": lor_i.pvalue},
        "integrable_cusp": {"chi2": cusp_i.chi2, "dof": cusp_i.dof, "p": cusp_i.pvalue},
    })

    def paired(per):
        dg = per - per[:, :1]
        return dg.mean(axis=0), dg.std(axis=0, ddof=1) / np.sqrt(per.shape[0])

    fig = ctx.plot(plot_wl_line_shapes, x,
                   [("chaotic: desymmetrised Sinai billiards", *paired(chaotic), lor_c, cusp_c),
                    ("integrable: discs", *paired(integrable), lor_i, cusp_i)], rmt_amplitude=theory)
    return ClaimResult(
        lor_c.width, float(lor_c.stderr[2]), float("nan"), comps, figure=fig, unit="h/e", details=details,
        note=(f"Headline: the Sinai line's Lorentzian width Phi_c (no theory value: set by the classical "
              f"area distribution) with its chi-square p-value. Amplitude a = {a:.3f} +- {da:.3f} vs the RMT "
              f"N/(4N+2) = {theory:.4f} ({(a - theory) / da:+.1f} sigma; reported, not tested: two "
              "full-preset seeds gave 0.200 +- 0.011 and 0.167 +- 0.009, 5-20 % below). "
              f"{n_shapes} shapes per cavity x {n_e} energies (N = 3) at {x.size} fluxes "
              "Phi = BA through each shape's own area (Device.with_flux); one sample per shape (its "
              "energies are correlated), covariance over shapes with the Hartlap factor (chi-square "
              "p-values approximate: the statistic with an estimated covariance has a heavier tail). "
              "Quick preset, seeds 1-10: all pass, both worlds rejected (ordering >= 5.7 sigma, dip >= "
              "6.4 sigma, cusp chi2 >= 62). Chaotic: "
              f"Phi_c = {lor_c.width:.3f} +- {lor_c.stderr[2]:.3f} h/e, chi2 {lor_c.chi2:.1f}/{lor_c.dof}; "
              f"cusp chi2 {cusp_c.chi2:.0f}/{cusp_c.dof}. Integrable: Phi_c = {lor_i.width:.3f} +- "
              f"{lor_i.stderr[2]:.3f}, Lorentzian chi2 {lor_i.chi2:.1f}/{lor_i.dof} (p = {lor_i.pvalue:.1g}; "
              "tested on the full preset only: the quick statistics do not resolve it), cusp chi2 "
              f"{cusp_i.chi2:.0f}/{cusp_i.dof}. The integrable line is NOT the semiclassical linear "
              "cusp: at Phi < ~0.1 h/e both cavities are quadratic in B (presumably the quantum cut-off "
              "of the longest orbits, k_F R ~ 20); the disc's line is triangular with a rounded top, narrower "
              "than the Sinai's, and falls back beyond Phi ~ 0.5. The quarter stadium's dip is half "
              "the RMT value (a = 0.11; presumably its bouncing-ball family) though Lorentzian "
              "(tools/study_wl_lineshape.py)."))
