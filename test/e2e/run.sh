#!/usr/bin/env bash
# Runs an e2e script (default: the smoke test): setup.sh, esbuild bundle into out/e2e/, node.
#   bash test/e2e/run.sh [test/e2e/<script>.ts] [args…]
# Env: FAIRUSE_E2E_CACHE, FAIRUSE_E2E_KEEP=1 (keep temp folders), FAIRUSE_E2E_VERBOSE=1, FAIRUSE_E2E_HEADFUL=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ENTRY="${1:-test/e2e/smoke.ts}"
[ $# -gt 0 ] && shift
bash test/e2e/setup.sh </dev/null
[ -x node_modules/.bin/esbuild ] || { echo "node_modules missing: run npm ci first" >&2; exit 1; }
OUT="out/e2e/$(basename "${ENTRY%.*}").cjs"
node_modules/.bin/esbuild "$ENTRY" --bundle --platform=node --target=node20 --format=cjs \
  --packages=external --sourcemap=inline --log-level=warning --outfile="$OUT"
FAIRUSE_E2E_SKIP_SETUP=1 exec node --enable-source-maps "$OUT" "$@" </dev/null
