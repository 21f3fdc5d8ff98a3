#!/usr/bin/env bash
# Sets up PySpark from PyPI in a virtual environment, for the quotewire Spark job and its check.
# Idempotent. Usage: scale/spark/setup.sh [VENV]   (default: $SPARK_VENV, else .spark-venv)
# Needs Python 3.10+ and Java 17 or 21 (Spark 4). Prints the interpreter to use.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${1:-${SPARK_VENV:-.spark-venv}}"
version="4.3.0"
if ! command -v java >/dev/null; then
    echo "scale/spark/setup.sh: Java not found: Spark $version needs Java 17 or 21 (Debian: apt install openjdk-17-jre-headless)" >&2
    exit 1
fi
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ "${java_major:-0}" -lt 17 ]; then
    echo "scale/spark/setup.sh: Java $java_major found: Spark $version needs Java 17 or 21" >&2
    exit 1
fi
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$version')" 2>/dev/null; then
    echo "$venv/bin/python"
    exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$version" >&2
"$venv/bin/python" -c "import pyspark; print('pyspark', pyspark.__version__)" >&2
echo "$venv/bin/python"
