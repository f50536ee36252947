"""Büttiker voltage-probe dephasing in a chaotic cavity."""

import numpy as np
import pytest

from rmt_meso.theory import cavity as th
from rmt_meso.transport.dephasing import VoltageProbeCavity, lead_transmissions, three_terminal_conductance


def _mean(g):
    return g.mean(), g.std(ddof=1) / np.sqrt(g.size)


def test_transmission_matrix_sum_rules():
    for beta in (1, 2, 4):
        cav = VoltageProbeCavity(2, 3, 4, beta)
        tm = cav.transmissions(5, rng=beta)
        assert tm.shape == (5, 3, 3)
        assert np.allclose(tm.sum(axis=1), [2, 3, 4]) and np.allclose(tm.sum(axis=2), [2, 3, 4])
        if beta == 1:
            assert np.allclose(tm, np.swapaxes(tm, 1, 2)), "reciprocity T_ij = T_ji for beta = 1"


def test_three_terminal_formula_limits():
    # a probe that only connects to lead 1 does nothing; a perfect series junction adds resistances
    tm = np.array([[0.0, 0.3, 1.0], [0.3, 0.0, 0.0], [1.0, 0.0, 0.0]])
    assert np.isclose(three_terminal_conductance(tm), 0.3)
    tm = np.array([[0.0, 0.0, 2.0], [0.0, 0.0, 1.0], [2.0, 1.0, 0.0]])
    assert np.isclose(three_terminal_conductance(tm), 1.0 * 2.0 / 3.0)  # 1/(1/2 + 1/1)


def test_no_probe_is_the_coherent_cavity():
    g = VoltageProbeCavity(2, 2, 0, 1).conductance(3000, rng=5)
    m, se = _mean(g)
    assert abs(m - th.mean_transmission(2, 2, 1)) < 4 * se


@pytest.mark.slow
def test_probe_suppresses_weak_localization():
    n, size = 4, 3000
    wl, err = [], []
    for nphi in (0, 4, 16):
        m1, s1 = _mean(VoltageProbeCavity(n, n, nphi, 1).conductance(size, rng=100 + nphi))
        m2, s2 = _mean(VoltageProbeCavity(n, n, nphi, 2).conductance(size, rng=200 + nphi))
        # each mean against the O(1/N) delta-method theory (remainder O(1/N^2) < 1 sigma here)
        assert abs(m1 - th.voltage_probe_conductance(n, n, nphi, 1)) < 4 * s1, (nphi, m1)
        assert abs(m2 - th.voltage_probe_conductance(n, n, nphi, 2)) < 4 * s2, (nphi, m2)
        wl.append(m1 - m2)
        err.append(np.hypot(s1, s2))
    wl, err = np.array(wl), np.array(err)
    # WL correction shrinks towards 0 as the probe grows (large-N law -1/4, -1/6, -1/12)
    assert wl[0] < wl[1] - 2 * np.hypot(err[0], err[1]) and wl[1] < wl[2]
    assert abs(wl[2]) < abs(wl[0]) / 2
    theory = th.voltage_probe_weak_localization(n, n, np.array([0, 4, 16]), 1)
    assert np.all(np.abs(wl - theory) < 4 * err + 1.0 / (2 * n + np.array([0, 4, 16]))), (wl, theory)


@pytest.mark.parametrize("call,exc", [
    (lambda: VoltageProbeCavity(1, 1, -1, 1), ValueError),
    (lambda: VoltageProbeCavity(0, 1, 1, 1), ValueError),
    (lambda: VoltageProbeCavity(1, 1, 1, 3), ValueError),
    (lambda: lead_transmissions(1.1 * np.eye(3), [1, 1, 1], 2), ValueError),
    (lambda: lead_transmissions(np.eye(3), [1, 1], 2), ValueError),
    (lambda: three_terminal_conductance(np.zeros((3, 3))), ValueError),
    (lambda: three_terminal_conductance(np.zeros((2, 2))), ValueError),
])
def test_bad_input(call, exc):
    with pytest.raises(exc):
        call()


@pytest.mark.slow
def test_dephasing_claim_passes():
    from rmt_meso.claims import REGISTRY, Context, discover, run_claim
    discover()
    out = run_claim(REGISTRY["dephasing_cavity"], Context(preset="quick"))
    assert out.passed, out.error or [c.summary() for c in out.result.comparisons]


@pytest.mark.slow
def test_hamiltonian_probe_depends_on_total_rate_only():
    from rmt_meso.transport.dephasing import HamiltonianProbeCavity
    n, gamma, m, size = 4, 4.0, 64, 1500
    wl = {}
    for nphi in (4, 16):
        means = {}
        for beta in (1, 2):
            cav = HamiltonianProbeCavity(m, n, n, beta, gamma=gamma, nphi=nphi)
            tm = cav.transmissions(size, rng=10 * nphi + beta)
            g = three_terminal_conductance(tm)
            means[beta] = _mean(g)
            # classical probe transmission n1 γ/(n1 + n2 + γ), stated allowance 1/M + 1/N
            tp1 = tm[:, 2, 0]
            m_t, s_t = _mean(tp1)
            assert abs(m_t - n * gamma / (2 * n + gamma)) < 4 * s_t + 1 / m + 1 / (2 * n + gamma), (nphi, m_t)
        wl[nphi] = (means[1][0] - means[2][0], np.hypot(means[1][1], means[2][1]))
    theory = th.dephasing_weak_localization(n, n, gamma, 1)
    assert np.isclose(theory, th.voltage_probe_weak_localization(n, n, 4, 1))
    for nphi, (v, e) in wl.items():
        # large-N law; stated allowance 1/N^2 + 1/M for the O(1/N) and finite-M terms
        assert abs(v - theory) < 4 * e + 1 / (2 * n + gamma) ** 2 + 1 / m, (nphi, v, e, theory)
    with pytest.raises(ValueError):
        HamiltonianProbeCavity(20, 1, 1, 1, gamma=3.0, nphi=2)
