"""Spectral statistics of one spectrum or a batch of spectra (sample axis first).

Unfold with :func:`~rmt_meso.spectral.unfold.unfold`, then measure short-range statistics
(:func:`~rmt_meso.spectral.spacings.spacings`, :func:`~rmt_meso.spectral.spacings.spacing_ratios`,
:func:`~rmt_meso.spectral.spacings.mean_spacing_ratio`, which needs no unfolding) and long-range
ones (:func:`~rmt_meso.spectral.correlations.number_variance`,
:func:`~rmt_meso.spectral.correlations.rigidity`, :func:`~rmt_meso.spectral.correlations.form_factor`).
Averages come as :class:`~rmt_meso.compare.Estimate` with standard errors.
:func:`~rmt_meso.spectral.analysis.analyse_spectrum` runs the whole analysis on a spectrum you
bring (an array or a file) and returns a verdict on its symmetry class.
"""

__all__: list[str] = []

from .correlations import CurveEstimate, form_factor, number_variance, rigidity  # noqa: E402
from .density import DensityEstimate, level_density  # noqa: E402
from .edge import largest_eigenvalue_scaled  # noqa: E402
from .spacings import mean_spacing_ratio, spacing_ratios, spacings  # noqa: E402
from .unfold import semicircle_staircase, unfold  # noqa: E402

__all__ += ["CurveEstimate", "form_factor", "number_variance", "rigidity", "DensityEstimate",
            "level_density", "largest_eigenvalue_scaled",
            "mean_spacing_ratio", "spacing_ratios", "spacings", "semicircle_staircase", "unfold"]
from .thouless import (ThoulessResult, anderson_boundary_sensitivity,  # noqa: E402
                       curvature_conductance, level_curvatures, level_window, thouless_conductance)
__all__ += ["ThoulessResult", "anderson_boundary_sensitivity", "curvature_conductance",
            "level_curvatures", "level_window", "thouless_conductance"]
from .correlations import filtered_form_factor  # noqa: E402
from .analysis import SpectrumAnalysis, analyse_spectrum, load_spectrum  # noqa: E402
from . import inference  # noqa: E402

__all__ += ["filtered_form_factor", "SpectrumAnalysis", "analyse_spectrum", "load_spectrum", "inference"]
from .kpm import KPMDensity, jackson_kernel, kpm_density  # noqa: E402

__all__ += ["KPMDensity", "jackson_kernel", "kpm_density"]
from .inertia import strip_density_of_states, strip_eigenvalue_count  # noqa: E402

__all__ += ["strip_density_of_states", "strip_eigenvalue_count"]
