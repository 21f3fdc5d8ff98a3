#!/usr/bin/env bash
# CI for the Python package: pytest, maturin and pandas from PyPI in a virtual environment (cached
# beside the transformer files, ${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire}, so
# that CI's fresh clones install them once), the package built from ./python and installed into
# it afresh, then `pytest python/tests` against the binary (default target/debug/quotewire).
#
# The build is maturin's with the dev profile: it reuses what `cargo test --workspace` compiled in
# target/debug, so it takes seconds (`pip install ./python` alone builds a release). Usage:
# python/check/run.sh [VENV]   (default: $PYTHON_VENV, else python-venv in the cache)
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire}"
venv="${1:-${PYTHON_VENV:-$cache/python-venv}}"
pip() { "$venv/bin/python" -m pip --quiet --disable-pip-version-check "$@"; }

if ! "$venv/bin/python" -c "import pytest, maturin" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    pip install "maturin>=1.9.4,<2" "pytest>=7"
fi
if ! "$venv/bin/python" -c "import pandas" 2>/dev/null; then
    pip install "pandas>=2.2,<4" \
        || echo "python/check/run.sh: pandas did not install: the table tests are skipped" >&2
fi

pip uninstall --yes quotewire 2>/dev/null || true
# (maturin's build backend runs the `maturin` of PATH: the venv's.)
PATH="$venv/bin:$PATH" MATURIN_PEP517_ARGS="--profile dev" pip install --no-build-isolation ./python
# From the repository root, where no `quotewire` folder shadows the installed package.
export QUOTEWIRE_BIN="${QUOTEWIRE_BIN:-target/debug/quotewire}"
"$venv/bin/python" -m pytest python/tests -q -rs -p no:cacheprovider
