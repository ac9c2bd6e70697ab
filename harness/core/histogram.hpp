// hbscope core: a histogram of outcomes with 64-bit counts.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/outcome.hpp"

namespace hbscope {

//! Counts per distinct outcome. A litmus test has a handful of outcomes (rarely more than 16), so
//! a flat vector with a last-hit cache beats a hash map on the tally path; the runner keeps one
//! per run, off the hot loop, and merges.
class Histogram {
 public:
  using Entry = std::pair<Outcome, std::uint64_t>;

  void add(const Outcome& o, std::uint64_t n = 1) {
    if (last_ < entries_.size() && entries_[last_].first == o) {
      entries_[last_].second += n;
      return;
    }
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].first == o) {
        entries_[i].second += n;
        last_ = i;
        return;
      }
    entries_.emplace_back(o, n);
    last_ = entries_.size() - 1;
  }
  void merge(const Histogram& other) {
    for (const Entry& e : other.entries_) add(e.first, e.second);
  }
  [[nodiscard]] std::uint64_t total() const {
    std::uint64_t t = 0;
    for (const Entry& e : entries_) t += e.second;
    return t;
  }
  [[nodiscard]] std::uint64_t count(const Outcome& o) const {
    for (const Entry& e : entries_)
      if (e.first == o) return e.second;
    return 0;
  }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] bool empty() const { return entries_.empty(); }
  //! Entries ordered by outcome value (a stable order for output and golden files).
  [[nodiscard]] std::vector<Entry> sorted() const;

 private:
  std::vector<Entry> entries_;
  std::size_t last_ = 0;
};

}  // namespace hbscope
