"""Publication figures: numerics overlaid with exact theory, in the rmt_meso style.

matplotlib is imported only inside this package.  Every figure function returns the
matplotlib ``Figure`` (and its axes) for further editing.  One-liners from raw data:
:func:`~rmt_meso.plot.quick.plot_spacings`, :func:`~rmt_meso.plot.quick.plot_ratios`,
:func:`~rmt_meso.plot.quick.plot_rigidity`, :func:`~rmt_meso.plot.quick.plot_conductance_band`,
:func:`~rmt_meso.plot.quick.plot_estimates`; devices: :func:`~rmt_meso.plot.device.plot_device`,
:func:`~rmt_meso.plot.device.plot_density`, :func:`~rmt_meso.plot.device.plot_current`.
"""

from . import aharonov_bohm, anderson, cavity, chaos, device, ensembles, graphene, hall, localization, quick, spectral, spectral_laws, thermo, transport_solver, wires
from ._style import COLORS, STYLE_PATH, WIDTHS, new_figure, style, styled, use_file_backend
from .quick import plot_conductance_band, plot_estimates, plot_ratios, plot_rigidity, plot_spacings

__all__ = ["COLORS", "STYLE_PATH", "WIDTHS", "new_figure", "style", "styled", "use_file_backend",
           "plot_spacings", "plot_ratios", "plot_rigidity", "plot_conductance_band", "plot_estimates", "quick",
           "aharonov_bohm", "anderson", "cavity", "chaos", "device", "ensembles", "graphene", "hall", "localization", "spectral", "spectral_laws", "thermo",
           "transport_solver", "wires"]
