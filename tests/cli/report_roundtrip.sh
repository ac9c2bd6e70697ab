#!/usr/bin/env bash
# `hbscope report r.json` reproduces the table `hbscope run --json r.json` printed, and the
# litmus7 log written during the run equals the one re-rendered from the JSON.
set -u
hb=("$@")  # the hbscope command, with an emulator in front when cross-testing
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"${hb[@]}" run MP+rel+acq SB+rlx CoRR+rlx -n 20000 --json "$dir/r.json" --log "$dir/run.log" > "$dir/run.txt" || fail "run exited $?"
"${hb[@]}" report "$dir/r.json" > "$dir/report.txt" || fail "report exited $?"
# The run's output also names the files it wrote; the rest must be identical.
grep -v -e '^results: ' -e '^litmus7 log: ' "$dir/run.txt" > "$dir/run-table.txt"
diff -u "$dir/run-table.txt" "$dir/report.txt" || fail "report differs from the run's table"
"${hb[@]}" report "$dir/r.json" --log "$dir/report.log" || fail "report --log exited $?"
diff -u "$dir/run.log" "$dir/report.log" || fail "litmus7 logs differ"
grep -q '"partial": false' "$dir/r.json" || fail "a complete run is not partial"
grep -q '^Observation SB+rlx ' "$dir/run.log" || fail "no Observation line"
echo ok
