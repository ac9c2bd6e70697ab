#include "support/text.hpp"

#include <fmt/format.h>

namespace hbscope::support {

std::string wrap(std::string_view text, std::string_view indent, std::size_t width) {
  std::string out;
  std::string line(indent);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = text.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line.size() > indent.size() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = indent;
    }
    if (line.size() > indent.size()) line += ' ';
    line += word;
    pos = end;
  }
  return out + line + "\n";
}

std::string group_digits(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

double per_million(std::uint64_t count, std::uint64_t total) {
  return total ? 1e6 * static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

std::string per_million_text(double x) {
  return x >= 100 ? fmt::format("{:.0f}", x) : fmt::format("{:.3g}", x);
}

std::string per_million_compact(double rate) {
  const double x = rate * 1e6;
  if (x >= 1e5) return fmt::format("{:.0f}k", x / 1e3);
  if (x >= 1e3) return fmt::format("{:.3g}k", x / 1e3);
  return per_million_text(x);
}

std::string per_second(double rate) {
  if (rate >= 1e6) return fmt::format("{:.1f}M", rate / 1e6);
  if (rate >= 1e3) return fmt::format("{:.1f}k", rate / 1e3);
  return fmt::format("{:.0f}", rate);
}

}  // namespace hbscope::support
