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
          libcli11-dev nlohmann-json3-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
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
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j "$jobs" >> build.log 2>&1 || { tail -50 build.log; exit 1; }

if [ "$mode" = run ]; then
  echo "== build/hbscope run $*"
  exec build/hbscope run --json build/last-run.json --log build/last-run.log "$@"
fi

# --- 3. Tests: unit and CLI tests under ASan+UBSan, then everything in the optimised build -----
# The sanitised build runs no hardware test: instrumentation would distort the timing that
# weak outcomes depend on. The hardware tests run in the optimised build, one at a time.
echo "== building build-asan (AddressSanitizer + UBSan, unit and CLI tests)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHBSCOPE_SANITIZE=ON \
      -DHBSCOPE_BUILD_BENCHMARKS=OFF -DHBSCOPE_HARDWARE_TESTS=OFF >> build.log 2>&1 \
  || { tail -50 build.log; exit 1; }
cmake --build build-asan -j "$jobs" >> build.log 2>&1 || { tail -50 build.log; exit 1; }
echo "== ctest (sanitised build)"
ctest --test-dir build-asan -j "$jobs" --output-on-failure
echo "== ctest (optimised build: unit, CLI and hardware tests)"
ctest --test-dir build -j "$jobs" --output-on-failure
