#!/usr/bin/env bash
# `hbscope store`: results and litmus7 logs go into one SQLite file once each, `store list`
# names them, and `compare`/`report` read them back through a query.
set -u
src=$1
shift
hb=("$@")  # the hbscope command, with an emulator in front when cross-testing
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
json=$src/results/x86_64-amd-epyc-kvm-2026-11-26.json
log=$src/tests/data/logs/aarch64-raspberrypi-mp.log
db=$dir/runs.db

"${hb[@]}" store add "$db" "$json" > "$dir/add1.txt" || fail "store add exited $?"
grep -q "added .* as run 1 (32 tests)" "$dir/add1.txt" || fail "first add: $(cat "$dir/add1.txt")"
"${hb[@]}" store add "$db" --label pi3 --arch aarch64 "$json" "$log" > "$dir/add2.txt" \
  || fail "second add exited $?"
grep -q "skipped .*x86_64-amd-epyc.*already run 1" "$dir/add2.txt" || fail "duplicate not skipped"
grep -q "1 added, 1 already there" "$dir/add2.txt" || fail "second add: $(cat "$dir/add2.txt")"

"${hb[@]}" store list "$db" > "$dir/list.txt" || fail "store list exited $?"
grep -q "2 runs from 2 machines" "$dir/list.txt" || fail "list: $(cat "$dir/list.txt")"
grep -q "pi3 .*aarch64" "$dir/list.txt" || fail "the log's label and arch are not listed"

# One store query with two runs is enough for compare.
"${hb[@]}" compare "$db" > "$dir/cmp.txt" || fail "compare on a store exited $?"
grep -q "kvm-epyc-2vcpu" "$dir/cmp.txt" || fail "compare lacks the JSON run"
grep -q "pi3" "$dir/cmp.txt" || fail "compare lacks the log run"
# A store query beside a plain file.
"${hb[@]}" compare "$json" "$db?label=pi3" > /dev/null || fail "compare FILE STORE?q exited $?"
"${hb[@]}" report "$db?label=kvm*&test=SB+rlx" > "$dir/report.txt" || fail "report exited $?"
grep -q "SB+rlx" "$dir/report.txt" || fail "report lacks SB+rlx"

# Bad queries are bad input.
"${hb[@]}" compare "$db?colour=red" 2> "$dir/err.txt"
[ $? -eq 2 ] || fail "an unknown query key did not exit 2"
grep -q "unknown key 'colour'" "$dir/err.txt" || fail "message: $(cat "$dir/err.txt")"
"${hb[@]}" compare "$db?label=nobody" 2> /dev/null
[ $? -eq 2 ] || fail "an empty selection did not exit 2"
"${hb[@]}" compare "$dir/absent.db" "$json" 2> /dev/null
[ $? -eq 2 ] || fail "an absent store did not exit 2"
echo ok
