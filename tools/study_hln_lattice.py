"""Study: weak-field magnetoconductance of dephased lattice cylinders vs finite-size HLN.

Disordered square-lattice cylinders (box disorder, E = -t) with distributed voltage probes
(rate 1/tau_phi, rmt_meso.transport.cylinder_probe_conductance) in a reversed field profile;
<G(B)> - <G(0)> fitted by rmt_meso.theory.strip_magnetotransmission(periodic=True,
field_profile="reversed") for L_phi, compared with sqrt(D tau_phi), D from Einstein's relation
with sigma from <G(L)> at several lengths (Ohm's law with z0).

Run: python tools/study_hln_lattice.py [n_samples] [tau_phi] [M] [L]
"""
import sys
import time

import numpy as np

from rmt_meso.theory.magnetoconductance import (fit_absorbing_strip, fit_strip_magnetotransmission,
                                                strip_magnetotransmission)
from rmt_meso.transport import cylinder_probe_conductance

n = int(sys.argv[1]) if len(sys.argv) > 1 else 32
tau = float(sys.argv[2]) if len(sys.argv) > 2 else 25.0
M = int(sys.argv[3]) if len(sys.argv) > 3 else 32
L = int(sys.argv[4]) if len(sys.argv) > 4 else 31
WD, E = 3.0, -1.0
rng = np.random.default_rng(7)
on = rng.uniform(-WD / 2, WD / 2, (n, L, M))
t0 = time.time()
lens = [L // 3 | 1, (2 * L) // 3 | 1, L]
g_len = np.stack([cylinder_probe_conductance(on[:, :k], E, tau_phi=tau, field_profile="reversed") for k in lens], 1)
print("lengths", lens, "G", g_len.mean(0), "+-", g_len.std(0) / np.sqrt(n), f"{time.time() - t0:.1f}s")
lm = np.array(lens, float) - 1.0
from rmt_meso.theory.anderson import clean_dos, diffusion_constant

# Ohm's law 1/G = (L' + 2 z0)/(M sigma): weighted line through the jackknife of the lengths
def ohm(gl):
    inv = 1.0 / gl.mean(0)
    p = np.polyfit(lm, inv, 1)
    return 1.0 / (M * p[0]), 0.5 * p[1] / p[0]

sig, z0 = ohm(g_len)
jk = np.array([ohm(np.delete(g_len, i, 0)) for i in range(n)])
sig_e = np.sqrt((n - 1) * np.var(jk[:, 0]))
nu = float(clean_dos(E, 2))
D = sig / (2 * np.pi * nu)
lphi0 = np.sqrt(D * tau)
print(f"sigma = {sig:.3f} +- {sig_e:.3f}  z0 = {z0:.2f}  D = {D:.3f} (Born {float(diffusion_constant(E, WD, 2)):.3f})  "
      f"sqrt(D tau) = {lphi0:.2f}")
bphi = 1.0 / (4 * lphi0**2)
B = bphi * np.array([0.5, 1.0, 2.0, 3.0, 4.0])
t0 = time.time()
g0 = g_len[:, -1]
gb = np.stack([cylinder_probe_conductance(on, E, flux=b / (2 * np.pi), tau_phi=tau, field_profile="reversed")
               for b in B], 1)
dg = gb - g0[:, None]
print(f"fields {time.time() - t0:.1f}s")
cov = np.cov(dg.T) / n
th = strip_magnetotransmission(B, M, L - 1, lphi0, extrapolation_length=z0, periodic=True, field_profile="reversed")
print("B/Bphi", B / bphi)
print("dG   ", dg.mean(0))
print("err  ", np.sqrt(np.diag(cov)))
print("theory", th, "ratio", dg.mean(0) / th)
for alpha in (1.0, None):
    f = fit_strip_magnetotransmission(B, dg.mean(0), covariance=cov, width=M, length=L - 1,
                                      extrapolation_length=z0, alpha=alpha, periodic=True,
                                      field_profile="reversed", l_phi_guess=lphi0)
    print(f"fit alpha={alpha}: L_phi = {f.l_phi:.2f} +- {f.l_phi_stderr:.2f}  ratio {f.l_phi / lphi0:.3f} +- "
          f"{f.l_phi_stderr / lphi0:.3f}  amp {f.alpha:.3f} +- {f.alpha_stderr:.3f}  chi2 {f.chi2:.1f}/{f.dof}")
