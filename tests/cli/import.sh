#!/usr/bin/env bash
# hbscope import: a catalogue source from a herd file, and the refusals (exit 2, one line).
# The generated sources are compiled and checked by the unit:import test.
set -u
src=$1
shift
hb=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
expect2() {  # expect2 REGEX ARGS...: exit status 2 and REGEX in the output
  local regex=$1
  shift
  local out rc
  out=$("${hb[@]}" "$@" 2>&1); rc=$?
  [ "$rc" -eq 2 ] || fail "'$*' exited $rc, expected 2: $out"
  echo "$out" | grep -qE -- "$regex" || fail "'$*' said: $out (expected /$regex/)"
  echo "refused as expected: $out"
}
"${hb[@]}" import "$src/tests/golden/mp-c11-rel-acq.litmus" -o "$dir/mp.cpp" > "$dir/out.txt" 2>&1 \
  || { cat "$dir/out.txt"; fail "import exited $?"; }
grep -q 'HBSCOPE_REGISTER(mp_c11_rel_acq);' "$dir/mp.cpp" || fail "no registration"
grep -q '.cpp = {.rc11 = forbidden, .iso = forbidden}' "$dir/mp.cpp" || fail "no computed verdicts"
grep -q '//   exists (1:r1=1 /\\ 1:r2=0)' "$dir/mp.cpp" || fail "the herd source is not quoted"
grep -q 'rebuild' "$dir/out.txt" || fail "no next step said"
# Standard output by default.
"${hb[@]}" import "$src/tests/golden/mp-c11-rel-acq.litmus" | grep -q 'constexpr Test mp_c11_rel_acq' \
  || fail "nothing on standard output"
expect2 "exists: pass --force" import "$src/tests/golden/mp-c11-rel-acq.litmus" -o "$dir/mp.cpp"
"${hb[@]}" import "$src/tests/golden/mp-c11-rel-acq.litmus" -o "$dir/mp.cpp" --force > /dev/null \
  || fail "--force did not replace the file"
"${hb[@]}" export MP+rel+acq -o "$dir/catalogue.litmus" > /dev/null || fail "export"
expect2 "already has a test called MP\+rel\+acq" import "$dir/catalogue.litmus"
expect2 "reads a herd C .litmus file" import "$dir/mp.cpp"
printf 'C broken\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x) * 2;\n}\n' > "$dir/broken.litmus"
expect2 "broken.litmus:4:" import "$dir/broken.litmus"
[ ! -e "$dir/broken.cpp" ] || fail "a refused import left a file"
# A test allowing several weak outcomes gets the catalogue's convention spelt out.
printf 'C two\n{}\nP0 (atomic_int* x, atomic_int* y) {\n  atomic_store_explicit(x, 1, memory_order_relaxed);\n  int r0 = atomic_load_explicit(y, memory_order_relaxed);\n}\nP1 (atomic_int* x, atomic_int* y) {\n  atomic_store_explicit(y, 1, memory_order_relaxed);\n  int r0 = atomic_load_explicit(x, memory_order_relaxed);\n  int r1 = atomic_load_explicit(x, memory_order_relaxed);\n}\nexists (0:r0=0 /\\ 1:r0=0 /\\ 1:r1=0)\n' > "$dir/two.litmus"
"${hb[@]}" import "$dir/two.litmus" -o "$dir/two.cpp" 2> "$dir/err.txt" > /dev/null || fail "import two"
cat "$dir/err.txt"
grep -q "1 non-SC outcome(s) besides the witness" "$dir/err.txt" || fail "no note on the convention"
echo ok
