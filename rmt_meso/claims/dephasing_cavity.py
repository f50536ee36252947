"""Claim: a Büttiker voltage probe suppresses the weak-localization correction of a cavity."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from ..plot.cavity import plot_dephasing
from ..theory.cavity import voltage_probe_conductance, voltage_probe_weak_localization
from ..transport.dephasing import VoltageProbeCavity
from . import ClaimResult, claim

_N = 4
#: probe channels N_phi of the full preset; the quick preset omits 16 (its doubled-rate world
#: would sample 40 x 40 COE matrices)
_NPHI = (0, 2, 4, 8, 16)


def _sample(rng, n, nphi, beta):
    """Effective two-terminal conductance with a voltage probe, shape (n,)."""
    return VoltageProbeCavity(_N, _N, nphi, beta).conductance(n, rng=rng)


def _theory_wl(nphi):
    return voltage_probe_conductance(_N, _N, nphi, 1) - voltage_probe_conductance(_N, _N, nphi, 2)


@claim(
    name="dephasing_cavity",
    title="Dephasing of weak localization by a voltage probe",
    section="cavities",
    statement=(
        "A Büttiker voltage probe with N_φ channels attached to a chaotic cavity (n1 = n2 = 4) "
        "dephases the electrons at the rate ħ/τ_φ = N_φΔ/2π. The effective conductance "
        "g = T21 + T2φTφ1/(Tφ1 + Tφ2) keeps its classical value n1n2/(n1 + n2) while the "
        "weak-localization correction δg = ⟨g⟩_COE − ⟨g⟩_CUE decreases as "
        "−n1n2/[(n1 + n2)(n1 + n2 + N_φ)] (Brouwer & Beenakker 1997) towards 0. Checked against "
        "the same law expanded to O(1/N) (exact means, Weingarten covariances) by z-tests at 4σ "
        "for N_φ = 0..16 (quick: 0..8); headline N_φ = 8."
    ),
    references=("M. Büttiker, Phys. Rev. B 33, 3020 (1986)",
                "P. W. Brouwer and C. W. J. Beenakker, Phys. Rev. B 55, 4695 (1997)",
                "H. U. Baranger and P. A. Mello, Phys. Rev. B 51, 4703 (1995)"),
    wrong_worlds={"dephasing_off": "the probe disconnected in the sample (N_phi = 0) while the theory "
                                   "keeps N_phi",
                  "rate_doubled": "dephasing rate doubled in the sample (2 N_phi probe channels)"},
)


def run(ctx):
    n_samples = ctx.pick(quick=2000, full=50000)
    def sampled(p):          # the probe the sample really has (perturbed in the wrong worlds)
        return 0 if ctx.wrong("dephasing_off") else 2 * p if ctx.wrong("rate_doubled") else p

    nphis = ctx.pick(_NPHI[:-1], _NPHI)
    params = [{"nphi": sampled(p), "beta": b} for p in nphis for b in (1, 2)]
    res = ctx.sweep(_sample, params, n_samples, rng=ctx.seed_for("dephasing_cavity"), memo=True)
    wl, wl_e, comps = [], [], []
    for i, p in enumerate(nphis):
        m1, m2 = res.mean[2 * i], res.mean[2 * i + 1]
        e1, e2 = res.stderr[2 * i], res.stderr[2 * i + 1]
        wl.append(float(m1 - m2))
        wl_e.append(float(np.hypot(e1, e2)))
        comps.append(zscore(wl[-1], wl_e[-1], _theory_wl(p), nsigma=4,
                            label=f"N_phi={p}: δg"))
    head_i = nphis.index(8)
    head = comps[head_i]
    comps = [head] + comps[:head_i] + comps[head_i + 1:]
    nt = np.arange(0, nphis[-1] + 1)
    fig, _ = plot_dephasing(np.array(nphis), wl, wl_e, nt, [_theory_wl(p) for p in nt],
                            voltage_probe_weak_localization(_N, _N, nt, 1), _N)
    return ClaimResult(
        head.value, head.stderr, head.theory, comps, figure=fig, unit="",
        details={"n_samples": n_samples, "nphi": list(nphis), "wl": wl, "wl_err": wl_e,
                 "wl_large_n": [float(voltage_probe_weak_localization(_N, _N, p, 1)) for p in nphis]},
        note=("The theory curve is the δ-method expansion of the three-terminal formula to O(1/N) "
              "(exact at N_φ = 0), compared without allowance: its O(1/N²) remainder is below the "
              "resolution even of 5e4 samples per point (N_φ = 2, 4, 8: deviations 1.7σ, 1.0σ, 1.0σ "
              "at σ ≈ 0.0013). The large-N law is drawn dashed. β = 2 serves as the 'magnetic "
              "field' reference. The quick preset omits N_φ = 16."))
