#!/usr/bin/env bash
# Sets up what report.js needs: Debian's chromium (apt, with sudo when not root) and
# playwright-core from npm (driving that chromium; it downloads no browser of its own), in
# ${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire}/report-check so that CI's fresh
# clones install it once. Idempotent. Prints the folder to give report.js as NODE_PATH.
set -euo pipefail
cache="${QUOTEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quotewire}"
dir="${REPORT_CHECK_DIR:-$cache/report-check}"
if [ ! -x /usr/bin/chromium ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
fi
if ! command -v node >/dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2
fi
if [ ! -f "$dir/node_modules/playwright-core/package.json" ]; then
    mkdir -p "$dir"
    # No browser download: the Debian chromium is used (executablePath).
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$dir" --no-audit --no-fund --silent \
        "playwright-core@^1.50" >&2
fi
echo "$dir/node_modules"
