#!/usr/bin/env bash
# Install everything this project needs: Debian packages, .venv with the pinned models, and the browser-check tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: espeak-ng (the voice that is always there); Chromium and Node.js for the accessibility checks.
missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=(.venv/bin/python -m pip --disable-pip-version-check -q)
"${PIP[@]}" install --upgrade pip
# torch first and pinned: the CPU build on local disk. Unpinned, pip would pull a CUDA build of several GB.
"${PIP[@]}" install torch==2.13.0
"${PIP[@]}" install -e ".[app,dev,audio-check,cluster]"
"${PIP[@]}" install --no-deps --require-hashes -r requirements/pinned.txt
# axe-core and playwright-core, pinned by package-lock.json, for the browser checks in tests/.
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
echo "setup: ready (.venv)"
