#!/usr/bin/env bash
# Trains the learned attribution tagger in one go: `quotewire train attribution` (MiniLM fine-tuned
# as a BIO tagger of source, cue and content on PolNeAR train, PolNeAR dev's instances scored after
# each epoch, the best epoch kept), then copies the log, the account and the weights to $OUT.
#
#   bash models/train-attribution.sh [--device cpu|cuda] [-- OPTIONS of quotewire train attribution]
#   bash models/train-attribution.sh -- --limit-docs 200 --epochs 1 --threads 1     # a smoke run
#   nohup nice bash models/train-attribution.sh -- --epochs 6 >train.log 2>&1 &     # the CPU run
#   bash models/train-attribution.sh -- --epochs 6 --resume ~/.cache/quotewire/checkpoints/attribution
#   bash models/train-attribution.sh --device cuda -- --epochs 8 --batch-size 32     # a GPU run
#
# The whole state is written after every epoch to ~/.cache/quotewire/checkpoints/attribution (or
# --checkpoint DIR); a run cut short goes on with the same options and `--resume DIR`, and ends
# with the same weights as a run never stopped. On this project's 2-core CPU an epoch over all of
# PolNeAR train is about 20 minutes.
#
# What it uses (each from the environment when set):
#   QUOTEWIRE_DATA    the shared data with polnear/derived/ (default: ../shared/data)
#   LIBTORCH          libtorch 2.4.0, the version tch 0.17 (rust-bert 0.23) builds against; default:
#                     models/setup.sh's CPU build from PyPI (needs PyPI the first time)
#   QUOTEWIRE_MINILM  the all-MiniLM-L6-v2 folder (default: models/setup.sh's)
#   QUOTEWIRE_BIN     a quotewire binary of the transformer build (default: built here with cargo)
#   OUT               where the results go (default: target/train-attribution)
#   ALLOW_CPU=1       with --device cuda, train on the CPU when no CUDA libtorch or GPU is found
#                     (by default it stops before training, so that a GPU lease is not spent on a
#                     CPU run)
#
# On a GPU: `--device cuda` needs a CUDA build of libtorch 2.4.0 in LIBTORCH when quotewire is
# built: lib/libtorch_cuda.so and libc10_cuda.so beside libtorch_cpu.so, and the CUDA 12 libraries
# they link (cuBLAS, cuDNN 9, cuFFT, cuSPARSE, cuSOLVER, cuRAND, NCCL, nvJitLink). PyPI has all of
# them (the torch==2.4.0 wheel and its nvidia-*-cu12 dependencies), but unpacked they come to
# gigabytes, so they cannot travel in a working tree of 64 MiB to a machine that reaches no network;
# and a libtorch of another version (a newer PyTorch's) does not fit tch 0.17. Where the machine has
# no libtorch 2.4.0 with CUDA, this script says so and stops (exit status 3).
#
# Results in $OUT: train-attribution.log, attribution-minilm.json (the account: command, data
# hashes, options, per-epoch dev figures, time, hardware, the weights' SHA-256), and the weights
# in parts of 15 MiB (attribution-minilm.safetensors.part-00, -01, ...) with
# attribution-minilm.safetensors.sha256, so that no file is over 16 MiB. Put them together with
#   cat attribution-minilm.safetensors.part-* >attribution-minilm.safetensors
#   sha256sum -c attribution-minilm.safetensors.sha256
set -euo pipefail

fail() {
    echo "models/train-attribution.sh: $1" >&2
    exit "${2:-1}"
}

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

device=cpu
while [ $# -gt 0 ]; do
    case "$1" in
        --device)
            [ $# -ge 2 ] || fail "--device needs cpu or cuda"
            device="$2"
            shift 2
            ;;
        --device=*)
            device="${1#--device=}"
            shift
            ;;
        --)
            shift
            break
            ;;
        *) fail "unknown option $1 (options of quotewire train attribution go after --)" ;;
    esac
done
case "$device" in
    cpu | cuda) ;;
    *) fail "--device is cpu or cuda, not $device" ;;
esac

export QUOTEWIRE_DATA="${QUOTEWIRE_DATA:-$(cd .. && pwd)/shared/data}"
for file in polnear_train.jsonl polnear_dev.jsonl cofenet_dev_instances.jsonl; do
    [ -f "$QUOTEWIRE_DATA/polnear/derived/$file" ] ||
        fail "no $QUOTEWIRE_DATA/polnear/derived/$file (set QUOTEWIRE_DATA)"
done

if [ -z "${LIBTORCH:-}" ] || [ -z "${QUOTEWIRE_MINILM:-}" ]; then
    setup="$(bash models/setup.sh)" || fail "models/setup.sh failed: set LIBTORCH and QUOTEWIRE_MINILM, or let it reach PyPI"
    libtorch_given="${LIBTORCH:-}"
    minilm_given="${QUOTEWIRE_MINILM:-}"
    eval "$setup"
    if [ -n "$libtorch_given" ]; then export LIBTORCH="$libtorch_given"; fi
    if [ -n "$minilm_given" ]; then export QUOTEWIRE_MINILM="$minilm_given"; fi
fi
export LIBTORCH_CXX11_ABI="${LIBTORCH_CXX11_ABI:-0}"
[ -f "$LIBTORCH/lib/libtorch_cpu.so" ] || fail "LIBTORCH=$LIBTORCH has no lib/libtorch_cpu.so"
[ -f "$QUOTEWIRE_MINILM/model.safetensors" ] || fail "QUOTEWIRE_MINILM=$QUOTEWIRE_MINILM has no model.safetensors"

if [ "$device" = cuda ]; then
    why=""
    if [ ! -f "$LIBTORCH/lib/libtorch_cuda.so" ]; then
        why="LIBTORCH=$LIBTORCH is a CPU-only libtorch (no lib/libtorch_cuda.so); a CUDA build of libtorch 2.4.0 is needed (see the head of this script)"
    elif ! nvidia-smi -L >/dev/null 2>&1; then
        why="no GPU answers nvidia-smi"
    fi
    if [ -n "$why" ]; then
        [ "${ALLOW_CPU:-}" = 1 ] || fail "--device cuda: $why" 3
        echo "models/train-attribution.sh: --device cuda: $why; ALLOW_CPU=1: training on the CPU" >&2
        device=cpu
    fi
fi

if [ -n "${QUOTEWIRE_BIN:-}" ]; then
    bin="$QUOTEWIRE_BIN"
else
    command -v cargo >/dev/null || fail "no cargo to build quotewire: set QUOTEWIRE_BIN to a transformer build"
    echo "models/train-attribution.sh: building quotewire (release, --features transformer)" >&2
    cargo build --release --locked -p quotewire-cli --features transformer >&2
    bin="${CARGO_TARGET_DIR:-$root/target}/release/quotewire"
fi
[ -x "$bin" ] || fail "no quotewire binary at $bin"
if [ "$device" = cuda ] && command -v ldd >/dev/null && ! ldd "$bin" | grep -q libtorch_cuda; then
    fail "$bin was not linked with libtorch_cuda.so: build it with LIBTORCH pointing at the CUDA libtorch" 3
fi

out="${OUT:-$root/target/train-attribution}"
work="$root/target/train-attribution-work"
mkdir -p "$out" "$work"
weights="$work/attribution-minilm.safetensors"
log="$out/train-attribution.log"

echo "models/train-attribution.sh: $bin train attribution --device $device $*" >&2
started=$(date +%s)
set +e
"$bin" train attribution --device "$device" --data "$QUOTEWIRE_DATA" --minilm "$QUOTEWIRE_MINILM" \
    -o "$weights" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || fail "training failed (exit status $status); the log is $log" "$status"

cp "$work/attribution-minilm.json" "$out/"
(cd "$work" && sha256sum attribution-minilm.safetensors) >"$out/attribution-minilm.safetensors.sha256"
if [ "$(cd "$out" && pwd)" != "$(cd "$work" && pwd)" ]; then
    rm -f "$out"/attribution-minilm.safetensors.part-*
    split -b 15M -d -a 2 "$weights" "$out/attribution-minilm.safetensors.part-"
fi
echo "models/train-attribution.sh: done in $(($(date +%s) - started)) s; results in $out" >&2
