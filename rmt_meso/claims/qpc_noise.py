"""Claim: shot noise of a quantum point contact — zero on the plateaus, F = 1/(4N+2) at the half-steps."""

from __future__ import annotations

import numpy as np

from ..compare import absolute
from . import ClaimResult, claim

NAME = "qpc_noise"
WIDTH, LENGTH, V0, SIGMA = 30, 60, 1.5, 12.0
STEPS = 3                                   # the steps N = 0 -> 1, 1 -> 2, 2 -> 3


def saddle_levels(width, v0, n_levels):
    """Adiabatic thresholds eps_n(centre) - 2t of the QPC (:func:`rmt_meso.theory.devices.qpc_saddle_parameters`)."""
    from ..theory.devices import qpc_saddle_parameters
    return qpc_saddle_parameters(width, v0, SIGMA, n_levels)[0]


def _measure(width, length, v0, sigma, n_steps):
    """Transmission eigenvalues at the plateau centres and at the half-steps (bisection)."""
    from ..transport.devices import qpc
    dev = qpc(width=width, length=length, v0=v0, sigma=sigma)
    thresholds = saddle_levels(width, v0, n_steps + 1)

    def tn(e):
        return np.sort(dev.smatrix(float(e)).transmission_eigenvalues(1, 0))[::-1]
    half = []
    for n in range(n_steps):
        lo, hi = thresholds[n] - 0.1 * (thresholds[n + 1] - thresholds[n]), thresholds[n] + 0.3 * (
            thresholds[n + 1] - thresholds[n])
        for _ in range(18):                                   # T_{n+1}(E) = 1/2 by bisection
            mid = 0.5 * (lo + hi)
            t = tn(mid)
            if (t[n] if t.size > n else 0.0) < 0.5:
                lo = mid
            else:
                hi = mid
        half.append((0.5 * (lo + hi), tn(0.5 * (lo + hi))))
    centres = [(0.5 * (thresholds[n] + thresholds[n + 1]), tn(0.5 * (thresholds[n] + thresholds[n + 1])))
               for n in range(n_steps)]
    sweep_e = np.linspace(thresholds[0] - 0.06, thresholds[n_steps] - 0.05, 45)
    sweep = [tn(e) for e in sweep_e]
    return half, centres, sweep_e, sweep


def _fano(t):
    t = np.asarray(t)
    return float(np.sum(t * (1 - t)) / np.sum(t))


@claim(
    name=NAME,
    title="Quantum point contact: shot noise vanishes on the plateaus, F = 1/(4N+2) at the half-steps",
    section="devices",
    statement=(
        "In an adiabatic point contact (a smooth saddle-point gate) the channels open one at a "
        "time: on a plateau every T_n is 0 or 1 and the shot noise vanishes; half-way up the "
        "step from N to N+1 channels T_{N+1} = 1/2 and F = (1/4)/(N + 1/2) = 1/(4N + 2) "
        "(1/2, 1/6, 1/10). Checked on a square-lattice QPC (strip 60 x 30, gate v0 = 1.5t, "
        "sigma = 12) to a stated precision of 1e-3."),
    references=("M. Büttiker, Phys. Rev. B 41, 7906 (1990)",
                "G. B. Lesovik, JETP Lett. 49, 592 (1989)",
                "M. Reznikov, M. Heiblum, H. Shtrikman and D. Mahalu, Phys. Rev. Lett. 75, 3340 (1995)",
                "A. Kumar, L. Saminadayar, D. C. Glattli, Y. Jin and B. Etienne, Phys. Rev. Lett. 76, 2778 (1996)"),
    wrong_worlds={
        "single_channel_quarter": "theory: F = 1/4 at every half-step (the open channels' "
                                  "noiseless current ignored)",
        "poisson_plateau": "theory: Poissonian noise F = 1/(N + 1) on the plateaus (independent electrons)",
    },
)
def run(ctx):
    from ..plot.thermo import plot_qpc_noise

    half, centres, sweep_e, sweep = ctx.memo(_measure, WIDTH, LENGTH, V0, SIGMA, STEPS)
    precision = 1e-3
    f_half = np.array([_fano(t) for _, t in half])
    t_half = np.array([t[n] for n, (_, t) in enumerate(half)])
    n = np.arange(STEPS)
    f_half_th = np.full(STEPS, 0.25) / (n + 0.5) if not ctx.wrong("single_channel_quarter") else \
        np.full(STEPS, 0.25)
    f_plateau = np.array([_fano(t) for _, t in centres])
    g_plateau = np.array([float(np.sum(t)) for _, t in centres])
    f_plateau_th = 1.0 / (n + 1) if ctx.wrong("poisson_plateau") else np.zeros(STEPS)
    comparisons = [
        absolute(float(np.max(np.abs(f_half - f_half_th))), 0.0, atol=precision,
                 label=f"max |F - 1/(4N+2)| at the half-steps N = 0..{STEPS - 1} (stated precision 1e-3)"),
        absolute(float(np.max(np.abs(f_plateau - f_plateau_th))), 0.0, atol=precision,
                 label="max |F| at the plateau centres g = 1, 2, 3"),
        absolute(float(np.max(np.abs(g_plateau - (n + 1)))), 0.0, atol=precision,
                 label="plateau conductance g = N + 1 at the plateau centres"),
    ]
    g_sweep = np.array([np.sum(t) for t in sweep])
    f_sweep = np.array([_fano(t) if np.sum(t) > 1e-3 else np.nan for t in sweep])
    fig, _ = plot_qpc_noise(sweep_e, g_sweep, f_sweep, [e for e, _ in half], f_half_th)
    return ClaimResult(
        value=float(f_half[1]), error=float("nan"), theory=float(f_half_th[1]), comparisons=comparisons,
        figure=fig, unit="",
        details={"fano_half_steps": f_half.tolist(), "T_at_half_steps": t_half.tolist(),
                 "fano_plateau_centres": f_plateau.tolist(), "g_plateau_centres": g_plateau.tolist(),
                 "half_step_energies": [float(e) for e, _ in half],
                 "adiabatic_thresholds": saddle_levels(WIDTH, V0, STEPS + 1).tolist()},
        note=("Deterministic (clean QPC from transport.devices.qpc). Half-steps located by bisection "
              "of T_{N+1}(E) = 1/2 (18 steps); plateau centres mid-way between the adiabatic "
              "thresholds eps_n(centre) - 2t. Deviations from 1/(4N+2) and from 0 are the tails of "
              "the neighbouring steps (Büttiker: exp(-2 pi dE/hbar omega_x)) and non-adiabatic "
              "scattering; the claim states the precision 1e-3 and the report records the values "
              "reached."))
