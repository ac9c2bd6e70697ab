// hbscope herd: a declaration written out in herd7's C litmus dialect.
#pragma once

#include <string>

#include "core/test.hpp"

namespace hbscope::herd {

//! The declaration in herd's C dialect, as herd7 and litmus7 read it; parse_litmus gives the
//! same declaration back. Throws std::invalid_argument for what herd's C cannot say (a
//! compare-exchange with a constant expected value).
std::string export_litmus(const Test& test);

}  // namespace hbscope::herd
