"""Claim: resonance widths of an open chaotic cavity (Moldauer–Simonius, Weisskopf, Porter–Thomas)."""

from __future__ import annotations

import numpy as np

from ..compare import interval, ks_test, zscore
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


def _ratio(samples):
    w, c = samples[:, 0], samples[:, 1]
    r = w.sum() / c.sum()
    return float(r), float(np.sqrt(np.sum((w - r * c) ** 2)) / c.sum())


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
        "Thouless' picture "
        "g ~ Γ/Δ holds as an order of magnitude for an ideally coupled cavity."
    ),
    references=("P. A. Moldauer, Phys. Rev. 157, 907 (1967); M. Simonius, Phys. Lett. B 52, 279 (1974)",
                "C. E. Porter and R. G. Thomas, Phys. Rev. 104, 483 (1956)",
                "Y. V. Fyodorov and H.-J. Sommers, J. Math. Phys. 38, 1918 (1997)",
                "D. J. Thouless, Phys. Rev. Lett. 39, 1167 (1977)"),
)
def run(ctx):
    n_w = ctx.pick(quick=120, full=3000)
    seed = ctx.seed_for("resonance_widths")
    s1, s2, s3 = seed.spawn(3)
    res = ctx.sweep(_widths, [{"t": t, "beta": 1} for t in _TS], n_w, rng=s1)
    pt = ctx.sweep(_partial, [{"beta": 1}, {"beta": 2}], ctx.pick(quick=60, full=1000), rng=s2)
    gres = ctx.sweep(_conductance, None, ctx.pick(quick=400, full=10000), rng=s3)
    nch = sum(_CH)
    comps, width, width_e = [], [], []
    for k, t in enumerate(_TS):
        r, e = _ratio(res.samples[k])
        width.append(r)
        width_e.append(e)
        ms = moldauer_simonius_width([t] * nch)
        comps.append(zscore(r, e, ms, theory_error=ms / _M, nsigma=4,
                            label=f"T={t}: <Γ>/Δ vs Moldauer–Simonius"))
    k_w = 0  # weakest coupling: Weisskopf
    ww = weisskopf_width([_TS[k_w]] * nch)
    comps.append(zscore(width[k_w], width_e[k_w], ww,
                        theory_error=abs(moldauer_simonius_width([_TS[k_w]] * nch) - ww) + ww / _M,
                        nsigma=4, label=f"T={_TS[k_w]}: <Γ>/Δ vs Weisskopf ΣT/2π"))
    for i, beta in enumerate((1, 2)):
        y = pt.samples[i].ravel()
        # exact first-order law at M levels; Porter–Thomas is its M -> infinity limit, and
        # the full preset's ~5e4 widths resolve the O(k/M) difference
        comps.append(ks_test(y, partial_width_law(nch, beta, _M).cdf,
                             label=f"β={beta}: widths at T={_T_WEAK} vs exact M={_M} law (Porter–Thomas ν={beta * nch} at M→∞)"))
    g = gres.samples[0]
    ratio = float(g.mean() / weisskopf_width([1.0] * nch))
    comps.append(interval(ratio, 0.1, 10.0, stderr=float(g.std(ddof=1) / np.sqrt(g.size)) / weisskopf_width([1.0] * nch),
                          label="g / (Γ_W/Δ) at ideal coupling (order of magnitude)"))
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
              f"|Re z| < {_WINDOW} R. The Moldauer–Simonius sum rule holds for M → ∞; a stated "
              "finite-size allowance ⟨Γ⟩/M is added in quadrature. The Weisskopf test at T = 0.05 "
              "allows for its known O(T^2) difference from Moldauer–Simonius. g ~ Γ/Δ is an "
              "order-of-magnitude statement only (interval [0.1, 10]); for ideal coupling ⟨Γ⟩ "
              "itself diverges, so the classical escape width NΔ/2π (Weisskopf) is used. The weak-"
              "coupling widths are tested against the exact M-level law (theory.cavity."
              "partial_width_law); the figure shows its M → ∞ limit, Porter–Thomas, which the "
              "full preset's ~5e4 widths reject (KS p ~ 1e-17 at M = 48): the O(k/M) finite-size "
              "shortening of the tail is resolved."))
