"""Many-body and Floquet model generators with symmetry sectors (spectra to analyse).

* :mod:`~rmt_meso.models.spin_chain` -- disordered XXZ / Heisenberg chain in a fixed S_z
  sector (sparse), optional flux (broken time reversal) and mirror-symmetric disorder (an
  unresolved reflection symmetry), and shift-invert mid-spectrum eigenvalues.
* :mod:`~rmt_meso.models.syk` -- the q = 4 Sachdev-Ye-Kitaev model of N Majoranas in its
  two fermion-parity blocks; class GOE / GUE / GSE by N mod 8.
* :mod:`~rmt_meso.models.kicked_top` -- the quantum kicked top, COE or CUE.
"""

from .kicked_top import kicked_top, kicked_top_phases, spin_matrices
from .spin_chain import XXZChain, eigvals_near, sector_basis
from .syk import syk_class, syk_eigvals, syk_hamiltonian

__all__ = ["XXZChain", "eigvals_near", "sector_basis", "syk_class", "syk_eigvals", "syk_hamiltonian",
           "kicked_top", "kicked_top_phases", "spin_matrices"]
