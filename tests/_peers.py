"""Peer environments for optional cross-checks: Kwant (benchmarks/setup_peers.sh) and QuSpin
(benchmarks/setup_quspin.sh), each outside the project's environment."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _interpreter(env: str, default: str, module: str, label: str, setup: str) -> str:
    """Path of the interpreter named by ``env`` (default ``ROOT/default``); skips the calling
    test, with the reason, when it is absent or cannot import ``module``."""
    path = Path(os.environ.get(env, ROOT / default))
    if not path.is_absolute():
        path = ROOT / path
    if not path.exists():
        pytest.skip(f"{label} interpreter {path} absent (set {env} or run `bash {setup}`)")
    probe = subprocess.run([str(path), "-c", f"import {module}"], capture_output=True, text=True, timeout=300)
    if probe.returncode != 0:
        pytest.skip(f"{label} is not importable by {path}: {probe.stderr.strip().splitlines()[-1:]}")
    return str(path)


def peer_python() -> str:
    """The peer interpreter with Kwant (skips the calling test when absent)."""
    return _interpreter("RMT_MESO_PEER_PYTHON", ".venv-bench/bin/python", "kwant", "peer",
                        "benchmarks/setup_peers.sh")


def quspin_python() -> str:
    """An interpreter with QuSpin (skips the calling test when absent)."""
    return _interpreter("RMT_MESO_QUSPIN_PYTHON", ".venv-quspin/bin/python", "quspin", "QuSpin",
                        "benchmarks/setup_quspin.sh")
