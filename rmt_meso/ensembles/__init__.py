"""Random-matrix and disordered-lattice ensembles (samplers; sample axis first).

* Gaussian: :class:`~rmt_meso.ensembles.gaussian.GOE`, :class:`~rmt_meso.ensembles.gaussian.GUE`,
  :class:`~rmt_meso.ensembles.gaussian.GSE` and the tridiagonal β-Hermite
  :class:`~rmt_meso.ensembles.gaussian.GaussianEnsemble` (any β > 0);
* circular: :class:`~rmt_meso.ensembles.circular.COE`, :class:`~rmt_meso.ensembles.circular.CUE`,
  :class:`~rmt_meso.ensembles.circular.CSE` and the CMV model
  :class:`~rmt_meso.ensembles.circular.CircularEnsemble` (any β > 0);
* the β-Laguerre (Wishart) and β-Jacobi (MANOVA) ensembles
  :class:`~rmt_meso.ensembles.classical.LaguerreEnsemble` and
  :class:`~rmt_meso.ensembles.classical.JacobiEnsemble`, and the non-Hermitian complex
  :class:`~rmt_meso.ensembles.classical.Ginibre` ensemble;
* the Anderson tight-binding model in 1, 2 or 3 dimensions, with flux and spin-orbit coupling:
  :class:`~rmt_meso.ensembles.anderson.Anderson`.

Every sampler follows one contract: ``method(..., size=None, *, rng=None)`` returns one sample
for ``size=None`` and a batch with the sample axis first otherwise; the same seed gives the
same numbers on any executor.
"""

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
