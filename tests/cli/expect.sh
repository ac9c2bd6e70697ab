#!/usr/bin/env bash
# expect.sh STATUS REGEX COMMAND ARGS...: runs COMMAND, passes when it exits with STATUS and its
# combined output matches the extended regular expression REGEX.
set -u
want=$1 regex=$2
shift 2
out=$("$@" 2>&1)
got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then
  echo "FAIL: exit status $got, expected $want" >&2
  exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq -- "$regex"; then
  echo "FAIL: output does not match /$regex/" >&2
  exit 1
fi
# Errors are one line: exit status 2 prints exactly one line.
if [ "$want" -eq 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" -ne 1 ]; then
  echo "FAIL: a usage error must print one line" >&2
  exit 1
fi
