"""rmt_meso: random-matrix theory and mesoscopic quantum transport.

Sample Hamiltonians and scattering matrices (Gaussian, circular and Anderson-lattice
ensembles, chaotic cavities, disordered wires), measure spectral and transport statistics,
and compare them with exact theory.  ``import rmt_meso as rm``.
"""

from ._random import as_generator
from ._validate import ConvergenceError
from ._version import __version__
from .compare import Comparison, Estimate
from .sweep import SweepResult, sweep

__all__ = ["__version__", "ConvergenceError", "Comparison", "Estimate", "SweepResult", "as_generator", "sweep"]
