#!/usr/bin/env bash
# Every C++ source is as clang-format (.clang-format) writes it. Skipped, visibly, when
# clang-format is not installed (./bootstrap.sh test installs it).
set -u
root=${1:?usage: format.sh SOURCE_DIR}
cd "$root" || exit 1
command -v clang-format > /dev/null || { echo "SKIP: clang-format is not installed"; exit 77; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find harness litmus tests -name '*.[ch]pp')
[ ${#files[@]} -gt 0 ] || { echo "no sources found under $root"; exit 1; }
err=$(mktemp)
trap 'rm -f "$err"' EXIT
if ! clang-format --dry-run --Werror "${files[@]}" 2> "$err"; then
  grep -E '^[^ ].*(warning|error):' "$err" | cut -d: -f1 | sort -u | sed 's/^/not formatted: /'

  echo "run: clang-format -i \$(git ls-files '*.cpp' '*.hpp')"
  exit 1
fi
echo "format: ${#files[@]} files as clang-format writes them"
