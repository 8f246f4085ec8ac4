#!/usr/bin/env bash
# Runs the e2e tests: setup.sh (toolchain in ~/.cache/fair-use-audit-e2e), then each script bundled
# with esbuild into out/e2e/ and run with node.
#   bash test/e2e/run.sh                          # all: smoke.ts, integration.ts, audit-ui.ts, a11y-ui.ts, editor-ui.ts, walkthrough-ui.ts
#   bash test/e2e/run.sh test/e2e/<script>.ts [args…]
# Exit status 0 only when every script passed. Screenshots and logs: test/e2e/screenshots/.
# Env: FAIRUSE_E2E_CACHE, FAIRUSE_E2E_KEEP=1 (keep temp folders), FAIRUSE_E2E_VERBOSE=1,
#      FAIRUSE_E2E_HEADFUL=1, FAIRUSE_E2E_GREP, FAIRUSE_E2E_VSIX, FAIRUSE_E2E_EXTENSION_DIR (see README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
START=$SECONDS

if [ $# -gt 0 ]; then
  ENTRIES=("$1")
  shift
else
  ENTRIES=(test/e2e/smoke.ts test/e2e/integration.ts test/e2e/audit-ui.ts test/e2e/a11y-ui.ts test/e2e/editor-ui.ts test/e2e/walkthrough-ui.ts)
fi

bash test/e2e/setup.sh </dev/null
[ -x node_modules/.bin/esbuild ] || { echo "node_modules missing: run npm ci first" >&2; exit 1; }
# Each run starts with an empty screenshots folder, so what is there belongs to this run.
rm -rf test/e2e/screenshots && mkdir -p test/e2e/screenshots

failed=()
for entry in "${ENTRIES[@]}"; do
  out="out/e2e/$(basename "${entry%.*}").cjs"
  echo "== e2e: $entry"
  node_modules/.bin/esbuild "$entry" --bundle --platform=node --target=node20 --format=cjs \
    --packages=external --sourcemap=inline --log-level=warning --outfile="$out"
  # Each script has its own watchdog (10, 12 and 15 min); `timeout` is the last resort if node hangs.
  set +e
  FAIRUSE_E2E_SKIP_SETUP=1 timeout --kill-after=30s 20m node --enable-source-maps "$out" "$@" </dev/null
  status=$?
  set -e
  [ "$status" -eq 0 ] || failed+=("$entry (exit $status)")
done

echo "== e2e: ${#ENTRIES[@]} script(s) in $((SECONDS - START)) s; screenshots and logs in test/e2e/screenshots/"
if [ ${#failed[@]} -gt 0 ]; then
  printf '== e2e FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "== e2e: all passed"
