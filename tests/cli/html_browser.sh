#!/usr/bin/env bash
# The HTML report in a real browser (Debian's chromium, headless), at two window sizes: one chart
# per test, no script error, the matrix's rows and columns as expected, and no two labels whose
# boxes intersect (the page's own script measures them and writes data-overlaps). A page with
# labels made to overlap must be caught, so the check is known to look. Keeps screenshots and
# pages as artefacts.
# Usage: html_browser.sh SOURCE_DIR ARTEFACT_DIR HBSCOPE-COMMAND...
set -u
src=$1
artefacts=$2
shift 2
hb=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  # ctest shows this test as "Skipped" (SKIP_RETURN_CODE 77), never as passed.
  echo "SKIPPED: no chromium, so the HTML report was not checked in a browser" \
       "(./bootstrap.sh test installs it)" >&2
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$artefacts"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$dir/profile")
sizes=(1280,1600 420,900)  # a desktop and a phone-wide window

# body's data-* attributes as the page's script left them, at window size $2.
body_of() {
  timeout 120 "$browser" "${flags[@]}" --window-size="$2" --enable-logging=stderr --v=0 \
    --dump-dom "file://$1" > "$dir/dom.html" 2> "$dir/console.txt" || fail "chromium failed on $1"
  if grep -iE 'Uncaught|SyntaxError|TypeError' "$dir/console.txt"; then fail "console errors"; fi
  grep -o '<body[^>]*>' "$dir/dom.html"
}
attr() { echo "$1" | grep -o "$2=\"[^\"]*\"" | cut -d'"' -f2; }

# check PAGE ROWS COLS CHARTS NAME: at both sizes, the script ran, counted, found no overlap.
check() {
  local page=$1 rows=$2 cols=$3 charts=$4 name=$5 body
  for size in "${sizes[@]}"; do
    body=$(body_of "$page" "$size")
    echo "$name @ $size: $body"
    [ "$(attr "$body" data-errors)" = 0 ] || fail "$name: script errors on the page"
    [ "$(attr "$body" data-charts)" = "$charts" ] || fail "$name: expected $charts charts"
    [ "$(attr "$body" data-heat-rows)" = "$rows" ] || fail "$name: expected $rows matrix rows"
    [ "$(attr "$body" data-heat-cols)" = "$cols" ] || fail "$name: expected $cols matrix columns"
    [ "$(attr "$body" data-overlaps)" = 0 ] ||
      fail "$name @ $size: labels overlap: $(attr "$body" data-overlap-list)"
    timeout 120 "$browser" "${flags[@]}" --window-size="$size" \
      --screenshot="$artefacts/$name-${size/,/x}.png" "file://$page" > /dev/null 2>&1 ||
      fail "screenshot failed"
    [ -s "$artefacts/$name-${size/,/x}.png" ] || fail "no screenshot"
  done
  cp "$page" "$artefacts/$name.html"
}

# Two machines and two litmus7 logs from other architectures.
logs=("$src/tests/data/logs/x86-unknown-SB.log" "$src/tests/data/logs/aarch64-kvm-guest-MP.log")
"${hb[@]}" run MP+rel+acq SB+rlx LB+rlx CoRR+rlx MP+rlx -n 20000 --json "$dir/a.json" -q > /dev/null || fail "run a"
"${hb[@]}" run SB+rlx R+rlx -n 20000 --sync barrier --label other --json "$dir/b.json" -q > /dev/null || fail "run b"
"${hb[@]}" report --html "$dir/report.html" "$dir/a.json" "$dir/b.json" "${logs[@]}" > /dev/null ||
  fail "report --html"
grep -E '(src|href)="https?:' "$dir/report.html" && fail "the page loads something from the network"
tests=$(grep -c '<section class="test"' "$dir/report.html")
# 6 hbscope tests, and the logs' SB and MP (the detail lists tests by their own names)
[ "$tests" -eq 8 ] || fail "expected 8 test sections, found $tests"
grep -q '<section id="matrix">' "$dir/report.html" || fail "no matrix"
grep -q 'Never, over 20,000 iterations, &lt; ' "$dir/report.html" || fail "no never-seen witness row"
if command -v dot > /dev/null; then
  grep -q '<figure class="graph"><svg' "$dir/report.html" || fail "no hb graph although dot is here"
else
  grep -q 'No hb graph: ' "$dir/report.html" || fail "Graphviz missing, and the page does not say so"
fi
# The logs' MP and SB join MP+rlx and SB+rlx: 6 rows, 4 columns.
check "$dir/report.html" 6 4 "$tests" report

# Many machines and tests: 30 machines (relabelled copies of one catalogue run; every third
# one's tests renamed X~1, X~2, so that the union has three times the catalogue) and the two
# logs.
"${hb[@]}" run -n 2000 --json "$dir/cat.json" -q > /dev/null || fail "run the catalogue"
catalogue=$(grep -c '^      "name": ' "$dir/cat.json")
many=()
for i in $(seq -w 1 30); do
  rename=$((10#$i % 3))
  sed -E -e "s/\"label\": \"[^\"]*\"/\"label\": \"machine-$i with a long descriptive name\"/" \
    -e "$([ "$rename" -gt 0 ] && echo "s/^(      \"name\": \"[^\"]*)\"/\\1~$rename\"/")" \
    "$dir/cat.json" > "$dir/m$i.json"
  many+=("$dir/m$i.json")
done
"${hb[@]}" report --html "$dir/many.html" "${many[@]}" "${logs[@]}" > /dev/null || fail "report many"
check "$dir/many.html" $((3 * catalogue)) 32 "$(grep -c '<section class="test"' "$dir/many.html")" many

# The overlap check itself: labels tilted as the old charts had them must be caught.
sed 's/rotate(90 /rotate(20 /g' "$dir/report.html" > "$dir/tilted.html"
body=$(body_of "$dir/tilted.html" "${sizes[0]}")
[ "$(attr "$body" data-overlaps)" -gt 0 ] || fail "overlapping labels were not detected"
echo "ok: matrix, witness rows, graphs and labels checked at ${sizes[*]}; screenshots in $artefacts"
