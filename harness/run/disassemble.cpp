#include "run/disassemble.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "core/machine.hpp"
#include "support/process.hpp"

namespace hbscope::run {

std::string disassemble(const Entry& entry, std::size_t thread) {
  Dl_info info{};
  const auto fn = reinterpret_cast<void*>(entry.bodies[thread]);
  if (!dladdr(fn, &info) || !info.dli_fbase)
    throw std::runtime_error("cannot locate this thread's code in the executable");
  const auto offset =
      reinterpret_cast<std::uintptr_t>(fn) - reinterpret_cast<std::uintptr_t>(info.dli_fbase);
  const std::string arch = compiled_arch();
  std::string objdump, nm;
  if (const char* env = std::getenv("HBSCOPE_OBJDUMP")) objdump = env;
  for (const std::string& c : {arch + "-linux-gnu-objdump", std::string("objdump")})
    if (objdump.empty() && support::on_path(c)) objdump = c;
  for (const std::string& c : {arch + "-linux-gnu-nm", std::string("nm")})
    if (nm.empty() && support::on_path(c)) nm = c;
  if (objdump.empty() || nm.empty())
    throw std::runtime_error(
        "objdump and nm (Debian package binutils) are needed to show machine code");
  // This executable's path (in a child process, /proc/self would be the child).
  std::array<char, 4096> exe{};
  const ssize_t len = readlink("/proc/self/exe", exe.data(), exe.size() - 1);
  if (len <= 0) throw std::runtime_error("cannot find this executable (/proc/self/exe)");
  const std::string path(exe.data(), static_cast<std::size_t>(len));
  // The function's size, from the symbol table.
  std::istringstream symbols(
      support::capture(nm + " --defined-only -S " + support::shell_quote(path) + " 2>/dev/null")
          .output);
  std::string line;
  unsigned long long size = 0;
  while (std::getline(symbols, line)) {
    std::istringstream words(line);
    std::string addr, sz;
    if (!(words >> addr >> sz)) continue;
    if (std::strtoull(addr.c_str(), nullptr, 16) == offset) {
      size = std::strtoull(sz.c_str(), nullptr, 16);
      break;
    }
  }
  if (size == 0)
    throw std::runtime_error("no symbol for this thread's code (stripped executable?)");
  const std::string out =
      support::capture(fmt::format("{} -d --no-show-raw-insn --start-address=0x{:x} "
                                   "--stop-address=0x{:x} {} 2>&1",
                                   objdump, offset, offset + size, support::shell_quote(path)))
          .output;
  // Keep the instruction lines only.
  std::istringstream in(out);
  std::string code;
  while (std::getline(in, line)) {
    const std::size_t colon = line.find(":\t");
    if (colon == std::string::npos) continue;
    std::string insn = line.substr(colon + 2);
    for (char& c : insn)
      if (c == '\t') c = ' ';
    code += "      " + insn + "\n";
  }
  return code;
}

}  // namespace hbscope::run
