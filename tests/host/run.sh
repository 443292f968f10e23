#!/bin/sh
# Builds examples/host/host.c the way a case system would, through the
# pkg-config file that the build generates, runs it twice on a fresh
# registry, and checks the report it prints.
# Usage: run.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PKG_CONFIG_PATH="$build/meson-uninstalled"
flags=$(pkg-config --cflags --libs uppfolj)
cc -std=c11 -Wall -Wextra -Werror "$src/examples/host/host.c" $flags -o "$work/host"
libdir=$(pkg-config --libs-only-L uppfolj | sed 's/^ *-L//; s/ .*//')
echo "1..2"
out=$(LD_LIBRARY_PATH="$libdir" "$work/host" "$work/registry.db")
case $out in
  *'"measure":"RES-GP-PLAN","node":"EGEN-HT"'*'"value":77.78'*) echo "ok 1 - host records and reports" ;;
  *) echo "not ok 1 - host records and reports"; echo "# $out"; exit 1 ;;
esac
out=$(LD_LIBRARY_PATH="$libdir" "$work/host" "$work/registry.db")
case $out in
  *'"units_reported":1,"units_expected":1'*) echo "ok 2 - a second run finds its organisation" ;;
  *) echo "not ok 2 - a second run finds its organisation"; echo "# $out"; exit 1 ;;
esac
