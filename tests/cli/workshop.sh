#!/usr/bin/env bash
# Runs every "$ build/hbscope ..." line of docs/workshop.md, as written, in a scratch copy of
# the source tree's layout: each must exit 0 (no forbidden outcome, no error).
set -u
src=$1 hbscope=$2
shift 2
prefix=("$@")  # an emulator, when cross-testing
fail() { echo "FAIL: $*" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/build" "$dir/results"
cp "$src"/results/*.json "$dir/results/"
cd "$dir" || exit 1
count=0
while IFS= read -r line; do
  cmd=${line#\$ build/hbscope }
  echo "== hbscope $cmd"
  # shellcheck disable=SC2086
  "${prefix[@]}" "$hbscope" $cmd > out.txt 2>&1 || { cat out.txt; fail "exit $?: $line"; }
  tail -3 out.txt
  count=$((count + 1))
done < <(grep '^\$ build/hbscope ' "$src/docs/workshop.md")
[ "$count" -ge 10 ] || fail "only $count commands found in docs/workshop.md"
[ -s workshop.html ] && [ -s mp.dot ] && [ -s mine.json ] || fail "the script's files were not written"
echo "ok: $count workshop commands ran"
