#!/usr/bin/env bash
# A corrupt or foreign results file gives one clear line and exit status 2, never a crash.
set -u
hb=("$@")  # the hbscope command, with an emulator in front when cross-testing
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check() {  # file, expected message
  out=$("${hb[@]}" report "$1" 2>&1); rc=$?
  echo "$out"
  [ "$rc" -eq 2 ] || fail "report $1: exit $rc, expected 2"
  echo "$out" | grep -q -- "$2" || fail "report $1: no '$2' in: $out"
}
printf '{"schema": 1, "tests": [' > "$dir/truncated.json"
check "$dir/truncated.json" "not valid JSON"
printf '[1, 2, 3]' > "$dir/array.json"
check "$dir/array.json" "not a results object"
printf '{"schema": 1}' > "$dir/partial.json"
check "$dir/partial.json" "missing field"
head -c 300 /dev/urandom > "$dir/noise.json"
check "$dir/noise.json" "hbscope: "
echo ok
