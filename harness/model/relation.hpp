// hbscope model: binary relations over the events of one execution, as bit matrices.
//
// Executions of litmus tests are small (at most 64 events), so a relation is 64 rows of 64
// bits and the relational algebra of herd's .cat files (union, sequence, inverse, closure,
// restriction to sets) is a few word operations per row.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace hbscope::model {

inline constexpr std::size_t kMaxEvents = 64;

//! A set of events.
using Set = std::uint64_t;

class Rel {
 public:
  std::array<std::uint64_t, kMaxEvents> row{};
  std::size_t n = 0;

  Rel() = default;
  explicit Rel(std::size_t size) : n(size) {}

  static Rel identity(std::size_t n, Set on = ~Set{0}) {
    Rel r(n);
    for (std::size_t i = 0; i < n; ++i)
      if (on >> i & 1) r.row[i] = Set{1} << i;
    return r;
  }
  //! domain x range
  static Rel product(std::size_t n, Set from, Set to) {
    Rel r(n);
    for (std::size_t i = 0; i < n; ++i)
      if (from >> i & 1) r.row[i] = to;
    return r;
  }

  void add(std::size_t a, std::size_t b) { row[a] |= Set{1} << b; }
  void remove(std::size_t a, std::size_t b) { row[a] &= ~(Set{1} << b); }
  [[nodiscard]] bool has(std::size_t a, std::size_t b) const { return row[a] >> b & 1; }
  [[nodiscard]] bool empty() const {
    for (std::size_t i = 0; i < n; ++i)
      if (row[i]) return false;
    return true;
  }

  friend Rel operator|(Rel a, const Rel& b) {
    for (std::size_t i = 0; i < a.n; ++i) a.row[i] |= b.row[i];
    return a;
  }
  friend Rel operator&(Rel a, const Rel& b) {
    for (std::size_t i = 0; i < a.n; ++i) a.row[i] &= b.row[i];
    return a;
  }
  //! a \ b
  friend Rel operator-(Rel a, const Rel& b) {
    for (std::size_t i = 0; i < a.n; ++i) a.row[i] &= ~b.row[i];
    return a;
  }
  //! Sequential composition a ; b.
  friend Rel seq(const Rel& a, const Rel& b) {
    Rel r(a.n);
    for (std::size_t i = 0; i < a.n; ++i)
      for (std::uint64_t m = a.row[i]; m; m &= m - 1) r.row[i] |= b.row[std::countr_zero(m)];
    return r;
  }
  [[nodiscard]] Rel inverse() const {
    Rel r(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::uint64_t m = row[i]; m; m &= m - 1) r.add(std::countr_zero(m), i);
    return r;
  }
  //! Transitive closure (Warshall).
  [[nodiscard]] Rel plus() const {
    Rel r = *this;
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t i = 0; i < n; ++i)
        if (r.row[i] >> k & 1) r.row[i] |= r.row[k];
    return r;
  }
  //! Reflexive-transitive closure.
  [[nodiscard]] Rel star() const { return plus() | identity(n); }
  //! Reflexive closure r?.
  [[nodiscard]] Rel opt() const { return *this | identity(n); }
  //! [from] ; r ; [to]
  [[nodiscard]] Rel restrict(Set from, Set to) const {
    Rel r(n);
    for (std::size_t i = 0; i < n; ++i)
      if (from >> i & 1) r.row[i] = row[i] & to;
    return r;
  }
  [[nodiscard]] bool irreflexive() const {
    for (std::size_t i = 0; i < n; ++i)
      if (row[i] >> i & 1) return false;
    return true;
  }
  [[nodiscard]] bool acyclic() const { return plus().irreflexive(); }
  [[nodiscard]] Set range() const {
    Set s = 0;
    for (std::size_t i = 0; i < n; ++i) s |= row[i];
    return s;
  }
};

}  // namespace hbscope::model
