r"""The q = 4 Sachdev-Ye-Kitaev model of N Majorana fermions.

.. math:: H = \sum_{a<b<c<d} J_{abcd}\,\chi_a\chi_b\chi_c\chi_d, \qquad
          \{\chi_a, \chi_b\} = \delta_{ab}, \qquad \langle J_{abcd}^2\rangle = \frac{3!\,J^2}{N^3},

(Maldacena & Stanford 2016) with real Gaussian couplings.  The Majoranas act on N/2
qubits by Jordan-Wigner: :math:`\chi_{2k} = Z_0\cdots Z_{k-1}X_k/\sqrt2`,
:math:`\chi_{2k+1} = Z_0\cdots Z_{k-1}Y_k/\sqrt2`.  Each term flips an even number of
qubits, so the fermion parity :math:`(-1)^{\#\text{ones}}` is conserved and H splits into
two blocks of dimension :math:`2^{N/2-1}`.

Symmetry class of one parity block by N mod 8 (particle-hole operator P, You, Ludwig &
Xu 2017; Garcia-Garcia & Verbaarschot 2016): N = 0 mod 8, P^2 = +1 within a block: GOE;
N = 4 mod 8, P^2 = -1 within a block: GSE (Kramers pairs inside each block); N = 2, 6 mod 8,
P exchanges the blocks: GUE, the two blocks have identical spectra.

References
----------
J. Maldacena and D. Stanford, Phys. Rev. D 94, 106002 (2016).
A. M. Garcia-Garcia and J. J. M. Verbaarschot, Phys. Rev. D 94, 126010 (2016).
Y.-Z. You, A. W. W. Ludwig and C. Xu, Phys. Rev. B 95, 115150 (2017).
J. S. Cotler et al., JHEP 05 (2017) 118 (spectral form factor).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from .._random import as_generator
from .._typing import RngLike
from .._validate import check_int, check_real

__all__ = ["syk_class", "syk_hamiltonian", "syk_eigvals"]


def _check_n(N):
    N = check_int("N", N, minimum=4, maximum=34)
    if N % 2:
        raise ValueError(f"N must be even (N Majoranas make N/2 qubits); got {N}")
    return N


def syk_class(N: int) -> int:
    """Dyson index of one parity block of the q = 4 SYK model: 1 (N = 0 mod 8), 4 (4 mod 8), 2 otherwise.

    Examples
    --------
    >>> [syk_class(n) for n in (16, 18, 20, 22, 24)]
    [1, 2, 4, 2, 1]
    """
    N = _check_n(N)
    return {0: 1, 4: 4}.get(N % 8, 2)


def _majorana_tables(n_qubits: int):
    """For each Majorana a: the flipped bit mask and the phase <b ^ mask| chi_a |b> for every b."""
    dim = 1 << n_qubits
    b = np.arange(dim, dtype=np.int64)
    masks, phases = [], []
    for k in range(n_qubits):
        low = b & ((1 << k) - 1)
        parity = np.zeros(dim, dtype=np.int64)
        x = low.copy()
        while np.any(x):                          # popcount of the bits below k
            parity ^= x & 1
            x >>= 1
        z = 1.0 - 2.0 * parity                    # Z string
        bit = (b >> k) & 1
        masks += [1 << k, 1 << k]
        phases += [z / np.sqrt(2.0), z * 1j * (1.0 - 2.0 * bit) / np.sqrt(2.0)]   # X_k, Y_k
    return np.array(masks), np.array(phases)


def _group_add(acc, grp, rows):
    """acc[g] += sum of the rows with group g (grp sorted ascending)."""
    starts = np.flatnonzero(np.concatenate([[True], grp[1:] != grp[:-1]]))
    acc[grp[starts]] += np.add.reduceat(rows, starts, axis=0)


def syk_hamiltonian(N: int, *, J: float = 1.0, rng: RngLike = None, parity: int | None = None) -> np.ndarray:
    r"""Dense SYK Hamiltonian (complex Hermitian), full or one parity block.

    Parameters
    ----------
    N : int
        Number of Majoranas (even, 4 <= N <= 34; dense storage limits N to about 28).
    J : float
        Coupling scale, :math:`\langle J_{abcd}^2\rangle = 6J^2/N^3`.
    rng : None, int, SeedSequence or Generator
    parity : {0, 1}, optional
        Return only the even (0) or odd (1) fermion-parity block (basis states with an even
        / odd number of ones, in increasing order).

    Returns
    -------
    ndarray, shape (2^{N/2}, 2^{N/2}) or (2^{N/2-1}, 2^{N/2-1})

    Examples
    --------
    >>> import numpy as np
    >>> h = syk_hamiltonian(8, rng=0)
    >>> bool(np.allclose(h, h.conj().T)), bool(np.isclose(np.trace(h).real, 0.0))
    (True, True)
    """
    N = _check_n(N)
    J = check_real("J", J, minimum=0.0, min_inclusive=False)
    if parity is not None and parity not in (0, 1):
        raise ValueError(f"parity must be None, 0 (even) or 1 (odd); got {parity!r}")
    gen = as_generator(rng)
    n_q = N // 2
    dim = 1 << n_q
    masks, phases = _majorana_tables(n_q)
    quads = np.array(list(combinations(range(N), 4)))
    coup = gen.standard_normal(len(quads)) * np.sqrt(6.0 / N ** 3) * J
    b = np.arange(dim, dtype=np.int64)
    # mask of each term: the XOR of its four Majoranas' flipped bits; group terms by mask
    m4 = masks[quads[:, 3]]
    m34 = m4 ^ masks[quads[:, 2]]
    m234 = m34 ^ masks[quads[:, 1]]
    mask = m234 ^ masks[quads[:, 0]]
    order = np.argsort(mask, kind="stable")
    quads, coup, m4, m34, m234, mask = (x[order] for x in (quads, coup, m4, m34, m234, mask))
    uniq, start = np.unique(mask, return_index=True)
    acc = np.zeros((uniq.size, dim), dtype=complex)
    chunk = max(1, 4_000_000 // dim)
    for s0 in range(0, len(quads), chunk):
        sl = slice(s0, s0 + chunk)
        q = quads[sl]
        # chi_a1 chi_a2 chi_a3 chi_a4 |b>: chi_a4 acts first, each factor at the state reached so far
        ph = phases[q[:, 3]] * np.take_along_axis(phases[q[:, 2]], b[None, :] ^ m4[sl, None], axis=1)
        ph *= np.take_along_axis(phases[q[:, 1]], b[None, :] ^ m34[sl, None], axis=1)
        ph *= np.take_along_axis(phases[q[:, 0]], b[None, :] ^ m234[sl, None], axis=1)
        ph *= coup[sl, None]
        grp = np.searchsorted(uniq, mask[sl])
        _group_add(acc, grp, ph)
    h = np.zeros((dim, dim), dtype=complex)
    h[(b[None, :] ^ uniq[:, None]).ravel(), np.tile(b, uniq.size)] = acc.ravel()
    if parity is None:
        return h
    pop = np.zeros(dim, dtype=np.int64)
    x = b.copy()
    while np.any(x):
        pop ^= x & 1
        x >>= 1
    keep = np.flatnonzero(pop == parity)
    return h[np.ix_(keep, keep)]


def syk_eigvals(N: int, *, J: float = 1.0, rng: RngLike = None, parity: int = 0, kramers: str = "once") -> np.ndarray:
    """Sorted eigenvalues of one parity block of the SYK model.

    Parameters
    ----------
    N, J, rng
        See :func:`syk_hamiltonian`.
    parity : {0, 1}
    kramers : {"once", "all"}
        For N = 4 mod 8 (GSE) every level of a block is doubly degenerate; ``"once"`` keeps
        one level per pair (the convention of :mod:`rmt_meso.ensembles`).

    Examples
    --------
    >>> e = syk_eigvals(12, rng=1)            # N = 4 mod 8: Kramers pairs, kept once
    >>> e.size
    16
    """
    if kramers not in ("once", "all"):
        raise ValueError(f"kramers must be 'once' or 'all'; got {kramers!r}")
    e = np.linalg.eigvalsh(syk_hamiltonian(N, J=J, rng=rng, parity=parity))
    if syk_class(N) == 4 and kramers == "once":
        return e[::2]
    return e
