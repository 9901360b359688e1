#!/usr/bin/env bash
# The docs test opens the API site in headless Chromium (Debian's package, driven by
# playwright-core, which never downloads a browser). Install it when it is missing.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the docs test..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "the docs test needs Chromium at $chromium_path: install Debian's 'chromium' package, or set CHROMIUM_PATH" >&2
exit 1
