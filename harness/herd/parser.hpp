// hbscope herd: herd7's C litmus dialect, read into the same declaration as the catalogue.
//
//   C name
//   { [x] = 0; y = 1; int z = 2; atomic_int w = 0; }
//   P0 (atomic_int* x, int* y) { int r0 = atomic_load_explicit(x, memory_order_acquire); ... }
//   exists (0:r0=1 /\ [y]=0)
//
// Statements: atomic_{load,store,exchange,fetch_add,fetch_sub,fetch_and,fetch_or,fetch_xor}
// and atomic_compare_exchange_{strong,weak}, each also [_explicit]; atomic_thread_fence; plain
// `*x = v` and `r = *x` (non-atomic); `int r = v`; stores of a register's value and arithmetic
// that reduces to one register plus a constant; `t = t + *y` and `t = load(x) + *y` (two reads,
// unsequenced as in C); `if (r)`, `if (r == v)`, `if (r != v)`, `if (!r)`, `if (*x)` with
// optional `else`; `locations [...]`. Out of scope and said so: the Linux-kernel dialect
// (READ_ONCE, smp_mb...) and 128-bit integers.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "core/test.hpp"
#include "herd/parse_error.hpp"

namespace hbscope::herd {

//! A parsed file: the declaration and the strings its string_views point into. Not copyable
//! (the views would dangle); parse_litmus hands it out by unique_ptr.
struct LitmusFile {
  std::string path;
  std::string source;  // the text as read (hbscope import quotes it)
  std::deque<std::string> strings;
  Test test;
  LitmusFile() = default;
  LitmusFile(const LitmusFile&) = delete;
  LitmusFile& operator=(const LitmusFile&) = delete;
};

//! Throws ParseError for malformed or unsupported input.
std::unique_ptr<LitmusFile> parse_litmus(std::string_view text, const std::string& path);
//! Reads and parses a file; ParseError when it cannot be read too.
std::unique_ptr<LitmusFile> read_litmus(const std::string& path);

}  // namespace hbscope::herd
