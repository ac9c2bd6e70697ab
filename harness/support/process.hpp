//! hbscope support: running a helper program (compiler, objdump, dot) and reading its output.
#pragma once

#include <string>

namespace hbscope::support {

struct Captured {
  std::string output;  // stdout (and stderr when the command redirects it)
  int status = -1;     // the shell's exit status; -1 when the command could not start
};

//! Runs `command` through /bin/sh and captures its standard output.
Captured capture(const std::string& command);
//! Is `tool` a command on PATH?
bool on_path(const std::string& tool);
//! `s` quoted for /bin/sh.
std::string shell_quote(const std::string& s);

}  // namespace hbscope::support
