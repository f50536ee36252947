"""Shot noise from transmission eigenvalues: limits, energy integral, cavity theory."""

import math

import numpy as np
import pytest
import scipy.constants as const

from rmt_meso.theory import noise as tn_
from rmt_meso.theory.cavity import mean_transmission
from rmt_meso.theory.scales import G0
from rmt_meso.transport import ChaoticCavity
from rmt_meso.transport.noise import ensemble_fano_factor, noise_power, noise_power_energy

T = np.array([0.05, 0.4, 0.9, 1.0])


def test_johnson_nyquist_limit():
    assert noise_power(T, voltage=0.0, temperature=0.3) == pytest.approx(4 * 0.3 * T.sum(), rel=1e-14)


def test_zero_temperature_shot_noise_is_2eIF():
    v = 0.7
    fano = np.sum(T * (1 - T)) / T.sum()
    assert noise_power(T, voltage=v, temperature=0.0) == pytest.approx(2 * v * T.sum() * fano, rel=1e-14)
    assert noise_power(T, voltage=-v, temperature=0.0) == pytest.approx(2 * v * T.sum() * fano, rel=1e-14)


def test_poisson_limit_of_a_tunnel_barrier():
    small = np.full(5, 1e-6)
    s = noise_power(small, voltage=2.0, temperature=1e-3)
    assert s / (2 * 2.0 * small.sum()) == pytest.approx(1.0, abs=2e-6)


def test_crossover_formula_and_small_voltage_continuity():
    fano = np.sum(T * (1 - T)) / T.sum()
    kt = 0.1
    for v in (1e-9, 1e-3, 0.05, 0.2, 3.0):
        s = noise_power(T, voltage=v, temperature=kt)
        assert s / (4 * kt * T.sum()) == pytest.approx(tn_.noise_crossover(v / (2 * kt), fano), rel=1e-12)


def test_si_units():
    s = noise_power(T, voltage=0.0, temperature=1.5, unit="SI")
    assert s == pytest.approx(4 * const.k * 1.5 * G0 * T.sum(), rel=1e-12)
    s = noise_power(T, voltage=0.0, temperature=1.5, unit="SI", spinful=True)
    assert s == pytest.approx(2 * const.k * 1.5 * G0 * T.sum(), rel=1e-12)


def test_energy_integral_reduces_to_closed_form():
    e = np.linspace(-4, 4, 4001)
    tn = np.tile(T, (e.size, 1))
    for v, kt in ((0.0, 0.05), (0.3, 0.05), (1.0, 0.02)):
        s = noise_power_energy(e, tn, mu=0.1, voltage=v, temperature=kt)
        assert s == pytest.approx(noise_power(T, voltage=v, temperature=kt), rel=1e-6)


def test_energy_integral_bad_grid():
    e = np.linspace(-1, 1, 101)
    with pytest.raises(ValueError, match="cover"):
        noise_power_energy(e, np.ones((101, 1)), mu=0.0, voltage=0.1, temperature=0.1)
    with pytest.raises(ValueError, match="coarse"):
        noise_power_energy(e, np.ones((101, 1)), mu=0.0, voltage=0.1, temperature=0.01)
    with pytest.raises(ValueError, match="unit"):
        noise_power(T, voltage=0.0, temperature=0.1, unit="A")


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_cavity_shot_noise_exact_for_one_channel(beta):
    """n1 = n2 = 1: P(T) known in closed form (uniform for beta = 2, 1/(2 sqrt T), 2T)."""
    pdf = {1: lambda t: 0.5 / np.sqrt(t), 2: lambda t: np.ones_like(t), 4: lambda t: 2 * t}[beta]
    from scipy.integrate import quad
    p = quad(lambda t: t * (1 - t) * pdf(np.array(t)), 0, 1)[0]
    assert tn_.cavity_shot_noise(1, 1, beta) == pytest.approx(p, rel=1e-10)
    assert tn_.cavity_fano_factor(1, 1, beta) == pytest.approx(p / mean_transmission(1, 1, beta), rel=1e-10)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_cavity_noise_against_the_circular_ensemble(beta):
    cav = ChaoticCavity(2, 3, beta)
    tn = cav.transmission_eigenvalues(20000, rng=11 + beta)
    p = np.sum(tn * (1 - tn), axis=1)
    assert abs(p.mean() - tn_.cavity_shot_noise(2, 3, beta)) < 4.5 * p.std() / math.sqrt(p.size)
    f = ensemble_fano_factor(tn)
    assert abs(f.value - tn_.cavity_fano_factor(2, 3, beta)) < 4.5 * f.stderr


def test_cavity_fano_large_n_and_exact():
    assert tn_.cavity_fano_factor(2000, 2000, 1) == pytest.approx(0.25, abs=1e-3)
    assert str(tn_.cavity_fano_factor(1, 1, 2, exact=True)) == "1/3"


def test_ensemble_fano_error_is_calibrated():
    """The delta-method error matches the scatter of the estimate over independent ensembles."""
    rng = np.random.default_rng(5)
    est = [ensemble_fano_factor(rng.beta(0.5, 1.0, (400, 3))) for _ in range(300)]
    vals = np.array([e.value for e in est])
    errs = np.array([e.stderr for e in est])
    assert np.std(vals, ddof=1) / errs.mean() == pytest.approx(1.0, abs=0.15)


def test_noise_crossover_bad_fano():
    with pytest.raises(ValueError, match="fano"):
        tn_.noise_crossover(1.0, 1.5)
