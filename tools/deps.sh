#!/bin/sh
# deps.sh PKG... - makes sure the Debian packages PKG are installed: as
# root, installs the missing ones with apt-get; otherwise prints the one
# command to run and fails.  Used by the Makefile's deps targets.
missing=""
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "installing:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq $missing >/dev/null || exit 1
else
  echo "missing Debian packages; run:"
  echo "  sudo apt-get install -y$missing"
  exit 1
fi
