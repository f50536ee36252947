"""The peer environment (Kwant, built by benchmarks/setup_peers.sh) for optional cross-checks."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def peer_python() -> str:
    """Path of the peer interpreter; skips the calling test, with the reason, when it is absent
    or cannot import Kwant."""
    path = Path(os.environ.get("RMT_MESO_PEER_PYTHON", ROOT / ".venv-bench" / "bin" / "python"))
    if not path.is_absolute():
        path = ROOT / path
    if not path.exists():
        pytest.skip(f"peer interpreter {path} absent (set RMT_MESO_PEER_PYTHON or run "
                    "`bash benchmarks/setup_peers.sh`)")
    probe = subprocess.run([str(path), "-c", "import kwant"], capture_output=True, text=True, timeout=120)
    if probe.returncode != 0:
        pytest.skip(f"Kwant is not importable by {path}: {probe.stderr.strip().splitlines()[-1:]}")
    return str(path)
