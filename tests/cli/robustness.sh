#!/usr/bin/env bash
# Hostile input, generated: bad flags and numbers, odd output targets, bytes that are not
# UTF-8, files that are not tests, and signals at random moments. For every case: no crash, no
# hang, an exit status from the documented set, results either complete or marked partial and
# readable, and no temporary file left behind.
#   robustness.sh SECONDS HBSCOPE...   (SECONDS: how long to keep generating signal cases;
#   ctest uses a short budget, HBSCOPE_ROBUSTNESS_SECONDS=600 for the long run)
set -u
budget=${HBSCOPE_ROBUSTNESS_SECONDS:-$1}
shift
hb=("$@")
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
RANDOM=${HBSCOPE_ROBUSTNESS_SEED:-4242}
cases=0

# Runs one case with a time limit; checks the exit status and that no temporary is left.
#   attempt "ALLOWED STATUSES" ARGS...
attempt() {
  local allowed=$1
  shift
  cases=$((cases + 1))
  timeout -s KILL 60 "${hb[@]}" "$@" > "$dir/out" 2>&1
  local rc=$?
  [ "$rc" -ne 137 ] || fail "hung (killed after 60 s): hbscope $*"
  case " $allowed " in
    *" $rc "*) ;;
    *) cat "$dir/out"; fail "exit status $rc (allowed: $allowed): hbscope $*" ;;
  esac
  if [ "$rc" -eq 2 ] && [ "$(wc -l < "$dir/out")" -ne 1 ]; then
    cat "$dir/out"; fail "a usage error must be one line: hbscope $*"
  fi
  if ls -A "$dir/out.d" 2>/dev/null | grep -q '^\.'; then
    ls -A "$dir/out.d"; fail "a temporary was left behind: hbscope $*"
  fi
}
mkdir -p "$dir/out.d"

# --- flags and numbers ---------------------------------------------------------------------------
for v in nan NaN inf -inf infinity -1 0 1e400 '' 1e3x ' ' -- 18446744073709551616; do
  attempt "2" run SB+rlx -t "$v"
  attempt "2" run SB+rlx --period "$v"
  attempt "2" run SB+rlx -n "$v"
  attempt "2" run SB+rlx --size "$v"
done
for v in 0,,1 a 99999 -1 0- '1 2' 0,0 ''; do attempt "2" run SB+rlx -n 1000 --cpus "$v"; done
for flag in --frobnicate -x --json= --sync=psychic --placement=sideways --preload=maybe; do
  attempt "2" run SB+rlx -n 1000 "$flag"
done
attempt "2" frobnicate
attempt "2" run SB+rlx -n 1000 --json - --log -
attempt "2" tune SB+rlx -t nan
attempt "2" explain MP+rel+acq --graph "$dir/out.d/g.jpeg"

# --- output targets ----------------------------------------------------------------------------
attempt "2" run SB+rlx -n 1000 -q --json "$dir/out.d"
attempt "2" run SB+rlx -n 1000 -q --json "$dir/nowhere/r.json"
attempt "0" run SB+rlx -n 1000 -q --json /dev/null --log /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a character device"
if [ -e /dev/full ]; then attempt "3" run SB+rlx -n 1000 -q --json /dev/full; fi
ln -s target.json "$dir/out.d/link.json"
attempt "0" run SB+rlx -n 1000 -q --json "$dir/out.d/link.json"
[ -L "$dir/out.d/link.json" ] || fail "the symlink was replaced"
"${hb[@]}" report "$dir/out.d/target.json" > /dev/null || fail "the symlink's target is not results"
mkfifo "$dir/out.d/pipe"
cat "$dir/out.d/pipe" > "$dir/fifo.json" &
attempt "0" run SB+rlx -n 1000 -q --json "$dir/out.d/pipe"
wait
[ -p "$dir/out.d/pipe" ] || fail "the FIFO was replaced"
"${hb[@]}" report "$dir/fifo.json" > /dev/null || fail "what went through the FIFO is not results"
rm -f "$dir/out.d/"*
# Two runs writing the same file at once: each writes through its own temporary, so the file
# is always one whole run's results and nothing is left behind.
for _ in 1 2 3; do
  "${hb[@]}" run SB+rlx -n 20000 -q --json "$dir/out.d/same.json" > /dev/null 2>&1 &
  a=$!
  "${hb[@]}" run MP+rlx -n 20000 -q --json "$dir/out.d/same.json" > /dev/null 2>&1 &
  b=$!
  wait $a || fail "concurrent run A failed"
  wait $b || fail "concurrent run B failed"
  "${hb[@]}" report "$dir/out.d/same.json" > /dev/null || fail "concurrent writes: unreadable results"
  [ "$(ls -A "$dir/out.d" | wc -l)" -eq 1 ] || { ls -A "$dir/out.d"; fail "concurrent writes left files"; }
  cases=$((cases + 1))
done
rm -f "$dir/out.d/"*

# --- bytes that are not UTF-8 --------------------------------------------------------------------
bad=$(printf 'box\377\376')
attempt "0" run SB+rlx -n 1000 -q --label "$bad" --json "$dir/out.d/$bad.json"
"${hb[@]}" report "$dir/out.d/$bad.json" | grep -q 'box\\xFF\\xFE' || fail "the label is not escaped"
attempt "2" run "$(printf 'MP\200')"
rm -f "$dir/out.d/"*

# --- files that are not tests --------------------------------------------------------------------
mkdir -p "$dir/t.litmus"
attempt "2" model "$dir/t.litmus"
: > "$dir/empty.litmus"
attempt "2" model "$dir/empty.litmus"
printf '\r\r\r\r' > "$dir/cr.litmus"
attempt "2" model "$dir/cr.litmus"
head -c 512 /dev/urandom > "$dir/noise.litmus"
attempt "2" model "$dir/noise.litmus"
for n in 1 2 3; do
  head -c $((RANDOM % 400 + 1)) /dev/urandom > "$dir/noise$n.json"
  attempt "2" report "$dir/noise$n.json"
  attempt "2" compare "$dir/noise$n.json" "$dir/noise$n.json"
done

# --- signals at random moments -----------------------------------------------------------------
signals=(INT TERM HUP)
codes=(130 143 129)
end=$((SECONDS + budget))
while [ "$SECONDS" -lt "$end" ]; do
  k=$((RANDOM % 3))
  delay=$(printf '0.%03d' $((RANDOM % 1000)))
  rm -f "$dir/out.d/"*
  cases=$((cases + 1))
  "${hb[@]}" run SB+rlx MP+rlx LB+rlx -t 2 --json "$dir/out.d/r.json" --log "$dir/out.d/r.log" \
    > "$dir/out" 2>&1 &
  pid=$!
  sleep "$delay"
  kill -"${signals[$k]}" "$pid" 2>/dev/null
  start=$(date +%s%N)
  wait "$pid"
  rc=$?
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  case "$rc" in
    0 | "${codes[$k]}") ;;
    *) cat "$dir/out"; fail "SIG${signals[$k]} after ${delay}s: exit status $rc" ;;
  esac
  [ "$took" -lt 20000 ] || fail "SIG${signals[$k]}: took ${took} ms to stop"
  if ls -A "$dir/out.d" | grep -q '^\.'; then ls -A "$dir/out.d"; fail "temporary left behind"; fi
  if [ -e "$dir/out.d/r.json" ]; then
    "${hb[@]}" report "$dir/out.d/r.json" > /dev/null 2>&1
    [ $? -le 1 ] || fail "SIG${signals[$k]} after ${delay}s: the saved results do not read"
    if [ "$rc" -ne 0 ]; then grep -q '"partial": true' "$dir/out.d/r.json" || fail "not marked partial"; fi
  fi
done
echo "ok: $cases cases"
