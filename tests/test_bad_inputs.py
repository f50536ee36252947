"""Bad input across the public API: every error names the argument, its value and what is allowed.

One table for the whole toolkit (the per-module test files hold finer cases); each row is
(call, exception type, regular expression the message must match).
"""

import numpy as np
import pytest

import rmt_meso.ensembles as E
import rmt_meso.theory as th
import rmt_meso.transport as T
from rmt_meso.compare import chi2_test, ks_test, zscore
from rmt_meso.sweeps import sweep
from rmt_meso.transport.cavity import ChaoticCavity, HamiltonianCavity

CASES = [
    # ensembles: sizes, Dyson index, options, rng
    ("GOE n=0", lambda: E.GOE(0), ValueError, r"n must be an integer >= 1; got 0"),
    ("GOE n float", lambda: E.GOE(2.0), TypeError, r"n must be an integer; got 2.0"),
    ("GaussianEnsemble beta<0", lambda: E.GaussianEnsemble(-1, 5), ValueError, r"beta must be > 0.0; got -1.0"),
    ("GaussianEnsemble beta nan", lambda: E.GaussianEnsemble(float("nan"), 5), ValueError, r"beta must be a finite"),
    ("GUE size<0", lambda: E.GUE(4).eigvals(size=-1), ValueError, r"size must be an integer >= 1; got -1"),
    ("GUE size float", lambda: E.GUE(4).eigvals(size=1.5), TypeError, r"size must be an integer; got 1.5"),
    ("GSE method", lambda: E.GSE(4).eigvals(method="qr"), ValueError, r"method must be one of .*'tridiagonal'.*got 'qr'"),
    ("GOE rng str", lambda: E.GOE(4).sample(rng="abc"), TypeError, r"rng must be None, a non-negative int"),
    ("GOE rng negative", lambda: E.GOE(4).sample(rng=-5), ValueError, r"rng must be a non-negative integer seed; got -5"),
    ("window out of range", lambda: E.GaussianEnsemble(1, 5).eigvals(window=("index", 3, 10)), ValueError,
     r"window hi must be an integer <= 4; got 10"),
    ("CUE n<0", lambda: E.CUE(-3), ValueError, r"n must be an integer >= 1; got -3"),
    ("CircularEnsemble beta=0", lambda: E.CircularEnsemble(0, 4), ValueError, r"beta must be > 0.0; got 0.0"),
    ("Jacobi a<=-1", lambda: E.JacobiEnsemble(1, 3, -2, 0), ValueError, r"a must be > -1.0; got -2.0"),
    ("Laguerre beta inf", lambda: E.LaguerreEnsemble(float("inf"), 3, 1), ValueError, r"beta must be a finite real"),
    ("Ginibre n str", lambda: E.Ginibre("3"), TypeError, r"n must be an integer; got '3'"),
    # Anderson lattices
    ("Anderson W<0", lambda: E.Anderson((4, 4), -1.0), ValueError, r"W must be >= 0.0; got -1.0"),
    ("Anderson side 0", lambda: E.Anderson((4, 0)), ValueError, r"shape\[1\] must be an integer >= 1; got 0"),
    ("Anderson side float", lambda: E.Anderson((4, 2.5)), TypeError, r"shape\[1\] must be an integer; got 2.5"),
    ("Anderson 4D", lambda: E.Anderson((2, 2, 2, 2)), ValueError, r"shape must have 1, 2 or 3 sides"),
    ("Anderson flux in 1D", lambda: E.Anderson((6,), flux=0.1), ValueError, r"flux needs a lattice with dim >= 2"),
    ("Anderson disorder", lambda: E.Anderson((4, 4), 1.0, disorder="cauchy"), ValueError,
     r"disorder must be one of \('box', 'gaussian', 'binary'\); got 'cauchy'"),
    ("Anderson boundary", lambda: E.Anderson((4, 4), boundary="mobius"), ValueError, r"boundary must be one of"),
    ("Anderson target outside band",
     lambda: E.Anderson((6, 6, 6), 1.0).eigvals(rng=1, k=5, target=50.0, method="shift-invert"), ValueError,
     r"target must lie in the band \[-6.5, 6.5\]"),
    ("Anderson onsite shape", lambda: E.Anderson((4, 4)).hamiltonian(onsite=np.zeros((3, 4))), ValueError,
     r"onsite must have shape \(4, 4\); got \(3, 4\)"),
    ("Anderson onsite NaN", lambda: E.Anderson((4, 4)).hamiltonian(onsite=np.full((4, 4), np.nan)), ValueError,
     r"onsite must contain only finite values"),
    # wires and S-matrices
    ("Wire width<0", lambda: T.Wire(-1, 5), ValueError, r"width must be an integer >= 1; got -1"),
    ("Wire length 0", lambda: T.Wire(4, 0), ValueError, r"length must be an integer >= 1; got 0"),
    ("Wire onsite shape", lambda: T.Wire(4, 5, onsite=np.zeros((5, 3))), ValueError,
     r"onsite must have shape \(5, 4\); got \(5, 3\)"),
    ("Wire onsite NaN", lambda: T.Wire(4, 5, onsite=np.full((5, 4), np.nan)), ValueError, r"onsite must contain only finite"),
    ("Wire flux type", lambda: T.Wire(4, 5, flux="0.1"), TypeError, r"flux must be a real number"),
    ("Wire spin-orbit type", lambda: T.Wire(4, 5, spin_orbit="big"), TypeError, r"spin_orbit must be None or a real angle"),
    ("Wire energy NaN", lambda: T.Wire(4, 5).conductance(float("nan")), ValueError, r"energy must be a finite real"),
    ("Wire dim 4", lambda: T.Wire(4, 5, dim=4), ValueError, r"dim must be an integer <= 3; got 4"),
    ("conductance T>1", lambda: T.conductance([0.5, 1.5]), ValueError, r"transmissions must lie in \[0, 1\]"),
    ("conductance unit", lambda: T.conductance([0.5], unit="ohm"), ValueError, r"unit must be one of \('S', 'e2/h', '2e2/h'\); got 'ohm'"),
    ("thermal T<0", lambda: T.thermal_average(np.linspace(-1, 1, 11), np.ones(11), -1.0, 0.0), ValueError,
     r"temperature must be >= 0.0; got -1.0"),
    # cavities
    ("cavity n1=0", lambda: ChaoticCavity(0, 2, 1), ValueError, r"n1 must be an integer >= 1; got 0"),
    ("cavity circular beta=3", lambda: ChaoticCavity(2, 2, 3).sample(1, rng=0), ValueError, r"beta must be one of \(1, 2, 4\)"),
    ("cavity method", lambda: ChaoticCavity(2, 2, 1).transmission_eigenvalues(3, rng=1, method="magic"), ValueError,
     r"method must be one of \('circular', 'jacobi'\); got 'magic'"),
    ("Mahaux-Weidenmüller transmission>1", lambda: HamiltonianCavity(20, 1, 1, 1, coupling=1.5), ValueError,
     r"coupling transmissions must lie in \(0, 1\]"),
    # exact theory
    ("Tracy-Widom beta=3", lambda: th.TracyWidom(3), ValueError, r"beta must be one of \(1, 2, 4\); got 3"),
    ("Gaudin beta=3", lambda: th.GaudinMehta(3), ValueError, r"beta must be one of \(1, 2, 4\); got 3"),
    ("ratio law beta=5", lambda: th.ratio_law(5), ValueError, r"beta must be one of 0 \(Poisson\), 1 \(GOE\)"),
    ("number variance L<0", lambda: th.number_variance(-1.0, 1), ValueError, r"L must be > 0"),
    ("semicircle radius<0", lambda: th.semicircle_law(-1), ValueError, r"radius must be > 0.0; got -1.0"),
    # comparison and sweeps
    ("zscore negative stderr", lambda: zscore(1.0, -0.1, 1.0), ValueError, r"stderr must be >= 0.0; got -0.1"),
    ("ks too few samples", lambda: ks_test([0.1, 0.2], lambda x: x), ValueError, r"sample must contain at least 5 values"),
    ("chi2 shapes", lambda: chi2_test([1, 2, 3], [1, 2]), ValueError, r"expected must have shape \(3\); got \(2,\)"),
    ("sweep n_samples=0", lambda: sweep(lambda rng, n: rng.random(n), None, 0), ValueError,
     r"n_samples must be an integer >= 1; got 0"),
    ("sweep unknown executor", lambda: sweep(lambda rng, n: rng.random(n), None, 2, executor="threads"), ValueError,
     r"executor must be one of \('serial', 'processes'\); got 'threads'"),
]


@pytest.mark.parametrize("call, exc, pattern", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_a_clear_error(call, exc, pattern):
    with pytest.raises(exc, match=pattern):
        call()


def test_suite_is_broad():
    assert len(CASES) >= 40
