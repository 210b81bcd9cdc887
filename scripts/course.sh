#!/usr/bin/env bash
# The main job: set up, then run every course file in notebooks/ and write its typeset output.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
mkdir -p out
status=0
for f in notebooks/*.nabla; do
  node bin/nabla.mjs render "$f" -o "out/$(basename "${f%.nabla}").html" || status=1
done
echo "rendered course output is in $(pwd)/out/"
exit $status
