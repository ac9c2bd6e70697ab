//! hbscope run: the machine code this build emitted for one thread of a compiled test, read
//! back from the executable with binutils (nm for the function's size, objdump for the code).
#pragma once

#include <cstddef>
#include <string>

#include "run/registry.hpp"

namespace hbscope::run {

//! The instructions of thread `thread`'s loop body, one per line, indented. Throws
//! std::runtime_error naming what is missing (binutils, symbols).
std::string disassemble(const Entry& entry, std::size_t thread);

}  // namespace hbscope::run
