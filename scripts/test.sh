#!/usr/bin/env bash
# The README's test command: install what the tests need (npm packages; Debian's Jupyter, SymPy and
# Chromium when missing), then typecheck, lint (ESLint), check the layout (Prettier), check the
# dependency rules (dependency-cruiser), build the JupyterLite site and run vitest. The last line is `N passed, N failed`;
# typecheck, lint, format, deps and the site count one each.
set -uo pipefail
cd "$(dirname "$0")/.."
export CI=true
# Debian's Jupyter (kernel conformance, notebook execution), SymPy and PyTorch/NumPy (reference
# oracles, never runtime dependencies), Chromium (the course site's check) and redis-server (the
# grading queue's tests start their own). Tests that need one of them say so and skip when it is missing.
PACKAGES="jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel python3-jupyter-kernel-test python3-sympy python3-torch chromium redis-server"
missing=""
for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing:$missing"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing) >/tmp/nabla-ci-apt.log 2>&1 || echo "note: some Debian packages could not be installed (see /tmp/nabla-ci-apt.log); their tests will be skipped"
fi
npm ci --no-audit --no-fund 2>&1 | grep -v "nodedir" | tail -3
report=$(mktemp)
npm run typecheck 2>&1 | grep -v nodedir
typecheck=${PIPESTATUS[0]}
npm run lint 2>&1 | grep -v nodedir
lint=${PIPESTATUS[0]}
npm run format:check 2>&1 | grep -v nodedir | tail -5
format=${PIPESTATUS[0]}
npm run deps 2>&1 | grep -v nodedir
deps=${PIPESTATUS[0]}
# The JupyterLite site (out/site/; its packages from the npm registry into lite/node_modules), which
# test/lite-site.test.ts opens in Chromium.
npm run site 2>&1 | grep -v nodedir | tail -3
site=${PIPESTATUS[0]}
# esbuild does not typecheck: lite/'s sources (and the engine's as the browser sees them) are checked here.
if [ "$site" -eq 0 ]; then
  npx tsc -p lite/tsconfig.json 2>&1 | grep -v nodedir
  site=${PIPESTATUS[0]}
fi
npx vitest run --reporter=default --reporter=json --outputFile="$report" 2>&1 | grep -v nodedir
tests=${PIPESTATUS[0]}
read -r passed failed < <(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  // A file that fails to load has no test results of its own: count it once.
  const broken = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  console.log(r.numPassedTests, (r.numFailedTests || 0) + broken);' "$report" 2>/dev/null || echo "0 1")
for step in typecheck lint format deps site; do
  if [ "${!step}" -ne 0 ]; then failed=$((failed + 1)); echo "$step failed"; else passed=$((passed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$typecheck" -eq 0 ] && [ "$lint" -eq 0 ] && [ "$format" -eq 0 ] && [ "$deps" -eq 0 ] && [ "$site" -eq 0 ] && [ "$tests" -eq 0 ] && [ "$failed" -eq 0 ]
