#!/usr/bin/env bash
# Create the peers' own environment (never the project's): scikit-rmt pins numpy<=1.26.4 and
# scipy<=1.12, Kwant builds from its sdist against Debian's MUMPS. Each peer script is allowed
# to fail: the benchmarks then report that peer as absent instead of stopping.
set -uo pipefail
VENV=${1:-.venv-bench}
cd "$(dirname "$0")/.."
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" || exit 1
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q "numpy<=1.26.4" "scipy<=1.12"
fi
for script in benchmarks/peers/*.sh; do
    [ -e "$script" ] || continue
    marker="$VENV/.done-$(basename "$script" .sh)"
    [ -e "$marker" ] && continue
    echo "setting up peer: $script" >&2
    log="$VENV/peer-$(basename "$script" .sh).log"
    if bash "$script" "$VENV" >"$log" 2>&1; then
        touch "$marker"
        tail -n 2 "$log" >&2
    else
        status=$?
        echo "peer $script failed (exit $status); its benchmarks will be skipped. Last lines of $log:" >&2
        tail -n 15 "$log" | sed 's/^/    /' >&2
    fi
done
exit 0
