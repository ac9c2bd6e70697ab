// hbscope herd: `hbscope import`'s work, a herd C litmus file made into a catalogue source.
// The command line only parses flags and writes what this returns, so tests call it directly.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/test.hpp"

namespace hbscope::herd {

//! A file import refuses, said in one line that names the file or the test.
struct ImportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Imported {
  std::string name;                // the test's name, from the file's `C NAME` line
  std::string source;              // the herd text as read
  std::string cpp;                 // the catalogue source file (litmus/NAME.cpp)
  CppVerdict verdict;              // RC11's and ISO C++'s verdicts on the witness, from the models
  std::vector<std::string> notes;  // where the test breaks a catalogue convention, for the user
};

//! Is there already a test of this name (in the catalogue the source would join)?
using NameTaken = std::function<bool(std::string_view)>;

//! Reads, parses and models the file at `path`. Throws ImportError when `path` does not end in
//! .litmus, cannot be read or parsed (the message is ParseError's "file:line:column: ..."), or
//! names a test for which `name_taken` is true.
Imported import_litmus(const std::filesystem::path& path, const NameTaken& name_taken);

}  // namespace hbscope::herd
