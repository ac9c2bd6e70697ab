#!/usr/bin/env bash
# explain --graph writes Graphviz text (.dot) or, through dot, an SVG; --run shows a histogram.
set -u
hb=("$@")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"${hb[@]}" explain SB+rel+acq --no-code --graph "$dir/sb.dot" --model armv8 > "$dir/out.txt" || fail "explain .dot"
grep -q '^digraph "SB+rel+acq"' "$dir/sb.dot" || fail "no digraph"
grep -q 'color=red' "$dir/sb.dot" || fail "no cycle drawn (armv8 forbids SB+rel+acq)"
if command -v dot > /dev/null; then
  "${hb[@]}" explain MP+rel+acq --no-code --graph "$dir/mp.svg" > /dev/null || fail "explain .svg"
  grep -q '<svg' "$dir/mp.svg" || fail "not an SVG"
  grep -q 'synchronises\|sw' "$dir/mp.svg" || fail "no sw edge in the SVG"
  # The format the name says, drawn by Graphviz: never DOT text under a .png name.
  "${hb[@]}" explain MP+rel+acq --no-code --graph "$dir/mp.png" > /dev/null || fail "explain .png"
  head -c 8 "$dir/mp.png" | grep -q 'PNG' || fail "mp.png is not a PNG"
  "${hb[@]}" explain MP+rel+acq --no-code --graph "$dir/mp.pdf" > /dev/null || fail "explain .pdf"
  head -c 5 "$dir/mp.pdf" | grep -q '%PDF' || fail "mp.pdf is not a PDF"
else
  nodot=1
fi
out=$("${hb[@]}" explain MP+rel+acq --no-code --graph "$dir/mp.jpeg" 2>&1) && fail "a .jpeg graph was accepted"
echo "$out" | grep -q "name the file .dot" || fail "no advice for an unknown graph format: $out"
[ ! -e "$dir/mp.jpeg" ] || fail "a refused graph left a file"
"${hb[@]}" explain MP+rel+acq --no-code --run 20000 > "$dir/run.txt" || fail "explain --run exited $?"
grep -q 'On this machine' "$dir/run.txt" || fail "no run section"
grep -q '20,000 iterations' "$dir/run.txt" || fail "no histogram"
if [ -n "${nodot:-}" ]; then
  echo "SKIP: no Graphviz dot, so .svg/.png/.pdf were not checked (bootstrap.sh installs graphviz)"
  exit 77
fi
echo ok
