#!/usr/bin/env bash
# Writes BENCHMARKS.md: quotewire side by side with the peers of ../shared/peers (textacy quotes,
# pySBD, VADER) on the same inputs: accuracy through `quotewire eval` (one metric code for all),
# CPU-time ratios, peak RSS, and scaling from 1 to 2 threads. Usage: benches/benchmarks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data="${QUOTEWIRE_DATA:-../shared/data}"
venv="${PEERS_VENV:-.peers-venv}"
[ -x "$venv/bin/python" ] || bash "$(dirname "$data")/peers/setup.sh" "$venv"
# With `eval "$(bash models/setup.sh)"` done first, the transformer stance scorer is measured too.
if [ -n "${QUOTEWIRE_MINILM:-}" ]; then
    cargo build --release -q -p quotewire-cli --features transformer
else
    cargo build --release -q -p quotewire-cli
fi
python3 benches/benchmarks.py --data "$data" --venv "$venv" --out BENCHMARKS.md
echo "wrote BENCHMARKS.md"
