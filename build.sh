#!/usr/bin/env bash
# The one entry point: installs what is missing, builds, and runs.
#
#   ./build.sh demo    build, then build the example registry and show it
#   ./build.sh test    build, run every test, then the unit tests and the
#                      fault loops again under AddressSanitizer and
#                      UndefinedBehaviorSanitizer (which finds any leak)
#   ./build.sh bench   build optimised, then benchmark against raw SQLite at
#                      the small and municipal scales and at ten times the
#                      small one's units (see README, "Performance");
#                      BENCH_ARGS passes options to it (--strict: exit 1
#                      when a target is not met)
#   ./build.sh reliability
#                      the reliability loops, larger than the test suite's:
#                      20,000 allocations failed in each loop, spread over
#                      the scenario (one worker a core; about an hour on
#                      two; UPF_OOM_STRIDE=1 fails every one, which takes
#                      days), every file operation failed,
#                      100 kills, 800
#                      concurrent writes and 4 writers in tight loops for
#                      20 s, 5 minutes of fuzzing a target
#                      (UPF_OOM_POINTS or _STRIDE, UPF_IO_STRIDE, UPF_KILLS,
#                      UPF_CONCURRENT_VALUES, UPF_CONCURRENT_SECONDS,
#                      UPF_FUZZ_SECONDS)
#   ./build.sh package the Debian packages (libuppfolj0, libuppfolj-dev,
#                      uppfolj, python3-uppfolj) into build-package/, with
#                      lintian and a check of what they install
#   ./build.sh build   only build (into ./build)
#
# Run twice, it is quick and changes nothing: packages are installed only
# when missing and Meson rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

packages=(meson ninja-build pkg-config gcc libc6-dev binutils
          libsqlite3-dev libcmocka-dev libxlsxwriter-dev python3 groff-base)

# install_missing PACKAGE...: installs those not yet installed.
install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

# setup DIR [meson options...]: configure once, then only rebuild. Quiet
# when all is well; the whole log when something fails. Warnings are
# errors in every build of ours (not by default for those who build the
# release themselves).
setup() {
  local dir=$1 log
  shift
  log=$(mktemp)
  if ! { [ -f "$dir/build.ninja" ] || meson setup "$dir" -Dwerror=true "$@"; } >"$log" 2>&1 ||
     ! ninja -C "$dir" >>"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "build.sh: building in $dir failed" >&2
    exit 1
  fi
  rm -f "$log"
}

build() { setup build; }

# libFuzzer targets need clang and its runtime; they are fuzzed briefly in
# the suite, longer with ./build.sh reliability.
build_fuzz() {
  install_missing clang libclang-rt-14-dev
  CC=clang setup build-fuzz -Dfuzz=true -Dtests=false -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false
}

build_sanitized() {
  setup build-san -Dbuildtype=debug -Db_sanitize=address,undefined \
    -Db_lundef=false -Dc_args=-fno-sanitize-recover=all
}

demo() {
  build
  UPPFOLJ=build/cli/uppfolj sh examples/demo/demo.sh build/demo.db
}

# Counts test cases in a meson test log: each TAP line of a TAP test,
# else the test as one case.
count() {
  python3 - "$@" <<'PY'
import json, re, sys
passed = failed = 0
for log in sys.argv[1:]:
    with open(log) as f:
        for line in f:
            t = json.loads(line)
            cases = re.findall(r"^(not ok|ok)\b(.*)$", t.get("stdout") or "", re.M)
            if cases:
                bad = sum(v == "not ok" for v, _ in cases)
                passed += sum(v == "ok" and "# SKIP" not in r for v, r in cases)
                # A crash can end a program before it reports a failure.
                failed += bad or t["result"] not in ("OK", "SKIP")
            elif t["result"] in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif t["result"] != "SKIP":
                failed += 1
print(passed, failed)
PY
}

# stage TEXT: a line when a stage of the run starts, with the time taken
# so far, so that the long fault loops never run in silence.
start=$SECONDS
stage() { printf '\n== %s (at %dm%02ds)\n' "$1" $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)); }

run_tests() {
  # The committee report is checked in a real browser, and its PDF's pages;
  # the Python package is installed with Debian's pip, offline; LibreOffice
  # with the Swedish locale opens the CSV and the spreadsheets, as Swedish
  # Excel would.
  install_missing chromium poppler-utils python3-pip python3-setuptools python3-wheel \
    libreoffice-calc-nogui
  stage "building (build, build-san)"
  build
  build_sanitized
  local rc=0
  stage "every suite (build): unit, cli, python, host, docs, install, browser, reliability"
  meson test -C build --print-errorlogs || rc=1
  stage "unit tests and fault loops under the sanitizers (build-san; the fault loops take minutes)"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    meson test -C build-san --suite unit --suite faults --print-errorlogs || rc=1
  stage "fuzz targets, briefly (build-fuzz)"
  build_fuzz
  meson test -C build-fuzz --suite fuzz --num-processes 1 --print-errorlogs || rc=1
  stage "done"
  read -r p1 f1 < <(count build/meson-logs/testlog.json)
  read -r p2 f2 < <(count build-san/meson-logs/testlog.json)
  read -r p3 f3 < <(count build-fuzz/meson-logs/testlog.json)
  echo
  echo "$((p1 + p2 + p3)) passed, $((f1 + f2 + f3)) failed"
  return $rc
}

# The benchmark gets its own release build: -O2 without debug checks.
bench() {
  setup build-bench -Dbuildtype=release -Dtests=true
  build-bench/tests/bench/bench ${BENCH_ARGS:-all}
}

reliability() {
  build
  build_fuzz
  UPF_FUZZ_SECONDS=${UPF_FUZZ_SECONDS:-300} meson test -C build-fuzz --suite fuzz \
    --num-processes 1 --print-errorlogs || return 1
  UPF_OOM_POINTS=${UPF_OOM_POINTS:-20000} UPF_IO_STRIDE=${UPF_IO_STRIDE:-1} \
    UPF_FAULT_WORKERS=${UPF_FAULT_WORKERS:-$(nproc)} \
    UPF_KILLS=${UPF_KILLS:-100} \
    UPF_CONCURRENT_VALUES=${UPF_CONCURRENT_VALUES:-200} \
    UPF_CONCURRENT_SECONDS=${UPF_CONCURRENT_SECONDS:-20} \
    meson test -C build --suite reliability --print-errorlogs --verbose
}

# The checkout without its builds, packaged by dpkg-buildpackage (which
# runs the unit and CLI suites), then checked.
package() {
  install_missing debhelper dh-python dpkg-dev fakeroot lintian
  local out=build-package
  rm -rf "$out"
  mkdir -p "$out/src"
  tar --exclude=./build --exclude='./build-*' --exclude=./.git -cf - . |
    tar -xf - -C "$out/src"
  if ! (cd "$out/src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
    tail -40 "$out/build.log" >&2
    echo "build.sh: dpkg-buildpackage failed; the log is $out/build.log" >&2
    exit 1
  fi
  python3 tests/check_package.py "$out"
}

install_missing "${packages[@]}"
case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  bench) bench ;;
  reliability) reliability ;;
  build) build ;;
  package) package ;;
  *) echo "usage: ./build.sh demo|test|bench|reliability|package|build" >&2; exit 2 ;;
esac
