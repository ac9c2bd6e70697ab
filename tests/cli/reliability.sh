#!/usr/bin/env bash
# What an adversarial pass found wrong, one check each: report and compare exit 1 when what
# they show holds a forbidden outcome; files that are not tests are named as such; a --cpus
# list shorter than the threads is recorded as oversubscribed.
set -u
hb=("$@")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # STATUS REGEX ARGS...
  local want=$1 regex=$2
  shift 2
  out=$("${hb[@]}" "$@" 2>&1)
  rc=$?
  [ "$rc" -eq "$want" ] || { echo "$out"; fail "hbscope $*: exit $rc, expected $want"; }
  echo "$out" | grep -Eq -- "$regex" || { echo "$out"; fail "hbscope $*: no /$regex/"; }
}
"${hb[@]}" run SB+rlx -n 20000 -q --cpus 0 --json "$dir/r.json" > /dev/null || fail "run --cpus 0"
grep -q '"oversubscribed": true' "$dir/r.json" || fail "--cpus 0 for two threads: not oversubscribed"
grep -q '"planned_pus": \[' "$dir/r.json" || fail "no planned PUs"
# The same results with an outcome C++ forbids: what run exits 1 for, report and compare too.
sed 's/"grade": "[a-z-]*"/"grade": "forbidden-seen"/' "$dir/r.json" > "$dir/bad.json"
expect 1 "forbid|FORBID" report "$dir/bad.json"
expect 1 "forbid|FORBID" report "$dir/bad.json" --html "$dir/bad.html"
expect 1 "forbid|FORBID" report "$dir/bad.json" --log "$dir/bad.log"
expect 1 "forbid|FORBID" compare "$dir/r.json" "$dir/bad.json"
expect 0 "SB\+rlx" report "$dir/r.json"
# Things that are not tests, named as what they are.
mkdir "$dir/d.litmus"
expect 2 "d.litmus: folder holds no .litmus file" model "$dir/d.litmus"
: > "$dir/e.litmus"
expect 2 "e.litmus: is empty" model "$dir/e.litmus"
printf '\r\r\r\r\r' > "$dir/cr.litmus"
expect 2 "cr.litmus: holds only blank space and line breaks" model "$dir/cr.litmus"
printf 'C X\0\0\0' > "$dir/bin.litmus"
expect 2 "bin.litmus: is not a text file" model "$dir/bin.litmus"
expect 2 "no such file" run "$dir/absent.litmus"
expect 2 "folder holds no .litmus file" run "$dir/d.litmus/"
expect 2 "unknown command 'frobnicate'" frobnicate
expect 2 "would both write to standard output" run SB+rlx -n 1000 --json - --log -
echo ok
