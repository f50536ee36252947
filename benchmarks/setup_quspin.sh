#!/usr/bin/env bash
# QuSpin's own environment (never the project's, nor the Kwant/scikit-rmt peer env, which pins
# numpy<=1.26.4): used by tools/quspin_spectra.py to make the external spectra of
# tests/data/quspin and by the optional test that regenerates them.  QuSpin 1.0.1 installs
# from wheels (quspin-extensions) with numpy 2.
set -euo pipefail
VENV=${1:-.venv-quspin}
cd "$(dirname "$0")/.."
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
fi
"$VENV/bin/python" -m pip install -q "quspin>=1.0.1"
"$VENV/bin/python" -c "import quspin; print('QuSpin', quspin.__version__)"
