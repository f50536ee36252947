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
