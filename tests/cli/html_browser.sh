#!/usr/bin/env bash
# The HTML report in a real browser (Debian's chromium, headless): one chart per test, no
# script error, the log-scale script ran. Keeps a screenshot as an artefact.
# Usage: html_browser.sh ARTEFACT_DIR HBSCOPE-COMMAND...
set -u
artefacts=$1
shift
hb=("$@")
fail() { echo "FAIL: $*" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIPPED: no chromium (./bootstrap.sh test installs it)"
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$artefacts"
"${hb[@]}" run MP+rel+acq SB+rlx LB+rlx CoRR+rlx -n 20000 --json "$dir/a.json" -q > /dev/null || fail "run a"
"${hb[@]}" run SB+rlx R+rlx -n 20000 --sync barrier --label other --json "$dir/b.json" -q > /dev/null || fail "run b"
"${hb[@]}" report --html "$dir/report.html" "$dir/a.json" "$dir/b.json" || fail "report --html"
grep -q 'http' "$dir/report.html" && grep -E '(src|href)="https?:' "$dir/report.html" && fail "the page loads something from the network"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$dir/profile" --window-size=1200,1600)
timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom \
  "file://$dir/report.html" > "$dir/dom.html" 2> "$dir/console.txt" || fail "chromium failed"
body=$(grep -o '<body[^>]*>' "$dir/dom.html")
echo "$body"
tests=$(grep -c '<section class="test"' "$dir/report.html")
[ "$tests" -eq 5 ] || fail "expected 5 tests (union of both files), found $tests"
echo "$body" | grep -q "data-charts=\"$tests\"" || fail "the script did not count one chart per test"
echo "$body" | grep -q 'data-errors="0"' || fail "script errors on the page"
if grep -iE 'Uncaught|SyntaxError|TypeError' "$dir/console.txt"; then fail "console errors"; fi
timeout 120 "$browser" "${flags[@]}" --screenshot="$artefacts/report.png" "file://$dir/report.html" \
  > /dev/null 2>&1 || fail "screenshot failed"
[ -s "$artefacts/report.png" ] || fail "no screenshot"
cp "$dir/report.html" "$artefacts/report.html"
echo "ok: $tests charts, no errors; screenshot $artefacts/report.png"
