#!/usr/bin/env bash
# The main job: set everything up, execute every course notebook with the Nabla kernel, and write
# the executed notebooks and their HTML (math typeset offline) to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel >/dev/null
fi
npm run --silent build
node bin/nabla.mjs install-kernel --user >/dev/null
mkdir -p out
PRIORITY=""
for mime in text/html image/svg+xml text/latex image/png text/plain; do PRIORITY="$PRIORITY --NbConvertBase.display_data_priority=$mime"; done
status=0
for nb in notebooks/*.ipynb notebooks/homework/master.ipynb; do
  name=$(basename "$nb" .ipynb)
  echo "executing $nb"
  if /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=nabla \
      --ExecutePreprocessor.timeout=600 --output-dir out --output "$name" "$nb" >/dev/null 2>out/"$name".log; then
    # Plots carry Vega-Lite (for JupyterLab) and SVG: the page takes the SVG, which needs no script.
    /usr/bin/jupyter nbconvert --to html --output-dir out $PRIORITY "out/$name.ipynb" >/dev/null 2>>out/"$name".log
    npx tsx scripts/typeset-html.ts "out/$name.html"
  else
    echo "  failed: see out/$name.log"; status=1
  fi
done
echo "executed notebooks and their HTML are in $(pwd)/out/"
exit $status
