"""Claim: the conductance quantum G0 = 2e²/h and the phase-coherence length law (exact checks)."""

from __future__ import annotations

import numpy as np
import scipy.constants as const

from ..compare import absolute, relative
from ..plot.cavity import plot_coherence_length
from ..theory.scales import (G0, RK, conductance_quantum, dephasing_time_ee_2d, phase_coherence_length)
from ..transport.smatrix import G0 as TRANSPORT_G0
from ..transport.smatrix import conductance
from ..transport.wire import Wire
from . import ClaimResult, claim

_TEMPS = np.geomspace(0.05, 10.0, 12)
_ENERGY = 0.5


@claim(
    name="conductance_quantum",
    title="Conductance quantum G0 = 2e²/h and L_φ = √(Dτ_φ) ∝ T^(−1/2)",
    section="scales",
    statement=(
        "Each open, spin-degenerate, perfectly transmitting channel contributes G0 = 2e²/h = "
        "7.748091729…×10⁻⁵ S (exact in the 2019 SI, where e and h are defined constants), so the "
        "Landauer conductance of N ballistic channels is N·G0. The phase-coherence length "
        "L_φ = √(Dτ_φ) with the 2D electron–electron dephasing time of Altshuler–Aronov–"
        "Khmelnitsky (τ_φ ∝ 1/T) scales as T^(−1/2). Deterministic checks: G0 from "
        "scipy.constants equals the exact rational value, 1/(e²/h) is the von Klitzing constant, "
        "a clean (ballistic) lattice strip conducts N_open·G0, and the log–log slope of "
        "L_φ(T) is −1/2."
    ),
    references=("R. Landauer, IBM J. Res. Dev. 1, 223 (1957); M. Büttiker, PRL 57, 1761 (1986)",
                "B. J. van Wees et al., Phys. Rev. Lett. 60, 848 (1988)",
                "B. L. Altshuler, A. G. Aronov and D. E. Khmelnitsky, J. Phys. C 15, 7367 (1982)",
                "BIPM, The International System of Units, 9th ed. (2019)"),
)
def run(ctx):
    exact = conductance_quantum(exact=True)
    head = relative(G0, float(exact), rtol=1e-15, label="G0 = 2e^2/h (S), scipy.constants vs exact SI rational")
    comps = [head,
             relative(G0, 7.748091729e-5, rtol=1e-9, label="G0 vs CODATA 2018 7.748091729e-5 S"),
             relative(RK, const.physical_constants["von Klitzing constant"][0], rtol=1e-15,
                      label="h/e^2 vs scipy von Klitzing constant (ohm)"),
             relative(TRANSPORT_G0, G0, rtol=1e-15, label="transport.smatrix.G0 vs theory.scales.G0"),
             relative(conductance([1.0, 1.0, 1.0], unit="S"), 3 * G0, rtol=1e-14,
                      label="Landauer: three T = 1 channels carry 3 G0")]
    # a clean 2D strip (ballistic): the conductance is quantised, G = N_open G0
    wire = Wire(6, 4)
    n_open = wire.n_channels(_ENERGY)
    comps.append(relative(wire.conductance(_ENERGY, unit="S", algorithm="sparse"), n_open * G0, rtol=1e-9,
                          label=f"clean 6-site strip at E = {_ENERGY} t: G = {n_open} G0"))
    d = 0.02
    tau = dephasing_time_ee_2d(_TEMPS, 20 * G0)
    l_phi = phase_coherence_length(d, tau)
    slope = float(np.polyfit(np.log(_TEMPS), np.log(l_phi), 1)[0])
    comps.append(absolute(slope, -0.5, atol=1e-12, label="d ln L_phi / d ln T (AAK, 2D)"))
    comps.append(relative(float(l_phi[0]), float(np.sqrt(d * tau[0])), rtol=1e-14, label="L_phi = sqrt(D tau_phi)"))
    fig, _ = plot_coherence_length(_TEMPS, l_phi, slope, G0)
    return ClaimResult(
        G0, float("nan"), float(exact), comps, figure=fig, unit="S",
        details={"G0_S": G0, "G0_exact": str(exact), "e2_over_h_S": G0 / 2, "RK_ohm": RK,
                 "slope": slope, "temperatures_K": _TEMPS.tolist(), "l_phi_m": l_phi.tolist()},
        note=("Deterministic identities (no sampling): relative tolerances are round-off levels. "
              "The AAK prefactor uses g = σ/G0 = 20 and D = 0.02 m²/s, typical of a GaAs 2DEG."))
