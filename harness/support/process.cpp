#include "support/process.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace hbscope::support {

Captured capture(const std::string& command) {
  Captured c;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return c;
  std::array<char, 4096> buf{};
  while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe))
    c.output.append(buf.data(), n);
  const int raw = pclose(pipe);
  c.status = raw == -1 ? -1 : WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return c;
}

bool on_path(const std::string& tool) {
  return capture("command -v " + shell_quote(tool) + " > /dev/null 2>&1").status == 0;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace hbscope::support
