//! hbscope support: text that goes into results is valid UTF-8, whatever bytes came in.
#pragma once

#include <string>
#include <string_view>

namespace hbscope::support {

//! Is `s` well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF)?
bool valid_utf8(std::string_view s);
//! `s` with every byte that is not part of a well-formed UTF-8 sequence written as `\xNN`.
std::string escape_invalid_utf8(std::string_view s);

}  // namespace hbscope::support
