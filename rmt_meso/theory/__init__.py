"""Exact theory (SciPy / mpmath / SymPy): the laws the numerics are compared with.

Level statistics: :func:`~rmt_meso.theory.spacing.spacing_law` (Poisson, Wigner surmise, exact
Gaudin–Mehta), :func:`~rmt_meso.theory.ratio.ratio_law` and
:func:`~rmt_meso.theory.ratio.mean_rtilde`, :func:`~rmt_meso.theory.correlations.number_variance`
and :func:`~rmt_meso.theory.correlations.rigidity`, :func:`~rmt_meso.theory.tracy_widom.tracy_widom_law`,
:func:`~rmt_meso.theory.density.semicircle_law`.  Transport: :mod:`~rmt_meso.theory.cavity`
(exact moments of chaotic cavities), :mod:`~rmt_meso.theory.wire` (UCF, weak localization, DMPK),
:mod:`~rmt_meso.theory.magnetoconductance`, :mod:`~rmt_meso.theory.noise`,
:mod:`~rmt_meso.theory.thermoelectric`, :mod:`~rmt_meso.theory.devices`, :mod:`~rmt_meso.theory.anderson`,
:mod:`~rmt_meso.theory.graphene` and the physical scales of :mod:`~rmt_meso.theory.scales`.
Distributions are scipy.stats-style objects; ``exact=True`` gives SymPy numbers.
"""

__all__: list[str] = []

from . import wire  # noqa: E402  quasi-1D wires: UCF, WL, DMPK, Ohm, localization

__all__ += ["wire"]

from .correlations import (form_factor, number_variance, number_variance_asymptotic,  # noqa: E402
                           pair_correlation, rigidity, rigidity_asymptotic, two_level_cluster)
from .ratio import (MEAN_RTILDE_LARGE_N, RatioSurmise, mean_rtilde, ratio_goe,  # noqa: E402
                    ratio_gse, ratio_gue, ratio_law, ratio_poisson, rtilde_goe, rtilde_gse,
                    rtilde_gue, rtilde_poisson)

__all__ += ["form_factor", "number_variance", "number_variance_asymptotic", "pair_correlation",
            "rigidity", "rigidity_asymptotic", "two_level_cluster",
            "MEAN_RTILDE_LARGE_N", "RatioSurmise", "mean_rtilde", "ratio_goe", "ratio_gse",
            "ratio_gue", "ratio_law", "ratio_poisson", "rtilde_goe", "rtilde_gse", "rtilde_gue",
            "rtilde_poisson"]

from ._fredholm import fredholm_det, gauss_legendre  # noqa: E402
from .spacing import (GaudinMehta, Poisson, WignerSurmise, gap_probability, gaudin,  # noqa: E402
                      poisson_spacing, spacing_law, wigner_goe, wigner_gse, wigner_gue)
from .tracy_widom import TracyWidom, edge_scaling, tracy_widom_law  # noqa: E402

__all__ += ["fredholm_det", "gauss_legendre", "GaudinMehta", "Poisson", "WignerSurmise",
            "gap_probability", "gaudin", "spacing_law", "poisson_spacing", "wigner_goe", "wigner_gse",
            "wigner_gue", "TracyWidom", "edge_scaling", "tracy_widom_law"]

from .density import (MarchenkoPasturLaw, SemicircleLaw, circular_law_radius,  # noqa: E402
                      marchenko_pastur, marchenko_pastur_law, semicircle, semicircle_law,
                      uniform_phase_law)

__all__ += ["MarchenkoPasturLaw", "SemicircleLaw", "circular_law_radius", "marchenko_pastur",
            "marchenko_pastur_law", "semicircle", "semicircle_law", "uniform_phase_law"]

from . import anderson  # noqa: E402  Anderson lattice: 1D localization, DOS, Born/Drude, Ioffe-Regel

__all__ += ["anderson"]

from . import cavity, magnetoconductance, scales  # noqa: E402  chaotic cavities, HLN, mesoscopic scales

__all__ += ["cavity", "magnetoconductance", "scales"]

from . import noise, thermoelectric  # noqa: E402  shot noise; Landauer-Sivan-Imry thermoelectrics

__all__ += ["noise", "thermoelectric"]

from . import graphene  # noqa: E402  graphene: Dirac velocity, density of states, Klein tunnelling

__all__ += ["graphene"]
