#!/usr/bin/env bash
# hbscope quick start. On a fresh Debian/Ubuntu machine:
#   ./bootstrap.sh run [RUN-OPTIONS...]   install what is missing, build, run the catalogue
#   ./bootstrap.sh test                   install what is missing, build, run the whole test suite
# Either way the executable is build/hbscope afterwards.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-}
case "$mode" in
  run | test) shift ;;
  *)
    echo "usage: ./bootstrap.sh run [hbscope run options...] | ./bootstrap.sh test" >&2
    exit 2
    ;;
esac

# --- 1. Debian packages (nothing is downloaded at build time, nothing is vendored) -------------
packages=(g++ cmake make pkgconf git libhwloc-dev libfmt-dev catch2 libbenchmark-dev
          libcli11-dev nlohmann-json3-dev libsqlite3-dev binutils graphviz)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The test suite also renders the HTML report in a real browser, checks the format with
# clang-format, sends signals with util-linux's tools, and runs the fleet playbook
# (deploy/fleet.yml) against this machine.
if [ "$mode" = test ]; then
  for p in chromium clang-format util-linux ansible-core; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "== installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)

# --- 2. Optimised build ------------------------------------------------------------------------
echo "== building build/hbscope (Release)"
cmake --preset release > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j "$jobs" >> build.log 2>&1 || { tail -50 build.log; exit 1; }

if [ "$mode" = run ]; then
  echo "== build/hbscope run $*"
  exec build/hbscope run --json build/last-run.json --log build/last-run.log "$@"
fi

# --- 3. Tests -----------------------------------------------------------------------------------
# a. Unit and CLI tests under ASan+UBSan. No hardware test there: instrumentation would distort
#    the timing that weak outcomes depend on.
echo "== building build-asan (AddressSanitizer + UBSan, unit and CLI tests)"
cmake --preset asan >> build.log 2>&1 || { tail -50 build.log; exit 1; }
cmake --build build-asan -j "$jobs" >> build.log 2>&1 || { tail -50 build.log; exit 1; }
echo "== ctest (sanitised build)"
ctest --test-dir build-asan -j "$jobs" --output-on-failure

# b. On a machine that is not AArch64: cross-build for AArch64 and run the whole suite under
#    qemu-aarch64. Emulated: it checks the AArch64 build, never ARM hardware behaviour.
#    HBSCOPE_SKIP_AARCH64=1 skips this part.
if [ "$(uname -m)" != aarch64 ] && [ "${HBSCOPE_SKIP_AARCH64:-0}" != 1 ]; then
  cross=(g++-aarch64-linux-gnu qemu-user libhwloc-dev:arm64 libfmt-dev:arm64 libsqlite3-dev:arm64
         pkgconf:arm64)
  missing=()
  for p in "${cross[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== installing the AArch64 cross toolchain and arm64 libraries: ${missing[*]}"
    echo "   (adding the arm64 architecture may upgrade some amd64 packages to matching"
    echo "   versions: harmless, apt keeps multiarch libraries in step)"
    $sudo dpkg --add-architecture arm64
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  echo "== building build-aarch64 (cross, RMWs as LL/SC; tests run under qemu-aarch64)"
  cmake --preset aarch64 >> build.log 2>&1 || { tail -50 build.log; exit 1; }
  cmake --build build-aarch64 -j "$jobs" >> build.log 2>&1 || { tail -50 build.log; exit 1; }
  echo "== ctest (AArch64 build under qemu-aarch64: EMULATED, not an ARM hardware result)"
  ctest --test-dir build-aarch64 -j "$jobs" --output-on-failure
  # The arm64 DEB and tarball, unpacked into clean folders, run under qemu (EMULATED).
  echo "== arm64 package: cpack, unpacked into an empty folder, run under qemu-aarch64"
  bash tests/package/arm64.sh build-aarch64
fi

# c. Everything in the optimised native build, hardware tests one at a time.
echo "== ctest (optimised build: unit, CLI and hardware tests)"
ctest --test-dir build -j "$jobs" --output-on-failure

# d. The amd64 package (portable build: bundled libraries), unpacked with dpkg-deb -x and tar
#    into empty folders and run from there.
if [ "$(uname -m)" = x86_64 ]; then
  echo "== amd64 package: cpack, unpacked into an empty folder, run from there"
  cmake --preset package >> build.log 2>&1 || { tail -50 build.log; exit 1; }
  bash tests/package/check.sh build-package
fi
