#!/usr/bin/env bash
# clang-tidy (.clang-tidy) over every source of harness/, headers included. Slow (about 15 s a
# file, so several minutes on two cores): run by hand or in a long CI job, not in ctest.
#   tests/style/tidy.sh [BUILD_DIR]    (default build/, which must have compile_commands.json)
set -u
cd "$(dirname "$0")/../.." || exit 1
build=${1:-build}
command -v clang-tidy > /dev/null || { echo "SKIP: clang-tidy is not installed"; exit 77; }
[ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json: configure first" >&2; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
git ls-files 'harness/*.cpp' | xargs -P "$jobs" -n 4 clang-tidy -p "$build" --quiet \
  --header-filter="$PWD/harness/.*" > "$out" 2> /dev/null
if grep -q 'warning:\|error:' "$out"; then
  grep -E 'warning:|error:' "$out" | sort -u
  exit 1
fi
echo "tidy: harness/ is clean"
