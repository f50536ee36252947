"""Physics of disordered wires against rmt_meso.theory.wire (small wires, fixed seeds, 4-5 sigma).

Energies lie mid-way between transverse subband thresholds of the strip, so that no channel
has a vanishing velocity.  Tolerances are standard errors times 4-5 plus, where a universal
(N -> infinity) value is compared with a wire of N ~ 8 channels, a stated finite-size band
``theory / N`` (the O(1/N) corrections of the DMPK equation).
"""

import math

import numpy as np
import pytest

from rmt_meso.claims import REGISTRY, Context, discover, run_claim
from rmt_meso.compare import ratio_of_means
from rmt_meso.compare import variance_with_error
from rmt_meso.theory import wire as tw
from rmt_meso.transport import Wire



pytestmark = pytest.mark.usefixtures("one_blas_thread")


E10 = 0.504   # mid-gap energy of the M = 10 strip (N = 8)
E8_SO = 0.33  # spin-orbit M = 8 strip (5 Kramers pairs)


def _conductances(template, n, rng, energy, per=1.0):
    rng = np.random.default_rng(rng)
    return np.array([template.realisation(rng).conductance(energy) / per for _ in range(n)])


def test_variance_with_error_matches_normal_theory():
    """The standard error of the sample variance: sqrt(2/(n-1)) sigma^2 for Gaussian data."""
    rng = np.random.default_rng(0)
    x = rng.normal(scale=2.0, size=200_000)
    est = variance_with_error(x)
    v, e = est.value, est.stderr
    assert v == pytest.approx(4.0, abs=5 * e)
    assert e == pytest.approx(4.0 * math.sqrt(2 / x.size), rel=0.02)
    # and it is the real spread of the estimator over repeated samples
    vs = [np.var(rng.normal(size=50), ddof=1) for _ in range(4000)]
    est = np.mean([variance_with_error(rng.normal(size=50)).stderr for _ in range(400)])
    assert est == pytest.approx(np.std(vs), rel=0.1)


def test_ratio_of_means_error_is_the_spread_of_the_ratio():
    rng = np.random.default_rng(1)
    def draw():
        b = rng.exponential(size=300) + 1.0
        return b * 0.3 + rng.normal(scale=0.1, size=300), b
    reps = [ratio_of_means(*draw()) for _ in range(800)]
    r = np.array([x.value for x in reps])
    assert np.mean([x.stderr for x in reps]) == pytest.approx(r.std(), rel=0.1)
    assert all(x.n == 300 for x in reps)
    with pytest.raises(ValueError, match="non-zero mean"):
        ratio_of_means([1.0, 2.0], [1.0, -1.0])
    with pytest.raises(ValueError, match="b"):
        ratio_of_means([1.0, 2.0, 3.0], [1.0, 2.0])


def test_clean_wire_is_ballistic():
    """L = 0 limit of N/(1 + L/l): a clean wire transmits every open channel."""
    w = Wire(10, 30)
    assert w.conductance(E10) == pytest.approx(w.n_channels(E10), abs=1e-10)
    assert tw.mean_conductance(w.n_channels(E10), 0.0, 5.0) == w.n_channels(E10)


@pytest.mark.slow
def test_ucf_small_wire_beta1():
    """var g of a diffusive M = 10 wire vs 2/15 (4 sigma plus the finite-size band 2/15/N)."""
    template = Wire(10, 30, W=2.0)
    n_ch = template.n_channels(E10)
    g = _conductances(template, 700, 11, E10)
    est = variance_with_error(g)
    var, err = est.value, est.stderr
    theory = tw.ucf_variance(1)
    assert abs(var - theory) <= 4 * math.hypot(err, theory / n_ch), (var, err)
    # and it is clearly not the beta = 2 value: the symmetry class sets the variance
    assert var - tw.ucf_variance(2) > 4 * err


@pytest.mark.slow
def test_magnetoconductance_signs():
    """A field raises <g> of a TRS wire (WL) and lowers that of a spin-orbit wire (WAL).

    Paired samples: the same disorder with and without one flux quantum through the wire.
    """
    rng = np.random.default_rng(5)
    cases = [(Wire(10, 40, W=2.0), Wire(10, 40, W=2.0, flux=1.0 / 400), E10, 1.0, +1),
             (Wire(8, 36, W=2.0, spin_orbit=math.pi / 4),
              Wire(8, 36, W=2.0, spin_orbit=math.pi / 4, flux=1.0 / 288), E8_SO, 2.0, -1)]
    for w0, wb, energy, per, sign in cases:
        d = []
        for _ in range(200):
            on = w0.realisation(rng).onsite
            d.append((wb.with_onsite(on).conductance(energy) - w0.with_onsite(on).conductance(energy)) / per)
        d = np.array(d)
        mean, err = d.mean(), d.std(ddof=1) / math.sqrt(d.size)
        assert sign * mean > 4 * err, (sign, mean, err)
        # never more than the full correction of the diffusive limit
        assert abs(mean) <= abs(tw.wl_correction(1 if sign > 0 else 4)) + 4 * err


@pytest.mark.slow
def test_fano_factor_and_mean_conductance():
    """F = <sum T(1-T)>/<sum T> -> 1/3 (+ O(1/g) WL terms) and the density's normalisation."""
    template = Wire(16, 24, W=2.0)
    energy = 0.658               # mid-gap for M = 16
    rng = np.random.default_rng(3)
    tn = np.stack([template.realisation(rng).transmission_eigenvalues(energy) for _ in range(250)])
    g = tn.sum(axis=1)
    est = ratio_of_means((tn * (1 - tn)).sum(axis=1), g)
    f, f_err = est.value, est.stderr
    n_ch = tn.shape[1]
    # the finite-g theory itself (WL terms dP(s) -> -1/45, dg(s); ballistic-diffusive Drude F_0(s))
    assert abs(f - tw.fano_factor_wire(g.mean(), 1, n_channels=n_ch)) <= 4 * f_err, (f, f_err)
    # bimodality: the density per unit T rises from the middle towards T = 1 as
    # 1/(T sqrt(1-T)); the ratio of two windows inside [T_min, 1) is parameter free
    def ratio(x):
        return (np.mean((x > 0.9) & (x < 0.98)) / 0.08) / (np.mean((x > 0.4) & (x < 0.6)) / 0.2)
    d = tw.diffusive_transmission
    theory = ((d.cdf(0.98, 5.0) - d.cdf(0.9, 5.0)) / 0.08) / ((d.cdf(0.6, 5.0) - d.cdf(0.4, 5.0)) / 0.2)
    boot = [ratio(tn[rng.integers(0, len(tn), len(tn))]) for _ in range(300)]
    assert abs(ratio(tn) - theory) <= 4 * np.std(boot), (ratio(tn), theory, np.std(boot))
    assert theory == pytest.approx(1.62, abs=0.01)


def test_claims_registered():
    reg = discover()
    for name in ("ballistic_diffusive", "weak_localization_wire", "ucf_wire", "ucf_temperature",
                 "dmpk_transmission"):
        assert name in reg and reg[name].section == "wires"


@pytest.mark.slow
def test_dmpk_claim_runs_and_passes():
    discover()
    out = run_claim(REGISTRY["dmpk_transmission"], Context(preset="quick"))
    assert out.error == ""
    assert out.passed, [c.summary() for c in out.result.comparisons]
    assert out.result.figure is not None
