"""Open quarter stadia (transport.billiards.open_quarter_stadium) and the claim open_chaotic_billiard."""

import numpy as np
import pytest

from rmt_meso.transport.billiards import closed_hamiltonian, open_quarter_stadium, quarter_stadium
from rmt_meso.transport.device import Device, lead
from rmt_meso.transport.lattice import rectangle, square


def test_open_stadium_is_unitary_symmetric_and_onsager():
    dev = open_quarter_stadium(10.0, 8.0, 3, (4, 7))
    s = dev.smatrix(-1.4).matrix                           # N = 2 channels per lead
    assert s.shape == (4, 4)
    np.testing.assert_allclose(s.conj().T @ s, np.eye(4), atol=1e-10)
    np.testing.assert_allclose(s, s.T, atol=1e-10)         # time reversal at zero field
    sp, sm = (dev.with_flux(f).smatrix(-1.4).matrix for f in (0.01, -0.01))
    assert np.abs(sp - sp.T).max() > 1e-3                  # the field breaks S = S^T ...

    def blocks(m):                                         # lead-to-lead probabilities |S_ij|^2 summed
        p = np.abs(m) ** 2
        return np.array([[p[:2, :2].sum(), p[:2, 2:].sum()], [p[2:, :2].sum(), p[2:, 2:].sum()]])
    np.testing.assert_allclose(blocks(sp), blocks(sm).T, atol=1e-10)   # ... Onsager: G(B) = G(-B)^T


def test_region_is_the_stadium_plus_two_stubs_and_the_barrier_sits_in_them():
    r, ln, w = 9.0, 6.0, 3
    _, pos = closed_hamiltonian(square(), quarter_stadium(r, ln))
    ideal, barrier = open_quarter_stadium(r, ln, w, (3, 5)), open_quarter_stadium(r, ln, w, (3, 5), barrier=2.5)
    assert ideal.n_sites == pos.shape[0] + 4 * w           # stubs at x = -1, 0 and y = -1, 0
    assert np.all(ideal.onsite == 0.0)
    assert np.count_nonzero(barrier.onsite == 2.5) == 2 * w and np.count_nonzero(barrier.onsite) == 2 * w


def test_ideal_stub_only_moves_the_reference_plane():
    """A one-site stub instead of the builder's two sites: same |S| elements (lead phases only)."""
    r, ln, w, (y0, x0) = 9.0, 6.0, 3, (3, 5)
    shape = quarter_stadium(r, ln) | rectangle(0, 0.5, y0, y0 + w - 1) | rectangle(x0, x0 + w - 1, 0, 0.5)
    short = Device(square(), shape, [lead("-x", (y0, y0 + w - 1)), lead("-y", (x0, x0 + w - 1))])
    e = np.array([-1.7, -1.2])
    for a, b in zip(short.smatrix(e), open_quarter_stadium(r, ln, w, (y0, x0)).smatrix(e)):
        np.testing.assert_allclose(np.abs(a.matrix), np.abs(b.matrix), atol=1e-10)


def test_high_barrier_closes_the_billiard():
    e = np.linspace(-1.8, -1.1, 5)
    g = [open_quarter_stadium(10.0, 8.0, 3, (4, 7), barrier=40.0).transmission(1, 0, x) for x in e]
    assert max(g) < 1e-2


@pytest.mark.parametrize("kwargs, match", [
    ({"radius": 0.0}, "radius"), ({"lead_width": 0}, "lead_width"),
    ({"lead_starts": (9, 7)}, "lead_starts"), ({"lead_starts": (4, 20)}, "lead_starts"),
    ({"lead_starts": (4.5, 7)}, "lead_starts"), ({"lead_starts": (0, 7)}, "lead_starts"),
])
def test_bad_input_names_the_argument(kwargs, match):
    args = {"radius": 10.0, "length": 8.0, "lead_width": 3, "lead_starts": (4, 7)} | kwargs
    with pytest.raises(ValueError, match=match):
        open_quarter_stadium(**args)


def test_statistics_of_exact_circular_samples_recover_the_coe_moments():
    """The claim's estimators on COE transmission eigenvalues (no billiard): <g>, var g, F."""
    from rmt_meso.claims.open_chaotic_billiard import circular_eigenvalues, statistics
    from rmt_meso.theory.cavity import mean_transmission, var_transmission
    from rmt_meso.theory.noise import cavity_fano_factor
    tn = circular_eigenvalues(1, 400 * 16, np.random.default_rng(3)).reshape(400, 16, 2)
    est = statistics(tn)
    for key, th in (("mean_g", mean_transmission(2, 2, 1)), ("var_g", var_transmission(2, 2, 1)),
                    ("fano", cavity_fano_factor(2, 2, 1))):
        value, err = est[key]
        assert abs(value - th) < 4.5 * err, (key, value, err, th)


@pytest.mark.slow
def test_claim_passes_and_rejects_its_wrong_worlds():
    from rmt_meso.claims import REGISTRY, Context, discover, run_claim
    discover()
    out = run_claim(REGISTRY["open_chaotic_billiard"], Context(preset="quick"), wrong_worlds=True)
    assert out.passed, out.error or [c.summary() for c in out.result.comparisons]
    assert out.result.figure is not None
    assert [w.name for w in out.worlds] == ["cue_theory", "field_applied"]
    for w in out.worlds:
        assert w.rejected, w.summary()


def test_exact_two_channel_coe_density_matches_the_sampled_cavity():
    """The claim's exact P(T) of n1 = n2 = 2 (COE) against independent ChaoticCavity draws (KS), its
    mean 2/5 = <g>/2 and its chi-square on exact bin fractions."""
    from scipy import integrate, stats
    from rmt_meso.claims.open_chaotic_billiard import circular_eigenvalues, coe_two_channel_cdf, density_chi2
    assert coe_two_channel_cdf(0.0) == 0.0 and coe_two_channel_cdf(1.0) == 1.0
    mean = integrate.quad(lambda t: 1.0 - coe_two_channel_cdf(t), 0.0, 1.0)[0]
    assert mean == pytest.approx(0.4, abs=1e-9)
    tn = circular_eigenvalues(1, 20000, np.random.default_rng(7))
    assert stats.kstest(tn.ravel()[np.random.default_rng(8).permutation(tn.size)[:20000]],
                        coe_two_channel_cdf).pvalue > 1e-4
    edges = np.linspace(0, 1, 6)
    frac = np.stack([np.histogram(x, edges)[0] / x.size for x in tn.reshape(400, 50, 2)])
    chi2, dof = density_chi2(frac, edges)
    assert dof == 4 and stats.chi2.sf(chi2, dof) > 1e-4


def test_kernel_comparison_is_null_for_samples_of_the_kernel_and_not_for_the_ideal_cavity():
    """S drawn from a Poisson kernel itself (an exact 'billiard' for the comparison): billiard - kernel
    of its measured <S> is zero within its jackknife error; against <S> = 0 it is not."""
    from rmt_meso.claims.open_chaotic_billiard import ENERGIES, kernel_comparison
    from rmt_meso.transport.cavity import PoissonKernelCavity
    a = np.diag([0.6, 0.5, 0.55, 0.45]) + 0.1 * (np.ones((4, 4)) - np.eye(4))
    shapes = 160
    s = PoissonKernelCavity(a, 2, 2, 1).sample(shapes * ENERGIES.size, rng=11).s.reshape(shapes, ENERGIES.size, 4, 4)
    kern, diff, mean_s = kernel_comparison(s, np.random.default_rng(12), 400)
    assert np.all(np.abs(mean_s - a) < 5 * s.std(axis=0) / np.sqrt(shapes))    # <S> = a within its noise
    for key in ("mean_g", "var_g", "fano"):
        value, err = diff[key]
        assert 0 < err < 0.05 and abs(value) < 4.5 * err, (key, value, err)
    _, ideal, _ = kernel_comparison(s, np.random.default_rng(12), 400, ideal=True)
    assert ideal["mean_g"][0] < -10 * ideal["mean_g"][1]     # the barrier lowers g far below the COE
