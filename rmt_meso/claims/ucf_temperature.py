"""Claim: conductance fluctuations of a wire shrink once k_B T exceeds the Thouless energy."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from ..theory import anderson as tha
from ..theory import wire as tw
from .._blas import single_threaded_blas
from . import ClaimResult, claim

NAME = "ucf_temperature"
#: temperatures in units of the Thouless energy E_Th = hbar D / L^2
KT_OVER_ETH = (0.3, 1.0, 3.0, 10.0)


def energy_grid(energy, e_th):
    """Energy grid for the thermal averages: fine near ``energy``, coarser outside.

    Spacing 0.15 E_Th within 3 E_Th, 0.5 E_Th within 10 E_Th, 1 E_Th within 30 E_Th and
    1.5 E_Th within 100 E_Th: it satisfies ``thermal_average``'s ``k_B T / 2`` rule in the
    ``+-10 k_B T`` window of every temperature of ``KT_OVER_ETH`` and resolves ``g(E)``,
    whose correlation energy is several ``E_Th``.
    """
    parts = [np.linspace(-half, half, int(np.ceil(2 * half / h)) + 1) * e_th
             for half, h in ((3.0, 0.15), (10.0, 0.5), (30.0, 1.0), (100.0, 1.5))]
    return energy + np.unique(np.round(np.concatenate(parts) / (0.05 * e_th)) * 0.05 * e_th)


def _sample(rng, n, *, width, length, W, energy, e_th):
    """T = 0 conductances g(E) of ``n`` realisations on :func:`energy_grid`, shape (n, K)."""
    from ..transport import Wire
    grid = energy_grid(energy, e_th)
    template = Wire(width, length, W=W)
    out = np.empty((n, grid.size))
    with single_threaded_blas():   # small slices: BLAS threads only synchronise
        for i in range(n):
            out[i] = [s.conductance() for s in template.realisation(rng).smatrix(grid)]
    return out


def lag_edges(e_th):
    """Lag bins for C(eps): 0.15 E_Th up to 3 E_Th (the grid's finest spacing), 0.5 E_Th up
    to 20 E_Th, 2 E_Th up to 200 E_Th (beyond every pair of the grid)."""
    return np.concatenate([np.arange(0, 3.0, 0.15), np.arange(3.0, 20.0, 0.5),
                           np.arange(20.0, 200.0 + 1e-9, 2.0)]) * e_th


def fermi_weights(grid, energy, kts):
    """-df/dE quadrature weights on ``grid`` at each k_B T of ``kts`` (same units), shape
    (len(kts), K): ``w @ g`` is :func:`rmt_meso.transport.thermal_average` of ``g``."""
    from ..transport import thermal_average
    eye = np.eye(grid.size)
    return np.array([thermal_average(grid, eye, k, energy) for k in kts])


def thermal_statistics(grid, g, e_th, w_measured, w_predicted, lag_scale=1.0):
    """Measured and predicted var g(T) from the T = 0 samples ``g`` (n, K) on ``grid``.

    Measured: the variance of the thermally averaged conductances ``w·g`` (``w`` the rows of
    ``w_measured``, from :func:`fermi_weights`), i.e. ``wᵀ S w`` with the sample covariance
    ``S``.  Predicted: the thermal convolution ``∫∫ dE dE' f'(E) f'(E') C(E - E')`` of the
    stationary correlation function ``C(eps)`` (:func:`rmt_meso.analysis.lag_covariance`
    over the whole grid), evaluated as ``wᵀ C(|E_i - E_j|) w`` with the rows of
    ``w_predicted``; ``lag_scale`` stretches the lag axis of ``C`` in the prediction (a wrong
    world).  Returns (measured, predicted, (lag centres, C)).
    """
    from ..analysis import lag_covariance, quadratic_form, stationary_covariance
    S = np.cov(g, rowvar=False)
    centres, cov, _ = lag_covariance(grid, g, lag_edges(e_th))
    C = stationary_covariance(grid, centres * lag_scale, cov)
    measured = np.array([quadratic_form(w, S) for w in w_measured])
    predicted = np.array([quadratic_form(w, C) for w in w_predicted])
    return measured, predicted, (centres, cov)


@claim(name=NAME, title="Temperature suppression of universal conductance fluctuations",
       section="wires",
       statement=("At temperature T the conductance is the average of g(E) over the Fermi window "
                  "-f'(E), so var g(T) = int int dE dE' f'(E) f'(E') C(E - E') with C(eps) the "
                  "T = 0 correlation function of g at energies eps apart (Lee, Stone & "
                  "Fukuyama). Measured on the same samples, the convolution of C predicts "
                  "var g(T) at every temperature: equal to var g(0) for k_B T << E_c, and "
                  "approaching var g = (int C deps) / (6 k_B T) ~ E_Th / k_B T = (L_T / L)^2 "
                  "only for k_B T >> E_c, the correlation energy (several E_Th = hbar D / L^2), "
                  "which is why the log-log slope between 3 and 10 E_Th is about -1/2, not -1."),
       references=("P. A. Lee, A. D. Stone and H. Fukuyama, Phys. Rev. B 35, 1039 (1987)",
                   "B. L. Altshuler and D. E. Khmelnitskii, JETP Lett. 42, 359 (1985)"),
       wrong_worlds={"correlation_energy_x2": "theory: the prediction with C(eps/2), a "
                                              "correlation energy twice the measured one "
                                              "(equivalently k_B T halved)",
                     "no_thermal_smearing": "theory: var g(T) = var g(0) at every temperature"})
def run(ctx):
    from ..plot.wires import plot_ucf_temperature

    # M = 8 strip, E = 0.7 t lies mid-way between subband thresholds
    width, length, W, energy = ctx.pick(8, 16), ctx.pick(24, 48), 2.0, ctx.pick(0.7, 0.658)
    d = float(tha.diffusion_constant(energy, W, 2))
    e_th = d / length**2
    n = ctx.pick(60, 250)
    res = ctx.sweep(_sample, dict(width=width, length=length, W=W, energy=energy, e_th=e_th), n,
                    rng=ctx.seed_for(NAME), memo=True)
    g = res.samples[0]
    grid = energy_grid(energy, e_th)
    kts = np.asarray(KT_OVER_ETH)
    lag_scale = 2.0 if ctx.wrong("correlation_energy_x2") else 1.0
    w = fermi_weights(grid, energy, kts * e_th)
    measured, predicted, (centres, cov) = thermal_statistics(grid, g, e_th, w, w, lag_scale)
    if ctx.wrong("no_thermal_smearing"):
        predicted = np.full_like(predicted, cov[0])
    # the high-temperature law: var g -> (int C deps) * int f'^2 dE = (int C deps) / (6 k_B T)
    ok = np.isfinite(cov)
    lag_ok, cov_ok = np.r_[0.0, centres[ok]], np.r_[cov[ok][0], cov[ok]]
    c_int = float(2 * np.sum(np.diff(lag_ok) * (cov_ok[1:] + cov_ok[:-1]) / 2))   # C is even
    asym = c_int / (6 * kts * e_th)

    # bootstrap over realisations: the measured and the predicted values share the samples,
    # so the error of their difference (and of the log-log slopes) is resampled jointly
    rng = np.random.default_rng(ctx.seed_for(NAME).spawn(1)[0])
    boot = []
    for _ in range(ctx.pick(200, 250)):
        idx = rng.integers(0, n, n)
        m_b, p_b, (_, cov_b) = thermal_statistics(grid, g[idx], e_th, w, w, lag_scale)
        if ctx.wrong("no_thermal_smearing"):
            p_b = np.full_like(p_b, cov_b[0])
        slopes_b = np.log(np.array([m_b[-1] / m_b[-2], p_b[-1] / p_b[-2]])) / np.log(kts[-1] / kts[-2])
        boot.append(np.concatenate([m_b - p_b, m_b, [slopes_b[0] - slopes_b[1]]]))
    boot = np.array(boot)
    diff_err = boot[:, :kts.size].std(axis=0, ddof=1)
    var_err = boot[:, kts.size:2 * kts.size].std(axis=0, ddof=1)
    slope_diff_err = float(boot[:, -1].std(ddof=1))
    slope_m = float(np.log(measured[-1] / measured[-2]) / np.log(kts[-1] / kts[-2]))
    slope_p = float(np.log(predicted[-1] / predicted[-2]) / np.log(kts[-1] / kts[-2]))
    half = float(np.interp(0.5, (cov[ok] / cov[ok][0])[::-1], centres[ok][::-1])) / e_th

    comparisons = [
        zscore(measured[i], diff_err[i], predicted[i], nsigma=4,
               label=f"var g(kT = {k:g} E_Th) vs thermal convolution of C(eps)")
        for i, k in enumerate(kts)]
    comparisons.append(zscore(slope_m, slope_diff_err, slope_p, nsigma=4,
                              label=f"log-log slope of var g(T), kT = {kts[-2]:g}-{kts[-1]:g} E_Th, "
                                    f"vs the convolution's"))
    head = len(kts) - 1                    # the highest temperature: the largest suppression
    x = np.geomspace(kts[0], kts[-1] * 1.5, 30)
    # the same convolution as a 1D integral, var g(T) = int K_T(eps) C(eps) d eps, for the curve
    eps = np.linspace(0.0, lag_ok[-1], 4001)
    c_eps = np.interp(eps, lag_ok, cov_ok)
    curve = [float(2 * np.sum(np.diff(eps) * np.convolve(
        tw.fermi_window_autocorrelation(eps, k * e_th) * c_eps, [0.5, 0.5], "valid"))) for k in x]
    var0 = float(cov[0])
    fig = ctx.plot(plot_ucf_temperature, kts, measured, var_err, var0=var0, curve=(x, curve))
    l_t = tw.thermal_length(d, kts * e_th)
    return ClaimResult.from_comparisons(
        comparisons, head=head, figure=fig, unit="(e^2/h)^2", details={
            "width": width, "length": length, "W": W, "energy": energy, "samples": n,
            "diffusion_constant_born": d, "thouless_energy": e_th,
            "kT_over_ETh": kts.tolist(), "L_T_over_L": (l_t / length).tolist(),
            "var_T0": var0, "var_T": measured.tolist(), "var_T_err": var_err.tolist(),
            "var_T_convolution": predicted.tolist(), "difference_err": diff_err.tolist(),
            "asymptotic_var_int_C_over_6kT": asym.tolist(), "integral_C_over_ETh": c_int / e_th,
            "loglog_slope_difference_err": slope_diff_err,
            "correlation_half_width_over_ETh": half,
            "loglog_slope_last_two": slope_m, "loglog_slope_convolution": slope_p,
            "grid_points": int(grid.size)},
        note=("Each realisation's g(E) is computed on one energy grid (0.15 to 1.5 E_Th spacing, "
              "+-100 E_Th); var g(T) is the variance over realisations of its average with "
              "-df/dE (transport.thermal_average weights). The prediction uses only the "
              "stationary T = 0 correlation function C(eps) = cov(g(E), g(E + eps)), measured "
              "on the same samples by averaging the covariances of all grid pairs at lag eps "
              "(analysis.lag_covariance), convolved with the two Fermi windows; the errors of "
              "the differences are bootstrapped over realisations (measured and predicted "
              "values share the samples). The high-temperature law var g = (int C deps) / "
              "(6 k_B T) (int f'^2 dE = 1/(6 k_B T), theory.wire.fermi_window_autocorrelation) "
              "holds only once k_B T exceeds the whole width of C: here C has a half-width of "
              f"{half:.1f} E_Th and slowly decaying tails (int C deps = "
              f"{c_int / e_th:.1f} E_Th x (e^2/h)^2, dominated by lags >> E_Th), so between 3 "
              "and 10 E_Th the convolution itself has a log-log slope of "
              f"{slope_p:.2f}, which the data follow ({slope_m:.2f}, compared at the "
              "bootstrap error of the difference); the exponent -1 of var g ~ E_Th/k_B T = "
              "(L_T/L)^2 (Lee, Stone & Fukuyama 1987, quasi-1D, L_T << L << L_phi) is the "
              "k_B T >> E_c limit, beyond this grid (+-100 E_Th). E_Th = D/L^2 uses the Born "
              "diffusion constant (hbar = t = a = 1)."))
