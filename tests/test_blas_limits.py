"""Hot kernels limit BLAS threads themselves, cheaply, whatever the user's environment (issue 14, item 6)."""

import threading
import time

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from rmt_meso._blas import SMALL_MATRIX, blas_limited_by, limit_blas_for, single_threaded_blas


def _threads():
    return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")


@pytest.fixture
def two_threads():
    """The calling process runs BLAS on two threads (a user's default on this machine)."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("OpenBLAS honours thread limits from the main thread only")
    with threadpool_limits(limits=2, user_api="blas"):
        if _threads() != 2:
            pytest.skip("BLAS cannot be set to two threads here")
        yield


def test_limit_is_reference_counted_and_restored(two_threads):
    with single_threaded_blas():
        assert _threads() == 1
        with single_threaded_blas():
            assert _threads() == 1
        assert _threads() == 1, "an inner exit must not restore while an outer block is active"
    assert _threads() == 2


def test_choice_by_block_size(two_threads):
    with limit_blas_for(SMALL_MATRIX):
        assert _threads() == 1
    with limit_blas_for(SMALL_MATRIX + 1):
        assert _threads() == 2

    class K:
        n = 10

        @blas_limited_by(lambda self: self.n)
        def run(self):
            return _threads()
    assert K().run() == 1
    big = K()
    big.n = 10 * SMALL_MATRIX
    assert big.run() == 2


def test_entering_a_limit_costs_well_below_a_kernel(two_threads):
    single_threaded_blas().__enter__  # warm: the controller is created once per process
    with single_threaded_blas():
        pass
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        with single_threaded_blas():
            pass
    per_call = (time.perf_counter() - t0) / n
    assert per_call < 2e-3, f"{per_call * 1e3:.2f} ms per limit (a 40x200 wire S-matrix takes ~20 ms)"


KERNELS = {
    "wire": lambda: __import__("rmt_meso").transport.Wire(6, 10, W=1.0).realisation(1).smatrix(0.3123),
    "wire-batch": lambda: __import__("rmt_meso").transport.Wire(6, 10, W=1.0)
    .sample_transmission_eigenvalues(0.4123, 3, rng=1),
    "cmv": lambda: __import__("rmt_meso").ensembles.CircularEnsemble(2, 20).eigphases(3, rng=1),
    "cue": lambda: __import__("rmt_meso").ensembles.CUE(20).eigphases(3, rng=1),
    "cavity": lambda: __import__("rmt_meso").transport.ChaoticCavity(3, 4, 2).sample(5, rng=1),
    "hamiltonian-cavity": lambda: __import__("rmt_meso").transport.HamiltonianCavity(40, 2, 2, 1).sample(3, rng=1),
    "goe": lambda: __import__("rmt_meso").ensembles.GOE(30).eigvals(4, rng=1),
    "tridiagonal": lambda: __import__("rmt_meso").ensembles.GaussianEnsemble(1, 50).eigvals(4, rng=1),
}


@pytest.mark.parametrize("kernel", sorted(KERNELS))
def test_kernels_run_on_one_blas_thread(two_threads, monkeypatch, kernel):
    import rmt_meso._blas as blas
    seen = []
    orig = blas._enter

    def spy():
        orig()
        seen.append(_threads())
    monkeypatch.setattr(blas, "_enter", spy)
    KERNELS[kernel]()
    assert seen, f"{kernel} did not limit BLAS threads"
    assert set(seen) == {1}, seen
    assert _threads() == 2, "the previous setting must be restored"
