import os

import matplotlib

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

import sys
from pathlib import Path

# test helper modules (picklable samplers) live next to the tests
sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import settings

# Property tests draw the same examples on every run (CI cannot flake on a new draw);
# run with HYPOTHESIS_PROFILE=explore for fresh random examples.
settings.register_profile("deterministic", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


import pytest  # noqa: E402

from rmt_meso._blas import single_threaded_blas  # noqa: E402


@pytest.fixture
def one_blas_thread():
    """Run a test with NumPy's BLAS on one thread (``pytestmark = usefixtures(...)``).

    Small dense eigenproblems and RGF slices are many small LAPACK calls: threaded BLAS only
    synchronises threads there (10-100x slower on a loaded machine).
    """
    with single_threaded_blas():
        yield
