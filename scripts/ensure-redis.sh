#!/usr/bin/env bash
# The @mesh/redis tests, its example and its benchmark start their own redis-server (Debian's
# package) on 127.0.0.1 with a free port and a temp directory; they never use a running Redis.
# Install it when it is missing.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's redis-server for the @mesh/redis tests..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  exit 0
fi
echo "the @mesh/redis tests need redis-server on the PATH: install Debian's 'redis-server' package (or Redis 6.2 or later)" >&2
exit 1
