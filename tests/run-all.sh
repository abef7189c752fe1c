#!/usr/bin/env bash
# `npm test`: everything, in the order a failure is cheapest to find.
# system deps (Debian Chromium, poppler) -> type check -> lint -> unit tests -> build -> e2e -> summary.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive
step() { printf '\n=== %s  [t=%ss]\n' "$*" "$SECONDS"; }

step "system packages (Debian chromium for end-to-end tests)"
need=()
[ -x "$CHROMIUM_PATH" ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ "${#need[@]}" -gt 0 ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
"$CHROMIUM_PATH" --version 2>/dev/null || true

node -e 'const [a,b]=process.versions.node.split(".").map(Number);
if (a < 20 || (a === 20 && b < 19)) { console.error("Node >= 20.19 is required (vite 8)"); process.exit(1); }'
if [ ! -d node_modules ]; then step "npm ci"; npm ci --no-audit --no-fund; fi

step "type check"; npm run check
step "lint";       npm run lint
rm -rf reports
step "unit tests"; npm run test:unit
step "build";      npm run build
step "end-to-end"; npm run test:e2e

step "summary"
node -e '
const fs = require("fs");
const v = JSON.parse(fs.readFileSync("reports/vitest.json", "utf8"));
const p = JSON.parse(fs.readFileSync("reports/playwright.json", "utf8")).stats;
const unit = { passed: v.numPassedTests, failed: v.numFailedTests };
const e2e = { passed: p.expected, failed: p.unexpected + p.flaky };
console.log(`unit: ${unit.passed} passed, ${unit.failed} failed`);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${unit.passed + e2e.passed} passed, ${unit.failed + e2e.failed} failed`);
if (unit.passed === 0 || e2e.passed === 0 || unit.failed + e2e.failed > 0) process.exit(1);'
echo "tests: done in ${SECONDS}s"
