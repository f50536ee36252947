"""Hardened inputs (issue 13): each class of failure a hostile user found, with cases of its own.

Thermal averages at thresholds, transmissions right after a passed unitarity check, failing
windows next to thresholds, flux classification, and the edge values of laws and estimators.
Every error asserts its type and that the message names the argument (or the threshold) and
the value.
"""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rmt_meso import ConvergenceError
from rmt_meso.ensembles.anderson import reduce_flux
from rmt_meso.transport import Wire


def _fermi(x):
    return 1.0 / (1.0 + math.exp(x))


# -- 3. thermal averages where the grid used to land on a threshold ---------------------------

@pytest.mark.parametrize("wire, mu, kt", [
    (Wire(5, 20, W=1.0).realisation(0), -3.2, 0.02),     # issue example: a node on the threshold -3
    (Wire(5, 6), -3.0, 0.05),                    # mu exactly on a threshold
    (Wire(4, 6), -2.0 - 2 * math.cos(math.pi / 5), 1e-4),   # on a threshold, tiny T
    (Wire(6, 5, spin_orbit=0.4), 0.0, 0.3),      # spin-orbit, several thresholds in the window
], ids=["issue", "on-threshold", "tiny-T", "spin-orbit"])
def test_thermal_average_works_at_thresholds(wire, mu, kt):
    g = wire.conductance(mu, temperature=kt)
    assert np.isfinite(g)
    if wire.W == 0:
        # a clean wire: g(E) is the open-channel staircase, so <g> = Σ_n occupation of the
        # window above each opening minus below each closing -> exact from the thresholds
        th = wire.thresholds()
        below = wire.n_channels(mu - 30 * kt) if mu - 30 * kt > th[0] else 0
        exact = below
        for e in th[(th > mu - 30 * kt) & (th < mu + 30 * kt)]:
            step = wire.n_channels(e + 1e-7) - wire.n_channels(e - 1e-7)
            exact += step * _fermi((e - mu) / kt) if step else 0.0
        assert abs(g - exact) < 1e-8, (g, exact)


def test_thermal_average_of_the_round_number_grid_of_the_issue():
    wire = Wire(5, 20, W=1.0).realisation(0)
    for mu in np.round(np.arange(-3.5, 3.51, 0.5), 2):
        assert np.isfinite(wire.conductance(float(mu), temperature=0.02)), mu


def test_thermal_average_next_to_a_flat_flux_band_bottom():
    """Flux flattens the lowest band; the S-matrix fails within ~1e-8 of its bottom (slow modes
    of the Hermitian H(k)), the thermal average clears it (g is constant there in a clean wire)
    and stays exact."""
    wire = Wire(8, 20, flux=0.1)
    e0 = wire.thresholds()[0]
    for kt in (1e-2, 1e-3, 1e-4):
        g = wire.conductance(e0 + 1e-6, temperature=kt)
        assert abs(g - _fermi(-1e-6 / kt)) < 1e-8


# -- 4. one tolerance; failing windows named --------------------------------------------------

@pytest.mark.parametrize("wire, energy", [
    (Wire(5, 20), -1.999999999),
    (Wire(4, 10, spin_orbit=0.5), -3.5282751343417),
    (Wire(6, 12, W=0.5).realisation(3), -2.0 - 2 * math.cos(3 * math.pi / 7) + 1e-9),
], ids=["strip", "spin-orbit", "disordered"])
def test_conductance_next_to_a_threshold(wire, energy):
    s = wire.smatrix(energy)
    assert abs(wire.conductance(energy) - np.sum(s.transmission_eigenvalues())) < 1e-12


@pytest.mark.parametrize("wire, energy", [
    (Wire(5, 20), -3.0),
    (Wire(7, 4), -2.0 - 2 * math.cos(math.pi / 8)),
    (Wire(8, 20, flux=0.1), None),               # within the flat-band window: offset 1e-10
], ids=["strip", "strip-2", "flux"])
def test_threshold_error_names_the_threshold_and_the_distance(wire, energy):
    if energy is None:
        energy = float(wire.thresholds()[0] + 1e-10)
    with pytest.raises(ConvergenceError) as info:
        wire.conductance(energy)
    msg = str(info.value)
    en, d = wire.lead.nearest_threshold(energy)
    assert f"energy {energy!r}" in msg
    assert f"nearest subband threshold E_n = {en!r}" in msg
    assert f"{d:+.3e} from" in msg


def test_failing_window_is_narrow_without_flux():
    """Separable leads: the analytic modes work down to ~1e-12 from a threshold."""
    wire = Wire(5, 10, W=0.8).realisation(1)
    for en in wire.thresholds()[:4]:
        for d in (1e-11, -1e-11, 1e-9, -1e-9):
            assert np.isfinite(wire.conductance(float(en + d)))


def test_thresholds_agree_with_channel_counts():
    for wire in (Wire(5, 3), Wire(6, 3, flux=0.13), Wire(4, 3, spin_orbit=0.6)):
        th = wire.thresholds()
        changes = [e for e in th if wire.n_channels(e - 1e-6) != wire.n_channels(e + 1e-6)]
        assert changes, wire
        grid = np.linspace(-4.5, 4.5, 2001)
        counts = np.array([wire.n_channels(float(e)) if np.min(np.abs(th - e)) > 1e-9 else -1
                           for e in grid])
        jumps = grid[1:][(np.diff(counts) != 0) & (counts[1:] >= 0) & (counts[:-1] >= 0)]
        for e in jumps:       # every change of the channel count lies next to a threshold
            assert np.min(np.abs(th - e)) < 9.0 / 2000 + 1e-9, (wire, e)


# -- 5. flux classification -----------------------------------------------------------------

@pytest.mark.parametrize("big, small", [
    (4e11 + 0.125, 0.125), (1e4 + 1e-9, 1e-9), (-7.25, -0.25), (3.5, 0.5), (12.0, 0.0),
])
def test_flux_is_reduced_modulo_one_quantum(big, small):
    a, b = Wire(5, 10, flux=big), Wire(5, 10, flux=small)
    assert a.beta == b.beta
    assert abs(a.flux - reduce_flux(small)) < 1e-11
    assert abs(a.conductance(0.3) - b.conductance(0.3)) < 1e-8


def test_time_reversal_tolerance_does_not_grow_with_the_flux():
    assert Wire(5, 10, flux=1e-9).beta == 2
    assert Wire(5, 10, flux=1e4 + 1e-9).beta == 2
    assert Wire(5, 10, flux=1e8 + 0.5).beta == 1          # half a quantum: real phases
    assert Wire(5, 10, flux=0.5 + 1e-9).beta == 2


@pytest.mark.parametrize("flux, kind", [("0.1", TypeError), (True, TypeError), (float("nan"), ValueError),
                                        (float("inf"), ValueError)])
def test_bad_flux_is_refused(flux, kind):
    with pytest.raises(kind, match=r"flux must be .*got"):
        Wire(5, 10, flux=flux)


# -- hypothesis: thermal conductance for any mu and T -------------------------------------------

WIRES = {
    "strip": Wire(4, 6, W=1.0).realisation(11),
    "flux": Wire(4, 6, W=1.0, flux=0.07).realisation(12),
    "spin-orbit": Wire(3, 5, W=1.0, spin_orbit=0.5).realisation(13),
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(WIRES)),
       mu=st.floats(-3.9, 3.9, allow_nan=False),
       log_kt=st.floats(-4.0, -0.5))
def test_thermal_conductance_is_an_average_over_the_window(name, mu, log_kt):
    wire = WIRES[name]
    kt = 10.0 ** log_kt
    g = wire.conductance(mu, temperature=kt)
    assert np.isfinite(g)
    # an average of g(E) over the Fermi window: within [min g, max g] there (probed on a
    # grid avoiding the thresholds, with the round-off of the transmissions)
    grid = np.linspace(mu - 24 * kt, mu + 24 * kt, 97)
    th = wire.thresholds()
    grid = grid[np.min(np.abs(grid[:, None] - th[None, :]), axis=1) > 1e-3 * kt]
    gs = np.array([wire.conductance(float(e)) for e in grid])
    slack = float(np.max(np.abs(np.diff(gs)))) + 1e-9      # g may peak between probes
    assert gs.min() - slack <= g <= gs.max() + slack, (g, gs.min(), gs.max(), slack)
    n_max = max(wire.n_channels(float(e)) for e in grid)
    assert -1e-9 <= g <= n_max + 1e-9


# -- 7. edge values of laws and estimators ------------------------------------------------------

def _laws():
    from rmt_meso.theory import (GaudinMehta, MarchenkoPasturLaw, Poisson, RatioSurmise,
                                 SemicircleLaw, TracyWidom, WignerSurmise)
    from rmt_meso.theory.cavity import PorterThomas, SingleChannelTransmission
    from rmt_meso.theory.wire import DiffusiveTransmission
    out = {f"TracyWidom({b})": TracyWidom(b) for b in (1, 2, 4)}
    out.update({f"WignerSurmise({b})": WignerSurmise(b) for b in (1, 2, 4)})
    out.update({f"GaudinMehta({b})": GaudinMehta(b) for b in (1, 2)})
    out.update({"Poisson": Poisson(), "RatioSurmise(1)": RatioSurmise(1), "Semicircle": SemicircleLaw()})
    for cls, args in ((MarchenkoPasturLaw, (0.5,)), (PorterThomas, (1,)), (SingleChannelTransmission, (2, 1)),
                      (DiffusiveTransmission, (4.0,))):
        try:
            out[cls.__name__] = cls()(*args)
        except TypeError:
            out[cls.__name__] = cls(*args)
    return out


LAWS = _laws()


@pytest.mark.parametrize("name", sorted(LAWS))
def test_every_law_has_zero_density_at_infinity(name):
    law = LAWS[name]
    np.testing.assert_array_equal(law.pdf([np.inf, -np.inf]), [0.0, 0.0])
    assert law.pdf(np.inf) == 0.0 and law.logpdf(-np.inf) == -np.inf
    assert law.cdf(np.inf) == 1.0 and law.cdf(-np.inf) == 0.0
    assert np.isfinite(law.pdf(law.median()))


@pytest.mark.parametrize("name", sorted(LAWS))
def test_every_law_samples_from_the_projects_rng_kinds(name):
    law = LAWS[name]
    a = law.rvs(size=4, random_state=7)
    np.testing.assert_array_equal(a, law.rvs(size=4, random_state=np.random.default_rng(7)))
    np.testing.assert_array_equal(a, law.rvs(size=4, random_state=np.random.SeedSequence(7)))
    state = np.random.get_state()[1].copy()
    b, c = law.rvs(size=4), law.rvs(size=4)          # None: fresh OS entropy ...
    np.testing.assert_array_equal(np.random.get_state()[1], state)   # ... never the global generator
    assert not np.array_equal(b, c)
    with pytest.raises(TypeError, match=r"random_state must be None, a non-negative int.*got 'seven'"):
        law.rvs(size=2, random_state="seven")
    with pytest.raises(ValueError, match=r"random_state must be a non-negative integer seed; got -1"):
        law.rvs(size=2, random_state=-1)


@pytest.mark.parametrize("L", [1e8, 1e12, [5.0, 3e6]])
@pytest.mark.parametrize("beta", [1, 2, 4])
def test_number_variance_and_rigidity_stay_bounded_for_huge_L(L, beta):
    from rmt_meso.theory import (number_variance, number_variance_asymptotic, rigidity,
                                 rigidity_asymptotic)
    from rmt_meso.theory.correlations import L_EXACT_MAX
    Ls = np.atleast_1d(L)
    big = Ls > L_EXACT_MAX
    np.testing.assert_array_equal(np.atleast_1d(number_variance(L, beta))[big],
                                  np.atleast_1d(number_variance_asymptotic(Ls[big], beta)))
    np.testing.assert_array_equal(np.atleast_1d(rigidity(L, beta))[big],
                                  np.atleast_1d(rigidity_asymptotic(Ls[big], beta)))
    # continuity at the switch: quadrature and asymptotic form agree there to the documented
    # O(1/L) corrections (Σ²: 1e-10 for β = 1, 2 and 1.3e-6 for β = 4 at L = 1e4)
    tol = 2e-6 if beta == 4 else 1e-9
    assert abs(number_variance(L_EXACT_MAX, beta) - number_variance_asymptotic(L_EXACT_MAX, beta)) < tol


@pytest.mark.parametrize("levels, kwargs, count", [
    (np.linspace(-100, 100, 50), {"beta": 1, "bulk": 1.0}, 46),            # issue example
    (np.linspace(-3, 3, 40), {"radius": 2.0, "bulk": 0.9}, 10),            # radius too small
    (np.sort(np.random.default_rng(0).normal(size=(3, 100)) * 20, axis=-1), {"beta": 1, "bulk": 0.8}, None),
])
def test_semicircle_unfolding_refuses_to_clip(levels, kwargs, count):
    from rmt_meso.spectral import unfold
    with pytest.raises(ValueError, match=r"eigenvalues: (\d+) of the \d+ kept levels lie outside the "
                                         r"semicircle \[-R, R\], R = ") as info:
        unfold(levels, "semicircle", **kwargs)
    if count is not None:
        assert f"{count} of the" in str(info.value)


def test_semicircle_unfolding_keeps_edge_fluctuations():
    """A correctly scaled GOE spectrum may put a level or two beyond R: mapped to the edge."""
    from rmt_meso.ensembles import GOE
    from rmt_meso.spectral import unfold
    e = GOE(60).eigvals(300, rng=5)
    r = np.sqrt(2 * 60)
    assert np.any(np.abs(e) >= r), "the test needs spectra with a level beyond R"
    x = unfold(e, "semicircle", beta=1, bulk=1.0)
    assert x.shape == e.shape and np.all(np.diff(x, axis=-1) >= 0)


@pytest.mark.parametrize("W", [1.0, 0.5, 1e-9])
def test_wire_refuses_disorder_strength_with_given_onsite(W):
    with pytest.raises(ValueError, match=rf"W={W!r} has no effect with onsite="):
        Wire(3, 4, W=W, onsite=np.zeros((4, 3)))
    assert Wire(3, 4, onsite=np.zeros((4, 3))).W == 0.0


@pytest.mark.parametrize("k", [0.0, np.pi], ids=["k=0", "k=pi"])
def test_kramers_crossings_of_a_disordered_spin_orbit_wire(k):
    """Where two Kramers-partner bands cross (k = 0, π) no channel opens: the S-matrix must be
    unitary arbitrarily close to the crossing (it failed within 1e-6 before)."""
    wire = Wire(4, 10, W=1.0, spin_orbit=0.5).realisation(3)
    crossings = np.linalg.eigvalsh(wire.lead.bloch_hamiltonian(k))[::2]
    for ec in crossings:
        for d in (0.0, 1e-12, -1e-9, 1e-7, -1e-6, 1e-5):
            e = float(ec + d)
            if wire.lead.nearest_threshold(e)[1] == 0.0 and d == 0.0 and e in wire.thresholds():
                continue
            s = wire.smatrix(e)
            assert s.unitarity_error() < 1e-12, (ec, d)
            assert s.n_left == wire.n_channels(float(ec + 1e-4 * np.sign(d or 1)))
