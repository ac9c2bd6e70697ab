#!/usr/bin/env bash
# hbscope run FILE.litmus: parsed, compiled into a cached shared object, run natively, graded.
set -u
src=$1
shift
hb=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export XDG_CACHE_HOME="$dir/cache"
cp "$src/tests/golden/mp-c11-rel-acq.litmus" "$dir/"
"${hb[@]}" run "$dir/mp-c11-rel-acq.litmus" -n 20000 --json "$dir/r.json" > "$dir/out.txt" 2>&1 \
  || { cat "$dir/out.txt"; fail "run exited $?"; }
cat "$dir/out.txt"
grep -q -- '-- mp-c11-rel-acq ' "$dir/out.txt" || fail "no block for the file's test"
grep -q 'exists (1:r1=1 /\\ 1:r2=0): Never 0 20000' "$dir/out.txt" || fail "not graded as herd's condition"
ls "$dir"/cache/hbscope/*.so > /dev/null 2>&1 || fail "no cached shared object"
"${hb[@]}" report "$dir/r.json" > /dev/null || fail "the results do not re-render"
# Second run: from the cache, no compiler call.
start=$(date +%s%N)
"${hb[@]}" run "$dir/mp-c11-rel-acq.litmus" -n 1000 -q > /dev/null || fail "cached run"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "cached run: ${ms} ms"
printf 'C broken\n{}\nP0 (atomic_int* x) {\n  atomic_store(x, );\n}\n' > "$dir/broken.litmus"
out=$("${hb[@]}" run "$dir/broken.litmus" 2>&1); rc=$?
[ "$rc" -eq 2 ] || fail "a malformed file: exit $rc, expected 2"
echo "$out" | grep -q 'broken.litmus:4:' || fail "no file:line in: $out"
echo ok
