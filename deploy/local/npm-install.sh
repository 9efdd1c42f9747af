#!/usr/bin/env bash
# Installs the npm packages of the lock file when node_modules is missing or older than it.
# `npm ci` first; npm 11.16+ rejects its own lock files when an optional platform binary (e.g.
# @unrs/resolver-binding-*) is not served by the registry (npm/cli#9846), and then
# `npm install` installs the same locked versions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then exit 0; fi
echo "[npm-install] installing npm packages" >&2
if ! npm ci --no-audit --no-fund 2> .npm-ci.err; then
  grep -q 'EUSAGE' .npm-ci.err || { cat .npm-ci.err >&2; rm -f .npm-ci.err; exit 1; }
  echo "[npm-install] npm ci refused the lock file (npm/cli#9846); installing the locked versions with npm install" >&2
  npm install --no-audit --no-fund
fi
rm -f .npm-ci.err
