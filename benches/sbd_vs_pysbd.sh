#!/usr/bin/env bash
# Sentence segmentation side by side: pySBD (../shared/peers) and `quotewire segment` on the same
# wire text (Reuters-21578 bodies and BBC stories from the shared data, joined by blank lines),
# CPU time of each and their ratio. Usage: benches/sbd_vs_pysbd.sh [MB] (default 1).
# The peers' venv is made by ../shared/peers/setup.sh in $PEERS_VENV (default .peers-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${QUOTEWIRE_DATA:-../shared/data}"
peers="$(dirname "$data")/peers"
venv="${PEERS_VENV:-.peers-venv}"
mb="${1:-1}"
[ -x "$venv/bin/python" ] || bash "$peers/setup.sh" "$venv"
cargo build --release -q -p quotewire-cli
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -c 'import sys; sys.path.insert(0, "benches"); from benchmarks import wire_text; wire_text(*sys.argv[1:])' "$data" "$mb" "$work/wire.txt"
bytes=$(stat -c %s "$work/wire.txt")
cpu() { /usr/bin/time -f "%U %S" -o "$work/t" "$@" > "$work/out" 2>/dev/null; awk '{print $1 + $2}' "$work/t"; }
# quotewire is timed on 100 copies of the file (CPU time has 10 ms resolution), divided by 100.
copies=100
for _ in $(seq $copies); do cat "$work/wire.txt"; echo; done > "$work/wire_copies.txt"
target/release/quotewire segment "$work/wire.txt" > "$work/out"
q_sentences=$(wc -l < "$work/out")
q=$(echo "$(cpu target/release/quotewire segment "$work/wire_copies.txt") / $copies" | bc -l)
p=$(cpu "$venv/bin/python" "$peers/run_pysbd.py" "$work/wire.txt")
p_sentences=$(wc -l < "$work/out")
printf 'input: %d bytes of Reuters+BBC wire text\n' "$bytes"
printf 'quotewire segment: %.4f CPU s (of %d copies), %d sentences, %.1f MB/CPU-s\n' "$q" "$copies" "$q_sentences" "$(echo "$bytes / 1000000 / $q" | bc -l)"
printf 'pySBD:             %.2f CPU s, %d sentences, %.3f MB/CPU-s\n' "$p" "$p_sentences" "$(echo "$bytes / 1000000 / $p" | bc -l)"
printf 'CPU-time ratio pySBD/quotewire: %.0fx\n' "$(echo "$p / $q" | bc -l)"
