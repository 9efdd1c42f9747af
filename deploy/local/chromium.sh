#!/usr/bin/env bash
# Chromium for the browser tests (test/browser): Debian's `chromium` package, installed when
# /usr/bin/chromium is missing, and a CJK font (fonts-wqy-zenhei) when none is installed, so the
# console's Chinese renders in its screenshots. playwright-core drives it; it downloads no browser.
# Usage: deploy/local/chromium.sh [install]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; }

install() {
  local packages=()
  if [ -x "$CHROMIUM" ]; then log "chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"; else packages+=(chromium); fi
  if ! has_cjk_font; then packages+=(fonts-wqy-zenhei); fi
  if [ ${#packages[@]} -eq 0 ]; then return 0; fi
  need apt-get "Debian's package manager installs ${packages[*]}"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then need sudo "installing a package needs root"; sudo="sudo"; fi
  log "installing Debian's ${packages[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
  [ -x "$CHROMIUM" ] || die "chromium was installed but $CHROMIUM is missing"
  log "chromium ready: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
}

case "${1:-install}" in
  install) install ;;
  *) echo "usage: $0 [install]" >&2; exit 2 ;;
esac
