"""Claim: a Büttiker voltage probe suppresses the weak-localization correction of a cavity."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from ..plot.cavity import plot_dephasing
from ..theory.cavity import voltage_probe_conductance, voltage_probe_weak_localization
from ..transport.dephasing import VoltageProbeCavity
from . import ClaimResult, claim

_N = 4
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
        "for N_φ = 0..16; headline N_φ = 8."
    ),
    references=("M. Büttiker, Phys. Rev. B 33, 3020 (1986)",
                "P. W. Brouwer and C. W. J. Beenakker, Phys. Rev. B 55, 4695 (1997)",
                "H. U. Baranger and P. A. Mello, Phys. Rev. B 51, 4703 (1995)"),
)
def run(ctx):
    n_samples = ctx.pick(quick=2000, full=50000)
    params = [{"nphi": p, "beta": b} for p in _NPHI for b in (1, 2)]
    res = ctx.sweep(_sample, params, n_samples, rng=ctx.seed_for("dephasing_cavity"))
    wl, wl_e, comps = [], [], []
    for i, p in enumerate(_NPHI):
        m1, m2 = res.mean[2 * i], res.mean[2 * i + 1]
        e1, e2 = res.stderr[2 * i], res.stderr[2 * i + 1]
        wl.append(float(m1 - m2))
        wl_e.append(float(np.hypot(e1, e2)))
        # stated allowance for the neglected O(1/N^2) terms of the expansion (coefficient 1;
        # zero at N_phi = 0 where the theory is exact)
        allowance = 0.0 if p == 0 else 1.0 / (2 * _N + p) ** 2
        comps.append(zscore(wl[-1], wl_e[-1], _theory_wl(p), theory_error=allowance, nsigma=4,
                            label=f"N_phi={p}: δg"))
    head_i = _NPHI.index(8)
    head = comps[head_i]
    comps = [head] + comps[:head_i] + comps[head_i + 1:]
    nt = np.arange(0, _NPHI[-1] + 1)
    fig, _ = plot_dephasing(np.array(_NPHI), wl, wl_e, nt, [_theory_wl(p) for p in nt],
                            voltage_probe_weak_localization(_N, _N, nt, 1), _N)
    return ClaimResult(
        head.value, head.error, head.theory, comps, figure=fig, unit="",
        details={"n_samples": n_samples, "nphi": list(_NPHI), "wl": wl, "wl_err": wl_e,
                 "wl_large_n": [float(voltage_probe_weak_localization(_N, _N, p, 1)) for p in _NPHI]},
        note=("The theory curve is the δ-method expansion of the three-terminal formula to O(1/N) "
              "(exact at N_φ = 0); its O(1/N^2) remainder is not computed, so each N_φ > 0 test "
              "carries a stated theory allowance 1/N^2 (N = n1 + n2 + N_φ) added in quadrature. "
              "The large-N law is drawn dashed. β = 2 serves as the 'magnetic field' reference."))
