#!/usr/bin/env bash
# Ctrl-C mid-run: hbscope stops within a second or two, prints and saves what it measured,
# marks it partial, and exits non-zero (130).
set -u
hb=("$@")  # the hbscope command, with an emulator in front when cross-testing
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"${hb[@]}" run MP+rlx SB+rlx -t 30 --json "$dir/r.json" > "$dir/out.txt" 2>&1 &
pid=$!
sleep 1.5
start=$(date +%s%N)
kill -INT "$pid"
wait "$pid"; rc=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
cat "$dir/out.txt"
[ "$rc" -eq 130 ] || fail "exit status $rc, expected 130"
[ "$elapsed_ms" -lt 3000 ] || fail "took ${elapsed_ms} ms to stop"
grep -q "interrupted" "$dir/out.txt" || fail "no message about the interruption"
grep -q "PARTIAL" "$dir/out.txt" || fail "the table does not say partial"
grep -q '"partial": true' "$dir/r.json" || fail "results not marked partial"
"${hb[@]}" report "$dir/r.json" > /dev/null || fail "the partial results do not re-render"
grep -q '"name": "MP+rlx"' "$dir/r.json" || fail "the measured test is missing from the results"
echo ok
