#!/usr/bin/env bash
# A stop mid-run — Ctrl-C (SIGINT), a batch scheduler's SIGTERM, a closed ssh session's SIGHUP:
# hbscope stops, prints and saves what it measured (JSON and log) marked partial, and exits
# with 128 + the signal. `explain --run` stops the same way.
set -u
hb=("$@")  # the hbscope command, with an emulator in front when cross-testing
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for pair in INT:130 TERM:143 HUP:129; do
  sig=${pair%%:*} want=${pair##*:}
  rm -f "$dir"/*
  # A long --period: the stop must not wait for the end of the run in progress.
  "${hb[@]}" run MP+rlx SB+rlx -t 4 --period 100000 --fixed-period --json "$dir/r.json" \
    --log "$dir/r.log" > "$dir/out.txt" 2>&1 &
  pid=$!
  # Wait until the first test has been saved (after 4 s), so there is something to keep; the
  # signal then lands during the second, 4 s long.
  for _ in $(seq 1 300); do grep -q '"name": "MP+rlx"' "$dir/r.json" 2>/dev/null && break; sleep 0.1; done
  kill -"$sig" "$pid"
  wait "$pid"; rc=$?
  cat "$dir/out.txt"
  [ "$rc" -eq "$want" ] || fail "SIG$sig: exit status $rc, expected $want"
  grep -q "stopped by a signal" "$dir/out.txt" || fail "SIG$sig: no message about the stop"
  grep -qi "partial" "$dir/out.txt" || fail "SIG$sig: the output does not say partial"
  grep -q '"partial": true' "$dir/r.json" || fail "SIG$sig: results not marked partial"
  "${hb[@]}" report "$dir/r.json" > /dev/null || fail "SIG$sig: the partial results do not re-render"
  grep -q '"name": "MP+rlx"' "$dir/r.json" || fail "SIG$sig: the measured test is missing"
  grep -q '^Test MP+rlx' "$dir/r.log" || fail "SIG$sig: the log lost the measured test"
done
"${hb[@]}" explain SB+rlx --no-code --run 1000000000000 > "$dir/out.txt" 2>&1 &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"; rc=$?
[ "$rc" -eq 130 ] || fail "explain --run: exit status $rc after Ctrl-C, expected 130"
grep -q "PARTIAL" "$dir/out.txt" || fail "explain --run: the histogram does not say partial"
echo ok
