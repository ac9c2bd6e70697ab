#!/usr/bin/env bash
# Fuzz the herd C litmus parser (and the models on small inputs) with libFuzzer.
#   tests/fuzz/run.sh [SECONDS]      default 600 (10 minutes)
# Needs clang++ and libclang-rt (Debian: clang, libclang-rt-14-dev). Seeds: herd's corpus and
# tests/fuzz/seeds. Anything found lands in tests/fuzz/regressions/, which ctest replays.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-600}
out=build-fuzz
mkdir -p "$out/corpus" tests/fuzz/regressions
command -v clang++ > /dev/null || { echo "clang++ is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Iharness harness/core/outcome.cpp harness/core/histogram.cpp harness/herd/lexer.cpp \
  harness/herd/parser.cpp harness/herd/exporter.cpp \
  harness/model/model.cpp tests/fuzz/fuzz_target.cpp tests/fuzz/libfuzzer_main.cpp \
  -o "$out/parse_litmus_fuzz"
seeds=(tests/fuzz/seeds tests/fuzz/regressions)
seeds+=(tests/data/herd-c)
echo "fuzzing for ${seconds}s; reproducers go to tests/fuzz/regressions/"
"$out/parse_litmus_fuzz" "$out/corpus" "${seeds[@]}" -max_total_time="$seconds" \
  -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
  -artifact_prefix=tests/fuzz/regressions/
