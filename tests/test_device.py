"""Devices of any shape, lattice and number of leads (rmt_meso.transport.device).

Checks every kind of device of issue 15 against exact identities: unitarity, reciprocity
S(B) = S(-B)^T (element by element, in the mode basis where the incoming modes at -B are the
conjugated outgoing modes at +B), Onsager G_ij(B) = G_ji(-B), current conservation, clean-strip
quantization, quantum-Hall resistances, agreement of the recursion with SuperLU and of the
square-lattice strip with the independent Wire path; plus errors for bad input.
"""

import numpy as np
import pytest

from rmt_meso.transport import (Device, System, Wire, annulus, honeycomb, lead, rectangle, square, stadium)
from rmt_meso.transport.lattice import Lattice, cubic, box, disc

TOL = 1e-10


def _qpc(flux=0.0):
    # smooth saddle-point constriction (Büttiker, PRB 41, 7906 (1990)) in a 40 x 20 strip
    def gate(x, y):
        return 1.2 * np.exp(-((x - 20) / 6.0) ** 2) * (((y - 9.5) / 5.0) ** 2)
    return Device(square(), rectangle(0, 39, 0, 19), [lead("-x"), lead("+x")], onsite=gate, flux=flux)


def _ring(flux=0.0):
    shape = annulus(6, 12) | rectangle(-20, -9, -2, 2) | rectangle(9, 20, -2, 2)
    return Device(square(), shape, [lead("-x"), lead("+x")], flux=flux)


def _tjunction(flux=0.0):
    shape = rectangle(0, 30, 0, 9) | rectangle(10, 19, 0, 25)
    return Device(square(), shape, [lead("-x", (0, 9)), lead("+x", (0, 9)), lead("+y", (10, 19))],
                  W=1.5, flux=flux).realisation(rng=1)


def _hall(flux=0.05, W=0.0):
    leads = [lead("-x"), lead("+y", (10, 19)), lead("+y", (40, 49)), lead("+x"),
             lead("-y", (40, 49)), lead("-y", (10, 19))]
    return Device(square(), rectangle(0, 59, 0, 19), leads, flux=flux, W=W)


def _zigzag(flux=0.0, W=1.0):
    # y in [0.3, 8.3]: both edges zigzag (two neighbours per edge atom)
    return Device(honeycomb(), rectangle(0, 20, 0.3, 8.3), [lead("-x"), lead("+x")], W=W,
                  flux=flux).realisation(rng=2)


def _armchair(flux=0.0, W=1.0):
    return Device(honeycomb(), rectangle(0, 8, 0, 20), [lead("-y"), lead("+y")], W=W,
                  flux=flux).realisation(rng=3)


def _stadium(flux=0.0):
    shape = stadium(8, 10) | rectangle(-20, -10, -2, 2) | rectangle(10, 20, -2, 2)
    return Device(square(), shape, [lead("-x", (-2, 2)), lead("+x", (-2, 2))], flux=flux)


def _cross(flux=0.0):
    from rmt_meso.transport import devices
    return devices.cross(10, 10, flux=flux, W=1.0)


DEVICES = {  # builder, energy, field
    "qpc": (_qpc, -3.3, 0.01),
    "ab_ring": (_ring, -2.9, 0.004),
    "tjunction_disordered": (_tjunction, -2.5, 0.02),
    "hall_strip_disordered": (lambda flux: _hall(flux, W=1.0).realisation(rng=4), -2.9, 0.05),
    "graphene_zigzag": (_zigzag, 0.4, 0.01),
    "graphene_armchair": (_armchair, 0.4, 0.01),
    "stadium": (_stadium, -2.9, 0.002),
    "cross_disordered": (lambda flux: _cross(flux).realisation(rng=5), -2.9, 0.05),
}


@pytest.fixture(scope="module", params=sorted(DEVICES))
def device_case(request):
    build, energy, field = DEVICES[request.param]
    plus, minus, zero = build(field), build(-field), build(0.0)
    return request.param, energy, plus, minus, zero


def test_unitarity_conservation_and_solvers_agree(device_case):
    name, e, plus, _, zero = device_case
    for dev in (plus, zero):
        s = dev.smatrix(e)
        assert s.unitarity_error() <= TOL, name
        g = s.conductance_matrix()
        np.testing.assert_allclose(g.sum(axis=1), 0, atol=1e-10, err_msg=f"{name}: sum_j G_ij != 0")
        np.testing.assert_allclose(g.sum(axis=0), 0, atol=1e-10, err_msg=f"{name}: sum_i G_ij != 0")
        s2 = dev.smatrix(e, algorithm="sparse" if dev._choose("auto") == "rgf" else "rgf")
        np.testing.assert_allclose(s2.conductance_matrix(), g, atol=1e-9,
                                   err_msg=f"{name}: recursion and SuperLU disagree")


def test_reciprocity_and_onsager(device_case):
    name, e, plus, minus, zero = device_case
    s0 = zero.smatrix(e)
    np.testing.assert_allclose(s0.matrix, s0.matrix.T, atol=1e-10, err_msg=f"{name}: S != S^T at B = 0")
    sp_, sm = plus.smatrix(e), minus.smatrix(e)
    assert sp_.lead_sizes == sm.lead_sizes
    gp, gm = sp_.conductance_matrix(), sm.conductance_matrix()
    np.testing.assert_allclose(gp, gm.T, atol=1e-10, err_msg=f"{name}: Onsager G_ij(B) != G_ji(-B)")
    if sp_.n_leads > 2:
        assert np.max(np.abs(gp - gp.T)) > 1e-6, f"{name}: the field should break G = G^T"
    for i in range(sp_.n_leads):
        for j in range(sp_.n_leads):
            np.testing.assert_allclose(sp_.transmission_eigenvalues(i, j), sm.transmission_eigenvalues(j, i),
                                       atol=1e-10, err_msg=f"{name}: S_ij(B) and S_ji(-B)^T differ")


def test_strip_equals_wire_path():
    L, M = 15, 8
    on = np.random.default_rng(1).uniform(-1, 1, (L, M))
    for flux in (0.0, 0.07):
        dev = Device(square(), rectangle(0, L - 1, 0, M - 1), [lead("-x"), lead("+x")], flux=flux).with_onsite(on.ravel())
        wire = Wire(M, L, onsite=on, flux=flux)
        for e in (-3.1, 0.3, 1.7):
            s, w = dev.smatrix(e), wire.smatrix(e)
            np.testing.assert_allclose(s.transmission_eigenvalues(), w.transmission_eigenvalues(), atol=1e-12)
            if flux == 0.0:
                np.testing.assert_allclose(s.matrix, w.matrix, atol=1e-12)


def test_spin_orbit_strip_equals_wire_and_kramers():
    L, M, theta = 10, 5, 0.4
    on = np.random.default_rng(2).uniform(-1, 1, (L, M))
    dev = Device(square(), rectangle(0, L - 1, 0, M - 1), [lead("-x"), lead("+x")],
                 spin_orbit=theta).with_onsite(on.ravel())
    wire = Wire(M, L, onsite=on, spin_orbit=theta)
    s, w = dev.smatrix(0.5), wire.smatrix(0.5)
    assert dev.beta == 4 and s.spinful
    tn = s.transmission_eigenvalues()
    np.testing.assert_allclose(tn, w.transmission_eigenvalues(), atol=1e-12)
    np.testing.assert_allclose(tn[0::2], tn[1::2], atol=1e-10, err_msg="Kramers degeneracy")


def test_rashba_zeeman_unitary_and_zeeman_lifts_kramers():
    shape = rectangle(0, 12, 0, 6)
    leads = [lead("-x"), lead("+x")]
    ra = Device(square(), shape, leads, rashba=0.3, W=1.0).realisation(rng=5)
    tn = ra.smatrix(-2.0).transmission_eigenvalues()
    np.testing.assert_allclose(tn[0::2], tn[1::2], atol=1e-10)
    rz = Device(square(), shape, leads, rashba=0.3, zeeman=(0, 0, 0.2), W=1.0).realisation(rng=5)
    s = rz.smatrix(-2.0)
    assert rz.beta == 2 and s.unitarity_error() <= TOL
    tz = s.transmission_eigenvalues()
    assert tz.size % 2 == 1 or np.max(np.abs(tz[0::2] - tz[1::2])) > 1e-4


@pytest.mark.parametrize("lat, shape, leads, energy, channels", [
    (square(), rectangle(0, 9, 0, 5), ["-x", "+x"], -3.0, 2),
    (square(), rectangle(0, 5, 0, 9), ["-y", "+y"], 1.0, 4),     # |E + 2cos(k pi/7)| < 2: k = 3..6
    (honeycomb(), rectangle(0, 12, 0.3, 6.3), ["-x", "+x"], 0.3, None),
    (honeycomb(), rectangle(0, 6, 0, 12), ["-y", "+y"], 0.5, None),
    (cubic(), box(0, 6, 0, 3, 0, 2), ["-x", "+x"], -4.0, None),
])
def test_clean_strip_quantization(lat, shape, leads, energy, channels):
    dev = Device(lat, shape, [lead(d) for d in leads])
    s = dev.smatrix(energy)
    n = s.lead_sizes[0]
    assert n > 0 and (channels is None or n == channels)
    np.testing.assert_allclose(s.transmission_eigenvalues(), np.ones(n), atol=1e-10)


def test_quantum_hall_bar_resistances():
    for flux, sign in ((0.05, 1), (-0.05, -1)):
        dev = _hall(flux)
        for e, nu in ((-3.4, 1), (-2.9, 2)):
            s = dev.smatrix(e)
            assert s.lead_sizes == (nu,) * 6
            assert abs(s.resistance(0, 3, 1, 5) - sign / nu) < 1e-8, "Hall resistance R_xy = h/(nu e^2)"
            assert abs(s.resistance(0, 3, 1, 2)) < 1e-8, "longitudinal resistance vanishes"


def test_qpc_conductance_steps():
    dev = _qpc()
    g = np.array([s.transmission(1, 0) for s in dev.smatrix(np.linspace(-3.61, -2.41, 25))])
    assert np.all(np.diff(g) > -0.05), "smooth constriction: conductance rises with energy"
    assert np.min(np.abs(g - 1.0)) < 0.02, "a plateau at G = 1 (one spin-degenerate channel)"


def test_ab_ring_oscillates_with_flux():
    fluxes = np.linspace(0, 0.01, 11)
    g = [_ring(f).smatrix(-2.9).transmission(1, 0) for f in fluxes]
    assert np.ptp(g) > 0.1, "Aharonov-Bohm oscillations of the ring conductance"


def test_wave_function_ldos_and_currents():
    dev = Device(square(), rectangle(0, 7, 0, 4), [lead("-x"), lead("+x"), lead("+y", (2, 4))],
                 W=1.0, flux=0.03).realisation(rng=6)
    e = -1.3
    s = dev.smatrix(e)
    # LDOS from scattering states equals -Im G / pi from a dense inverse
    h = dev.hamiltonian.toarray()
    sig = np.zeros_like(h)
    for al in dev.leads:
        sig[np.ix_(al.interface, al.interface)] += al.lead.self_energy(e, side="right")
    g = np.linalg.inv(e * np.eye(h.shape[0]) - h - sig)
    np.testing.assert_allclose(dev.ldos(e), -np.diag(g).imag / np.pi, atol=1e-10)
    # bond currents: Kirchhoff at every site, and the outflow into lead 1 is T_10
    psi = dev.wave_function(e, 0)
    bonds, cur = dev.bond_currents(psi)
    net = np.zeros(dev.n_sites)
    np.add.at(net, bonds[:, 0], cur)
    np.add.at(net, bonds[:, 1], -cur)
    itf = set(np.concatenate([al.interface for al in dev.leads]).tolist())
    inner = [i for i in range(dev.n_sites) if i not in itf]
    np.testing.assert_allclose(net[inner], 0, atol=1e-10)
    # flow across the cut x = 3.5 equals the transmission to the leads beyond it ... for the
    # two leads at x > 3.5 (right lead and the top lead spanning x in [2, 4] straddles it),
    # so check the left cut x = 0.5 instead: all current injected from lead 0 minus reflection
    x = dev.positions[:, 0]
    cross = (x[bonds[:, 0]] > 0.5) & (x[bonds[:, 1]] < 0.5)
    back = (x[bonds[:, 1]] > 0.5) & (x[bonds[:, 0]] < 0.5)
    flow = cur[cross].sum() - cur[back].sum()
    assert abs(flow - (s.lead_sizes[0] - s.transmission(0, 0))) < 1e-9


def test_raw_system_matches_device():
    dev = Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")], W=1.0).realisation(rng=7)
    leads = [(al.lead.h0, al.lead.h1, al.lead.h1, al.interface) for al in dev.leads]
    raw = System.from_raw(dev.hamiltonian, dev.positions, leads)
    np.testing.assert_allclose(raw.smatrix(-1.1).transmission_eigenvalues(),
                               dev.smatrix(-1.1).transmission_eigenvalues(), atol=1e-12)


def test_general_lattice_description():
    tri = Lattice([[1, 0], [0.5, np.sqrt(3) / 2]], hoppings=[(0, 0, (1, 0), -1.0), (0, 0, (0, 1), -1.0),
                                                            (0, 0, (1, -1), -1.0)], name="triangular")
    dev = Device(tri, rectangle(0, 10, 0, 4.5), [lead("-x"), lead("+x")], W=2.0).realisation(rng=8)
    s = dev.smatrix(0.5)
    assert s.unitarity_error() <= TOL and s.lead_sizes[0] > 0
    np.testing.assert_allclose(s.matrix, s.matrix.T, atol=1e-10)


def test_sample_smatrix_batch():
    dev = Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")], W=2.0)
    batch = dev.sample_smatrix(0.3, 3, rng=9)
    gen = np.random.default_rng(9)
    one = [dev.realisation(gen).smatrix(0.3).transmission(1, 0) for _ in range(3)]
    np.testing.assert_allclose(batch.transmission(1, 0), one, atol=1e-12)


def _nonhermitian():
    h = np.zeros((3, 3))
    h[0, 1] = 1.0
    return System.from_raw(h, np.zeros((3, 1)), [])


@pytest.mark.parametrize("call, match", [
    (lambda: Device(square(), rectangle(0.2, 0.8, 0.2, 0.8), [lead("-x")]), "selects no site"),
    (lambda: Device(square(), rectangle(0, 3, 0, 3) | rectangle(6, 9, 0, 3), [lead("-x", (0, 3))]),
     "not connected"),
    (lambda: Device(square(), rectangle(0, 5, 0, 5), [lead("-x", (10, 12))]), "does not touch"),
    (lambda: Device(square(), rectangle(0, 5, 0, 5), [lead("-x", (0, 3)), lead("-x", (2, 5))]), "overlap"),
    (lambda: Device(square(), rectangle(0, 5, 0, 5), [lead("-x", lattice=honeycomb())]), "does not match"),
    (lambda: Device(square(), rectangle(0, 9, 0, 9) | rectangle(10, 15, 8, 9), [lead("+x", (0, 7))]),
     "outside its interface"),
    (_nonhermitian, "Hermitian"),
    (lambda: Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")]).smatrix(-2 - 2 * np.cos(np.pi / 6)),
     r"threshold of lead 0.*distance"),
    (lambda: lead("x"), "direction"),
    (lambda: Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")], W=1.0).smatrix(0.0),
     "realisation"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_catalogue_devices_are_sound():
    from rmt_meso.transport import devices
    hb = devices.hall_bar()
    s = hb.smatrix(-3.4)
    assert abs(s.resistance(0, 3, 1, 5) - 1.0) < 1e-8 and abs(s.resistance(0, 3, 1, 2)) < 1e-8
    cr = devices.cross(10, 10, flux=0.05).smatrix(-3.4)          # ν = 1: R_H = 1, bend resistance 0
    assert abs(cr.resistance(0, 2, 1, 3) - 1.0) < 1e-8 and abs(cr.resistance(0, 1, 2, 3)) < 1e-8
    ring = devices.ab_ring()
    assert ring.slice_sizes()[0] == 5, "the ring's leads are as wide as its arms"
    for dev, e in ((devices.qpc(), -3.0 + 1e-3), (devices.zigzag_ribbon(), 0.4), (devices.armchair_ribbon(), 0.45),
                   (devices.stadium_billiard(), -2.9), (devices.t_junction(), -2.5)):
        sm = dev.smatrix(e)
        assert sm.unitarity_error() <= TOL
        np.testing.assert_allclose(sm.matrix, sm.matrix.T, atol=1e-10)


def test_device_plots():
    from rmt_meso.plot.device import plot_current, plot_density, plot_device
    dev = _tjunction()
    fig, ax = plot_device(dev)
    xy = np.concatenate([ln.get_xydata() for ln in ax.lines if ln.get_marker() == "o"])
    assert xy.shape[0] == dev.n_sites + 3 * sum(al.cell_positions.shape[0] for al in dev.leads)
    fig, ax = plot_current(dev, dev.wave_function(-2.5, 0))
    assert len(ax.collections) >= 2
    fig, ax = plot_density(dev, dev.ldos(-2.5))
    with pytest.raises(ValueError, match="one entry per site"):
        plot_density(dev, np.ones(3))


def test_energy_batch_equals_energy_by_energy():
    from rmt_meso.transport import devices
    dev = devices.zigzag_ribbon(6, 15, W=1.0).realisation(rng=2)
    assert max(dev.slice_sizes()) < 16          # the stacked-inversion path
    es = np.linspace(0.35, 1.15, 9) + 1e-3
    batch = dev.smatrix(es)
    for e, sb in zip(es, batch):
        s1 = dev.smatrix(e)
        assert sb.lead_sizes == s1.lead_sizes
        np.testing.assert_allclose(sb.matrix, s1.matrix, atol=1e-10)


@pytest.mark.parametrize("kwargs", [dict(), dict(flux=0.05), dict(spin_orbit=0.3), dict(dim=3)])
def test_wire_to_device(kwargs):
    wire = Wire(4, 6, W=1.5, **kwargs).realisation(11)
    dev = wire.to_device()
    e = -2.3 if kwargs.get("dim") != 3 else -3.3
    np.testing.assert_allclose(dev.smatrix(e).transmission_eigenvalues(), wire.transmission_eigenvalues(e),
                               atol=1e-12)


def _channel_order(dev_plus, dev_minus, e):
    """Permutations that map the channels of S(-B) onto those of S(B)^T.

    Incoming modes at -B are the complex conjugates of the outgoing modes at +B (momentum
    k -> -k, same phase convention), and outgoing at -B those of incoming at +B; the modes are
    matched by their momenta, lead by lead.
    """
    rows, cols = [], []
    off = 0
    for ap, am in zip(dev_plus.leads, dev_minus.leads):
        mp, mm = ap.lead.modes(e), am.lead.modes(e)
        # rows of S(-B) (outgoing at -B) <-> columns of S(B) (incoming at +B)
        r = [int(np.argmin(np.abs(np.exp(1j * mm.momenta_right) - np.exp(-1j * k)))) for k in mp.momenta_left]
        c = [int(np.argmin(np.abs(np.exp(1j * mm.momenta_left) - np.exp(-1j * k)))) for k in mp.momenta_right]
        rows += [off + x for x in r]
        cols += [off + x for x in c]
        off += mp.n_open
    return np.array(rows), np.array(cols)


@pytest.mark.parametrize("name", sorted(DEVICES))
def test_reciprocity_exact(name):
    build, e, field = DEVICES[name]
    plus, minus = build(field), build(-field)
    sp_, sm = plus.smatrix(e).matrix, minus.smatrix(e).matrix
    rows, cols = _channel_order(plus, minus, e)
    np.testing.assert_allclose(sm[np.ix_(rows, cols)], sp_.T, atol=1e-10,
                               err_msg=f"{name}: S(-B) != S(B)^T in the conjugate mode basis")


def test_cubic_bar_along_z_in_a_parallel_field():
    # leads along ±z; a field along z does not scatter in a clean bar: T = number of channels
    dev = Device(cubic(), box(0, 3, 0, 2, 0, 7), [lead("-z"), lead("+z")], flux=0.07)
    s = dev.smatrix(-3.9)
    assert dev.beta == 2 and s.lead_sizes[0] > 0
    np.testing.assert_allclose(s.transmission_eigenvalues(), np.ones(s.lead_sizes[0]), atol=1e-10)
    dis = Device(cubic(), box(0, 3, 0, 2, 0, 7), [lead("-z"), lead("+z"), lead("+x", ((0, 2), (3, 5)))],
                 W=2.0, flux=0.07).realisation(rng=3)
    sd = dis.smatrix(-2.5)
    assert sd.unitarity_error() <= TOL
    np.testing.assert_allclose(sd.conductance_matrix().sum(axis=1), 0, atol=1e-10)


def test_threshold_errors_name_the_lead_and_distance():
    dev = Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")])
    bottoms = -2 - 2 * np.cos(np.pi * np.arange(1, 6) / 6)    # subband bottoms of the 5-site leads
    np.testing.assert_allclose(dev.leads[1].band_edges(), np.unique(np.concatenate([bottoms, bottoms + 4])),
                               atol=1e-12)
    with pytest.raises(ValueError, match=r"threshold of lead 0 .*zero velocity.*distance 0\.00e\+00"):
        dev.smatrix(-3.0)
    # 1e-14 above the edge the modes exist but S is not unitary to 1e-10: still the lead is named
    with pytest.raises(ValueError, match=r"threshold of lead 0 .*not unitary.*distance 1\.\d\de-14"):
        dev.smatrix(-3.0 + 1e-14)
    assert dev.smatrix(-3.0 + 1e-6).unitarity_error() <= TOL


@pytest.mark.parametrize("flux", [0.0, 0.06, -0.11])
def test_gauge_of_y_leads_by_rotation(flux):
    # the same strip along x and rotated by +90 degrees along y ((x, y) -> (-y, x) keeps B_z):
    # identical transmission eigenvalues, so the y-lead gauge is the x-lead one transformed
    def pot(x, y):
        return 1.3 * np.sin(1.7 * x + 0.3) * np.cos(2.3 * y - 0.4) + 0.2 * np.cos(0.9 * x * y)
    along_x = Device(square(), rectangle(0, 13, 0, 6), [lead("-x"), lead("+x")], flux=flux, onsite=pot)
    along_y = Device(square(), rectangle(-6, 0, 0, 13), [lead("-y"), lead("+y")], flux=flux,
                     onsite=lambda x, y: pot(y, -x))
    for e in (-2.7, -0.9, 0.6):
        np.testing.assert_allclose(along_y.smatrix(e).transmission_eigenvalues(),
                                   along_x.smatrix(e).transmission_eigenvalues(), atol=1e-10)


# ---------------------------------------------------------------- lead cells independent of the region's length
@pytest.mark.parametrize("axis", ["x", "y"])
def test_honeycomb_lead_cell_cut_does_not_depend_on_region_length(axis):
    """Regression: the +y (armchair) lead of a honeycomb rectangle is cut through whichever bond
    row the region ends at; for L = 40, 80 the cut gives an h1 of rank 15 instead of 14 whose
    λ = 0 eigenvalue is defective, and the eigenvector mode basis was singular (a spurious
    "threshold" error 0.05 away from any band edge).  Same ribbon, so the same lead spectrum,
    and every region length must give a unitary S."""
    lat = honeycomb()
    energy = 0.013
    lengths = (6.0, 20.0, 40.0, 80.0) if axis == "y" else (6.0, 20.5, 40.0, 80.25)
    ks = np.linspace(-np.pi, np.pi, 9)
    spectra, ranks = [], set()
    for length in lengths:
        shape = rectangle(0, 14.0, 0, length) if axis == "y" else rectangle(0, length, 0, 8.0)
        leads = [lead(f"-{axis}", potential=-0.3), lead(f"+{axis}", potential=0.3)]
        mid = length / 2
        onsite = ((lambda x, y: np.clip(-0.3 + 0.6 * (y - mid + 10) / 20, -0.3, 0.3)) if axis == "y"
                  else (lambda x, y: np.clip(-0.3 + 0.6 * (x - mid + 10) / 20, -0.3, 0.3)))
        dev = Device(lat, shape, leads, onsite=onsite)
        s = dev.smatrix(energy)
        assert s.unitarity_error() <= TOL, length
        plus = dev.leads[1].lead
        ranks.add(int(np.linalg.matrix_rank(plus.h1)))
        spectra.append(np.array([np.linalg.eigvalsh(plus.bloch_hamiltonian(k)) for k in ks]))
        # independent route: the modes' self-energy equals Sancho-Rubio decimation
        for side in ("right", "left"):
            sig = plus.self_energy(energy, side=side)
            ref = plus.self_energy(energy, side=side, method="decimation")
            assert np.max(np.abs(sig - ref)) < 1e-7, (length, side)
    for sp_ in spectra[1:]:
        np.testing.assert_allclose(sp_, spectra[0], atol=1e-10)
    if axis == "y":
        assert ranks == {14, 15}          # both cuts of the armchair cell are exercised


@pytest.mark.parametrize("name", ["ring", "hall_bar", "spin_orbit_y_lead"])
def test_with_flux_equals_a_device_built_in_that_field(name):
    # Device.with_flux rescales the stored Peierls phase pattern: the S-matrix must be the one
    # of a device built from scratch with that flux (same disorder draw), leads included
    from rmt_meso.transport.devices import ab_ring, hall_bar
    f = 0.0213
    if name == "ring":
        def make(flux):
            return ab_ring(6.0, 9.0, arm_width=3, arm_length=3, W=1.0, flux=flux).realisation(7)
        e = -3.1
    elif name == "hall_bar":
        def make(flux):
            return hall_bar(24, 8, 4, flux=flux)
        e = -2.6
    else:
        def make(flux):
            return Device(square(), rectangle(0, 9, 0, 7), [lead("-x", (0, 4)), lead("+y", (3, 9))],
                          spin_orbit=0.3, W=1.0, flux=flux).realisation(3)
        e = -1.1
    base = make(0.0)
    moved = base.with_flux(f)
    ref = make(f)
    assert moved.beta == ref.beta == 2 and base.beta in (1, 4)
    np.testing.assert_allclose(moved.smatrix(e).matrix, ref.smatrix(e).matrix, atol=1e-12)
    # back to zero field: the original device
    np.testing.assert_allclose(moved.with_flux(0.0).smatrix(e).matrix, base.smatrix(e).matrix, atol=1e-12)
    assert moved.with_flux(0.0).beta == base.beta
    np.testing.assert_array_equal(moved.onsite, base.onsite)


def test_with_flux_onsager_and_bad_input():
    from rmt_meso.transport.devices import ab_ring
    ring = ab_ring(6.0, 9.0, arm_width=3, arm_length=3, W=1.5).realisation(11)
    # Onsager–Büttiker: two-terminal g(B) = g(-B) for each disorder realisation
    g = [ring.with_flux(s * 0.013).transmission(1, 0, -3.0) for s in (1, -1)]
    assert abs(g[0] - g[1]) < 1e-10
    assert abs(g[0] - ring.transmission(1, 0, -3.0)) > 1e-4      # and the field does act
    with pytest.raises(ValueError, match="flux"):
        ring.with_flux(float("nan"))
    with pytest.raises(TypeError, match="flux"):
        ring.with_flux("0.1")


def test_flux_tube_loop_phases_periodicity_and_symmetry():
    # a thin flux tube at (0.5, 0.5): the plaquette around it has the loop phase e^{-2 pi i Phi}
    # (counter-clockwise product of H[next, current]/(-t)), every other plaquette 1
    phi = 0.3
    dev = Device(square(), rectangle(-3, 4, -3, 4), [lead("-x"), lead("+x")], ab_flux=phi,
                 ab_center=(0.5, 0.5))
    assert dev.beta == 2
    h = dev.hamiltonian.toarray()
    pos = dev.positions
    idx = {tuple(np.round(p).astype(int)): k for k, p in enumerate(pos)}

    def loop(x, y):
        path = [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1), (x, y)]
        return np.prod([-h[idx[b], idx[a]] for a, b in zip(path[:-1], path[1:])])
    for x in range(-3, 4):
        for y in range(-3, 4):
            want = np.exp(-2j * np.pi * phi) if (x, y) == (0, 0) else 1.0
            assert abs(loop(x, y) - want) < 1e-12, (x, y)
    # a ring: g is periodic in the tube flux with period h/e and even in it (Onsager)
    from rmt_meso.transport.devices import ab_ring
    ring = ab_ring(6.0, 9.0, arm_width=3, arm_length=3, W=1.0).realisation(5)
    g = [ring.with_flux(ab_flux=f).transmission(1, 0, -3.1) for f in (0.21, 1.21, -0.21)]
    np.testing.assert_allclose(g[1:], g[0], atol=1e-10)
    assert abs(g[0] - ring.transmission(1, 0, -3.1)) > 1e-4
    # half a flux quantum: real up to a gauge, beta = 1, S symmetric
    half = ring.with_flux(ab_flux=0.5)
    assert half.beta == 1
    s = half.smatrix(-3.1).matrix
    np.testing.assert_allclose(s, s.T, atol=1e-10)
    # the same device built with the tube flux
    np.testing.assert_allclose(ring.with_flux(ab_flux=0.21).smatrix(-3.1).matrix,
                               ab_ring(6.0, 9.0, arm_width=3, arm_length=3, W=1.0,
                                       ab_flux=0.21).realisation(5).smatrix(-3.1).matrix, atol=1e-12)


def test_flux_tube_cut_across_a_lead_is_refused():
    with pytest.raises(ValueError, match="ab_flux.*crosses lead"):
        Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")], ab_flux=0.2, ab_center=(-1.5, -0.5))
    with pytest.raises(ValueError, match="ab_center"):
        Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")], ab_center=(1.0,))


def test_ab_ring_arm_offset():
    from rmt_meso.transport.devices import ab_ring
    base = ab_ring(6.0, 9.0, arm_width=3, arm_length=3)
    same = ab_ring(6.0, 9.0, arm_width=3, arm_length=3, arm_offset=0.0)
    np.testing.assert_array_equal(base.positions, same.positions)
    moved = ab_ring(6.0, 9.0, arm_width=3, arm_length=3, arm_offset=3.0)
    for al in moved.leads:                       # both leads centred on y = 3
        assert al.cell_positions[:, 1].mean() == pytest.approx(3.0)
    s = moved.smatrix(-3.1)
    assert tuple(s.lead_sizes) == (1, 1)
    assert abs(s.matrix @ s.matrix.conj().T - np.eye(2)).max() < 1e-10
    with pytest.raises(ValueError, match="arm_offset"):
        ab_ring(6.0, 9.0, arm_width=3, arm_offset=5.5)


def test_uniform_strip_uses_the_uniform_recursion_and_shares_its_plan():
    """A strip between two leads is translation invariant but for its diagonal: the recursion
    runs on rgf's uniform form, realisations share the parent's slicing plan, and the result
    equals SuperLU and the stacked-realisation solver (field and disorder on)."""
    from rmt_meso.transport.device import _SliceView, _uniform_blocks
    from rmt_meso.transport.rgf import _System
    dev = Device(square(), rectangle(0, 29, 0, 7), [lead("-x"), lead("+x")], W=1.5, flux=0.03,
                 onsite=lambda x, y: 0.1 * np.cos(x / 5.0))
    one = dev.realisation(rng=3)
    plan = one._slicing()
    assert plan is dev._slicing() is dev.realisation(rng=4)._slicing()
    assert _uniform_blocks(plan) is not None
    assert isinstance(one._slice_view(plan), _System)
    ring = _ring()
    assert _uniform_blocks(ring._slicing()) is None and isinstance(ring._slice_view(ring._slicing()), _SliceView)
    e = -2.3
    s_rgf, s_lu = one.smatrix(e, algorithm="rgf"), one.smatrix(e, algorithm="sparse")
    np.testing.assert_allclose(s_rgf.matrix, s_lu.matrix, atol=1e-10)
    es = np.array([-2.3, -1.7])
    for s, e1 in zip(one.smatrix(es), es):
        np.testing.assert_allclose(s.matrix, one.smatrix(e1, algorithm="sparse").matrix, atol=1e-10)
    stack = dev.sample_smatrix(e, 3, rng=9)
    gen = np.random.default_rng(9)
    for k in range(3):
        np.testing.assert_allclose(stack[k].matrix, dev.realisation(gen).smatrix(e, algorithm="sparse").matrix,
                                   atol=1e-10)


def test_mirrored_leads_share_one_mode_solve(monkeypatch):
    """The two leads of a strip (and opposite arms of a cross) are one lead traversed both ways:
    solved once, with the same transmissions as two independent solves."""
    import rmt_meso.transport.device as dm
    from rmt_meso.transport import devices
    cases = ((_qpc(0.01), -3.3), (devices.cross(10, 10, flux=0.05, W=1.0).realisation(rng=2), -2.9),
             (Device(square(), rectangle(0, 11, 0, 4), [lead("-x"), lead("+x")], spin_orbit=0.4, W=1.0)
              .realisation(rng=1), -1.3))
    calls = []
    orig = dm._solve_lead
    monkeypatch.setattr(dm, "_solve_lead", lambda al, i, e: calls.append(i) or orig(al, i, e))
    shared = [(dev.smatrix(e), len(calls)) for dev, e in cases]
    assert [c for _, c in shared] == [1, 3, 4]           # 1 of 2, 2 of 4, 1 of 2 leads solved
    monkeypatch.setattr(dm, "_is_reverse", lambda a, b: False)
    for (s, _), (dev, e) in zip(shared, cases):
        ref = dev.smatrix(e)
        assert s.unitarity_error() <= TOL
        np.testing.assert_allclose(s.conductance_matrix(), ref.conductance_matrix(), atol=1e-10)
        np.testing.assert_allclose(s.transmission_eigenvalues(1, 0), ref.transmission_eigenvalues(1, 0), atol=1e-10)


def test_auto_solver_survives_a_singular_partial_system():
    """A clean 10 x 10 square with 3-site leads at E = -1 and +1: a partial system (the first
    slices) has an eigenstate that misses the first lead, so the recursion's inversion is
    singular although the open device is not; "auto" then solves the whole system (SuperLU),
    the explicit recursion reports the failure."""
    from rmt_meso import ConvergenceError
    dev = Device(square(), rectangle(0, 9, 0, 9), [lead("-x", (3, 5)), lead("+x", (3, 5))])
    for e in (-1.0, 1.0):
        s = dev.smatrix(e)
        assert s.check_unitarity() is s
        assert abs(s.transmission(1, 0) - dev.smatrix(e, algorithm="sparse").transmission(1, 0)) < 1e-10
        # smooth in E: the midpoint of the recursion's values 1e-4 on either side (where it is
        # unitary to 1e-10) agrees to O(1e-8) curvature
        side = [dev.smatrix(e + d, algorithm="rgf").transmission(1, 0) for d in (-1e-4, 1e-4)]
        assert abs(s.transmission(1, 0) - 0.5 * sum(side)) < 1e-6
        with pytest.raises(ConvergenceError, match="not unitary"):
            dev.smatrix(e, algorithm="rgf")
    batch = dev.smatrix([-1.0, -0.5, 1.0])          # the stacked recursion path
    assert [round(b.transmission(1, 0), 10) for b in batch] == \
        [round(dev.smatrix(e, algorithm="sparse").transmission(1, 0), 10) for e in (-1.0, -0.5, 1.0)]
    # E = 0: the whole device is singular (a state of the clean bipartite square decoupled
    # from both leads): a clear error that names the energy, not a wrong S
    with pytest.raises(ConvergenceError, match="energy=0.0: .*decoupled from every lead"):
        dev.smatrix(0.0)
