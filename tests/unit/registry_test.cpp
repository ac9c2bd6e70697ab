#include "run/registry.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "model/interleavings.hpp"

using namespace hbscope;

namespace {
const std::vector<run::Entry>& catalogue() { return run::Registry::instance().all(); }
}  // namespace

TEST_CASE("the catalogue holds the names users and scripts type", "[registry]") {
  for (const char* name : {"MP+rlx", "MP+rel+acq", "MP+sc", "SB+rlx", "SB+rel+acq", "SB+sc"})
    CHECK(run::Registry::instance().find(name) != nullptr);
  std::set<std::string> families;
  for (const run::Entry& e : catalogue()) families.insert(std::string(e.test->family()));
  // At least the classic families (a file added to litmus/, e.g. by `hbscope import`, may add
  // more).
  for (const char* f : {"MP", "SB", "LB", "IRIW", "WRC", "2+2W", "S", "R", "CoRR", "RMW"})
    CHECK(families.count(f) == 1);
  CHECK(catalogue().front().test->name == "MP+rlx");  // teaching order: MP first
}

TEST_CASE("catalogue names are unique and every declaration is sound", "[registry]") {
  std::set<std::string_view> names;
  for (const run::Entry& e : catalogue()) {
    INFO(e.test->name);
    CHECK(names.insert(e.test->name).second);
    CHECK(validate(*e.test).empty());
    CHECK(e.test->threads.size >= 2);
    CHECK_FALSE(e.test->why.empty());
    for (std::size_t t = 0; t < kMaxThreads; ++t)
      CHECK((e.loops[t] != nullptr) == (t < e.test->threads.size));
  }
}

TEST_CASE("every catalogue witness is a non-SC outcome", "[registry][sc]") {
  // A litmus test is about an outcome no interleaving explains; if some SC execution satisfied
  // the condition, the test would show nothing. And every SC outcome must be C++-allowed, so no
  // SC outcome may be the witness of a test whose witness C++ forbids.
  for (const run::Entry& e : catalogue()) {
    INFO(e.test->name);
    const OutcomeLayout layout(*e.test, Condition::parse(e.test->condition));
    const auto sc = model::interleaving_outcomes(*e.test, layout);
    CHECK_FALSE(sc.empty());
    for (const Outcome& o : sc) CHECK_FALSE(layout.is_witness(o));
  }
}

TEST_CASE("verdicts follow the model's known landmarks", "[registry]") {
  auto verdict = [](const char* name) { return run::Registry::instance().find(name)->test->cpp; };
  // seq_cst forbids every classic weak outcome; relaxed allows them (LB: ISO only).
  for (const char* n : {"MP+sc", "SB+sc", "IRIW+sc", "2+2W+sc", "R+sc", "SB+fence.sc"})
    CHECK(verdict(n).rc11 == Verdict::forbidden);
  for (const char* n : {"MP+rlx", "SB+rlx", "IRIW+rlx", "WRC+rlx", "2+2W+rlx", "S+rlx", "R+rlx"})
    CHECK(verdict(n).rc11 == Verdict::allowed);
  CHECK(verdict("LB+rlx").rc11 == Verdict::forbidden);
  CHECK(verdict("LB+rlx").iso == Verdict::allowed);
  // Coherence and RMW atomicity hold in every form.
  for (const run::Entry& e : catalogue())
    if (e.test->family() == "CoRR" || e.test->family() == "RMW") {
      INFO(e.test->name);
      CHECK(e.test->cpp.iso == Verdict::forbidden);
    }
}

TEST_CASE("patterns select by name, family or glob, case-insensitively", "[registry]") {
  const auto& reg = run::Registry::instance();
  CHECK(reg.match("MP+rel+acq").size() == 1);
  CHECK(reg.match("mp+REL+acq").size() == 1);
  // Counted from the catalogue itself, so adding a test stays one edit in one file.
  auto in_family = [&](std::string_view family) {
    return static_cast<std::size_t>(
        std::count_if(catalogue().begin(), catalogue().end(),
                      [&](const auto& e) { return e.test->family() == family; }));
  };
  for (std::string_view family : {"MP", "SB", "2+2W"}) {
    INFO(family);
    const auto found = reg.match(family);
    CHECK(found.size() == in_family(family));
    CHECK_FALSE(found.empty());
    CHECK(std::all_of(found.begin(), found.end(),
                      [&](auto* e) { return e->test->family() == family; }));
  }
  CHECK(reg.match("SB+*").size() == in_family("SB"));
  const auto sc = reg.match("*+sc");
  CHECK_FALSE(sc.empty());
  CHECK(std::all_of(sc.begin(), sc.end(),
                    [](auto* e) { return std::string_view(e->test->name).ends_with("+sc"); }));
  CHECK(reg.match("NOPE").empty());
  CHECK(reg.match("M").empty());  // not a prefix match
}

TEST_CASE("family names are derived from test names", "[registry]") {
  CHECK(Test{.name = "MP+rel+acq"}.family() == "MP");
  CHECK(Test{.name = "2+2W+rlx"}.family() == "2+2W");
  CHECK(Test{.name = "CoRR"}.family() == "CoRR");
}
