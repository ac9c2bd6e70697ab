#!/usr/bin/env bash
# `hbscope compare` on three hbscope runs and two litmus7 logs from two other architectures
# (x86 SB, AArch64 MP): the overview has one row for MP and one for SB with a cell from every
# source that ran it, says how each row was matched, and `--json` holds the same matrix.
# Usage: compare_matrix.sh SOURCE_DIR HBSCOPE-COMMAND...
set -u
src=$1
shift
hb=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for m in one two three; do
  "${hb[@]}" run MP+rlx SB+rlx -n 10000 --label "$m" --json "$dir/$m.json" -q > /dev/null ||
    fail "run $m"
done
sb=$src/tests/data/logs/x86-unknown-SB.log
mp=$src/tests/data/logs/aarch64-kvm-guest-MP.log
inputs=("$dir/one.json" "$dir/two.json" "$dir/three.json" "$sb" "$mp")
"${hb[@]}" compare "${inputs[@]}" > "$dir/out.txt" || fail "compare"
cat "$dir/out.txt"
# Overview rows: test, "matched by", then one cell per machine A..E ('.' where not run). A
# cell is a mark (W, F, -, s) and witnesses/iterations.
mp_row=$(grep -E '^ MP\+rlx +shape\+witness ' "$dir/out.txt") || fail "no MP+rlx row matched by shape"
sb_row=$(grep -E '^ SB\+rlx +shape\+witness ' "$dir/out.txt") || fail "no SB+rlx row matched by shape"
[ "$(echo "$mp_row" | grep -oE '[WF-] [0-9,]+/[0-9]+[kM]?' | wc -l)" -eq 4 ] ||
  fail "MP+rlx: expected cells from the three runs and the AArch64 log"
echo "$mp_row" | grep -q 'W 20,885/2M' || fail "MP+rlx: the AArch64 log's 20885 of 2M missing"
[ "$(echo "$sb_row" | grep -oE '[WF-] [0-9,]+/[0-9]+[kM]?' | wc -l)" -eq 4 ] ||
  fail "SB+rlx: expected cells from the three runs and the x86 log"
echo "$sb_row" | grep -q 'W 96/1M' || fail "SB+rlx: the x86 log's 96 of 1M missing"
[ "$(grep -cE '^ (MP|SB)( |$)' "$dir/out.txt")" -eq 0 ] || fail "a log's MP or SB has a row of its own"

"${hb[@]}" compare "${inputs[@]}" --json > "$dir/m.json" || fail "compare --json"
grep -q '"machines": \[' "$dir/m.json" || fail "no machines"
# Under an emulator (the cross build's ctest) the runs' labels say "(emulated)".
for label in one two three x86-unknown-SB aarch64-kvm-guest-MP; do
  grep -qE "\"$label( \(emulated\))?\"" "$dir/m.json" || fail "no machine $label"
done
[ "$(grep -c '"matched_by": "shape+witness"' "$dir/m.json")" -eq 2 ] || fail "expected 2 rows matched by shape"
grep -q '"witnesses": 20885' "$dir/m.json" || fail "the AArch64 log's witnesses"
grep -q '"mark": "weak"' "$dir/m.json" || fail "no weak mark"
"${hb[@]}" compare "${inputs[@]}" --json "$dir/file.json" > /dev/null || fail "compare --json FILE"
cmp -s "$dir/m.json" "$dir/file.json" || fail "--json FILE and --json differ"
# `--json A B`: A is a results file, never overwritten.
before=$(cksum < "$dir/one.json")
"${hb[@]}" compare --json "${inputs[@]}" 2> "$dir/err.txt" && fail "--json took an input as output"
grep -q 'would overwrite a results file' "$dir/err.txt" || fail "no clear message for --json INPUT"
[ "$(cksum < "$dir/one.json")" = "$before" ] || fail "one.json changed"
echo "ok"
