#!/usr/bin/env bash
# Quick start 1 (`npm run demo`): the portal on the embedded default (sandbox cloud in process,
# PGlite in .onramp-data), printing the demo sign-ins when it starts.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "Installing dependencies…"
  # `npm install`, not `npm ci`: the lockfile lacks other platforms' native builds (see README).
  npm install --no-audit --no-fund
fi

# Rebuild when there is no build yet or any source is newer than it.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib db public instrumentation.ts proxy.ts next.config.js package.json \
    -newer .next/BUILD_ID -type f -not -name '*.test.ts' -not -name '*.integration-test.ts' -print -quit 2>/dev/null)" ]; then
  echo "Building the portal…"
  node_modules/.bin/next build
fi

port="${PORT:-3000}"
export ONRAMP_DATA_DIR="${ONRAMP_DATA_DIR:-.onramp-data}"
export ONRAMP_PUBLIC_URL="${ONRAMP_PUBLIC_URL:-http://localhost:${port}}"
# package.json pins AWS SDK releases that still support Node 20; the SDK's notice about later
# releases needing Node 22 would only bury the sign-ins printed below.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED="${AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:-true}"
echo "Starting Onramp on ${ONRAMP_PUBLIC_URL} (data in ${ONRAMP_DATA_DIR}; Ctrl-C to stop)…"
# The next binary directly, not npx: npx leaves the server child holding the port when stopped.
exec node_modules/.bin/next start -p "${port}"
