#!/usr/bin/env bash
# Install Kwant 1.5 (with the MUMPS sparse solver) into the peer virtual environment VENV.
#
# Usage: bash benchmarks/peers/kwant.sh VENV
#
# Kwant pins NumPy < 2 and SciPy <= 1.12, so it can never share the project's environment;
# it lives in the peers' venv (default .venv-bench) and is driven through a subprocess by
# benchmarks/bench_transport.py and tests/test_kwant_crosscheck.py (benchmarks/peers/kwant_tn.py).
# MUMPS comes from Debian/Ubuntu's libmumps-seq-dev; Kwant is compiled from its sdist against it.
# Idempotent: does nothing when ``import kwant`` already works with MUMPS.
set -euo pipefail

VENV="${1:-.venv-bench}"
PY="$VENV/bin/python"

if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
fi

# rmt_meso itself (imported by benchmarks/peers/kwant_from_kwant.py to check from_kwant) needs threadpoolctl
"$PY" -m pip install -q threadpoolctl || true

if "$PY" -c "import kwant, kwant.solvers.mumps; assert kwant.__version__ >= '1.5'" 2>/dev/null; then
    echo "kwant already installed in $VENV: $("$PY" -c 'import kwant; print(kwant.__version__)')"
    exit 0
fi

# MUMPS (sequential) and a Fortran-free link: headers + libzmumps_seq.
if ! dpkg -s libmumps-seq-dev >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q libmumps-seq-dev
fi

"$PY" -m pip install -q --upgrade pip
# setuptools < 72 still ships setuptools.command.test, which Kwant's setup.py imports.
"$PY" -m pip install -q "numpy<=1.26.4" "scipy<=1.12" "cython<3.1" tinyarray "setuptools<72" wheel

# Kwant's setup.py auto-detects the sequential MUMPS libraries (zmumps_seq, mumps_common_seq);
# Debian keeps their headers in /usr/include/mumps_seq.
export CFLAGS="${CFLAGS:-} -I/usr/include/mumps_seq"

"$PY" -m pip install --no-build-isolation --no-binary kwant "kwant>=1.5"
"$PY" -c "import kwant, kwant.solvers.mumps; print('kwant', kwant.__version__, 'with MUMPS')"
