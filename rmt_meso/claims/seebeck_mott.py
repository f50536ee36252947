"""Claim: the Seebeck coefficient follows Mott's formula at low temperature, with the Sommerfeld corrections."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from . import ClaimResult, claim

NAME = "seebeck_mott"
WIDTH, BARRIER = 4, 1.5
MU0 = 0.12                      # inside the 4-channel plateau (-0.382, 0.382), T'(mu0) != 0
TEMPERATURES = (0.00125, 0.0025, 0.005, 0.01)


def _transmission(spacing):
    """RGF total transmission of the barrier strip on a grid and the unitarity bound on it
    (memoised by the context: the wrong worlds change only the theory)."""
    from ..transport import Wire
    onsite = np.zeros((3, WIDTH))
    onsite[1] = BARRIER
    energies = np.arange(-0.33, 0.57, spacing) + 1.234e-5
    smats = Wire(WIDTH, 3, onsite=onsite).smatrix(energies)
    g = np.array([s.conductance() for s in smats])
    bound = max(s.unitarity_error() * (s.n_left + s.n_right) for s in smats)
    return energies, g, float(bound)


def _series(derivs, kt, upto):
    """Sommerfeld series of S = -L1/(kT L0) with derivatives up to order ``upto``."""
    from ..theory.thermoelectric import sommerfeld_integrals
    d = np.asarray(derivs[:upto + 1])
    return -sommerfeld_integrals(d, kt, 1) / (kt * sommerfeld_integrals(d, kt, 0))


@claim(
    name=NAME,
    title="Seebeck coefficient vs Mott's formula and its Sommerfeld corrections",
    section="thermodynamics",
    statement=(
        "The thermopower of a conductor with smooth transmission T(E) is, at low temperature, "
        "Mott's formula S = -(pi^2/3)(k_B/e) k_BT T'(mu)/T(mu); the first correction is "
        "relative c (k_BT)^2 with c = (7 pi^2/30) T'''/T' - (pi^2/6) T''/T (Sommerfeld). "
        "For a tunnel barrier across a clean strip (exact rational T(E)) the Seebeck "
        "coefficient from the Landauer-Sivan-Imry integrals of the RGF transmission equals "
        "Mott's value at low T and the corrected series at higher T."),
    references=("M. Cutler and N. F. Mott, Phys. Rev. 181, 1336 (1969)",
                "U. Sivan and Y. Imry, Phys. Rev. B 33, 551 (1986)",
                "N. W. Ashcroft and N. D. Mermin, Solid State Physics (1976), ch. 13"),
    wrong_worlds={
        "hole_sign": "theory: S = +(pi^2/3) kT T'/T (the sign of carriers with charge +e)",
        "mott_pi2_over_6": "theory: Mott's prefactor pi^2/6 instead of pi^2/3",
        "no_sommerfeld_correction": "theory: Mott's formula without the (k_BT)^2 corrections",
    },
)
def run(ctx):
    from ..plot.thermo import plot_seebeck_mott
    from ..theory import thermoelectric as th
    from ..theory.devices import barrier_transmission_derivatives, strip_thresholds
    from ..transport.thermoelectric import thermoelectric_coefficients

    energies, g, bound = ctx.memo(_transmission, ctx.pick(0.001, 0.00025))
    thr, _ = strip_thresholds(WIDTH)
    sign = -1.0 if ctx.wrong("hole_sign") else 1.0
    pref = 0.5 if ctx.wrong("mott_pi2_over_6") else 1.0

    derivs = barrier_transmission_derivatives(MU0, WIDTH, BARRIER, 7)
    kts = np.array(TEMPERATURES)
    s_num, s_err, s_mott, s_ser, s_ser_err = [], [], [], [], []
    for kt in kts:
        c = thermoelectric_coefficients(g, energies=energies, mu=MU0, temperature=kt, breakpoints=thr,
                                        transmission_error=bound)
        s_num.append(c.seebeck)
        s_err.append(c.error("seebeck"))
        mott = sign * pref * th.mott_seebeck(derivs[0], derivs[1], kt)
        s_mott.append(mott)
        if ctx.wrong("no_sommerfeld_correction"):
            s_ser.append(mott)
            s_ser_err.append(0.0)
        else:
            full, lower = _series(derivs, kt, 7), _series(derivs, kt, 5)
            s_ser.append(sign * pref * full)
            s_ser_err.append(abs(full - lower))        # size of the last included term
    s_num, s_err, s_mott = map(np.array, (s_num, s_err, s_mott))
    s_ser, s_ser_err = np.array(s_ser), np.array(s_ser_err)
    correction = np.abs(s_ser - s_mott)                 # computed Sommerfeld correction

    lo, hi = 0, len(kts) - 1
    comparisons = [
        zscore(s_num[lo], s_err[lo], s_mott[lo], theory_error=correction[lo],
               label=f"S at kT = {kts[lo]:g} t vs Mott (allowance: computed Sommerfeld correction "
                     f"{correction[lo]:.1e})"),
        zscore(s_num[hi], s_err[hi], s_ser[hi], theory_error=s_ser_err[hi],
               label=f"S at kT = {kts[hi]:g} t vs Mott + Sommerfeld series to (kT)^6 "
                     "(allowance: last term)"),
    ]
    # S(mu) across the plateau at one temperature, for the figure
    kt_plot = 0.005
    mu = np.linspace(-0.12, 0.33, ctx.pick(46, 181))
    cp = thermoelectric_coefficients(g, energies=energies, mu=mu, temperature=kt_plot, breakpoints=thr,
                                     transmission_error=bound)
    d_mu = barrier_transmission_derivatives(mu, WIDTH, BARRIER, 1)
    mott_mu = sign * pref * th.mott_seebeck(d_mu[0], d_mu[1], kt_plot)
    ratio = s_num / s_mott - 1
    predicted = s_ser / s_mott - 1
    fig, _ = plot_seebeck_mott(mu, cp.seebeck, mott_mu, temperatures=kts, deviations=ratio,
                               predicted=predicted)
    c_coef = (7 * np.pi ** 2 / 30) * derivs[3] / derivs[1] - (np.pi ** 2 / 6) * derivs[2] / derivs[0]
    return ClaimResult(
        value=float(s_num[lo] / s_mott[lo]), error=float(s_err[lo] / abs(s_mott[lo])), theory=1.0,
        comparisons=comparisons, figure=fig, unit="S/S_Mott",
        details={"width": WIDTH, "barrier": BARRIER, "mu": MU0, "kT": kts.tolist(),
                 "seebeck_kB_over_e": s_num.tolist(), "seebeck_error": s_err.tolist(),
                 "mott": s_mott.tolist(), "sommerfeld_series": s_ser.tolist(),
                 "relative_deviation_from_mott": ratio.tolist(),
                 "sommerfeld_coefficient_c": float(c_coef), "n_energies": int(len(energies))},
        note=("Strip of width 4 with a one-slice barrier U = 1.5t: T(E) = sum_k v_k^2/(v_k^2 + U^2) "
              "exactly, differentiated with SymPy for Mott's formula and the Sommerfeld series; the "
              "numerics are the RGF transmission on a grid (spacing "
              f"{ctx.pick(0.001, 0.00025)} t) and the Sivan-Imry quadrature, whose error is the "
              "interpolation estimate. Headline: S/S_Mott at the lowest temperature. The "
              "relative deviation from Mott grows as c (k_BT)^2 (right panel)."))
