#include "core/histogram.hpp"

#include <algorithm>

namespace hbscope {

std::vector<Histogram::Entry> Histogram::sorted() const {
  std::vector<Entry> out = entries_;
  std::sort(out.begin(), out.end(),
            [](const Entry& a, const Entry& b) { return a.first < b.first; });
  return out;
}

}  // namespace hbscope
