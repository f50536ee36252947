"""Random-matrix and disordered-lattice ensembles (samplers; sample axis first)."""

from .anderson import Anderson

__all__: list[str] = []

from .circular import COE, CSE, CUE, CircularEnsemble, dense_circular  # noqa: E402
from .classical import Ginibre, JacobiEnsemble, LaguerreEnsemble  # noqa: E402
from .gaussian import GOE, GSE, GUE, GaussianEnsemble, dense_gaussian  # noqa: E402
from .dmpk import dmpk_transmissions  # noqa: E402

__all__ += ["GaussianEnsemble", "GOE", "GUE", "GSE", "CircularEnsemble", "CUE", "COE", "CSE",
            "LaguerreEnsemble", "JacobiEnsemble", "Ginibre", "dense_gaussian", "dense_circular",
            "dmpk_transmissions"]
__all__ += ["Anderson"]
