"""Quantum transport: leads, recursive Green's functions, S-matrices, cavities, localization.

Ready-made conductors: :class:`~rmt_meso.transport.wire.Wire` (a disordered strip between clean
leads) and :class:`~rmt_meso.transport.cavity.ChaoticCavity` (circular-ensemble or β-Jacobi
scattering matrices).  Any geometry: :class:`~rmt_meso.transport.lattice.Lattice` and a shape
make a :class:`~rmt_meso.transport.device.Device` with leads from
:func:`~rmt_meso.transport.device.lead`; :mod:`~rmt_meso.transport.devices` has the classic ones
(point contact, Aharonov–Bohm ring, Hall bar, graphene ribbons).  Each gives a
:class:`~rmt_meso.transport.smatrix.SMatrix`: transmissions, conductance, Büttiker resistances,
Fano factor.  Also localization lengths (:func:`~rmt_meso.transport.localization.lyapunov_exponents`),
thermoelectric coefficients and noise (:func:`~rmt_meso.transport.thermoelectric.thermoelectric_coefficients`,
:func:`~rmt_meso.transport.noise.noise_power`).
"""

__all__: list[str] = []

from .leads import Lead, LeadModes  # noqa: E402
from .rgf import caroli_transmission, rgf_smatrix  # noqa: E402
from .smatrix import (G0, UNITARITY_TOL, SMatrix, check_unitarity, conductance, fano_factor,  # noqa: E402
                      thermal_average, transmission_eigenvalues, unitarity_error)
from .wire import Wire  # noqa: E402

__all__ += ["Lead", "LeadModes", "rgf_smatrix", "caroli_transmission", "SMatrix", "G0", "conductance",
            "fano_factor", "thermal_average", "transmission_eigenvalues", "Wire", "UNITARITY_TOL",
            "check_unitarity", "unitarity_error"]

from .localization import LyapunovResult, lyapunov_exponents, transverse_hamiltonian  # noqa: E402

__all__ += ["LyapunovResult", "lyapunov_exponents", "transverse_hamiltonian"]

from .cavity import (CavityScattering, ChaoticCavity, HamiltonianCavity, PoissonKernelCavity,  # noqa: E402
                     coupling_matrix, reflection_moments)
from .dephasing import HamiltonianProbeCavity, VoltageProbeCavity, three_terminal_conductance  # noqa: E402

__all__ += ["CavityScattering", "ChaoticCavity", "HamiltonianCavity", "PoissonKernelCavity", "coupling_matrix",
            "reflection_moments",
            "VoltageProbeCavity", "HamiltonianProbeCavity", "three_terminal_conductance"]

from .dephasing import ImaginaryPotentialCavity, absorber_transmissions, imaginary_potential_conductance  # noqa: E402
from .dephasing import cylinder_probe_conductance, cylinder_transmission  # noqa: E402
from .cavity_correlations import (CorrelationCurve, WidthEstimate, conductance_fingerprints,  # noqa: E402
                                  energy_autocorrelation, fit_correlation_width, parametric_autocorrelation)

__all__ += ["ImaginaryPotentialCavity", "absorber_transmissions", "imaginary_potential_conductance",
            "cylinder_transmission", "cylinder_probe_conductance",
            "CorrelationCurve", "WidthEstimate", "conductance_fingerprints", "energy_autocorrelation",
            "fit_correlation_width", "parametric_autocorrelation"]

from .noise import ensemble_fano_factor, noise_power, noise_power_energy  # noqa: E402
from .thermoelectric import (ThermoelectricCoefficients, landauer_integrals,  # noqa: E402
                             thermoelectric_coefficients)

__all__ += ["ensemble_fano_factor", "noise_power", "noise_power_energy", "ThermoelectricCoefficients",
            "landauer_integrals", "thermoelectric_coefficients"]

from .lattice import Lattice, Shape, annulus, box, cubic, disc, honeycomb, rectangle, square, stadium  # noqa: E402
from .device import AttachedLead, Device, LeadSpec, System, from_kwant, lead  # noqa: E402

__all__ += ["Lattice", "Shape", "annulus", "box", "cubic", "disc", "honeycomb", "rectangle", "square",
            "stadium", "AttachedLead", "Device", "LeadSpec", "System", "from_kwant", "lead"]

from . import devices  # noqa: E402

__all__ += ["devices"]

from .billiards import (billiard_levels, closed_hamiltonian, open_quarter_stadium, quarter_disc,  # noqa: E402
                        quarter_stadium, sinai_quarter)

__all__ += ["billiard_levels", "closed_hamiltonian", "open_quarter_stadium", "quarter_disc", "quarter_stadium",
            "sinai_quarter"]
