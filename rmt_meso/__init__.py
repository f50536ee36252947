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
:mod:`rmt_meso.transport`, :mod:`rmt_meso.theory`, :mod:`rmt_meso.models` (many-body and Floquet
generators), :mod:`rmt_meso.plot`, :mod:`rmt_meso.claims`.
Every public name is imported on first use, so ``import rmt_meso`` is fast.
"""

import importlib
from typing import TYPE_CHECKING

from ._log import logger as _logger  # noqa: F401  (attaches the NullHandler)
from ._random import as_generator
from ._validate import ConvergenceError
from ._version import __version__

# Public names and the module that defines them.  They are imported on first use (PEP 562),
# so that ``import rmt_meso`` stays cheap: SciPy's statistics and sparse packages, mpmath and
# SymPy load only when a sampler, statistic or theory law that needs them is first touched.
_EXPORTS = {
    "ensembles": ("GaussianEnsemble", "GOE", "GUE", "GSE", "CircularEnsemble", "CUE", "COE", "CSE",
                  "LaguerreEnsemble", "JacobiEnsemble", "Ginibre", "Anderson"),
    "spectral": ("unfold", "spacings", "spacing_ratios", "mean_spacing_ratio", "number_variance",
                 "rigidity", "form_factor", "level_density", "thouless_conductance", "analyse_spectrum"),
    "transport": ("Wire", "Lead", "rgf_smatrix", "SMatrix", "G0", "conductance", "fano_factor",
                  "thermal_average", "ChaoticCavity", "HamiltonianCavity", "VoltageProbeCavity",
                  "ImaginaryPotentialCavity", "lyapunov_exponents"),
    "compare": ("Estimate", "Comparison", "zscore", "ks_test", "chi2_test"),
    "sweeps": ("sweep", "SweepResult", "CheckpointError"),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}
_SUBMODULES = ("ensembles", "spectral", "transport", "theory", "compare", "sweeps", "plot", "claims",
               "models")

__all__ = ["__version__", "ConvergenceError", "as_generator",
           *(name for names in _EXPORTS.values() for name in names),
           "ensembles", "spectral", "transport", "theory", "models"]

if TYPE_CHECKING:  # pragma: no cover - static analysers see the eager imports
    from . import ensembles, models, spectral, theory, transport  # noqa: F401
    from .compare import Comparison, Estimate, chi2_test, ks_test, zscore  # noqa: F401
    from .ensembles import (COE, CSE, CUE, GOE, GSE, GUE, Anderson, CircularEnsemble,  # noqa: F401
                            GaussianEnsemble, Ginibre, JacobiEnsemble, LaguerreEnsemble)
    from .spectral import (analyse_spectrum, form_factor, level_density, mean_spacing_ratio,  # noqa: F401
                           number_variance, rigidity, spacing_ratios, spacings,
                           thouless_conductance, unfold)
    from .sweeps import CheckpointError, SweepResult, sweep  # noqa: F401
    from .transport import (G0, ChaoticCavity, HamiltonianCavity,  # noqa: F401
                            ImaginaryPotentialCavity, Lead, SMatrix, VoltageProbeCavity, Wire,
                            conductance, fano_factor, lyapunov_exponents, rgf_smatrix,
                            thermal_average)


def __getattr__(name):
    module = _WHERE.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _old_sweep_module():
    """``rmt_meso.sweep`` was the module of the function ``rmt_meso.sweep`` (which shadowed
    it); the module is ``rmt_meso.sweeps`` now.  ``from rmt_meso.sweep import X`` keeps
    working for one release through this stand-in, with a DeprecationWarning."""
    import sys
    import types

    shim = types.ModuleType(f"{__name__}.sweep", "Deprecated name of rmt_meso.sweeps.")

    def forward(name):
        if name.startswith("__"):
            raise AttributeError(name)
        from ._deprecation import warn_deprecated
        warn_deprecated(f"the module rmt_meso.sweep (rmt_meso.sweep.{name})",
                        f"rmt_meso.sweeps.{name}")
        return getattr(importlib.import_module(f"{__name__}.sweeps"), name)

    shim.__getattr__ = forward
    sys.modules.setdefault(shim.__name__, shim)


_old_sweep_module()


def __dir__():
    return sorted(set(globals()) | set(__all__) | set(_SUBMODULES))
