#!/usr/bin/env bash
# Install everything this project needs into .venv (and espeak-ng from Debian), offline-safe.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v espeak-ng >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends espeak-ng
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=(.venv/bin/python -m pip --disable-pip-version-check -q)
"${PIP[@]}" install --upgrade pip
# torch first and pinned: the CPU build on local disk. Unpinned, pip would pull a CUDA build of several GB.
"${PIP[@]}" install torch==2.13.0
"${PIP[@]}" install -e ".[app,dev]"
"${PIP[@]}" install --no-deps --require-hashes -r requirements/pinned.txt
echo "setup: ready (.venv)"
