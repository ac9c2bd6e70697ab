#!/usr/bin/env bash
# A family as one job: `run FOLDER/` and `run @index` compile every file in one build (one
# shared object in the cache), run them, and save one results file and one log; `model
# FOLDER/` gives the family's verdicts.
set -u
hb=("$@")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export XDG_CACHE_HOME="$dir/cache"
mkdir -p "$dir/fam"
for t in MP+rlx SB+rlx LB+rlx MP+rel+acq; do
  "${hb[@]}" export "$t" -o "$dir/fam/$t.litmus" > /dev/null || fail "export $t"
  sed -i "s/^C $t\$/C $t-fam/" "$dir/fam/$t.litmus"  # not the catalogue's names
done
"${hb[@]}" run "$dir/fam/" -n 20000 --json "$dir/r.json" --log "$dir/r.log" > "$dir/out.txt" 2>&1
rc=$?
cat "$dir/out.txt"
[ "$rc" -eq 0 ] || fail "run FOLDER/: exit status $rc"
[ "$(ls "$dir/cache/hbscope/"*.so | wc -l)" -eq 1 ] || fail "not one build: $(ls "$dir/cache/hbscope")"
grep -q "compiling 4 tests" "$dir/out.txt" || fail "no word of the family's build"
[ "$(grep -c '"name": ".*-fam"' "$dir/r.json")" -eq 4 ] || fail "the results do not hold the 4 tests"
[ "$(grep -c '^Test .*-fam' "$dir/r.log")" -eq 4 ] || fail "the log does not hold the 4 tests"
grep -q "^4 tests:" "$dir/out.txt" || fail "no summary for the family"
printf 'MP+rlx.litmus\n# a comment\n\nSB+rlx.litmus\n' > "$dir/fam/@two"
"${hb[@]}" run "@$dir/fam/@two" -n 10000 -q --json "$dir/two.json" > /dev/null || fail "run @index"
[ "$(grep -c '"name": ".*-fam"' "$dir/two.json")" -eq 2 ] || fail "@index did not select 2 tests"
"${hb[@]}" model "$dir/fam/" | grep -q "^MP+rel+acq-fam" || fail "model FOLDER/"
echo ok
