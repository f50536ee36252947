import os

import matplotlib

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

import sys
from pathlib import Path

# test helper modules (picklable samplers) live next to the tests
sys.path.insert(0, str(Path(__file__).parent))
