#!/usr/bin/env bash
# Whether two quotewire binaries write the same records, byte for byte, on PolNeAR dev, Reuters,
# BBC News and the seed story (with and without scoring). Prints one line per corpus and, where
# they differ, the first differing documents; exit status 1 when any differs.
#
#   benches/same_output.sh OLD_BINARY NEW_BINARY [extra run options...]
#
# An old binary from a revision: git worktree add /tmp/qw-old REV && cargo build --release
#   --manifest-path /tmp/qw-old/Cargo.toml -p quotewire-cli (then /tmp/qw-old/target/release/quotewire).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n 2,9p "$0"; exit 2; }
old=$1 new=$2
shift 2
data="${QUOTEWIRE_DATA:-../shared/data}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for corpus in "polnear-dev:$data/polnear/data/dev/text" \
              "reuters:$data/reuters21578/derived/reuters21578.jsonl" \
              "bbc:$data/bbc_news/bbc_news.jsonl" \
              "seed:corpus/stories"; do
    name=${corpus%%:*} path=${corpus#*:}
    for scoring in "" "--no-scoring"; do
        label="$name${scoring:+ $scoring}"
        # Exit status 1 (some documents failed) is expected on these corpora.
        "$old" run "$path" -q --threads 2 $scoring "$@" -o "$work/old.jsonl" || [ $? -eq 1 ]
        "$new" run "$path" -q --threads 2 $scoring "$@" -o "$work/new.jsonl" || [ $? -eq 1 ]
        if cmp -s "$work/old.jsonl" "$work/new.jsonl"; then
            echo "$label: identical ($(wc -l < "$work/new.jsonl") records)"
        else
            status=1
            changed=$(paste -d '\n' "$work/old.jsonl" "$work/new.jsonl" | paste - - -d '\t' |
                      awk -F '\t' '$1 != $2' | wc -l)
            echo "$label: $changed of $(wc -l < "$work/new.jsonl") records differ; first:"
            diff <(cut -c1-200 "$work/old.jsonl") <(cut -c1-200 "$work/new.jsonl") | head -4 | sed 's/^/    /'
        fi
    done
done
exit $status
