#!/usr/bin/env bash
# Fewer PUs than test threads (here: taskset to one CPU): the run completes, warns, and the
# results say the threads ran unpinned.
set -u
hb=("$@")  # the hbscope command, with an emulator in front when cross-testing
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v taskset > /dev/null || { echo "SKIP: taskset (util-linux) is not installed"; exit 77; }
cpu=$(taskset -pc $$ | sed 's/.*: //; s/[,-].*//')
taskset -c "$cpu" "${hb[@]}" run SB+rlx MP+rel+acq -n 20000 --json "$dir/r.json" > "$dir/out.txt" 2>&1
rc=$?
cat "$dir/out.txt"
[ "$rc" -eq 0 ] || fail "exit status $rc"
grep -q "warning: 2 threads but only 1 PUs" "$dir/out.txt" || fail "no warning"
grep -q '"pinned": false' "$dir/r.json" || fail "results do not say unpinned"
grep -q '"oversubscribed": true' "$dir/r.json" || fail "results do not say oversubscribed"
echo ok
