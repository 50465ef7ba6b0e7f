#!/bin/sh
# The browser tests drive Debian's Chromium; install it when it is missing and we may (root + apt).
set -e
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "The browser tests need Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
    exit 1
fi
