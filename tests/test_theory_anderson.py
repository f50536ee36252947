"""theory.anderson: band structure, Born/Drude chain, 1D localization laws, input checks."""

import math

import numpy as np
import pytest
from scipy import integrate, special

from rmt_meso.theory import anderson as ta


# ----------------------------------------------------------------------------- clean DOS

@pytest.mark.parametrize("dim,points", [(1, None), (2, [0.0]), (3, [-2.0, 2.0])])
def test_dos_normalised(dim, points):
    f = (lambda e: ta.clean_dos(e, dim))
    lo, hi = -2.0 * dim, 2.0 * dim
    if dim == 1:   # integrable 1/sqrt endpoint singularities: weight-aware quadrature
        val, _ = integrate.quad(lambda e: 1.0, lo, hi, weight="alg", wvar=(-0.5, -0.5))
        val /= np.pi
        assert ta.clean_dos(0.3, 1) == pytest.approx(1 / (np.pi * math.sqrt(4 - 0.09)))
    else:
        val, _ = integrate.quad(f, lo, hi, points=points, limit=200)
    assert val == pytest.approx(1.0, abs=1e-7)


def _grid_energies(dim, L):
    k = 2 * np.pi * np.arange(L) / L
    c = -2 * np.cos(k)
    eps = c
    for _ in range(dim - 1):
        eps = np.add.outer(eps, c).ravel()
    return eps


@pytest.mark.parametrize("dim,L", [(1, 20000), (2, 600), (3, 80)])
def test_dos_matches_histogram_of_clean_lattice_eigenvalues(dim, L):
    # the eigenvalues of a periodic L^d lattice are -2 sum cos(2 pi n_i / L); their fraction in
    # each bin must equal int rho over the bin, up to finite-L discreteness O(1/L)
    eps = _grid_energies(dim, L)
    edges = np.linspace(-2 * dim + 0.05, 2 * dim - 0.05, 13)
    frac = np.histogram(eps, bins=edges)[0] / eps.size
    n = np.asarray(ta.integrated_dos(edges, dim))
    np.testing.assert_allclose(frac, np.diff(n), atol=6.0 / L + 1e-4)
    # a few bins where integrating the DOS itself is easy
    for a, b in zip(edges[1:4], edges[2:5]):
        val, _ = integrate.quad(lambda e: ta.clean_dos(e, dim), a, b,
                                points=[p for p in (-2.0, 0.0, 2.0) if a < p < b] or None)
        assert val == pytest.approx(float(np.diff(ta.integrated_dos([a, b], dim))[0]), abs=1e-8)


def test_2d_dos_closed_form_and_van_hove():
    E = np.array([-3.5, -1.0, 0.5, 2.0])
    np.testing.assert_allclose(ta.clean_dos(E, 2), special.ellipk(1 - E ** 2 / 16) / (2 * np.pi ** 2))
    assert ta.clean_dos(0.0, 2) == np.inf
    assert ta.clean_dos(4.5, 2) == 0.0
    # 3D DOS is symmetric and finite at the centre
    assert ta.clean_dos(1.3, 3) == pytest.approx(ta.clean_dos(-1.3, 3), rel=1e-10)
    assert np.isfinite(ta.clean_dos(0.0, 3))


@pytest.mark.parametrize("dim,E", [(2, -1.0), (2, -3.0), (3, -1.0), (3, -4.5)])
def test_fermi_velocity_matches_brute_force_fermi_surface_average(dim, E):
    # independent check of rho <v^2> = -int e rho: average |grad eps|^2 with a Gaussian
    # window of width eta around E on a fine k grid (error O(eta^2))
    L, eta, rtol = (1200, 0.03, 3e-3) if dim == 2 else (180, 0.06, 1e-3)
    k = 2 * np.pi * (np.arange(L) + 0.5) / L
    if dim == 2:
        kx, ky = np.meshgrid(k, k, indexing="ij")
        eps = -2 * (np.cos(kx) + np.cos(ky))
        v2 = 4 * (np.sin(kx) ** 2 + np.sin(ky) ** 2)
    else:
        kx, ky, kz = np.meshgrid(k, k, k, indexing="ij", sparse=True)
        eps = -2 * (np.cos(kx) + np.cos(ky) + np.cos(kz))
        v2 = 4 * (np.sin(kx) ** 2 + np.sin(ky) ** 2 + np.sin(kz) ** 2)
    w = np.exp(-0.5 * ((eps - E) / eta) ** 2)
    brute = float(np.sum(w * v2) / np.sum(w))
    # window bias O(eta^2): measured 3e-4 relative at eta = 0.06 (halving eta quarters it)
    assert ta.fermi_velocity(E, dim) ** 2 == pytest.approx(brute, rel=rtol)


def test_fermi_velocity_and_wavevector_1d_exact():
    E = np.array([-1.5, 0.0, 1.0])
    np.testing.assert_allclose(ta.fermi_velocity(E, 1), np.sqrt(4 - E ** 2))
    k = np.arccos(-E / 2)                       # E = -2 cos k
    np.testing.assert_allclose(ta.fermi_wavevector(E, 1), np.minimum(k, np.pi - k))


def test_integrated_dos_derivative_is_dos():
    for dim, E in [(2, -1.7), (3, 0.9), (3, -3.1)]:
        h = 1e-4
        deriv = (ta.integrated_dos(E + h, dim) - ta.integrated_dos(E - h, dim)) / (2 * h)
        assert deriv == pytest.approx(ta.clean_dos(E, dim), rel=1e-6)


# ----------------------------------------------------------------------------- Born / Drude

def test_born_1d_closed_forms_and_xi_equals_four_l():
    E, W = np.array([-1.0, 0.5, 1.5]), 0.8
    l = ta.born_mean_free_path(E, W, 1)
    np.testing.assert_allclose(l, 6 * (4 - E ** 2) / W ** 2)
    np.testing.assert_allclose(4 * l, ta.localization_length_1d(E, W))
    np.testing.assert_allclose(ta.born_scattering_time(E, W, 1) * 2 * np.pi * W ** 2 / 12
                               * ta.clean_dos(E, 1), 1.0)


def test_binary_disorder_variance():
    assert ta.disorder_variance(2.0, "binary") == 1.0
    assert ta.disorder_variance(2.0, "gaussian") == pytest.approx(1 / 3)
    assert ta.born_scattering_time(-1.0, 2.0, 2, "binary") == pytest.approx(
        ta.born_scattering_time(-1.0, 2.0 * math.sqrt(3), 2, "box"))


def test_drude_2d_approaches_continuum_formula_at_band_bottom():
    # near the band edge the lattice is a parabolic 2DEG: sigma = g_s k_F l / (4 pi) e^2/hbar
    E, W = -3.95, 0.2
    sigma = ta.drude_conductivity(E, W, 2, spin_degeneracy=2)
    cont = ta.ioffe_regel_conductance_2d(ta.kf_l(E, W, 2), spin_degeneracy=2)
    assert sigma / cont == pytest.approx(1.0, abs=0.01)
    # and the Einstein relation with D = v_F l / 2
    D = ta.diffusion_constant(E, W, 2)
    assert D == pytest.approx(ta.fermi_velocity(E, 2) * ta.born_mean_free_path(E, W, 2) / 2)


def test_ioffe_regel_disorder_and_conductance():
    for dim, E in [(1, 0.5), (2, -1.0), (3, -1.0)]:
        W = ta.ioffe_regel_disorder(E, dim)
        assert ta.kf_l(E, W, dim) == pytest.approx(1.0, rel=1e-9)
        # k_F l ~ W^-2
        assert ta.kf_l(E, W / 2, dim) == pytest.approx(4.0, rel=1e-9)
    assert ta.ioffe_regel_conductance_2d(1.0, spin_degeneracy=2) == pytest.approx(1 / (2 * np.pi))
    assert ta.ioffe_regel_conductance_2d(1.0) == pytest.approx(1 / (4 * np.pi))
    assert ta.ioffe_regel_disorder(0.0, 2) == 0.0          # van Hove: rho infinite


# ----------------------------------------------------------------------------- 1D localization

def test_kappus_wegner_constants():
    assert ta.KAPPUS_WEGNER_RATIO == pytest.approx(1.09422, abs=1e-5)
    band_centre_length = 1 / ta.lyapunov_1d_band_centre(1.0)
    assert band_centre_length == pytest.approx(105.045, abs=1e-3)
    assert ta.lyapunov_1d_perturbative(0.0, 1.0) / ta.lyapunov_1d_band_centre(1.0) == pytest.approx(
        ta.KAPPUS_WEGNER_RATIO)


@pytest.mark.slow
def test_exact_1d_solution_reduces_to_perturbative_laws():
    # the all-orders invariant-measure solution approaches the W^2 laws, with a relative
    # deviation that shrinks like W^2 (away from anomalies) and the Kappus-Wegner value at E = 0
    E = 1.0
    d1 = ta.lyapunov_1d_exact(E, 1.0) / ta.lyapunov_1d_perturbative(E, 1.0) - 1
    d2 = ta.lyapunov_1d_exact(E, 0.7) / ta.lyapunov_1d_perturbative(E, 0.7) - 1
    assert 0.005 < d1 < 0.04
    assert d1 / d2 == pytest.approx(1 / 0.7 ** 2, rel=0.1)
    r = ta.lyapunov_1d_exact(0.0, 0.5) / ta.lyapunov_1d_band_centre(0.5)
    assert abs(r - 1) < 3e-3
    # and differs from the naive formula at E = 0 by the anomaly factor
    naive = ta.lyapunov_1d_perturbative(0.0, 0.5)
    assert naive / ta.lyapunov_1d_exact(0.0, 0.5) == pytest.approx(ta.KAPPUS_WEGNER_RATIO, rel=3e-3)


def test_exact_1d_strong_disorder_limit():
    # W >> 1: x ~ -eps, gamma -> <ln|eps|> = ln(W/2) - 1 (corrections O(1/W^2))
    W = 200.0
    assert ta.lyapunov_1d_exact(0.0, W, 400) == pytest.approx(math.log(W / 2) - 1, abs=2e-3)


def test_critical_points():
    cp = ta.critical_point(3, 1)
    assert (cp.W_c, cp.W_c_err, cp.nu, cp.nu_err) == (16.54, 0.01, 1.571, 0.004)
    assert "Slevin" in cp.reference
    assert math.isnan(ta.critical_point(3, 2).W_c)
    with pytest.raises(ValueError, match="dim, beta"):
        ta.critical_point(2, 1)


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("call,exc,match", [
    (lambda: ta.lyapunov_1d_perturbative(2.0, 1.0), ValueError, "E"),
    (lambda: ta.lyapunov_1d_perturbative(0.5, -1.0), ValueError, "W"),
    (lambda: ta.lyapunov_1d_band_centre(-0.1), ValueError, "W"),
    (lambda: ta.lyapunov_1d_exact(0.5, 0.0), ValueError, "W"),
    (lambda: ta.clean_dos(0.0, 4), ValueError, "dim"),
    (lambda: ta.clean_dos(np.nan, 2), ValueError, "E"),
    (lambda: ta.fermi_velocity(4.0, 2), ValueError, "band"),
    (lambda: ta.born_mean_free_path(0.5, 0.0, 1), ValueError, "W"),
    (lambda: ta.born_mean_free_path(7.0, 1.0, 3), ValueError, "band"),
    (lambda: ta.ioffe_regel_disorder(-1.0, 2, disorder="cauchy"), ValueError, "disorder"),
    (lambda: ta.ioffe_regel_conductance_2d(1.0, spin_degeneracy=3), ValueError, "spin"),
    (lambda: ta.ioffe_regel_conductance_2d(-1.0), ValueError, "kfl"),
    (lambda: ta.clean_dos(0.0, 2.0), TypeError, "dim"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_vectorised_shapes():
    E = np.linspace(-1.5, 1.5, 6).reshape(2, 3)
    assert np.shape(ta.lyapunov_1d_perturbative(E, 1.0)) == (2, 3)
    assert np.shape(ta.clean_dos(E, 3)) == (2, 3)
    assert isinstance(ta.clean_dos(0.5, 2), float)
    assert np.isinf(ta.localization_length_1d(0.5, 0.0))
