"""cylinder_probe_conductance: distributed voltage probes (D'Amato-Pastawski) on lattice cylinders."""

import numpy as np
import pytest
from _cylinder import ring as _ring

from rmt_meso.transport import Lead, cylinder_probe_conductance, cylinder_transmission
from rmt_meso.transport.dephasing import _cylinder_probe_transmissions


def _dense_terminals(onsite, energy, phases, eta, probes=None):
    """Independent route: one dense inverse of the cylinder; transmissions between the leads and
    the slice probes from T_pq = Tr[Γ_p G Γ_q G†] with Γ of each probe eta on its slice."""
    length, width = onsite.shape
    n = length * width
    h = np.zeros((n, n), complex)
    for x in range(length):
        blk = slice(x * width, (x + 1) * width)
        h[blk, blk] = _ring(width, phases[x]) + np.diag(onsite[x])
        if x + 1 < length:
            nxt = slice((x + 1) * width, (x + 2) * width)
            h[nxt, blk] = -np.eye(width)
            h[blk, nxt] = -np.eye(width)
    sl = np.zeros((n, n), complex)
    sr = np.zeros((n, n), complex)
    sl[:width, :width] = Lead(_ring(width, 0.0), -np.eye(width)).self_energy(energy, side="left")
    sr[-width:, -width:] = Lead(_ring(width, phases[-1]), -np.eye(width)).self_energy(energy, side="right")
    probes = range(length) if probes is None else probes
    coupled = np.zeros(n)
    for x in probes:
        coupled[x * width:(x + 1) * width] = 1.0
    g = np.linalg.inv(energy * np.eye(n) + 0.5j * eta * np.diag(coupled) - h - sl - sr)
    gams = [1j * (sl - sl.conj().T), 1j * (sr - sr.conj().T)]
    for x in probes:
        gp = np.zeros((n, n))
        gp[x * width:(x + 1) * width, x * width:(x + 1) * width] = eta * np.eye(width)
        gams.append(gp)
    k = len(gams)
    tm = np.array([[np.trace(gams[p] @ g @ gams[q] @ g.conj().T).real for q in range(k)] for p in range(k)])
    return tm


def _buttiker(tm):
    """Two-terminal conductance with every terminal but 0 (V=1) and 1 (V=0) floating."""
    k = tm.shape[0]
    off = tm - np.diag(np.diag(tm))
    probes = np.arange(2, k)
    a = np.diag(off[probes].sum(axis=1)) - off[np.ix_(probes, probes)]
    v = np.linalg.solve(a, off[probes, 0])
    return off[1, 0] + off[1, probes] @ v


@pytest.mark.parametrize("profile,flux", [("uniform", 1 / 24), ("reversed", 0.013), ("uniform", 0.0)])
def test_matches_dense_multiterminal(profile, flux):
    rng = np.random.default_rng(5)
    onsite = rng.uniform(-1.5, 1.5, (2, 7, 4))
    eta = 0.4
    x = np.arange(7.0)
    phases = 2 * np.pi * flux * (x if profile == "uniform" else np.minimum(x, 6 - x))
    t_rl, t_pl, t_rp, t_pr, t_pq = _cylinder_probe_transmissions(onsite, -0.8, phases, eta, 1.0)
    got = cylinder_probe_conductance(onsite, -0.8, flux=flux, tau_phi=1 / eta, field_profile=profile)
    for i, o in enumerate(onsite):
        tm = _dense_terminals(o, -0.8, phases, eta)
        np.testing.assert_allclose(t_rl[i], tm[1, 0], rtol=1e-10)
        np.testing.assert_allclose(t_pl[i], tm[2:, 0], rtol=1e-10)
        np.testing.assert_allclose(t_pr[i], tm[2:, 1], rtol=1e-10)
        np.testing.assert_allclose(t_rp[i], tm[1, 2:], rtol=1e-10)
        off = tm[2:, 2:] - np.diag(np.diag(tm[2:, 2:]))
        np.testing.assert_allclose(t_pq[i], off, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(got[i], _buttiker(tm), rtol=1e-10)
        # current conservation of the whole S (leads + probes): what arrives at a probe from the
        # other terminals equals what leaves it for them (row sum = column sum off the diagonal)
        offall = tm - np.diag(np.diag(tm))
        np.testing.assert_allclose(offall[2:].sum(axis=1), offall[:, 2:].sum(axis=0), rtol=1e-9)


def test_sparse_probes_match_dense():
    """probe_spacing=k: probes on slices k//2, k//2 + k, ... with rate k/τ_φ each."""
    rng = np.random.default_rng(6)
    onsite = rng.uniform(-1.5, 1.5, (2, 9, 4))
    tau = 5.0
    got = cylinder_probe_conductance(onsite, -0.8, flux=0.02, tau_phi=tau, field_profile="reversed",
                                     probe_spacing=3)
    phases = 2 * np.pi * 0.02 * np.minimum(np.arange(9.0), 8 - np.arange(9.0))
    for i, o in enumerate(onsite):
        tm = _dense_terminals(o, -0.8, phases, 3 / tau, probes=[1, 4, 7])
        np.testing.assert_allclose(got[i], _buttiker(tm), rtol=1e-10)


def test_weak_dephasing_is_landauer_and_onsager_symmetry():
    # E = -0.9: no transverse channel of the M = 6 ring sits at its threshold (E = -1 would
    # put k = 2π/3 exactly at the band edge of its chain, an ill-conditioned self-energy)
    rng = np.random.default_rng(7)
    onsite = rng.uniform(-1.5, 1.5, (3, 11, 6))
    flux = 2 / (6 * 10)
    np.testing.assert_allclose(cylinder_probe_conductance(onsite, -0.9, flux=flux, tau_phi=1e10),
                               cylinder_transmission(onsite, -0.9, flux=flux)[:, 0], rtol=1e-7)
    np.testing.assert_allclose(cylinder_probe_conductance(onsite, -0.9, flux=flux, tau_phi=np.inf),
                               cylinder_transmission(onsite, -0.9, flux=flux)[:, 0], rtol=1e-12)
    # floating probes conserve current: the two-terminal G is even in B sample by sample
    # (Büttiker 1986) and does not depend on which lead is the source (the mirrored sample)
    for profile, f in (("uniform", flux), ("reversed", 0.0123)):
        gp = cylinder_probe_conductance(onsite, -0.9, flux=f, tau_phi=3.0, field_profile=profile)
        gm = cylinder_probe_conductance(onsite, -0.9, flux=-f, tau_phi=3.0, field_profile=profile)
        np.testing.assert_allclose(gp, gm, rtol=1e-10)
    g = cylinder_probe_conductance(onsite, -0.9, tau_phi=3.0)
    np.testing.assert_allclose(cylinder_probe_conductance(onsite[:, ::-1], -0.9, tau_phi=3.0), g, rtol=1e-10)
    # the probe voltages fall from the source (V=1) to the drain (V=0)
    _, v = cylinder_probe_conductance(onsite, -0.9, tau_phi=3.0, return_voltages=True)
    assert np.all((v > 0) & (v < 1)) and np.all(v[:, 0] > v[:, -1])


def test_strong_dephasing_restores_ohmic_conductance():
    """Clean cylinder: without probes G is the ballistic channel count at every length; with
    probes the electrons diffuse between re-injections and 1/G grows linearly in L."""
    on = np.zeros((1, 41, 8))
    gs = np.array([cylinder_probe_conductance(on[:, :n], -1.0, tau_phi=2.0)[0] for n in (11, 21, 31, 41)])
    inv = 1 / gs
    steps = np.diff(inv)
    np.testing.assert_allclose(steps, steps.mean(), rtol=0.02)
    assert steps.mean() > 0 and gs[0] < 5.0


@pytest.mark.parametrize("kwargs,match", [
    ({"tau_phi": 0.0}, "tau_phi"), ({"flux": 0.01}, "integer"),
    ({"flux": 0.01, "field_profile": "reversd"}, "field_profile"), ({"energy": 5.0}, "energy"),
    ({"probe_spacing": 0}, "probe_spacing"),
])
def test_bad_input(kwargs, match):
    args = {"energy": -1.0, "tau_phi": 3.0, **kwargs}
    with pytest.raises(ValueError, match=match):
        cylinder_probe_conductance(np.zeros((9, 4)), args.pop("energy"), **args)
    with pytest.raises(ValueError, match="odd"):
        cylinder_probe_conductance(np.zeros((8, 4)), -1.0, tau_phi=3.0, field_profile="reversed")
