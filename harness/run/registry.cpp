#include "run/registry.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

namespace hbscope::run {

namespace {
// Display order of the families: the two the tool exists for first, then the classic family
// around them. A family not listed here sorts after these, alphabetically.
constexpr std::array<std::string_view, 10> kFamilyOrder = {"MP",   "SB", "LB", "IRIW", "WRC",
                                                           "2+2W", "S",  "R",  "CoRR", "RMW"};
std::size_t family_rank(std::string_view family) {
  for (std::size_t i = 0; i < kFamilyOrder.size(); ++i)
    if (kFamilyOrder[i] == family) return i;
  return kFamilyOrder.size();
}
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
std::string_view family_of(const Test& t) { return t.family(); }
}  // namespace

Registry& Registry::instance() {
  static Registry r;
  return r;
}

bool Registry::add(const Entry& e) {
  entries_.push_back(e);
  sorted_ = false;
  return true;
}

const std::vector<Entry>& Registry::all() const {
  if (!sorted_) {
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      const std::string_view fa = family_of(*a.test), fb = family_of(*b.test);
      const std::size_t ra = family_rank(fa), rb = family_rank(fb);
      if (ra != rb) return ra < rb;
      return ra == kFamilyOrder.size() && fa < fb;
    });
    sorted_ = true;
  }
  return entries_;
}

const Entry* Registry::find(std::string_view name) const {
  for (const Entry& e : all())
    if (e.test->name == name) return &e;
  return nullptr;
}

std::vector<const Entry*> Registry::match(std::string_view pattern) const {
  std::vector<const Entry*> out;
  if (const Entry* e = find(pattern)) return {e};
  const std::string p = lower(pattern);
  for (const Entry& e : all()) {
    const std::string name = lower(e.test->name);
    if (lower(family_of(*e.test)) == p || fnmatch(p.c_str(), name.c_str(), 0) == 0 || name == p)
      out.push_back(&e);
  }
  return out;
}

}  // namespace hbscope::run
