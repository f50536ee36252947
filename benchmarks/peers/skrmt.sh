#!/usr/bin/env bash
# Install the random-matrix peers scikit-rmt and beta-ensembles into the peer venv VENV.
#
# Usage: bash benchmarks/peers/skrmt.sh VENV
#
# scikit-rmt pins numpy<=1.26.4 and scipy<=1.12, so it never shares the project's
# environment; benchmarks/bench_ensembles.py times both peers through a subprocess running
# VENV/bin/python.  Idempotent: does nothing when both already import.
set -euo pipefail

VENV="${1:-.venv-bench}"
PY="$VENV/bin/python"

if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
    "$PY" -m pip install -q --upgrade pip
fi

if "$PY" -c "import skrmt, beta_ensembles" 2>/dev/null; then
    echo "scikit-rmt and beta-ensembles already installed in $VENV"
    exit 0
fi

# Keep the peers' own pins; never upgrade numpy/scipy past what scikit-rmt accepts.
"$PY" -m pip install -q "numpy<=1.26.4" "scipy<=1.12" scikit-rmt beta-ensembles
"$PY" -c "import skrmt; print('scikit-rmt', getattr(skrmt, '__version__', 'installed'))"
# (no `| head`: with pipefail, pip's broken pipe would fail a successful installation)
"$PY" -c "import importlib.metadata as m; print('beta-ensembles', m.version('beta-ensembles'))"
