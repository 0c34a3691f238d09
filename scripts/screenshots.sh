#!/usr/bin/env bash
# Screenshots of every panel of the desktop window with the demo data, for the README:
#
#   scripts/screenshots.sh [OUT_DIR]        (default: docs/screenshots; `make screenshots`)
#
# Runs the built `kedai` under Xvfb (no window manager, so no title bar) on a throwaway data
# folder with the demo shop, signs in as the demo owner, lets a few simulated customers buy and
# ask, then shows each tab and saves it as OUT_DIR/NN-<panel>.png. KEDAI_LANGUAGE=en gives the
# English window (default Indonesian).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}
OUT=${1:-$ROOT/docs/screenshots}
KEDAI=$BUILD/src/app/kedai
[[ -x $KEDAI ]] || { echo "screenshots: $KEDAI not built (make build)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run missing (scripts/install-deps.sh --test)" >&2; exit 1; }

DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/[0-9][0-9]-*.png
# The first run of a fresh data folder creates this owner account (see README, "Staff accounts").
env -u DISPLAY KEDAI_DATA_DIR="$DATA" HTTP_ADDR=127.0.0.1:0 KEDAI_DEMO=1 \
  KEDAI_LANGUAGE="${KEDAI_LANGUAGE:-id}" KEDAI_DESKTOP_USER=owner KEDAI_DESKTOP_PASSWORD=demo-owner-1 \
  xvfb-run -a -s "-screen 0 1280x800x24" "$KEDAI" --screenshots "$OUT"
ls -1 "$OUT"/[0-9][0-9]-*.png
