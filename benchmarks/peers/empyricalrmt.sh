#!/usr/bin/env bash
# Install empyricalRMT (unfolding smoothers, a Brody fit) into the peer virtual environment VENV,
# for benchmarks/bench_spectrum_analysis.py (--peer-python).  Idempotent.
#
# empyricalRMT 1.1.1 pins numba<0.57, which has no build for Python >= 3.11 (its setup refuses
# to run); it is therefore installed without its pins, with its other requirements as declared
# and a numba that supports this Python and the peer env's numpy<=1.26.4.
#
# Usage: bash benchmarks/peers/empyricalrmt.sh VENV
set -euo pipefail
VENV="${1:-.venv-bench}"
PY="$VENV/bin/python"
[ -x "$PY" ] || python3 -m venv "$VENV"
if "$PY" -c "import empyricalRMT.eigenvalues" 2>/dev/null; then
    echo "empyricalRMT already installed in $VENV"
    exit 0
fi
"$PY" -m pip install -q --no-deps "empyricalRMT==1.1.1"
"$PY" -m pip install -q "EMD-signal>=1.2.3,<2" "matplotlib>=3.5.3,<4" "numba>=0.59,<0.61" "pandas>=1.4.4,<2" \
    "pyod>=1.0.4,<2" "scikit-learn>=1.1.2,<2" "seaborn>=0.12,<0.13" "statsmodels>=0.13.2,<0.15" tqdm \
    typing-extensions "numpy<=1.26.4" "scipy<=1.12"
"$PY" -c "import empyricalRMT.eigenvalues; print('empyricalRMT installed')"
