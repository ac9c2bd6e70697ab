// hbscope run: running a declaration that was not compiled in — a parsed .litmus file.
//
// The declaration is written out as C++ data (a constexpr hbscope::Test and one function that
// returns its Entry), compiled with the compiler and flags that built this executable into a
// shared object cached by content hash, and loaded. The runner templates it instantiates are
// the same code as the catalogue's; nothing else is generated.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "run/registry.hpp"

namespace hbscope::run {

//! The C++ source that declares `test` and exports its Entry (data only, plus one function).
//! `suffix` keeps several declarations apart in one unit (namespace t<suffix>, function
//! hbscope_litmus_entry<suffix>).
std::string declaration_source(const Test& test, const std::string& suffix = "");

//! A compiled, loaded test; the Entry's pointers live as long as the process.
struct NativeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

//! Compiles (or finds in the cache) and loads `test`. `cache_dir` empty: $XDG_CACHE_HOME/hbscope
//! or ~/.cache/hbscope. Throws NativeError with the compiler's output when compilation fails,
//! or with advice when no compiler is there.
const Entry& load_native(const Test& test, std::string cache_dir = {});
//! A whole family in one build: the declarations are split into units compiled side by side
//! and linked into one shared object (cached by content), loaded once. `progress` hears what
//! is being compiled. The entries are in `tests`' order.
std::vector<const Entry*> load_native(const std::vector<const Test*>& tests,
                                      std::string cache_dir = {},
                                      const std::function<void(const std::string&)>& progress = {});

}  // namespace hbscope::run
