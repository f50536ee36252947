"""Claim: universal conductance fluctuations of a disordered wire, var g = 2/(15 beta)."""

from __future__ import annotations

import math

import numpy as np

from ..compare import variance_with_error, zscore
from ..theory import wire as tw
from . import ClaimResult, claim
from ..transport.samplers import wire_conductance

NAME = "ucf_wire"


@claim(name=NAME, title="Universal conductance fluctuations of a disordered wire", section="wires",
       statement=("In a diffusive quasi-1D wire (l << L << N l) the conductance g = sum T_n "
                  "(per spin; Kramers pairs once for beta = 4) fluctuates from sample to sample "
                  "with var g = 2/(15 beta): 2/15, 1/15, 1/30 for beta = 1, 2, 4, independent "
                  "of length, width and disorder. The spin-degenerate G/(e^2/h) = 2g has "
                  "variance 8/(15 beta). A square sample has the geometry-set value "
                  "(12/(beta pi^4)) sum_{n>=1,m>=0} (n^2+m^2)^-2 = 0.1856/beta."),
       references=("P. A. Lee and A. D. Stone, Phys. Rev. Lett. 55, 1622 (1985)",
                   "B. L. Altshuler, JETP Lett. 41, 648 (1985)",
                   "P. A. Lee, A. D. Stone and H. Fukuyama, Phys. Rev. B 35, 1039 (1987)",
                   "P. A. Mello and A. D. Stone, Phys. Rev. B 44, 3559 (1991)",
                   "C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997)"),
       wrong_worlds={"no_flux": "physics: the beta = 2 wire sampled without its flux "
                                "(beta = 1) against 1/15"})
def run(ctx):
    from ..plot.wires import plot_ucf_wire
    from ..transport import Wire

    # energies mid-way between subband thresholds: spinless M = 12: 0.68, M = 24: 0.634;
    # spin-orbit M = 8: 0.33, M = 16: 0.68
    e1, e4 = ctx.pick(0.68, 0.634), ctx.pick(0.33, 0.68)
    m1, m4 = ctx.pick(12, 24), ctx.pick(8, 16)
    so = math.pi / 4
    cases = [  # (label, beta, params)
        ("beta=1", 1, dict(width=m1, length=ctx.pick(32, 48), W=2.0, energy=e1)),
        ("beta=1, longer", 1, dict(width=m1, length=ctx.pick(40, 72), W=2.0, energy=e1)),
        ("beta=2, flux 0.1 h/e", 2, dict(width=m1, length=ctx.pick(32, 64), W=2.0, flux=0.1,
                                                 energy=e1)),
        ("beta=4, spin-orbit", 4, dict(width=m4, length=ctx.pick(30, 60), W=2.0, spin_orbit=so,
                                                 energy=e4)),
        ("square, beta=1", 1, dict(width=m1, length=m1, W=3.0, energy=e1)),
    ]
    n = ctx.pick(600, 6000)
    params = [dict(p) for _, _, p in cases]
    if ctx.wrong("no_flux"):
        params[2]["flux"] = 0.0
    # one sweep per case, so that a wrong world re-samples only the case it changes
    seeds = ctx.seed_for(NAME).spawn(len(cases))
    samples = [ctx.sweep(wire_conductance, [p], n, rng=sd, memo=True).samples[0]
               for p, sd in zip(params, seeds)]

    points, comparisons, details = [], [], {"samples": n, "cases": []}
    square = None
    for (label, beta, p), g in zip(cases, samples):
        est = variance_with_error(g)
        var, err = est.value, est.stderr
        wire = Wire(p["width"], 2, flux=p.get("flux", 0.0), spin_orbit=p.get("spin_orbit"))
        n_ch = wire.n_channels(p["energy"]) // (2 if wire.spinful else 1)
        is_square = p["length"] == p["width"]
        # diffuson (Lee-Stone-Fukuyama) value for the sample's own aspect ratio L/W; it is
        # 2/(15 beta) up to a few per cent for these wires and tends to it for L >> W
        theory = tw.ucf_variance_rectangle(p["length"], p["width"], beta)
        tested = beta != 4
        if tested:
            comparisons.append(zscore(var, err, theory, nsigma=4,
                                      label=f"var g, {label}, M={p['width']}, L={p['length']}"))
        details["cases"].append({"label": label, "beta": beta, **p, "n_channels": int(n_ch),
                                 "mean_g": float(np.mean(g)), "var_g": var, "var_err": err,
                                 "theory": theory, "quasi_1d_limit": tw.ucf_variance(beta),
                                 "ratio_to_theory": var / theory, "tested": tested})
        aspect = p["length"] / p["width"]
        if is_square:
            square = {"x": aspect, "var": var, "err": err, "theory": theory}
        else:
            points.append({"beta": beta, "x": aspect, "var": var, "err": err, "label": label})
    fig = ctx.plot(plot_ucf_wire, points, square=square)
    return ClaimResult.from_comparisons(
        comparisons, figure=fig, unit="(e^2/h)^2", details=details,
        note=("Theory values are the Lee-Stone-Fukuyama diffuson sums for each sample's aspect "
              "ratio L/W (W = M sites), which equal 2/(15 beta) within 2-4% for the wires here "
              "and tend to it for L >> W (both are in details). 2D Anderson strips (box "
              "disorder W, energies between subband thresholds) between clean leads; g per spin. "
              "beta = 2 uses a strong flux (0.1 h/e per plaquette; UCF are universal, so the "
              "flux may change N and l). Each comparison is the standard error of the variance "
              "alone (sqrt((mu4 - s^4 (n-3)/(n-1))/n)), no finite-size band. The spin-orbit "
              "wire (Ando model, angle pi/4, Kramers pairs once) is shown but NOT tested: its "
              "variance stays 12-30% above the diffuson value 1/30 for N = 5-10 Kramers "
              "channels (convergence sequence M = 8, 12, 16 at L = 30: ratio 1.27(5), 1.31(7), "
              "1.12(7); M = 8 at L = 16, 30, 50: 1.45(6), 1.27(5), 1.40(5)); the excess grows "
              "towards short wires as incomplete spin relaxation over L would make it "
              "(triplet modes not yet gapped out), and again towards g < 1 (localization), "
              "without a computed correction here (see the notes of issue 12)."))
