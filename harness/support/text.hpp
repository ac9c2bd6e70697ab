//! hbscope support: number and text formatting shared by every printed report.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hbscope::support {

//! Words of `text` wrapped to `width` columns; every line starts with `indent` and ends "\n".
std::string wrap(std::string_view text, std::string_view indent, std::size_t width = 79);
//! 1234567 -> "1,234,567".
std::string group_digits(std::uint64_t n);
//! count per million of total (0 when total is 0).
double per_million(std::uint64_t count, std::uint64_t total);
//! A per-million figure for a table: whole numbers from 100 up, three digits below.
std::string per_million_text(double per_million);
//! A rate in [0, 1] per million, compact enough for a cell: "591k", "3.2k", "317", "0.12".
std::string per_million_compact(double rate);
//! An events-per-second figure: "15.8M", "2.1k", "950".
std::string per_second(double rate);

}  // namespace hbscope::support
