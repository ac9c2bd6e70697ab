// hbscope herd: the one error type of every stage that reads a herd C litmus file.
#pragma once

#include <stdexcept>
#include <string>

namespace hbscope::herd {

//! "file:line:column: expected X, found Y" and the parts of it.
struct ParseError : std::runtime_error {
  std::string file;
  int line, column;
  ParseError(std::string f, int l, int c, const std::string& what)
      : std::runtime_error(f + ":" + std::to_string(l) + ":" + std::to_string(c) + ": " + what),
        file(std::move(f)),
        line(l),
        column(c) {}
};

}  // namespace hbscope::herd
