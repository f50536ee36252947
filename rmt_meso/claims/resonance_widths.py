"""Claim: resonance widths of an open chaotic cavity (Moldauer–Simonius, Weisskopf, Porter–Thomas)."""

from __future__ import annotations

import numpy as np

from ..compare import ks_test, ratio_of_means, zscore
from ..plot.cavity import plot_resonance_widths
from ..theory.cavity import (mean_transmission, moldauer_simonius_width, partial_width_law, porter_thomas,
                             weisskopf_width)
from ..transport.cavity import HamiltonianCavity
from . import ClaimResult, claim

_M = 48             # levels of the Mahaux–Weidenmüller Hamiltonian
_CH = (2, 2)        # channels n1, n2
_WINDOW = 0.1       # poles with |Re z| < _WINDOW * R (band centre, DOS flat to 0.5 %)
_TS = (0.05, 0.2, 0.4, 0.6, 0.8)
_T_WEAK = 0.005


def _widths(rng, n, t, beta):
    """Per sample: (sum of widths Γ/Δ of poles in the central window, number of such poles)."""
    cav = HamiltonianCavity(_M, *_CH, beta, coupling=t)
    z = cav.sample_poles(n, rng=rng)
    inside = np.abs(z.real) < _WINDOW * cav.radius / cav.spacing
    return np.stack([np.where(inside, -2 * z.imag, 0.0).sum(axis=1), inside.sum(axis=1)], axis=1)


def _partial(rng, n, beta):
    """Weak coupling: all widths divided by their first-order mean 2π Σ w_c²/(M Δ); (n, M)."""
    cav = HamiltonianCavity(_M, *_CH, beta, coupling=_T_WEAK)
    z = cav.sample_poles(n, rng=rng)
    mean = 2 * np.pi * np.sum(cav.w**2) / (cav.M * cav.spacing)
    return -2 * z.imag / mean


def _conductance(rng, n):
    return HamiltonianCavity(_M, *_CH, 1).sample(n, rng=rng).conductance()


@claim(
    name="resonance_widths",
    title="Resonance widths of an open chaotic cavity",
    section="cavities",
    statement=(
        "In the Mahaux–Weidenmüller model (GOE Hamiltonian, M = 48 levels, 4 channels of "
        "transmission T) the poles of S are z = E − iΓ/2. Their mean width obeys the "
        "Moldauer–Simonius sum rule ⟨Γ⟩/Δ = −Σ_c ln(1 − T_c)/2π, which reduces to Weisskopf's "
        "⟨Γ⟩/Δ = Σ_c T_c/2π at weak coupling; at weak coupling the widths follow the "
        "Porter–Thomas law χ²_ν/ν with ν = β × (number of channels) as M → ∞, and at M levels "
        "its exact finite-M form, a scaled Beta(ν/2, β(M − k)/2) law (eigenvectors uniform on the sphere). "
        "At ideal coupling ⟨g⟩ = n1n2/(N − 1 + 2/β) (the circular ensemble), i.e. "
        "g/(Γ_W/Δ) = 2π n1n2/(N(N − 1 + 2/β)) with Γ_W = NΔ/2π: Thouless' g ~ Γ/Δ."
    ),
    references=("P. A. Moldauer, Phys. Rev. 157, 907 (1967); M. Simonius, Phys. Lett. B 52, 279 (1974)",
                "C. E. Porter and R. G. Thomas, Phys. Rev. 104, 483 (1956)",
                "Y. V. Fyodorov and H.-J. Sommers, J. Math. Phys. 38, 1918 (1997)",
                "D. J. Thouless, Phys. Rev. Lett. 39, 1167 (1977)"),
    wrong_worlds={"weisskopf_law": "theory: Weisskopf's <Γ>/Δ = ΣT/2π at every coupling instead of "
                                   "Moldauer–Simonius",
                  "beta_swapped": "theory: the width laws of the other symmetry class (β 1 <-> 2)"},
)
def run(ctx):
    n_w = ctx.pick(quick=120, full=3000)
    seed = ctx.seed_for("resonance_widths")
    s1, s2, s3 = seed.spawn(3)
    res = ctx.sweep(_widths, [{"t": t, "beta": 1} for t in _TS], n_w, rng=s1, memo=True)
    pt = ctx.sweep(_partial, [{"beta": 1}, {"beta": 2}], ctx.pick(quick=60, full=1000), rng=s2, memo=True)
    gres = ctx.sweep(_conductance, None, ctx.pick(quick=400, full=10000), rng=s3, memo=True)
    width_law = weisskopf_width if ctx.wrong("weisskopf_law") else moldauer_simonius_width
    law_beta = {1: 2, 2: 1} if ctx.wrong("beta_swapped") else {1: 1, 2: 2}
    nch = sum(_CH)
    comps, width, width_e = [], [], []
    for k, t in enumerate(_TS):
        est = ratio_of_means(res.samples[k][:, 0], res.samples[k][:, 1])
        width.append(est.value)
        width_e.append(est.stderr)
        comps.append(zscore(est.value, est.stderr, width_law([t] * nch), nsigma=4,
                            label=f"T={t}: <Γ>/Δ vs Moldauer–Simonius"))
    for i, beta in enumerate((1, 2)):
        y = pt.samples[i].ravel()
        # exact first-order law at M levels; Porter–Thomas is its M -> infinity limit, and
        # the full preset's ~5e4 widths resolve the O(k/M) difference
        comps.append(ks_test(y, partial_width_law(nch, law_beta[beta], _M).cdf,
                             label=f"β={beta}: widths at T={_T_WEAK} vs exact M={_M} law (Porter–Thomas ν={beta * nch} at M→∞)"))
    g = gres.samples[0]
    ratio = float(g.mean() / weisskopf_width([1.0] * nch))
    ratio_th = float(mean_transmission(*_CH, law_beta[1])) / weisskopf_width([1.0] * nch)
    comps.append(zscore(ratio, float(g.std(ddof=1) / np.sqrt(g.size)) / weisskopf_width([1.0] * nch),
                        ratio_th, nsigma=4,
                        label="g / (Γ_W/Δ) at ideal coupling vs 2π n1n2/(N(N − 1 + 2/β))"))
    head_k = _TS.index(0.6)
    head = comps[head_k]
    comps = [head] + comps[:head_k] + comps[head_k + 1:]
    tt = np.linspace(0.01, 0.85, 100)
    ms_curve = [moldauer_simonius_width([t] * nch) for t in tt]
    w_curve = [weisskopf_width([t] * nch) for t in tt]
    y = pt.samples[0].ravel()
    nu = nch
    edges = np.linspace(0, 4, 33)
    counts, _ = np.histogram(y, edges)
    width_bin = np.diff(edges)
    dens = counts / (y.size * width_bin)
    dens_e = np.sqrt(np.maximum(counts, 1)) / (y.size * width_bin)
    centers = 0.5 * (edges[1:] + edges[:-1])
    keep = counts > 0
    fig, _ = plot_resonance_widths(np.array(_TS), width, width_e, tt, ms_curve, w_curve,
                                   centers[keep], dens[keep], dens_e[keep], porter_thomas(nu).pdf, nu)
    return ClaimResult(
        head.value, head.stderr, head.theory, comps, figure=fig, unit="Δ",
        details={"M": _M, "channels": list(_CH), "T": list(_TS), "width": width, "width_err": width_e,
                 "n_samples": n_w, "g_ideal_mean": float(g.mean()),
                 "g_ideal_theory_circular": float(mean_transmission(*_CH, 1)),
                 "thouless_ratio": ratio,
                 "porter_thomas_ks_pvalue": [float(ks_test(pt.samples[i].ravel(), porter_thomas(b * nch).cdf).pvalue)
                                             for i, b in enumerate((1, 2))]},
        note=("Widths in units of the band-centre level spacing Δ = πR/2M of poles with "
              f"|Re z| < {_WINDOW} R; the mean width is the ratio of the summed widths to the number "
              "of poles in the window (compare.ratio_of_means). The Moldauer–Simonius sum rule holds "
              "for M → ∞ and is compared without allowance: the full preset (3000 cavities per T) "
              "finds the M = 48 widths 0.5-1.2 % low (1.3-2.4 standard errors), the finite-M bias, "
              "below its resolution. Weisskopf's ΣT/2π is its weak-coupling limit (wrong world at "
              "T >= 0.2). The weak-"
              "coupling widths are tested against the exact M-level law (theory.cavity."
              "partial_width_law); the figure shows its M → ∞ limit, Porter–Thomas, which the "
              "full preset's ~5e4 widths reject (KS p ~ 1e-17 at M = 48): the O(k/M) finite-size "
              "shortening of the tail is resolved. At ideal coupling ⟨Γ⟩ diverges, so Thouless' "
              "ratio uses the escape width Γ_W = NΔ/2π and the exact circular-ensemble ⟨g⟩."))

