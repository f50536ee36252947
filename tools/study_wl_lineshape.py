"""Weak-localization line shapes of open lattice billiards (the study behind the claim
baranger_jalabert_stone; Baranger, Jalabert & Stone, PRL 70, 3876 (1993)).

Run: python -m tools.study_wl_lineshape [R0] [shapes] [energies] [kinds] [out.npz] [fields]
(defaults 16 32 40 stadium,disc,rect; kinds from stadium, sinai, disc, rect, circle; fields a
comma list of fluxes Phi = BA through each shape's own area, h/e).

Cavities without a mirror line (a reflection-symmetric cavity keeps an antiunitary symmetry in
a field: Baranger & Mello, PRB 54, R14297 (1996)) of mean area A0 = pi R0^2/4 + R0^2/2 (329
plaquettes at R0 = 16) with two ideal 5-site leads (N = 3 open channels for -2 < E < -1), on
perpendicular walls (the disc: on stubs, off its mirror lines):
  stadium: quarter stadium, cap radius R0 U(0.9, 1.1), half-length r U(0.4, 0.6) (chaotic);
  sinai:   rectangle minus a quarter disc, area A0 U(0.81, 1.21) (chaotic, dispersing);
  disc:    quarter disc (integrable, but the straight walls reverse the sense of rotation);
  rect:    rectangle, aspect U(0.6, 0.8) (separable);
  circle:  full disc (integrable: angular momentum conserved).
One sample per shape: its g averaged over the energies in -1.9..-1.1. <g>(Phi) is fitted with
the sample covariance over the shapes (Hartlap-debiased inverse) by
  Lorentzian  c - a / (1 + (Phi/Phi_c)^2)     (chaotic: exponential area law)
  cusp        c - a exp(-|Phi|/Phi_c)          (a P(A) ~ A^-2 tail: linear cusp).

Measured (R0 = 16, 32 shapes x 24 energies, CPU ~2.9 ms (Sinai) .. 4 ms per solve):
  sinai   Phi <= 1.25: a = 0.201 +- 0.012 (RMT N/(4N+2) = 0.214), Phi_c = 0.52 h/e, Lorentzian
          chi2 p = 0.14..0.3, cusp chi2 393/7.
  circle  Phi <= 1.25: a = 0.18, Phi_c = 0.24, Lorentzian p = 0.002 (1e-4 on 0..1.5), cusp
          chi2 419/7; quadratic below Phi ~ 0.1, linear flanks, a maximum near 0.5 and a dip.
  stadium Phi <= 1.5: a = 0.11..0.12 (half the RMT value), Phi_c = 0.62..0.66, Lorentzian
          p = 0.25..0.4, cusp chi2 ~170/8; beyond Phi ~ 2 the classical magnetoconductance.
  disc, rect Phi <= 1.5: a = 0.26..0.28, Phi_c = 0.74..0.80, Lorentzian p ~ 3e-5; cusp worse.
No cavity shows the semiclassical linear cusp: below Phi ~ 0.1..0.2 every line is quadratic
in B (k_F R ~ 20: the longest orbits are cut off quantum mechanically).
"""

import sys
import time

import numpy as np
from scipy import optimize, stats

from rmt_meso.transport.billiards import quarter_disc, quarter_stadium, sinai_quarter
from rmt_meso.transport.device import Device, lead
from rmt_meso.transport.lattice import disc, rectangle, square

W = 5
FIELDS = np.array([0, .1, .2, .3, .4, .5, .6, .8, 1.0, 1.25, 1.5, 2.0])


def cavity(kind, r0, rng):
    a0 = np.pi * r0 ** 2 / 4 + 0.5 * r0 ** 2
    if kind == "stadium":
        r = r0 * rng.uniform(0.9, 1.1)
        half = r * rng.uniform(0.4, 0.6)
        shape = quarter_stadium(r, 2 * half)
        area = np.pi * r ** 2 / 4 + r * half
    elif kind == "disc":
        area = a0 * rng.uniform(0.81, 1.21)
        shape = quarter_disc(np.sqrt(4 * area / np.pi))
    elif kind == "rect":
        area, asp = a0 * rng.uniform(0.81, 1.21), rng.uniform(0.6, 0.8)
        w = np.sqrt(area / asp)
        shape = rectangle(0.5, w, 0.5, asp * w)
    elif kind == "sinai":
        area = a0 * rng.uniform(0.81, 1.21)
        asp, rr = rng.uniform(0.7, 0.8), rng.uniform(0.4, 0.5)
        h = np.sqrt(area / (1 / asp - np.pi * rr ** 2 / 4))
        shape, r = sinai_quarter(h / asp, h, rr * h), rr * h
        y0, x0 = int(round(r + 0.35 * (h - r))), int(round(r + 0.3 * (h / asp - r)))
        shape = shape | rectangle(0, 0.5, y0, y0 + W - 1) | rectangle(x0, x0 + W - 1, 0, 0.5)
        return Device(square(), shape, [lead("-x", (y0, y0 + W - 1)), lead("-y", (x0, x0 + W - 1))]), area
    elif kind == "circle":
        rd = np.sqrt(a0 * rng.uniform(0.81, 1.21) / np.pi)
        # full disc centred at (c, c): leads at y0 on the left and x0 at the bottom, off the mirror
        c = np.ceil(rd) + 0.25
        y0, x0 = int(round(c - 0.55 * rd)), int(round(c + 0.1 * rd))
        xl = c - np.sqrt(rd ** 2 - (min(abs(y0 - c), abs(y0 + W - 1 - c))) ** 2)
        yl = c - np.sqrt(rd ** 2 - (min(abs(x0 - c), abs(x0 + W - 1 - c))) ** 2)
        shape = (disc(rd, (c, c)) | rectangle(0, xl + 1, y0, y0 + W - 1) | rectangle(x0, x0 + W - 1, 0, yl + 1))
        return Device(square(), shape, [lead("-x", (y0, y0 + W - 1)), lead("-y", (x0, x0 + W - 1))]), np.pi * rd ** 2
    else:
        raise ValueError(kind)
    y0, x0 = int(round(0.45 * r0)), int(round(0.55 * r0))
    shape = shape | rectangle(0, 0.5, y0, y0 + W - 1) | rectangle(x0, x0 + W - 1, 0, 0.5)
    return Device(square(), shape, [lead("-x", (y0, y0 + W - 1)), lead("-y", (x0, x0 + W - 1))]), area


def sample(kind, r0, n_shapes, energies, seed=1):
    """g (shapes, fields, energies); the field of each shape is FIELDS flux quanta through its own area."""
    rng = np.random.default_rng(seed)
    g = np.empty((n_shapes, FIELDS.size, energies.size))
    for k in range(n_shapes):
        dev, area = cavity(kind, r0, rng)
        for m, f in enumerate(FIELDS / area):
            g[k, m] = dev.with_flux(f).transmission(1, 0, energies)
    return g


def lorentz(p, x):
    return p[0] - p[1] / (1 + (x / p[2]) ** 2)


def cusp(p, x):
    return p[0] - p[1] * np.exp(-np.abs(x) / p[2])


def gls(model, x, y, icov, p0):
    """Generalised least squares: c and a are linear (solved exactly), phi_c on a grid + refined."""
    def linear(s):
        basis = np.stack([np.ones_like(x), -model((0.0, -1.0, s), x)], axis=1)   # c and a columns
        m = basis.T @ icov @ basis
        coef = np.linalg.solve(m, basis.T @ icov @ y)
        r = y - basis @ coef
        return float(r @ icov @ r), coef

    grid = np.geomspace(0.02, 50, 400)
    vals = [linear(s)[0] for s in grid]
    k = int(np.argmin(vals))
    r = optimize.minimize_scalar(lambda ls: linear(np.exp(ls))[0],
                                 bounds=(np.log(grid[max(k - 1, 0)]), np.log(grid[min(k + 1, grid.size - 1)])),
                                 method="bounded")
    s = float(np.exp(r.x))
    chi2, coef = linear(s)
    return np.array([coef[0], coef[1], s]), chi2


def analyse(g):
    n, nf, ne = g.shape
    blocks = g.mean(axis=2)          # one sample per shape (the energies of one shape are correlated)
    m = blocks.shape[0]
    y = blocks.mean(axis=0)
    cov = np.cov(blocks, rowvar=False) / m
    icov = np.linalg.inv(cov) * (m - nf - 2) / (m - 1)
    out = {}
    for name, model in (("lorentz", lorentz), ("cusp", cusp)):
        p, chi2 = gls(model, FIELDS, y, icov, (y[-1], y[-1] - y[0]))
        dof = nf - 3
        out[name] = (p, chi2, dof, stats.chi2.sf(chi2, dof))
    return y, np.sqrt(np.diag(cov)), out


def main(r0=16.0, n_shapes=32, n_e=40, kinds=("stadium", "disc", "rect"), path=None, fields=None):
    global FIELDS
    if fields is not None:
        FIELDS = np.asarray(fields, float)
    energies = np.linspace(-1.9, -1.1, n_e)
    saved = {}
    for kind in kinds:
        t = time.process_time()
        g = sample(kind, r0, n_shapes, energies)
        saved[kind] = g
        y, e, fits = analyse(g)
        print(f"{kind}: R0={r0:g}, {n_shapes} shapes x {n_e} energies, CPU {time.process_time() - t:.1f} s")
        print("  phi A0:", " ".join(f"{f:6.2f}" for f in FIELDS))
        print("  <g>-<g>(0):", " ".join(f"{v:+.4f}" for v in y - y[0]), " err", " ".join(f"{v:.4f}" for v in e))
        for name, (p, chi2, dof, pv) in fits.items():
            print(f"  {name:8s}: c={p[0]:.4f} a={p[1]:.4f} phi_c A0={p[2]:.3f}  chi2={chi2:.1f}/{dof}  p={pv:.2g}")
    if path:
        np.savez(path, fields=FIELDS, energies=energies, **saved)


if __name__ == "__main__":
    a = sys.argv[1:]
    main(float(a[0]) if a else 16.0, int(a[1]) if len(a) > 1 else 32, int(a[2]) if len(a) > 2 else 40,
         tuple(a[3].split(",")) if len(a) > 3 else ("stadium", "disc", "rect"), a[4] if len(a) > 4 else None,
         [float(v) for v in a[5].split(",")] if len(a) > 5 else None)
