#!/usr/bin/env bash
# Quick start 2 (`npm test`): every tier — typecheck, unit + integration tests on PGlite (and on
# PostgreSQL when TEST_DATABASE_URL is set), the production build, and Playwright in Chromium.
# Ends with "N passed, N failed" over all tiers and a non-zero exit on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
tiers=()
reports="$(mktemp -d "${TMPDIR:-/tmp}/onramp-test-reports.XXXXXX")"
trap 'rm -rf "$reports"' EXIT

tally() { # tier passed failed
  passed=$((passed + $2))
  failed=$((failed + $3))
  tiers+=("$(printf '%-22s %4d passed, %d failed' "$1" "$2" "$3")")
}

# A step that is not a test runner counts as one check.
check() { # tier command...
  local tier="$1"; shift
  echo; echo "== ${tier}"
  if "$@"; then tally "$tier" 1 0; else tally "$tier" 0 1; fi
}

# Reads a runner's JSON report; a runner that crashed before writing one counts as one failure.
counts_from() { # kind file exit-code
  node -e '
    const [kind, file, code] = process.argv.slice(1);
    let p = 0, f = 0;
    try {
      const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
      if (kind === "vitest") { p = r.numPassedTests; f = r.numFailedTests; }
      else { p = r.stats.expected + r.stats.flaky; f = r.stats.unexpected + (r.errors?.length ?? 0); }
    } catch { f = 1; }
    if (f === 0 && code !== "0") f = 1;
    console.log(p, f);
  ' "$1" "$2" "$3"
}

vitest_tier() { # tier [env assignments...]
  local tier="$1"; shift
  local out="${reports}/${tier// /-}.json"
  echo; echo "== ${tier}"
  env "$@" node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$out"
  local code=$?
  read -r p f < <(counts_from vitest "$out" "$code")
  tally "$tier" "$p" "$f"
}

# Install or refresh dependencies when missing or when the lockfile changed since the last install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies…"
  npm install --no-audit --no-fund || { echo "npm install failed"; exit 1; }
fi

# System tools the tests use: Chromium for the browser tier, and the real DNS servers' config
# checkers that validate the DNS forwarding snippets Onramp hands to customers.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v named-checkconf >/dev/null 2>&1 || missing+=(bind9-utils)
[ -x /usr/sbin/unbound-checkconf ] || command -v unbound-checkconf >/dev/null 2>&1 || missing+=(unbound)
[ -x /usr/sbin/dnsmasq ] || command -v dnsmasq >/dev/null 2>&1 || missing+=(dnsmasq-base)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = "0" ] || { sudo -n true 2>/dev/null && sudo_cmd="sudo"; }
  if [ "$(id -u)" = "0" ] || [ -n "$sudo_cmd" ]; then
    echo "Installing from apt: ${missing[*]}"
    # Installing a DNS server package must not start its daemon on this machine.
    policy_added=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null && $sudo_cmd chmod +x /usr/sbin/policy-rc.d && policy_added=1
    fi
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
    [ "$policy_added" = "1" ] && $sudo_cmd rm -f /usr/sbin/policy-rc.d
  else
    echo "Missing system packages: ${missing[*]}. Install them (apt-get install -y ${missing[*]}) and run again."
  fi
fi
chromium_ready=1
[ -x /usr/bin/chromium ] || chromium_ready=0

check "typecheck" node_modules/.bin/tsc --noEmit
vitest_tier "vitest (PGlite)" TEST_DB=pglite
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  vitest_tier "vitest (PostgreSQL)" TEST_DB=postgres
else
  echo; echo "== vitest (PostgreSQL): skipped — set TEST_DATABASE_URL=postgres://… to run the suite on PostgreSQL too."
fi
check "next build" node_modules/.bin/next build

echo; echo "== Playwright (Chromium)"
if [ "$chromium_ready" = "0" ]; then
  echo "Chromium is missing at /usr/bin/chromium. Install it (as root: apt-get install -y chromium) and run again."
  tally "Playwright (Chromium)" 0 1
elif [ ! -f .next/BUILD_ID ]; then
  echo "No production build, so no browser tests."
  tally "Playwright (Chromium)" 0 1
else
  out="${reports}/playwright.json"
  PLAYWRIGHT_JSON_OUTPUT_FILE="$out" node_modules/.bin/playwright test --reporter=list,json
  code=$?
  read -r p f < <(counts_from playwright "$out" "$code")
  tally "Playwright (Chromium)" "$p" "$f"
fi

node scripts/failures.mjs "$reports"
echo
printf '%s\n' "${tiers[@]}"
echo "${passed} passed, ${failed} failed"
[ "$failed" = "0" ]
