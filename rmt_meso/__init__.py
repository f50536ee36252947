"""rmt_meso: random-matrix theory and mesoscopic quantum transport.

Sample Hamiltonians and scattering matrices (Gaussian, circular and Anderson-lattice
ensembles, chaotic cavities, disordered wires), measure spectral and transport statistics,
and compare them with exact theory.

>>> import rmt_meso as rm
>>> eigs = rm.GOE(200).eigvals(size=50, rng=1)          # sorted, sample axis first
>>> r = rm.mean_spacing_ratio(eigs)                       # Estimate(value, stderr, n)
>>> bool(abs(r.value - rm.theory.mean_rtilde(1)) < 5 * r.stderr)
True

Subpackages: :mod:`rmt_meso.ensembles`, :mod:`rmt_meso.spectral`,
:mod:`rmt_meso.transport`, :mod:`rmt_meso.theory`, :mod:`rmt_meso.plot` (imported on first
use, as it loads matplotlib), :mod:`rmt_meso.claims`.
"""

from . import ensembles, spectral, theory, transport
from ._random import as_generator
from ._validate import ConvergenceError
from ._version import __version__
from .compare import Comparison, Estimate, chi2_test, ks_test, zscore
from .ensembles import (COE, CSE, CUE, GOE, GSE, GUE, Anderson, CircularEnsemble, GaussianEnsemble,
                        Ginibre, JacobiEnsemble, LaguerreEnsemble)
from .spectral import (form_factor, level_density, mean_spacing_ratio, number_variance, rigidity,
                       spacing_ratios, spacings, thouless_conductance, unfold)
from .sweep import CheckpointError, SweepResult, sweep
from .transport import (G0, ChaoticCavity, HamiltonianCavity, ImaginaryPotentialCavity, Lead, SMatrix,
                        VoltageProbeCavity, Wire, conductance, fano_factor, lyapunov_exponents,
                        rgf_smatrix, thermal_average)

__all__ = [
    "__version__", "ConvergenceError", "as_generator",
    # ensembles
    "GaussianEnsemble", "GOE", "GUE", "GSE", "CircularEnsemble", "CUE", "COE", "CSE",
    "LaguerreEnsemble", "JacobiEnsemble", "Ginibre", "Anderson",
    # spectral statistics
    "unfold", "spacings", "spacing_ratios", "mean_spacing_ratio", "number_variance", "rigidity",
    "form_factor", "level_density", "thouless_conductance",
    # transport
    "Wire", "Lead", "rgf_smatrix", "SMatrix", "G0", "conductance", "fano_factor", "thermal_average",
    "ChaoticCavity", "HamiltonianCavity", "VoltageProbeCavity", "ImaginaryPotentialCavity",
    "lyapunov_exponents",
    # comparison and sweeps
    "Estimate", "Comparison", "zscore", "ks_test", "chi2_test", "sweep", "SweepResult", "CheckpointError",
    # subpackages
    "ensembles", "spectral", "transport", "theory",
]


def __getattr__(name):
    # matplotlib is imported only when the plotting package is first used
    if name in ("plot", "claims"):
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
