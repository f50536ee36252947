"""Devices against Kwant 1.5 (+ MUMPS), rebuilt natively in Kwant from their description.

Kwant lives in the peers' environment (benchmarks/peers/kwant.sh); the device is passed to
benchmarks/peers/kwant_device.py as lattice, site positions, on-site energies, leads and flux,
and Kwant builds its own system, attaches its own leads and solves it.  Total transmissions
T_ij and the transmission eigenvalues of S_10 must agree to 1e-8.  Skipped with the reason
when the peer interpreter or Kwant is absent.
"""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from _peers import peer_python

from rmt_meso.transport import devices

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "peers" / "kwant_device.py"

CASES = {   # factory, energies; with a field and y-leads the peer uses kwant.physics.magnetic_gauge
    "qpc": (lambda: devices.qpc(flux=0.01), [-3.3, -2.7]),
    "ab_ring": (lambda: devices.ab_ring(flux=0.004), [-2.9, -2.2]),
    "tjunction_disordered": (lambda: devices.t_junction(W=1.5), [-2.5, -1.1]),
    "qh_strip_disordered": (lambda: devices.strip(12, 30, W=1.0, flux=0.05), [-3.4, -2.9]),
    "zigzag_disordered": (lambda: devices.zigzag_ribbon(6, 15, W=1.0), [0.4, 1.1]),
    "armchair_disordered": (lambda: devices.armchair_ribbon(6, 15, W=1.0), [0.45, 1.1]),
    "stadium": (lambda: devices.stadium_billiard(6, 6, flux=0.002), [-2.9, -2.3]),
    # leads along x and y in one uniform field (gauge-invariant T_ij and T_n are compared)
    "hall_bar_field_disordered": (lambda: devices.hall_bar(24, 10, 4, flux=0.03, W=0.5), [-3.3, -2.6]),
    "cross_qh_disordered": (lambda: devices.cross(10, 10, flux=0.05, W=1.0), [-3.2, -2.7]),
    "tjunction_field_disordered": (lambda: devices.t_junction(W=1.0, flux=0.02), [-2.5, -1.6]),
    "armchair_field_disordered": (lambda: devices.armchair_ribbon(6, 15, W=1.0, flux=0.01), [0.45, 1.1]),
}


def describe(dev, onsites, energies, path):
    """The .npz description of a device for benchmarks/peers/kwant_device.py."""
    tv = np.array([al.translation[:2] for al in dev.leads])
    axis = np.array([spec.axis for spec in dev.specs])
    span = []
    for al, spec in zip(dev.leads, dev.specs):
        other = 1 - spec.axis
        c = al.cell_positions[:, other]
        span.append((c.min(), c.max()))
    np.savez(path, lattice=dev.lattice.name, positions=dev.positions, onsite=np.asarray(onsites),
             energies=np.asarray(energies, float), flux=dev.flux, lead_tvec=tv, lead_axis=axis,
             lead_span=np.array(span), lead_pot=np.array([s.potential for s in dev.specs]), mode="t")


def run_kwant(dev, onsites, energies, tmp_path):
    src, dst = tmp_path / "in.npz", tmp_path / "out.npz"
    describe(dev, onsites, energies, src)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    res = subprocess.run([peer_python(), str(SCRIPT), str(src), str(dst)], capture_output=True, text=True,
                         timeout=600, env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    return np.load(dst)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_device_agrees_with_kwant(name, tmp_path):
    build, energies = CASES[name]
    peer_python()
    base = build()
    reals = [base.realisation(rng=k) for k in range(2)] if base.W > 0 else [base]
    out = run_kwant(base, [d.onsite for d in reals], energies, tmp_path)
    for k, dev in enumerate(reals):
        for j, e in enumerate(energies):
            s = dev.smatrix(e)
            assert list(s.lead_sizes) == out["n_open"][k, j].tolist(), f"{name}: open channels at E={e}"
            ours = np.array([[s.transmission(a, b) for b in range(s.n_leads)] for a in range(s.n_leads)])
            np.testing.assert_allclose(ours, out["T"][k, j], atol=1e-8, err_msg=f"{name}: T_ij at E={e}")
            tn = s.transmission_eigenvalues(1, 0)
            np.testing.assert_allclose(tn, out["tn"][k, j, :tn.size], atol=1e-8, err_msg=f"{name}: T_n at E={e}")


@pytest.mark.slow
def test_from_kwant_agrees_with_kwant():
    """from_kwant on Kwant-built systems (disordered 3-terminal junction, spinful Rashba + Zeeman strip)."""
    peer = peer_python()
    probe = subprocess.run([peer, "-c", "import threadpoolctl"], capture_output=True, text=True, timeout=120)
    if probe.returncode != 0:
        pytest.skip(f"{peer} lacks threadpoolctl, which rmt_meso needs (rerun benchmarks/peers/kwant.sh)")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    res = subprocess.run([peer, str(ROOT / "benchmarks" / "peers" / "kwant_from_kwant.py")],
                         capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    assert float(res.stdout.split()[-1]) < 1e-8


@pytest.mark.slow
def test_field_direction_is_checked_with_y_leads(tmp_path):
    """The cross in a strong field agrees with Kwant at +B and not at -B: the peer's gauge
    fixing reproduces the field's sign, so the y-lead cases above test the field, not only |B|."""
    peer_python()
    dev = devices.cross(10, 10, flux=0.05)
    e = -2.7
    out = run_kwant(dev, [dev.onsite], [e], tmp_path)
    for sign, agree in ((1, True), (-1, False)):
        s = dev.with_flux(sign * dev.flux).smatrix(e)
        ours = np.array([[s.transmission(a, b) for b in range(4)] for a in range(4)])
        assert bool(np.max(np.abs(ours - out["T"][0, 0])) < 1e-8) is agree
        assert np.allclose(ours.sum(axis=0), s.lead_sizes)       # columns: Σ_i T_ij = N_j
