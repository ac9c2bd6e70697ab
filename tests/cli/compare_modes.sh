#!/usr/bin/env bash
# Two runs of SB+rlx on this machine with different sync modes: timebase shows the weak
# outcome in most iterations, the two-way barrier in under a few per cent. compare must flag
# the difference, and print Markdown on request. (x86-64 hardware: certain there.)
set -u
hb=("$@")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"${hb[@]}" run SB+rlx -n 200000 --sync timebase --json "$dir/a.json" -q > /dev/null || fail "run a"
"${hb[@]}" run SB+rlx MP+rlx -n 200000 --sync barrier --json "$dir/b.json" --label barrier -q > /dev/null || fail "run b"
out=$("${hb[@]}" compare "$dir/a.json" "$dir/b.json") || fail "compare exited $?"
echo "$out"
echo "$out" | grep -E '^ \* 0:r0=0; 1:r0=0; .*!' > /dev/null || fail "the weak-rate difference is not flagged"
echo "$out" | grep -q "(not run by A)" || fail "MP+rlx, run by B only, is not named"
md=$("${hb[@]}" compare "$dir/a.json" "$dir/b.json" --markdown) || fail "markdown"
echo "$md" | grep -q '^### SB+rlx' || fail "no markdown heading"
echo "$md" | grep -q '\*\*' || fail "no bold (significant) cell in markdown"
echo ok
