#!/usr/bin/env bash
# Chromium for the browser tests (test/browser): Debian's `chromium` package, installed when
# /usr/bin/chromium is missing. playwright-core drives it; it downloads no browser of its own.
# Usage: deploy/local/chromium.sh [install]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

install() {
  if [ -x "$CHROMIUM" ]; then log "chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"; return 0; fi
  need apt-get "Debian's package manager installs chromium"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then need sudo "installing a package needs root"; sudo="sudo"; fi
  log "installing Debian's chromium package"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  [ -x "$CHROMIUM" ] || die "chromium was installed but $CHROMIUM is missing"
  log "chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
}

case "${1:-install}" in
  install) install ;;
  *) echo "usage: $0 [install]" >&2; exit 2 ;;
esac
