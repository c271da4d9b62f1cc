#!/usr/bin/env bash
# Every check CI runs: typecheck, lint, unit tests, build, end-to-end tests.
# The last line is "N passed, N failed" over all test suites; the exit code is
# non-zero if any step failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p .reports
rm -f .reports/*.json
failed_steps=()
step() {
  local name=$1; shift
  echo "::: $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

step typecheck npm run -s typecheck
step lint npm run -s lint
step unit npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/unit.json
step build node scripts/build.mjs
step e2e npx playwright test

counts=$(node scripts/count-results.mjs .reports/unit.json .reports/e2e.json)
read -r passed failed skipped <<<"$counts"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}"
  # A step that fails outside any test (typecheck, lint, build) still fails the run.
  [ "$failed" -eq 0 ] && failed=${#failed_steps[@]}
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
