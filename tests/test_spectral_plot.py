"""Figure functions of plot.spectral: they draw numerics and theory with labelled axes."""

import numpy as np

from rmt_meso.plot.spectral import plot_form_factor, plot_ratio_distributions, plot_two_point


def test_figures_draw_and_label():
    c = np.linspace(0.02, 0.98, 25)
    fig, ax = plot_ratio_distributions([dict(beta=1, centers=c, density=np.ones(25), stderr=0.1 * np.ones(25),
                                             mean=0.53, mean_err=1e-3, mean_theory=0.5307)])
    assert "tilde r" in ax.get_xlabel() and len(ax.lines) >= 1
    L = np.array([0.5, 1.0, 2.0])
    fig, axes = plot_two_point([dict(beta=2, L=L, sigma2=L / 3, sigma2_err=0.01 * L, delta3=L / 20,
                                     delta3_err=0.001 * L)])
    assert "Sigma" in axes[0].get_ylabel() and "Delta" in axes[1].get_ylabel()
    t = np.array([0.25, 0.75, 1.25])
    fig, ax = plot_form_factor([dict(beta=4, tau=t, K=t, K_err=0.01 * t)])
    assert "tau" in ax.get_xlabel()
    fig.savefig(__import__("io").BytesIO(), format="png")
