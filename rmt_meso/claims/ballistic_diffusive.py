"""Claim: ballistic -> diffusive crossover of a disordered wire, <g> = N/(1 + L/l), and Ohm's law."""

from __future__ import annotations

import numpy as np
from scipy.optimize import curve_fit

from ..compare import interval, zscore
from ..theory import anderson as tha
from ..theory import wire as tw
from .._blas import single_threaded_blas
from . import ClaimResult, claim

NAME = "ballistic_diffusive"


def _sample(rng, n, *, width, length, W, energy, flux=0.0, spin_orbit=None):
    """Conductance g per spin direction (Kramers pairs once) of ``n`` wire realisations."""
    from ..transport import Wire
    template = Wire(width, length, W=W, flux=flux, spin_orbit=spin_orbit)
    per = 2.0 if template.spinful else 1.0
    with single_threaded_blas():   # small slices: BLAS threads only synchronise
        return np.array([template.realisation(rng).conductance(energy) / per for _ in range(n)])


def born_dmpk_mfp(energy, W, width, n_channels):
    """Born estimate of the DMPK mean free path of a 2D strip of ``width`` sites.

    ``N l / L`` equals the Drude conductance ``2 pi nu D / L`` per spin, with the strip's
    density of states per unit length ``nu = width * rho(E)`` (bulk DOS per site) and the
    Born diffusion constant ``D = v_F^2 tau / 2``, so ``l = 2 pi width rho D / N``.
    """
    rho = float(tha.clean_dos(energy, 2))
    d = float(tha.diffusion_constant(energy, W, 2))
    return 2 * np.pi * width * rho * d / n_channels


def fit_mfp(lengths, g, err, n_channels, beta):
    """Weighted fit of ``<g>(L) = N/(1 + L/l) + delta g_WL(L/l)``; returns l, its error, chi2, dof.

    The error is inflated by ``sqrt(chi2/dof)`` when the fit is worse than statistics allow
    (finite-N and localization corrections the formula does not contain).
    """
    def model(L, l):
        return tw.mean_conductance(n_channels, L, l) + tw.wl_correction_length(beta, L, l)
    p, c = curve_fit(model, lengths, g, p0=[np.mean(lengths) / 3], sigma=err, absolute_sigma=True,
                     bounds=(1e-3, np.inf))
    chi2 = float(np.sum(((g - model(lengths, *p)) / err) ** 2))
    dof = max(len(lengths) - 1, 1)
    scale = max(1.0, np.sqrt(chi2 / dof))
    return float(p[0]), float(np.sqrt(c[0, 0]) * scale), chi2, dof


@claim(name=NAME, title="Ballistic to diffusive crossover and Ohm's law in a disordered wire",
       section="wires",
       statement=("The mean conductance of a disordered quasi-1D wire with N channels follows "
                  "<g> = N/(1 + L/l) + delta g_WL (series addition of the Sharvin contact "
                  "resistance 1/N and the Drude resistance L/(N l); weak-localization term of "
                  "Mello & Stone), with the mean free path l equal to the Born-approximation "
                  "value; the disorder resistance 1/<g>_Drude - 1/N grows linearly with L "
                  "(Ohm's law)."),
       references=("C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. IV",
                   "P. A. Mello and A. D. Stone, Phys. Rev. B 44, 3559 (1991)",
                   "D. S. Fisher and P. A. Lee, Phys. Rev. B 23, 6851 (1981)"))
def run(ctx):
    from ..plot.wires import plot_ballistic_diffusive
    from ..transport import Wire

    # energies mid-way between transverse subband thresholds of the strip (no channel with
    # vanishing velocity): 0.68 for M = 12 (N = 9), 0.634 for M = 24 (N = 18)
    width, W, energy = ctx.pick(12, 24), 2.0, ctx.pick(0.68, 0.634)
    lengths = np.array(ctx.pick([12, 16, 24, 32, 40, 48], [24, 32, 40, 48, 64, 80, 96]))
    n = ctx.pick(250, 800)
    params = [dict(width=width, length=int(L), W=W, energy=energy) for L in lengths]
    res = ctx.sweep(_sample, params, n, rng=ctx.seed_for(NAME))
    g, err = res.mean, res.stderr
    n_ch = Wire(width, 2).n_channels(energy)

    mfp, mfp_err, chi2, dof = fit_mfp(lengths.astype(float), g, err, n_ch, beta=1)
    l_born = born_dmpk_mfp(energy, W, width, n_ch)

    # Ohm's law: disorder resistance R_D = 1/<g>_Drude - 1/N ~ L^alpha, alpha = 1.
    # Fitted on the quasi-1D lengths L >= 2M only (L ~ M is a wide 2D sample, whose
    # spreading resistance near the contacts is not the quasi-1D 1/N).
    q1d = lengths >= 2 * width
    g_drude = g[q1d] - tw.wl_correction_length(1, lengths[q1d], mfp)
    r_d = 1.0 / g_drude - 1.0 / n_ch
    r_err = err[q1d] / g_drude**2
    x, y, sy = np.log(lengths[q1d]), np.log(r_d), r_err / r_d
    wts = 1 / sy**2
    A = np.vstack([np.ones_like(x), x]).T
    cov = np.linalg.inv(A.T @ (A * wts[:, None]))
    coef = cov @ (A.T @ (wts * y))
    chi2_ohm = float(np.sum(wts * (y - A @ coef) ** 2))
    alpha = float(coef[1])
    alpha_err = float(np.sqrt(cov[1, 1]) * max(1.0, np.sqrt(chi2_ohm / max(len(x) - 2, 1))))

    rel = mfp / l_born
    comparisons = [
        interval(rel, 0.75, 1.25, error=mfp_err / l_born, theory=1.0,
                 label="fitted l / Born l (within 25%)"),
        zscore(alpha, alpha_err, 1.0, nsigma=4, label="Ohm's law: R - 1/N ~ L^alpha (L >= 2M), alpha"),
    ]
    fig, _ = plot_ballistic_diffusive(lengths, g, err, n_channels=n_ch, mfp=mfp, mfp_born=l_born)
    return ClaimResult(
        value=mfp, error=mfp_err, theory=l_born, comparisons=comparisons, figure=fig,
        unit="lattice constants",
        details={"width": width, "W": W, "energy": energy, "n_channels": int(n_ch),
                 "lengths": lengths.tolist(), "g_mean": g.tolist(), "g_stderr": err.tolist(),
                 "mfp_fit": mfp, "mfp_fit_err": mfp_err, "mfp_born": l_born, "fit_chi2": chi2,
                 "fit_dof": dof, "ohm_alpha": alpha, "ohm_alpha_err": alpha_err,
                 "samples_per_length": n},
        note=("2D strip (Anderson model, box disorder) between clean leads. l is the DMPK mean "
              "free path (l = (pi/2) l_tr), fitted with the Mello-Stone WL term included; the "
              "Born estimate l = 2 pi M rho D / N uses the bulk DOS and diffusion constant, so "
              "agreement to within 25% (leading order in W, hard-wall strip) is the honest "
              "criterion. Lengths start at L = M: shorter samples are wide 2D samples, not "
              "quasi-1D, and Ohm's exponent is fitted on L >= 2M. Errors are inflated by "
              "sqrt(chi2/dof) when finite-N and localization "
              "corrections (L/xi up to ~0.5 at the longest L) make the fit imperfect."))
