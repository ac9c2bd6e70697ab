#include "core/histogram.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "model/interleavings.hpp"
#include "run/registry.hpp"

using namespace hbscope;
using namespace hbscope::dsl;

namespace {
Outcome outcome(std::initializer_list<std::int32_t> v) {
  Outcome o;
  for (auto x : v) o.v[o.size++] = x;
  return o;
}
std::vector<std::string> formatted(const Test& t) {
  OutcomeLayout layout(t, Condition::parse(t.condition));
  std::vector<std::string> out;
  for (const Outcome& o : model::interleaving_outcomes(t, layout)) out.push_back(layout.format(o));
  return out;
}
}  // namespace

TEST_CASE("histogram counts, merges and sorts", "[histogram]") {
  Histogram h;
  CHECK(h.empty());
  h.add(outcome({1, 0}));
  h.add(outcome({0, 0}), 5);
  h.add(outcome({1, 0}));
  h.add(outcome({0, 0}));
  CHECK(h.size() == 2);
  CHECK(h.count(outcome({1, 0})) == 2);
  CHECK(h.count(outcome({0, 0})) == 6);
  CHECK(h.count(outcome({1, 1})) == 0);
  CHECK(h.total() == 8);

  Histogram other;
  other.add(outcome({1, 1}), 3);
  other.add(outcome({1, 0}), 1ull << 40);  // 64-bit counts
  h.merge(other);
  CHECK(h.total() == 11 + (1ull << 40));
  const auto sorted = h.sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].first == outcome({0, 0}));
  CHECK(sorted[1].first == outcome({1, 0}));
  CHECK(sorted[2].first == outcome({1, 1}));
}

TEST_CASE("outcomes of different sizes are different", "[histogram]") {
  CHECK_FALSE(outcome({1}) == outcome({1, 0}));
  CHECK(outcome({1}) < outcome({1, 0}));
}

TEST_CASE("SC enumeration gives every interleaving's outcome and no other", "[histogram][sc]") {
  constexpr Test sb{
      .name = "SB",
      .locs = {{"x", 0}, {"y", 0}},
      .threads = {{st(x, 1, rlx), ld(r0, y, rlx)}, {st(y, 1, rlx), ld(r0, x, rlx)}},
      .condition = "exists (0:r0=0 /\\ 1:r0=0)",
  };
  CHECK(formatted(sb) ==
        std::vector<std::string>{"0:r0=0; 1:r0=1;", "0:r0=1; 1:r0=0;", "0:r0=1; 1:r0=1;"});

  constexpr Test w22{
      .name = "2+2W",
      .locs = {{"x", 0}, {"y", 0}},
      .threads = {{st(x, 1, rlx), st(y, 2, rlx)}, {st(y, 1, rlx), st(x, 2, rlx)}},
      .condition = "exists (x=1 /\\ y=1)",
  };
  CHECK(formatted(w22) == std::vector<std::string>{"x=1; y=2;", "x=2; y=1;", "x=2; y=2;"});

  constexpr Test rmw{
      .name = "RMW",
      .locs = {{"x", 5}},
      .threads = {{fetch_add(r0, x, 2, rlx)}, {cas(r0, x, 5, 9, rlx, rlx), xchg(r1, x, 1, rlx)}},
      .condition = "exists (x=1)",
  };
  // P0 first: 5 -> 7, CAS fails (reads 7), xchg reads 7 -> x=1.
  // P1 first: CAS 5 -> 9, then either xchg (reads 9) before fetch_add (reads 1 -> 3),
  //           or fetch_add (reads 9 -> 11) before xchg (reads 11 -> 1).
  CHECK(formatted(rmw) == std::vector<std::string>{"0:r0=1; 1:r0=5; 1:r1=9; x=3;",
                                                   "0:r0=5; 1:r0=7; 1:r1=7; x=1;",
                                                   "0:r0=9; 1:r0=5; 1:r1=11; x=1;"});
}

namespace {
std::set<std::string> serial_of(const char* name) {
  const Test& t = *run::Registry::instance().find(name)->test;
  const OutcomeLayout layout(t, Condition::parse(t.condition));
  std::set<std::string> out;
  for (const Outcome& o : model::serial_outcomes(t, layout)) out.insert(layout.format(o));
  return out;
}
}  // namespace

TEST_CASE("serial outcomes: the threads one after another, in every order, never interleaved",
          "[model][overlap]") {
  // MP: writer first, both loads see 1; reader first, both see 0. The interleaved 1:r0=0;
  // 1:r1=1 (the reader's loads straddling the writer's stores) is not serial.
  CHECK(serial_of("MP+rlx") == std::set<std::string>{"1:r0=0; 1:r1=0;", "1:r0=1; 1:r1=1;"});
  // SB and LB: whichever thread runs first, the other sees its store.
  CHECK(serial_of("SB+rlx") == std::set<std::string>{"0:r0=0; 1:r0=1;", "0:r0=1; 1:r0=0;"});
  CHECK(serial_of("LB+rlx") == std::set<std::string>{"0:r0=0; 1:r0=1;", "0:r0=1; 1:r0=0;"});
  // 2+2W: the thread that runs second writes both final values.
  CHECK(serial_of("2+2W+rlx") == std::set<std::string>{"x=1; y=2;", "x=2; y=1;"});
  // IRIW: each reader sees the writers that ran before it: 16 combinations, less the two that
  // would need a cycle in the order (P0 < P2 < P1 < P3 < P0: the witness, and its mirror).
  const auto iriw = serial_of("IRIW+rlx");
  CHECK(iriw.size() == 14);
  CHECK_FALSE(iriw.count("2:r0=1; 2:r1=0; 3:r0=1; 3:r1=0;"));
  CHECK_FALSE(iriw.count("2:r0=0; 2:r1=1; 3:r0=0; 3:r1=1;"));
  CHECK(iriw.count("2:r0=1; 2:r1=1; 3:r0=1; 3:r1=1;"));
  CHECK(iriw.count("2:r0=0; 2:r1=0; 3:r0=0; 3:r1=0;"));
}
