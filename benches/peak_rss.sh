#!/usr/bin/env bash
# Peak memory of `quotewire run` over a JSON Lines corpus of at least 1 GB, made by repeating the
# Reuters-21578 file from the shared data. Usage: benches/peak_rss.sh [GB] (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${QUOTEWIRE_DATA:-../shared/data}"
source="$data/reuters21578/derived/reuters21578.jsonl"
gb="${1:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release -q -p quotewire-cli
big="$work/big.jsonl"
size=$(stat -c %s "$source")
copies=$(( (gb * 1000000000 + size - 1) / size ))
for _ in $(seq "$copies"); do cat "$source"; done > "$big"
echo "input: $(stat -c %s "$big") bytes ($copies copies of $source)"
/usr/bin/time -v target/release/quotewire run "$big" -o /dev/null 2> "$work/time.txt" || true
grep -E "quotewire:|Maximum resident|Elapsed|User time|System time" "$work/time.txt"
