#!/usr/bin/env bash
# A progress line on a terminal during long runs, none when piped; --json - gives pure JSON on
# stdout with the table on stderr.
set -u
hb=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"${hb[@]}" run SB+rlx -t 1 > "$dir/piped.txt" 2>&1 || fail "piped run exited $?"
grep -q 'iterations .*it/s' "$dir/piped.txt" && grep -q $'\r' "$dir/piped.txt" && fail "progress line when piped"
if command -v script > /dev/null; then
  printf -v cmd '%q ' "${hb[@]}"
  script -qc "$cmd run SB+rlx -t 1" "$dir/tty.txt" > /dev/null 2>&1 || fail "run on a pty exited $?"
  grep -q 'SB+rlx .*%.*iterations .*it/s' "$dir/tty.txt" || fail "no progress line on a terminal"
else
  echo "no 'script' (util-linux): terminal progress not checked"
fi
"${hb[@]}" run SB+rlx -n 20000 --json - > "$dir/out.json" 2> "$dir/err.txt" || fail "--json - exited $?"
head -c 1 "$dir/out.json" | grep -q '{' || fail "stdout is not JSON"
grep -q '"schema": 1' "$dir/out.json" || fail "no schema in the JSON"
grep -q 'weak outcome shown\|never seen\|not seen' "$dir/err.txt" || fail "the table did not go to stderr"
echo ok
