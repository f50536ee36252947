"""Theory of disordered wires: exact values, limits and independent re-derivations."""

import math

import numpy as np
import pytest
import sympy as sp
from scipy import integrate, stats

from rmt_meso.theory import wire as tw


# ---------------------------------------------------------------- exact rational values
@pytest.mark.parametrize("beta, var, wl", [(1, sp.Rational(2, 15), sp.Rational(-1, 3)),
                                           (2, sp.Rational(1, 15), sp.Integer(0)),
                                           (4, sp.Rational(1, 30), sp.Rational(1, 6))],
                         ids=["beta1", "beta2", "beta4"])
def test_exact_ucf_and_wl(beta, var, wl):
    assert tw.ucf_variance(beta, exact=True) == var
    assert tw.wl_correction(beta, exact=True) == wl
    assert isinstance(tw.ucf_variance(beta, exact=True), sp.Rational)
    assert tw.ucf_variance(beta) == float(var)
    # spin-degenerate total 2g: mean doubles, variance quadruples
    assert tw.ucf_variance(beta, spin_degeneracy=2, exact=True) == 4 * var
    assert tw.wl_correction(beta, spin_degeneracy=2, exact=True) == 2 * wl


def test_fano_exact():
    assert tw.fano_factor_diffusive(exact=True) == sp.Rational(1, 3)
    assert tw.fano_factor_diffusive() == pytest.approx(1 / 3, abs=1e-16)


# ---------------------------------------------------------------- density of T_n
def test_density_integrals_are_exact_in_sympy():
    """<g> = N l/L and F = 1/3 follow from rho(T) (T_min -> 0), done symbolically."""
    T, N, l, L = sp.symbols("T N l L", positive=True)
    rho = N * l / (2 * L) / (T * sp.sqrt(1 - T))
    g = sp.integrate(T * rho, (T, 0, 1))
    noise = sp.integrate(T * (1 - T) * rho, (T, 0, 1))
    assert sp.simplify(g - N * l / L) == 0
    assert sp.simplify(noise / g) == sp.Rational(1, 3)


@pytest.mark.parametrize("s", [0.5, 3.0, 12.0])
def test_density_normalisation_and_moments(s):
    n, mfp = 7, 1.3
    length = s * mfp
    lo = tw.transmission_min(length, mfp)
    assert lo == pytest.approx(1 / math.cosh(s) ** 2, rel=1e-14)

    def f(t, k):
        return t**k * tw.transmission_density(t, n, length, mfp)

    # integrate in x (T = 1/cosh^2 x) to avoid the end-point singularities: dT = -2 T tanh x dx
    def in_x(func):
        def g(x):
            t = 1 / math.cosh(x) ** 2
            return func(t) * 2 * t * math.tanh(x)
        return integrate.quad(g, 0, s, limit=200)[0]
    norm = in_x(lambda t: f(t, 0))
    mean = in_x(lambda t: f(t, 1))
    noise = in_x(lambda t: f(t, 1) - f(t, 2))
    assert norm == pytest.approx(n, rel=1e-9)
    assert mean == pytest.approx(n * math.tanh(s) / s, rel=1e-9)
    assert noise / mean == pytest.approx(math.tanh(s) ** 2 / 3, rel=1e-9)
    # outside the support the density vanishes
    assert tw.transmission_density(0.5 * lo, n, length, mfp) == 0.0
    assert tw.transmission_density(1.0, n, length, mfp) == 0.0


def test_transmission_min_asymptote():
    assert tw.transmission_min(20.0, 1.0) == pytest.approx(4 * math.exp(-40), rel=1e-12)


@pytest.mark.parametrize("s", [0.7, 5.0])
def test_diffusive_transmission_distribution(s):
    d = tw.diffusive_transmission
    lo, hi = d.support(s)
    assert lo == pytest.approx(1 / math.cosh(s) ** 2) and hi == 1.0
    # normalisation and moments by adaptive quadrature (QAGS handles the 1/sqrt(1-T) end),
    # independent of the closed-form _stats
    def moment(k):
        return integrate.quad(lambda t: t**k * d.pdf(t, s), lo, 1, limit=400, epsabs=1e-13)[0]
    assert moment(0) == pytest.approx(1.0, rel=1e-8)
    assert moment(1) == pytest.approx(d.mean(s), rel=1e-8)
    assert moment(2) == pytest.approx(d.var(s) + d.mean(s) ** 2, rel=1e-8)
    q = np.linspace(0.01, 0.99, 17)
    np.testing.assert_allclose(d.cdf(d.ppf(q, s), s), q, rtol=1e-12)
    # cdf is the integral of the pdf
    tt = np.array([0.2, 0.6, 0.95])
    tt = tt[tt > lo]
    for v in tt:
        num = integrate.quad(lambda u: d.pdf(u, s), lo, v, limit=200)[0]
        assert d.cdf(v, s) == pytest.approx(num, rel=1e-8)
    sample = d.rvs(s, size=4000, random_state=np.random.default_rng(3))
    assert stats.kstest(sample, lambda v: d.cdf(v, s)).pvalue > 1e-4
    # a wrong shape parameter is detected
    assert stats.kstest(sample, lambda v: d.cdf(v, 1.5 * s)).pvalue < 1e-4


# ---------------------------------------------------------------- UCF geometry
def _brute_rectangle(a, k=1500):
    n = np.arange(1, k + 1, dtype=float)[:, None]
    m = np.arange(0, math.ceil(k / a) + 1, dtype=float)[None, :]
    return 12 / np.pi**4 * np.sum(1.0 / (n**2 + (a * m) ** 2) ** 2)


@pytest.mark.parametrize("aspect", [0.5, 1.0, 2.0, 7.0])
def test_ucf_rectangle_against_brute_double_sum(aspect):
    # the brute sum over n <= k, a m <= k misses a tail ~ 1/k^2: Richardson-extrapolate k -> inf
    brute = (4 * _brute_rectangle(aspect, 1600) - _brute_rectangle(aspect, 800)) / 3
    assert tw.ucf_variance_rectangle(aspect, 1.0, 1) == pytest.approx(brute, abs=1e-9)


def test_ucf_rectangle_limits():
    # square: Lee-Stone-Fukuyama value 0.186 for beta = 1
    assert tw.ucf_variance_rectangle(3.0, 3.0, 1) == pytest.approx(0.1856, abs=1e-4)
    # long wire -> 2/(15 beta) + transverse-mode corrections, a = L/W (Euler-Maclaurin in n:
    # sum_n f(n) = int_0^inf f - f(0)/2 up to exponentially small terms)
    zeta3 = 1.2020569031595942
    for beta in (1, 2, 4):
        a = 50.0
        approx = (2 / 15 + 12 / np.pi**4 * (np.pi * zeta3 / (4 * a**3) - np.pi**4 / 90 / (2 * a**4))) / beta
        assert tw.ucf_variance_rectangle(a, 1.0, beta) == pytest.approx(approx, rel=1e-9)
    # wide sample: var g -> (12/pi^4) (pi zeta(3) W/(4 L) + zeta(4)/2)
    a = 0.005
    approx = 12 / np.pi**4 * (np.pi * 1.2020569031595942 / (4 * a) + np.pi**4 / 180)
    assert tw.ucf_variance_rectangle(a, 1.0, 1) == pytest.approx(approx, rel=1e-4)
    # variance scales like 1/beta and 4x for the spin-degenerate total
    v1 = tw.ucf_variance_rectangle(1.0, 1.0, 1)
    assert tw.ucf_variance_rectangle(1.0, 1.0, 2) == pytest.approx(v1 / 2, rel=1e-14)
    assert tw.ucf_variance_rectangle(1.0, 1.0, 1, spin_degeneracy=2) == pytest.approx(4 * v1, rel=1e-14)


# ---------------------------------------------------------------- WL crossover
def _cooperon_trace(u, n):
    """int_0^1 C(x, x) dx for -C'' + u^2 C = delta, C(0) = C(1) = 0, finite differences.

    The operator h^2 (-D2 + u^2) is tridiagonal with diagonal a = 2 + u^2 h^2 and
    off-diagonal -1; the diagonal of its inverse is theta_{i-1} phi_{i+1} / theta_n
    (Usmani's recursion), and int C dx = h sum_i C(x_i, x_i) = h^2 sum_i (h^2 op)^-1_ii.
    """
    h = 1.0 / (n + 1)
    a = 2 + u**2 * h**2
    theta = np.empty(n + 1)
    theta[0], theta[1] = 1.0, a
    for i in range(2, n + 1):
        theta[i] = a * theta[i - 1] - theta[i - 2]
    # by symmetry of the constant-coefficient chain phi_{i+1} = theta_{n-i}
    i = np.arange(1, n + 1)
    diag = theta[i - 1] * theta[n - i] / theta[n]
    return h**2 * diag.sum()


def test_wl_crossover_matches_cooperon_green_function():
    """F(u) against the trace of the discretised Dirichlet Green's function of -d^2 + u^2."""
    for u in (0.0, 0.5, 2.0, 8.0):
        # O(h^2) discretisation error removed by Richardson extrapolation
        trace = (4 * _cooperon_trace(u, 3999) - _cooperon_trace(u, 1999)) / 3
        f_num = 6 * trace  # delta g = -2 int C = -(1/3) F  =>  F = 6 int C
        assert tw.wl_crossover(u) == pytest.approx(f_num, rel=1e-7), u


def test_wl_crossover_limits_and_continuity():
    assert tw.wl_crossover(0.0) == 1.0
    # continuity across the series / closed-form switch at u = 0.1
    lo, hi = tw.wl_crossover(np.nextafter(0.1, 0)), tw.wl_crossover(0.1)
    assert lo == pytest.approx(hi, rel=1e-13)
    assert tw.wl_crossover(1e3) == pytest.approx(3e-3 * (1 - 1e-3), rel=1e-12)
    u = np.linspace(0, 20, 200)
    assert np.all(np.diff(tw.wl_crossover(u)) < 0)
    assert tw.wl_correction_dephased(4, 5.0, 5.0) == pytest.approx(tw.wl_crossover(1.0) / 6)
    assert tw.wl_correction_dephased(2, 5.0, 1.0) == 0.0


def test_magnetic_scales():
    # L/L_B = 2 pi Phi / sqrt(3) with Phi = phi W L the flux through the sample (h/e)
    phi, width, length = 0.003, 10.0, 40.0
    lb = tw.magnetic_dephasing_length(width, tw.lattice_magnetic_length(phi))
    assert length / lb == pytest.approx(2 * np.pi * phi * width * length / np.sqrt(3), rel=1e-14)
    # SI magnetic length at 1 T is 25.66 nm
    assert tw.magnetic_length(1.0) == pytest.approx(25.6556e-9, rel=1e-4)


# ---------------------------------------------------------------- Drude, localization, thermal
def test_mean_conductance_and_ohm():
    n, mfp = 12, 3.0
    lengths = np.array([0.0, 3.0, 300.0])
    np.testing.assert_allclose(tw.mean_conductance(n, lengths, mfp), [12.0, 6.0, 12 / 101])
    # resistance is additive: contact 1/N plus Drude L/(N l)
    np.testing.assert_allclose(1 / tw.mean_conductance(n, lengths, mfp), 1 / n + lengths / (n * mfp))
    assert tw.ohmic_conductance(n, 300.0, mfp) == pytest.approx(0.12)
    assert tw.dmpk_mean_free_path(1.0, 3) == pytest.approx(4 / 3)


def test_localization():
    assert tw.localization_length(10, 2.0, 1) == 22.0
    assert tw.localization_length(10, 2.0, 2) == 40.0
    assert tw.localization_length(10, 2.0, 4) == 76.0
    np.testing.assert_allclose(tw.mean_log_conductance([0.0, 22.0], 22.0), [0.0, -2.0])


def test_thermal_length():
    assert tw.thermal_length(2.0, 0.5) == pytest.approx(2.0)
    np.testing.assert_allclose(tw.thermal_length(1.0, [1.0, 4.0], hbar=4.0), [2.0, 1.0])


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("call, exc, match", [
    (lambda: tw.ucf_variance(3), ValueError, "beta must be one of"),
    (lambda: tw.wl_correction(1, exact="yes"), TypeError, "exact must be a bool"),
    (lambda: tw.ucf_variance_rectangle(-1.0, 1.0, 1), ValueError, "length must be > 0"),
    (lambda: tw.mean_conductance(0, 1.0, 1.0), ValueError, "n_channels must be an integer >= 1"),
    (lambda: tw.mean_conductance(3.0, 1.0, 1.0), TypeError, "n_channels must be an integer"),
    (lambda: tw.mean_conductance(3, -1.0, 1.0), ValueError, "length must be >= 0"),
    (lambda: tw.transmission_density(0.5, 3, 1.0, 0.0), ValueError, "mfp must be > 0"),
    (lambda: tw.wl_crossover(-0.1), ValueError, "u must be >= 0"),
    (lambda: tw.wl_correction_dephased(1, 1.0, 0.0), ValueError, "cutoff_length must be > 0"),
    (lambda: tw.lattice_magnetic_length(0.0), ValueError, "flux must be non-zero"),
    (lambda: tw.thermal_length(1.0, 0.0), ValueError, "kT must be > 0"),
    (lambda: tw.localization_length(5, 1.0, 3), ValueError, "beta must be one of"),
    (lambda: tw.dmpk_mean_free_path(1.0, 1), ValueError, "dim must be an integer >= 2"),
], ids=["beta3", "exact-type", "neg-length", "zero-N", "float-N", "neg-L", "zero-mfp", "neg-u",
        "zero-Lc", "zero-flux", "zero-kT", "xi-beta", "dim1"])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_crossover_formulas_limits():
    # ballistic limit: delta g ~ (1 - 2/beta) s, var g ~ 2 s^2 / beta for s = L/l -> 0
    s = 1e-4
    for beta in (1, 2, 4):
        assert tw.wl_correction_length(beta, s, 1.0) == pytest.approx((1 - 2 / beta) * s, rel=1e-3, abs=1e-15)
        assert tw.ucf_variance_length(beta, s, 1.0) == pytest.approx(2 * s**2 / beta, rel=1e-3)
        # diffusive limit: the universal values
        assert tw.wl_correction_length(beta, 1e4, 1.0) == pytest.approx(tw.wl_correction(beta), abs=1e-12)
        assert tw.ucf_variance_length(beta, 1e4, 1.0) == pytest.approx(tw.ucf_variance(beta), rel=1e-12)
    assert tw.ucf_variance_length(1, 3.0, 1.0) == pytest.approx(2 / 15 * (1 - 19 / 4**6), rel=1e-14)
    assert tw.wl_correction_length(4, 3.0, 1.0, spin_degeneracy=2) == pytest.approx(2 / 6 * (1 - 1 / 64))


def test_noise_wl_and_finite_g_fano():
    # Beenakker RMP 69, 731 (1997) Sec. IV: dA = (1 - 2/beta)[a(1)/4 + int a(1/cosh^2 x)/(pi^2 + 4x^2)]
    assert tw.noise_wl_correction(1, exact=True) == sp.Rational(-1, 45)
    assert tw.noise_wl_correction(2, exact=True) == 0
    assert tw.noise_wl_correction(4, exact=True) == sp.Rational(1, 90)
    # F = (g_D/3 + dP)/(g_D + dg) expanded in 1/g: 1/3 + (dP - dg/3)/g + O(g^-2)
    g = 1e4
    for beta in (1, 2, 4):
        slope = tw.noise_wl_correction(beta) - tw.wl_correction(beta) / 3
        assert (tw.fano_factor_wire(g, beta) - 1 / 3) * g == pytest.approx(slope, rel=1e-3, abs=1e-12)
    # beta = 1: -1/45 + 1/9 = 4/45
    assert (tw.fano_factor_wire(1e6, 1) - 1 / 3) * 1e6 == pytest.approx(4 / 45, rel=1e-4)


def test_fano_ballistic_diffusive_drude_terms():
    # beta = 2: no WL terms; F_0(s) = [1 - (1 + s)^-3]/3 with s = N/<g> - 1
    for n, g in ((25, 5.0), (40, 2.0), (12, 11.0)):
        s = n / g - 1
        assert tw.fano_factor_wire(g, 2, n_channels=n) == pytest.approx((1 - (1 + s) ** -3) / 3, rel=1e-13)
    # beta = 1: solve g_D = <g> + (1/3)[1 - (1+s)^-3], s = N/g_D - 1 by hand and compare
    n, g = 18, 3.37
    from scipy.optimize import brentq
    s = brentq(lambda x: n / (1 + x) - g - (1 - (1 + x) ** -3) / 3, 0.1, 50)
    shape = 1 - (1 + s) ** -3
    g_d = n / (1 + s)
    u = 1 + s
    d_p = -(u**6 - 5 * u**3 - 36 * u + 40) / (45 * u**6)        # dP(s), -> -1/45
    assert tw.fano_factor_wire(g, 1, n_channels=n) == pytest.approx((g_d * shape / 3 + d_p) / g, rel=1e-12)
    # diffusive limit: the n_channels form tends to the plain one
    assert tw.fano_factor_wire(4.0, 1, n_channels=10**9) == pytest.approx(tw.fano_factor_wire(4.0, 1), rel=1e-8)
    with pytest.raises(ValueError, match="n_channels"):
        tw.fano_factor_wire(4.0, 1, n_channels=4)


def test_wl_linear_statistic_exact_and_numeric():
    T = sp.Symbol("T")
    for beta in (1, 2, 4):
        # a = T: the conductance correction (1 - 2/beta)/3
        assert tw.wl_linear_statistic(T, beta, exact=True) == tw.wl_correction(beta, exact=True)
        assert tw.wl_linear_statistic(lambda t: t, beta) == pytest.approx(tw.wl_correction(beta), abs=1e-12)
        # a = T(1 - T): (1 - 2/beta)/45, exact and by quadrature
        assert tw.wl_linear_statistic(T * (1 - T), beta, exact=True) == (1 - sp.Rational(2, beta)) / 45
        assert tw.wl_linear_statistic(lambda t: t * (1 - t), beta) == pytest.approx(
            float((1 - sp.Rational(2, beta)) / 45), abs=1e-12)
    # the exact contour-integral coefficients against direct quadrature, higher powers
    from scipy.integrate import quad
    for k in range(1, 7):
        direct = quad(lambda x: np.cosh(x) ** (-2 * k) / (np.pi**2 + 4 * x * x), 0, 60, epsabs=1e-14)[0]
        assert float(tw._wl_power_coefficient(k)) == pytest.approx(direct, rel=1e-10)
        assert tw.wl_linear_statistic(T**k, 1, exact=True) == -(sp.Rational(1, 4) + tw._wl_power_coefficient(k))
    # a non-polynomial statistic: a = T^(3/2) numerically equals the series-free quadrature
    direct = 0.25 + quad(lambda x: np.cosh(x) ** -3 / (np.pi**2 + 4 * x * x), 0, 60, epsabs=1e-14)[0]
    assert tw.wl_linear_statistic(lambda t: t**1.5, 1) == pytest.approx(-direct, rel=1e-10)
    # bad input
    with pytest.raises(ValueError, match="a\\(0\\)"):
        tw.wl_linear_statistic(1 + T, 1, exact=True)
    with pytest.raises(ValueError, match="a\\(0\\)"):
        tw.wl_linear_statistic(lambda t: 1 + t, 1)
    with pytest.raises(ValueError, match="polynomial"):
        tw.wl_linear_statistic(sp.sqrt(T), 1, exact=True)
    with pytest.raises(ValueError, match="exact"):
        tw.wl_linear_statistic(lambda t: t, 1, exact=True)
    with pytest.raises(TypeError, match="callable"):
        tw.wl_linear_statistic(0.5, 1)
    with pytest.raises(ValueError):
        tw.wl_linear_statistic(T, 3)


def test_wl_magnetoconductance_strip_2d_cooperon():
    """The 2D Cooperon of a strip: quasi-1D law for L >> W, grid-converged, beta scaling."""
    import math
    quasi_1d = lambda phi: (1 / 3) * (1 - tw.wl_crossover(2 * math.pi * phi / math.sqrt(3)))  # noqa: E731
    # long strip: the transverse modes drop out (ratio -> 1 like W/L)
    r16 = tw.wl_magnetoconductance_strip(1, 6.0, 96.0, 0.4, grid=2.0) / quasi_1d(0.4)
    r32 = tw.wl_magnetoconductance_strip(1, 4.0, 128.0, 0.4, grid=2.0) / quasi_1d(0.4)
    assert 0.93 < r16 < r32 < 1.0
    assert abs(r32 - 1) < 0.04
    # short strip (L = 4 W): weaker dephasing than the quasi-1D law; grid convergence O(grid^2)
    a, b = (tw.wl_magnetoconductance_strip(1, 12.0, 48.0, 0.25, grid=h) for h in (2.0, 1.0))
    assert 0.7 < a / quasi_1d(0.25) < 0.85
    assert abs(a / b - 1) < 0.01
    # symmetry classes: zero for beta = 2, -1/2 of beta = 1 for beta = 4; no field, no change
    d = tw.wl_magnetoconductance_strip(1, 8.0, 24.0, [0.0, 0.3, 1.0], grid=1.0)
    assert d[0] == 0.0 and 0 < d[1] < d[2] < 1 / 3
    np.testing.assert_allclose(tw.wl_magnetoconductance_strip(4, 8.0, 24.0, [0.3, 1.0], grid=1.0),
                               -0.5 * d[1:], rtol=1e-12)
    assert np.all(tw.wl_magnetoconductance_strip(2, 8.0, 24.0, [0.3, 1.0], grid=1.0) == 0.0)
    with pytest.raises(ValueError, match="width"):
        tw.wl_magnetoconductance_strip(1, 0.0, 24.0, 0.3)
    with pytest.raises(ValueError, match="grid"):
        tw.wl_magnetoconductance_strip(1, 8.0, 24.0, 0.3, grid=-1.0)
