"""Claim: an open chaotic billiard has the conductance statistics of the circular ensemble.

A cavity whose classical dynamics is chaotic, open to two leads of N channels each, has (for a
dwell time long compared with the time of flight and with ideal leads) a scattering matrix
distributed as the circular ensemble, COE at zero field (beta = 1). The exact finite-N moments
(Baranger & Mello 1994; Jalabert, Pichard & Beenakker 1994; Savin & Sommers 2006) for
n1 = n2 = N = 2 are

    <g> = N/2 - N/(2(2N + 1)) = 4/5,   var g = 18/175,   F = <sum T(1 - T)>/<g> = 9/28

(beta = 2: 1, 1/15 and 4/15; N -> infinity: 3/4 and 1/8). Non-ideal leads (tunnel barriers, and any
direct process) enter through the average <S>: S is distributed by the Poisson kernel of <S>
(Mello, Pereyra & Seligman 1985; Brouwer 1995), sampled by transport.PoissonKernelCavity.

Lattice quarter stadia (transport.billiards.open_quarter_stadium) with two 3-site leads on the two
straight walls (N = 2 for -2 < E < -0.59); an ensemble over 16 energies in -1.83..-0.87 and over
shapes (cap radius R U(0.9, 1.1), straight half-length r U(0.4, 0.6)); the leads at rows
round(R/2).. and columns round(0.7 R).. of the nominal R = 24. One sample per shape (its energies
are correlated): <g>, var g and F with errors over shapes (delta method). Tested: ideal leads,
<g> and var g vs the exact COE. Reported on the full preset: barrier-coupled leads (one row
U = 1t in each stub, the configuration of the earlier study) vs the Poisson kernel of the billiards'
own shape-averaged <S(E)> (difference with a delete-a-group jackknife error that includes the noise
of <S>). That comparison was first written as a test; the full preset resolved the kernel's excess
of <g> (5.0 sigma) and it was made a report, not retuned.

What is universal at these sizes and what is not (tools/study_open_billiard.py, N = 2 unless stated):
* Ideal leads: <g> and var g match the exact COE values at R = 24 (k_F R ~ 40-50): seed 1, 120 shapes:
  0.805 +- 0.008, 0.102 +- 0.002; seed 2, 600 shapes: 0.8016 +- 0.0044 (+0.4 sigma), 0.1025 +- 0.0019
  (-0.2 sigma); R = 32, 160 shapes: +1.2 and -1.5 sigma; full preset (default seed, 480 shapes):
  0.7974 +- 0.0046, 0.1033 +- 0.0016. At R = 16 <g> is 0.842 +- 0.008 (+5 sigma): direct lead-to-lead
  transmission (the leads see each other; a lead subtends ~W/R of the angle). With wider leads
  (5 sites, N = 3) the deviations are larger and not monotonic in R (R = 12: +0.13; R = 20, 24:
  -0.014, -0.030 in <g>), so no 1/R extrapolation is justified and none is made.
* The Fano factor and the transmission-eigenvalue density are NOT universal at these sizes: F sits
  2-3 % below 9/28 (R = 24: 0.3142 +- 0.0015, -4.8 sigma; R = 32: 0.3112 +- 0.0016, -6.4 sigma;
  R = 16: 8 % below) and P(T) has extra weight near T = 0 and 1 (chi-square p ~ 3e-4 at 600 shapes):
  short paths (direct processes and the first bounces) are nearly deterministic, T in {0, 1}, and
  noiseless (Agam, Aleiner & Larkin 2000: the shot noise of a chaotic cavity is carried by the
  trajectories longer than the Ehrenfest time). The stadium has non-generic families that add to
  them (bouncing balls in the straight part; the cap's centre lies on a wall, so every ray through
  it is retro-reflected); the Sinai billiard of the same area has F = COE (below). Reported, not
  tested.
* Barrier U = 1t (transparency ~0.64), R = 24: the Poisson kernel of the measured <S> is close but
  its <g> is 1.5-3 % high: full preset (480 shapes) <g> 0.5040 vs 0.5195, -0.0155 +- 0.0031
  (-5.0 sigma), var g -0.0019 +- 0.0016, F -0.0027 +- 0.0034; study seed 2 (480 shapes) -0.0069 +-
  0.0033, -0.0006 +- 0.0016, -0.0057 +- 0.0028; U = 2t, 200 shapes: <g> 0.2718 vs 0.2741, F 0.507 vs
  0.517. The ideal-lead COE (<S> = 0) is off by 70-80 sigma. The same sign as the kernel's larger
  excess with ideal leads (below) and as the N = 1 billiards of the earlier study.
* Other billiards of the same area (740 plaquettes) and leads, for scale (/tmp studies, not in the
  tool): desymmetrised Sinai billiards (the shapes of baranger_jalabert_stone scaled up, 3-site
  leads): F = COE (0.3256 +- 0.0029, +1.5 sigma, 160 shapes; 0.3197 +- 0.0021, -0.8 sigma, 480
  shapes) but <g> 1-1.4 % low (0.7916 +- 0.0057, -1.5 sigma; 0.7892 +- 0.0035, -3.1 sigma); the
  stadium with a disc stopper (r = 3.5) between the leads: <g> 0.696 (13 % low: the stopper
  reflects the leads' emission). So at these sizes the agreement of a given statistic is specific
  to the billiard; deviations of 1-3 % remain somewhere. The test covers the stadium's <g> and
  var g, where four independent ensembles (R = 24, 32) agree with COE at 0.5-1 %.
* Ideal leads against the Poisson kernel of their own <S> (|<S>| ~ 0.12 per element: the direct
  processes) is NOT a description: the kernel overshoots <g> (0.835 at R = 24, -0.034 +- 0.005 on
  the full preset; 0.829 at R = 32) while reproducing var g; with the disc stopper it overshoots
  by 0.029 too (0.725 vs 0.696), in the Sinai billiards it undershoots (0.774 vs 0.789). Reported,
  not tested: the shape-averaged <S> of these billiards (short paths with fixed and with
  shape-dependent phases, no clean separation of time scales) is not the optical S the kernel
  assumes; not resolved here.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from ..compare import mean_with_error, ratio_of_means, zscore
from . import ClaimResult, claim

NAME = "open_chaotic_billiard"
LEAD_WIDTH = 3                              # sites: N = 2 open channels for -2 < E < -0.586
N_CHANNELS = 2
ENERGIES = np.linspace(-1.83, -0.87, 16)    # away from the thresholds -2 and -0.586 (and from E = -1)
RADIUS = 24.0                               # the tested size (k_F R ~ 42-46 at E = -1.35, 37-52 over the window)
#: ideal leads, sizes of the size sequence (only R = 24 is tested): radius -> shapes (quick, full)
SIZES = {16.0: (48, 240), 24.0: (80, 480), 32.0: (0, 120)}
BARRIER = 1.0                               # tunnel-barrier row (units of t) of the non-ideal leads, R = 24
BARRIER_SHAPES = (0, 480)                   # reported on the full preset only
KERNEL_DRAWS = (200, 1000)                  # Poisson-kernel draws per energy
GROUPS = 8                                  # delete-a-group jackknife of billiard - kernel
FIELD_FLUX = 2.0                            # h/e through the nominal area in the field world


def nominal_area(radius):
    """Area of the nominal quarter stadium, (pi/4 + 1/2) R^2 (straight half-length R/2)."""
    return (np.pi / 4 + 0.5) * radius ** 2


def billiard_smatrices(rng, n_shapes, radius, flux=0.0, barrier=0.0):
    """S-matrices of quarter stadia of nominal cap ``radius``, as real and imaginary parts
    (n_shapes, len(ENERGIES), 2N, 2N, 2).

    Each shape: cap r = radius U(0.9, 1.1), straight half-length r U(0.4, 0.6), ideal 3-site leads
    at rows round(radius/2).. and columns round(0.7 radius).. (transport.billiards.
    open_quarter_stadium) behind a barrier row of height ``barrier`` (0: ideal); ``flux`` per
    plaquette (h/e). The ``fn(rng, size, **p)`` of :func:`rmt_meso.sweeps.sweep`.
    """
    from ..transport.billiards import open_quarter_stadium
    gen = np.random.default_rng(rng)
    starts = (int(round(0.5 * radius)), int(round(0.7 * radius)))
    n = 2 * N_CHANNELS
    out = np.empty((n_shapes, ENERGIES.size, n, n), complex)
    for k in range(n_shapes):
        r = radius * gen.uniform(0.9, 1.1)
        half = r * gen.uniform(0.4, 0.6)
        dev = open_quarter_stadium(r, 2 * half, LEAD_WIDTH, starts, barrier=barrier)
        if flux:
            dev = dev.with_flux(flux)
        out[k] = [s.matrix for s in dev.smatrix(ENERGIES)]
    return np.stack((out.real, out.imag), axis=-1)          # real samples for the sweep's moments


def _complex(samples):
    """The S-matrices from :func:`billiard_smatrices`' (..., 2) real/imaginary layout."""
    return samples[..., 0] + 1j * samples[..., 1]


def transmission_eigenvalues(s):
    """Eigenvalues of t^dagger t, t = S[N:, :N], shape (..., N)."""
    t = s[..., N_CHANNELS:, :N_CHANNELS]
    return np.clip(np.linalg.eigvalsh(t.conj().swapaxes(-1, -2) @ t), 0.0, 1.0)


def statistics(tn):
    """<g>, var g and F of transmission eigenvalues ``tn`` (shapes, energies, N), errors over shapes.

    var g is the variance of all (shape, energy) samples, its error by the delta method over the
    shapes' means of g and g^2; F = <sum T(1 - T)> / <g> (ratio of means over shapes).
    Returns a dict of Estimate-like (value, stderr) pairs.
    """
    g = tn.sum(axis=-1)
    p = (tn * (1.0 - tn)).sum(axis=-1)
    mean = mean_with_error(g.mean(axis=1))
    m1, m2 = g.mean(axis=1), (g ** 2).mean(axis=1)
    n_all = g.size
    v = (m2.mean() - m1.mean() ** 2) * n_all / (n_all - 1)
    psi = (m2 - m2.mean()) - 2.0 * m1.mean() * (m1 - m1.mean())
    var = (float(v), float(psi.std(ddof=1) / np.sqrt(m1.size)))
    fano = ratio_of_means(p.mean(axis=1), g.mean(axis=1))
    return {"mean_g": (mean.value, mean.stderr), "var_g": var, "fano": (fano.value, fano.stderr)}


def kernel_transmissions(mean_s, u, beta):
    """Transmission eigenvalues (draws, nE, N) of the Poisson kernel of ``mean_s`` (nE, 2N, 2N) from
    circular draws ``u`` (nE, draws, 2N, 2N) of class ``beta`` (transport.PoissonKernelCavity)."""
    from ..transport.cavity import PoissonKernelCavity
    sk = [PoissonKernelCavity(0.5 * (a + a.T) if beta == 1 else a, N_CHANNELS, N_CHANNELS, beta).from_circular(uj)
          for a, uj in zip(mean_s, u)]
    return transmission_eigenvalues(np.stack(sk, axis=1))


def kernel_comparison(s, rng, draws, *, beta=1, ideal=False):
    """The billiard ``s`` (shapes, nE, 2N, 2N) against the Poisson kernel of its own <S(E)>.

    <S(E)> is the shape average at each energy; the kernel is sampled with ``draws`` circular
    matrices per energy (the same draws in every jackknife replicate). ``ideal=True`` uses <S> = 0
    (the ideal-lead circular ensemble). Returns (kernel statistics, differences billiard - kernel as
    {key: (value, stderr)}, <S>); the error of a difference is the delete-a-group jackknife over
    GROUPS groups of shapes (the noise of <S> and its covariance with the billiard's g included)
    and the kernel's Monte-Carlo error in quadrature.
    """
    from ..transport.cavity import ChaoticCavity
    n = 2 * N_CHANNELS
    u = ChaoticCavity(N_CHANNELS, N_CHANNELS, beta).sample(ENERGIES.size * draws, rng=rng).s
    u = u.reshape(ENERGIES.size, draws, n, n)

    def diff(sub):
        mean_s = np.zeros_like(sub[0]) if ideal else sub.mean(axis=0)
        k = statistics(kernel_transmissions(mean_s, u, beta))
        b = statistics(transmission_eigenvalues(sub))
        return {key: b[key][0] - k[key][0] for key in b}, k

    full, kern = diff(s)
    reps = [diff(np.delete(s, idx, axis=0))[0] for idx in np.array_split(np.arange(s.shape[0]), GROUPS)]
    out = {}
    for key, value in full.items():
        r = np.array([x[key] for x in reps])
        jk = np.sqrt((GROUPS - 1) / GROUPS * np.sum((r - r.mean()) ** 2))
        out[key] = (float(value), float(np.hypot(jk, kern[key][1])))
    return kern, out, s.mean(axis=0)


def coe_two_channel_cdf(t):
    """Exact distribution function of one transmission eigenvalue of the COE cavity with
    n1 = n2 = 2: P(T1, T2) ~ |T1 - T2| (T1 T2)^(-1/2) (Beenakker, RMP 69, 731 (1997), eq. (3.6))
    integrated over T2 gives the density 2T - (3/2) sqrt(T) + 1/(2 sqrt(T)) (mean 2/5), whose
    integral is T^2 - T^(3/2) + sqrt(T)."""
    t = np.clip(np.asarray(t, float), 0.0, 1.0)
    return t ** 2 - t ** 1.5 + np.sqrt(t)


def density_chi2(frac, edges):
    """Chi-square of the per-shape bin fractions ``frac`` (shapes, k) against the exact COE bin
    probabilities: k - 1 free bins, sample covariance over shapes with the Hartlap factor.
    Returns (chi2, dof)."""
    m, k = frac.shape
    y = frac.mean(axis=0)[:-1] - np.diff(coe_two_channel_cdf(edges))[:-1]
    cov = np.cov(frac[:, :-1], rowvar=False) / m * (m - 1) / (m - (k - 1) - 2)
    return float(y @ np.linalg.solve(cov, y)), k - 1


def circular_eigenvalues(beta, n, rng):
    """Transmission eigenvalues of ``n`` circular-ensemble cavities (N = 2 per lead), shape (n, N)."""
    from ..transport.cavity import ChaoticCavity
    return ChaoticCavity(N_CHANNELS, N_CHANNELS, beta).transmission_eigenvalues(n, rng=rng)


@claim(
    name=NAME,
    title="Open chaotic billiard: lattice stadia vs the finite-N COE and the Poisson kernel",
    section="chaos",
    statement=(
        "A chaotic cavity between two leads has, for ideal leads and a dwell time long compared "
        "with the time of flight, an S-matrix from the circular ensemble (COE at zero field), with "
        "exact finite-N moments: for N = 2 channels per lead <g> = 4/5 and var g = 18/175 "
        "(Baranger & Mello; Jalabert, Pichard & Beenakker), F = 9/28 (Savin & Sommers); with "
        "non-ideal leads S follows the Poisson kernel of its average <S> (Mello, Pereyra & Seligman; "
        "Brouwer). Lattice quarter stadia of cap radius R = 24 U(0.9, 1.1) (k_F R ~ 40-50) with two "
        "ideal 3-site leads on the straight walls, 16 energies in -1.83..-0.87, 80 (quick) or 480 "
        "(full) shapes. Tests (4 sigma): <g> (headline) and var g vs COE. Reported, not tested: the "
        "Fano factor and the transmission-eigenvalue density (2-3 % short-path deficit of F, extra "
        "weight of P(T) near 0 and 1 at these sizes), the size sequence R = 16, 24 (, 32), the Poisson "
        "kernel of the billiards' own <S> (it overshoots <g>: by ~4 % with ideal leads, the leads "
        "seeing each other, and on the full preset by 3 % (5 sigma) for leads behind a U = 1t "
        "barrier, where the ideal-lead COE is 80 sigma off)."),
    references=("H. U. Baranger and P. A. Mello, Phys. Rev. Lett. 73, 142 (1994)",
                "R. A. Jalabert, J.-L. Pichard and C. W. J. Beenakker, Europhys. Lett. 27, 255 (1994)",
                "D. V. Savin and H.-J. Sommers, Phys. Rev. B 73, 081307(R) (2006)",
                "P. A. Mello, P. Pereyra and T. H. Seligman, Ann. Phys. (N.Y.) 161, 254 (1985)",
                "P. W. Brouwer, Phys. Rev. B 51, 16878 (1995)",
                "H. U. Baranger and P. A. Mello, Europhys. Lett. 33, 465 (1996)",
                "O. Agam, I. Aleiner and A. Larkin, Phys. Rev. Lett. 85, 3153 (2000)",
                "L. A. Bunimovich, Commun. Math. Phys. 65, 295 (1979)"),
    wrong_worlds={
        "cue_theory": "theory: the unitary class (CUE, beta = 2: <g> = 1, var g = 1/15) claimed for "
                      "the billiards at zero field",
        "field_applied": "physics: the billiards sampled in a magnetic field (2 h/e through the "
                         "nominal area) judged against the beta = 1 theory",
    },
)
def run(ctx):
    from ..plot.chaos import plot_open_billiard
    from ..theory.cavity import mean_transmission, var_transmission
    from ..theory.noise import cavity_fano_factor

    col = 0 if ctx.preset == "quick" else 1
    seeds = ctx.seed_for(NAME).spawn(len(SIZES) + 5)
    s_by_size = {}
    for i, r in enumerate(SIZES):
        if SIZES[r][col] > 0:
            s_by_size[r] = _complex(ctx.sweep(billiard_smatrices, {"radius": r}, SIZES[r][col], rng=seeds[i],
                                              chunk=8, memo=True).samples[0])
    s = s_by_size[RADIUS]
    if ctx.wrong("field_applied"):
        phi = FIELD_FLUX / nominal_area(RADIUS)
        s = _complex(ctx.sweep(billiard_smatrices, {"radius": RADIUS, "flux": phi}, SIZES[RADIUS][col],
                               rng=seeds[len(SIZES)], chunk=8, memo=True).samples[0])
    beta_theory = 2 if ctx.wrong("cue_theory") else 1
    cls = {1: "COE", 2: "CUE"}[beta_theory]
    th = {"mean_g": float(mean_transmission(N_CHANNELS, N_CHANNELS, beta_theory)),
          "var_g": float(var_transmission(N_CHANNELS, N_CHANNELS, beta_theory)),
          "fano": float(cavity_fano_factor(N_CHANNELS, N_CHANNELS, beta_theory))}
    tn = transmission_eigenvalues(s)
    est = statistics(tn)
    n_shapes = s.shape[0]
    draws = KERNEL_DRAWS[col]
    comps = [
        zscore(*est["mean_g"], th["mean_g"],
               label=f"ideal leads: <g> of {n_shapes} stadia x {ENERGIES.size} energies (R = {RADIUS:g}, N = 2) "
                     f"vs {cls} {th['mean_g']:.4f} (headline)"),
        zscore(*est["var_g"], th["var_g"], label=f"ideal leads: var g vs {cls} {th['var_g']:.4f}"),
    ]
    sigma = {k: (est[k][0] - th[k]) / est[k][1] for k in est}
    # reported, not tested: the size sequence, the kernel of the ideal billiards' <S>, the density, F
    seq = {}
    for r, sr in s_by_size.items():
        e = statistics(transmission_eigenvalues(sr))
        seq[r] = {k: {"value": e[k][0], "stderr": e[k][1], "rel_dev": e[k][0] / th[k] - 1.0,
                      "rel_err": e[k][1] / th[k]} for k in e}
    kern, diff_i, mean_s = kernel_comparison(s, seeds[len(SIZES) + 3], draws, beta=beta_theory)
    edges = np.linspace(0.0, 1.0, 11)
    frac = np.stack([np.histogram(x.ravel(), edges)[0] / x.size for x in tn])       # per shape
    dens = frac.mean(axis=0) / np.diff(edges)
    dens_err = frac.std(axis=0, ddof=1) / np.sqrt(n_shapes) / np.diff(edges)
    coarse = np.linspace(0.0, 1.0, 6)
    chi2, dof = density_chi2(np.stack([np.histogram(x.ravel(), coarse)[0] / x.size for x in tn]), coarse)
    p_dens = float(stats.chi2.sf(chi2, dof))

    def pairs(d):
        return {k: {"value": v[0], "stderr": v[1]} for k, v in d.items()}

    details = {
        "radius": RADIUS, "lead_width": LEAD_WIDTH, "channels": N_CHANNELS, "shapes": n_shapes,
        "energies": [float(ENERGIES[0]), float(ENERGIES[-1]), int(ENERGIES.size)],
        "theory_beta": beta_theory, "theory": th,
        "billiard": {k: {"value": v[0], "stderr": v[1], "sigma_vs_theory": sigma[k]} for k, v in est.items()},
        "large_n_theory": {"mean_g": 0.75, "var_g": 0.125},
        "size_sequence": {f"{r:g}": v for r, v in seq.items()},
        "density_edges": edges.tolist(), "density": dens.tolist(), "density_err": dens_err.tolist(),
        "density_chi2_vs_coe": {"chi2": chi2, "dof": dof, "p": p_dens, "bins": coarse.tolist()},
        "ideal_kernel_of_measured_mean_s": {"kernel": pairs(kern), "billiard_minus_kernel": pairs(diff_i),
                                            "mean_abs_mean_s": float(np.abs(mean_s).mean())},
    }
    barrier_note = ""
    if BARRIER_SHAPES[col] > 0:
        sb = _complex(ctx.sweep(billiard_smatrices, {"radius": RADIUS, "barrier": BARRIER}, BARRIER_SHAPES[col],
                                rng=seeds[len(SIZES) + 1], chunk=8, memo=True).samples[0])
        kern_b, diff_b, mean_sb = kernel_comparison(sb, seeds[len(SIZES) + 2], draws, beta=beta_theory)
        est_b = statistics(transmission_eigenvalues(sb))
        transparency = float(np.mean(1.0 - np.abs(np.einsum("eii->ei", mean_sb)) ** 2))
        details["barrier"] = {"height": BARRIER, "shapes": sb.shape[0], "billiard": pairs(est_b),
                              "kernel": pairs(kern_b), "billiard_minus_kernel": pairs(diff_b),
                              "mean_abs_mean_s": float(np.abs(mean_sb).mean()), "transparency": transparency}
        barrier_note = (
            f"Leads behind a barrier U = {BARRIER:g}t ({sb.shape[0]} shapes, transparency 1 - |<S_aa>|^2 ~ "
            f"{transparency:.2f}; reported, not tested): <g>, var g, F = {est_b['mean_g'][0]:.4f}, "
            f"{est_b['var_g'][0]:.4f}, {est_b['fano'][0]:.4f} vs the Poisson kernel of their <S> "
            f"{kern_b['mean_g'][0]:.4f}, {kern_b['var_g'][0]:.4f}, {kern_b['fano'][0]:.4f} (billiard - kernel "
            + ", ".join(f"{v[0]:+.4f} +- {v[1]:.4f}" for v in diff_b.values())
            + f"; the ideal-lead COE {th['mean_g']:.2f} is far off). ")
    fig = None
    if ctx.world is None:
        gen = np.random.default_rng(seeds[len(SIZES) + 4])
        fig = ctx.plot(plot_open_billiard, edges, dens, dens_err,
                       {1: circular_eigenvalues(1, 100000, gen), 2: circular_eigenvalues(2, 100000, gen)},
                       {r: v for r, v in seq.items()}, radius=RADIUS)
    f, df = est["fano"]
    return ClaimResult(
        est["mean_g"][0], est["mean_g"][1], th["mean_g"], comps, figure=fig, unit="e^2/h", details=details,
        note=(f"Ideal leads: <g> = {est['mean_g'][0]:.4f} +- {est['mean_g'][1]:.4f} ({sigma['mean_g']:+.1f} sigma), "
              f"var g = {est['var_g'][0]:.4f} +- {est['var_g'][1]:.4f} ({sigma['var_g']:+.1f} sigma) vs the exact "
              f"N = 2 values (the N -> infinity values 3/4, 1/8 are "
              f"{(est['mean_g'][0] - 0.75) / est['mean_g'][1]:+.1f} and "
              f"{(est['var_g'][0] - 0.125) / est['var_g'][1]:+.1f} sigma away). " + barrier_note
              + f"Not tested (non-universal at these sizes): F = {f:.4f} +- {df:.4f} vs {th['fano']:.4f} "
              f"({sigma['fano']:+.1f} sigma; short paths are nearly noiseless, Agam-Aleiner-Larkin); P(T) vs the "
              "exact COE density 2T - 1.5 sqrt(T) + "
              f"1/(2 sqrt(T)): chi2 {chi2:.1f}/{dof} (p = {p_dens:.1g}; 5 bins, covariance over shapes), "
              "the billiards have extra weight near T = 0 and 1. "
              "Size sequence (relative deviation of <g>, var g, F): "
              + "; ".join(f"R = {r:g}: " + ", ".join(f"{v[k]['rel_dev']:+.3f}+-{v[k]['rel_err']:.3f}"
                                                   for k in ("mean_g", "var_g", "fano")) for r, v in seq.items())
              + f". Ideal leads against the Poisson kernel of their own <S> (|<S>| ~ {np.abs(mean_s).mean():.2f} "
              f"per element, direct processes): <g> - kernel = {diff_i['mean_g'][0]:+.4f} +- "
              f"{diff_i['mean_g'][1]:.4f} (the kernel overshoots; in desymmetrised Sinai billiards of the same "
              "area it undershoots, and there F = COE but <g> is 1-1.4 % low: at this size which statistic "
              "deviates by 1-3 % depends on the billiard; see the module docstring). One sample per shape; "
              "errors over shapes."))
