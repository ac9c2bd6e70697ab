#!/usr/bin/env bash
# The layers of harness/, checked: each folder may include only the folders below it.
#
#   support   text, hashing, processes, output targets, UTF-8    (standard library, fmt)
#   core      the declaration and plain data: vocabularies, settings, measurements
#   model     candidate executions and each model's axioms
#   herd      herd7's C dialect: lexer, parser, exporter, import
#   run       placement, the engine, measuring, native compilation       (never report/)
#   report    grading and every output format; reads results, runs nothing (never run/)
#   store     many runs in one SQLite file, queried back as sources     (never run/)
#   campaign  where running meets grading: selection, sessions, tune
#   cli       one file per subcommand
# litmus/ (the catalogue) declares tests with core/ and registers them with run/registry.hpp.
set -u
root=${1:?usage: layers.sh SOURCE_DIR}
cd "$root" || exit 1
declare -A allowed=(
  [support]="support"
  [core]="core"
  [model]="core model support"
  [herd]="core model herd support"
  [run]="core run support"
  [report]="core model report support"
  [store]="core model report support store"
  [campaign]="core model herd run report campaign support"
  [cli]="core model herd run report store campaign support cli"
)
status=0
for layer in "${!allowed[@]}"; do
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"${line#*:}")
    case "$inc" in */*) ;; *) continue ;; esac  # generated headers (build_info.hpp)
    ok=0
    for a in ${allowed[$layer]}; do
      [[ "$inc" == "$a" || "$inc" == "$a"/* ]] && ok=1
    done
    if [ $ok -eq 0 ]; then
      echo "layering: $file includes \"$inc\": $layer/ may include only ${allowed[$layer]}" >&2
      status=1
    fi
  done < <(grep -Hn '#include "' harness/"$layer"/*.{hpp,cpp,in} 2>/dev/null | sed -E 's/^([^:]+):[0-9]+:/\1:/')
done
bad=$(grep -H '#include "' litmus/*.cpp | grep -vE '"(run/registry\.hpp|core/[^"]+)"')
if [ -n "$bad" ]; then
  echo "layering: a catalogue file includes more than core/ and run/registry.hpp:" >&2
  echo "$bad" >&2
  status=1
fi
[ $status -eq 0 ] && echo "layers: every include goes down"
exit $status
