"""Random-matrix and disordered-lattice ensembles (samplers; sample axis first)."""

from .anderson import Anderson

__all__: list[str] = []

from .circular import COE, CSE, CUE, CircularEnsemble  # noqa: E402
from .gaussian import GOE, GSE, GUE, GaussianEnsemble  # noqa: E402

__all__ += ["GaussianEnsemble", "GOE", "GUE", "GSE", "CircularEnsemble", "CUE", "COE", "CSE"]
__all__ += ["Anderson"]
