#!/usr/bin/env bash
# The main job: set everything up, execute every course notebook with the Nabla kernel, and write
# the executed notebooks and the course site (a typeset page per notebook and an index) to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel >/dev/null
fi
npm run --silent build
node bin/nabla.mjs install-kernel --user >/dev/null
mkdir -p out
status=0
executed=()
for nb in notebooks/*.ipynb notebooks/homework/master.ipynb; do
  name=$(basename "$nb" .ipynb)
  echo "executing $nb"
  if /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=nabla \
      --ExecutePreprocessor.timeout=600 --output-dir out --output "$name" "$nb" >/dev/null 2>out/"$name".log; then
    executed+=("out/$name.ipynb")
  else
    echo "  failed: see out/$name.log"; status=1
  fi
done
# The course site: a page per notebook (math by KaTeX with its fonts in out/assets/), an index, links.
npx tsx scripts/site.ts out "${executed[@]}" >/dev/null
echo "executed notebooks and the course site (out/index.html) are in $(pwd)/out/"
exit $status
