#!/usr/bin/env bash
# Sets up pandas and pyarrow from PyPI in a virtual environment, for tables.py. Idempotent.
# Usage: crates/export/check/setup.sh [VENV]   (default: $TABLES_VENV, else tables-venv in the
# cache that models/setup.sh uses, ${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire},
# so that CI's fresh clones install it once)
# Prints the interpreter to use: the venv's, or the system python3 when the packages do not
# install (tables.py then checks the CSV with the csv module alone, and says so).
set -euo pipefail
cache="${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire}"
venv="${1:-${TABLES_VENV:-$cache/tables-venv}}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pandas, pyarrow" 2>/dev/null; then
    echo "$venv/bin/python"
    exit 0
fi
if python3 -m venv "$venv" >&2 \
    && "$venv/bin/pip" install --quiet --disable-pip-version-check "pandas>=2.2,<4" "pyarrow>=15" >&2; then
    echo "$venv/bin/python"
else
    echo "crates/export/check/setup.sh: pandas and pyarrow did not install: checking with the csv module only" >&2
    echo python3
fi
