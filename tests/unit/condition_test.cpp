#include <catch2/catch.hpp>

#include "core/outcome.hpp"

using namespace hbscope;
using namespace hbscope::dsl;

namespace {
constexpr Test kMp{
    .name = "MP+test",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rlx)}, {ld(r0, y, rlx), ld(r1, x, rlx)}},
    .condition = "exists (1:r0=1 /\\ 1:r1=0)",
};
Outcome outcome(std::initializer_list<std::int32_t> v) {
  Outcome o;
  for (auto x : v) o.v[o.size++] = x;
  return o;
}
}  // namespace

TEST_CASE("conditions parse herd's syntax and print canonically", "[condition]") {
  CHECK(Condition::parse("exists (1:r0=1 /\\ 1:r1=0)").text() == "exists (1:r0=1 /\\ 1:r1=0)");
  CHECK(Condition::parse("exists(1:r0=1/\\1:r1=0)").text() == "exists (1:r0=1 /\\ 1:r1=0)");
  CHECK(Condition::parse("~exists (x=1)").quantifier() == Quantifier::not_exists);
  CHECK(Condition::parse("~ exists (x=1)").quantifier() == Quantifier::not_exists);
  CHECK(Condition::parse("forall (0:r0=0 \\/ 0:r0=1)").quantifier() == Quantifier::forall);
  CHECK(Condition::parse("exists ([x]=1 /\\ y=-2)").text() == "exists (x=1 /\\ y=-2)");
  // /\ binds tighter than \/; parentheses kept only where needed.
  CHECK(Condition::parse("exists (x=1 \\/ y=1 /\\ 0:r0=2)").text() ==
        "exists (x=1 \\/ y=1 /\\ 0:r0=2)");
  CHECK(Condition::parse("exists ((x=1 \\/ y=1) /\\ 0:r0=2)").text() ==
        "exists ((x=1 \\/ y=1) /\\ 0:r0=2)");
  CHECK(Condition::parse("exists (~(x=1 /\\ y=1))").text() == "exists (~(x=1 /\\ y=1))");
  CHECK(Condition::parse("forall (true)").text() == "forall (true)");
  CHECK(Condition::parse("exists 0:r1 != 0").text() == "exists (~0:r1=0)");
  CHECK(Condition::parse("forall (0:r0=0x1 /\\ [y]=0x10)").text() == "forall (0:r0=1 /\\ y=16)");
}

TEST_CASE("malformed conditions are rejected with a column", "[condition]") {
  auto column_of = [](const char* text) -> std::size_t {
    try {
      Condition::parse(text);
    } catch (const ConditionError& e) {
      return e.column;
    }
    return 0;
  };
  CHECK(column_of("") == 1);
  CHECK(column_of("exist (x=1)") == 1);
  CHECK(column_of("exists (x=1") == 12);
  CHECK(column_of("exists (x==1)") == 11);
  CHECK(column_of("exists (0:=1)") == 11);
  CHECK(column_of("exists (x=1) junk") == 14);
  CHECK(column_of("exists (x=99999999999)") == 11);
  CHECK_THROWS_WITH(Condition::parse("exists (x=1 /\\ )"), Catch::Contains("expected a register"));
}

TEST_CASE("the outcome layout binds the condition to registers and locations", "[condition]") {
  OutcomeLayout layout(kMp, Condition::parse(kMp.condition));
  REQUIRE(layout.slots().size() == 2);  // 1:r0, 1:r1; thread 0 has no registers
  CHECK(layout.format(outcome({1, 0})) == "1:r0=1; 1:r1=0;");
  CHECK(layout.satisfies(outcome({1, 0})));
  CHECK_FALSE(layout.satisfies(outcome({1, 1})));
  CHECK(layout.is_witness(outcome({1, 0})));

  // Final location values join the outcome when the condition names them.
  OutcomeLayout with_loc(kMp, Condition::parse("exists (1:r0=1 /\\ [x]=1)"));
  REQUIRE(with_loc.slots().size() == 3);
  CHECK(with_loc.format(outcome({1, 0, 1})) == "1:r0=1; 1:r1=0; x=1;");
  CHECK(with_loc.satisfies(outcome({1, 0, 1})));
  CHECK_FALSE(with_loc.satisfies(outcome({1, 0, 0})));

  // forall: the witness is an outcome that violates the proposition.
  OutcomeLayout all(kMp, Condition::parse("forall (1:r0=0 \\/ 1:r1=1)"));
  CHECK(all.is_witness(outcome({1, 0})));
  CHECK_FALSE(all.is_witness(outcome({1, 1})));
}

TEST_CASE("a condition naming unknown registers or locations is refused", "[condition]") {
  CHECK_THROWS_WITH(OutcomeLayout(kMp, Condition::parse("exists (0:r0=1)")),
                    Catch::Contains("never writes"));
  CHECK_THROWS_WITH(OutcomeLayout(kMp, Condition::parse("exists (1:r2=1)")),
                    Catch::Contains("never writes"));
  CHECK_THROWS_WITH(OutcomeLayout(kMp, Condition::parse("exists (2:r0=1)")),
                    Catch::Contains("thread 2"));
  CHECK_THROWS_WITH(OutcomeLayout(kMp, Condition::parse("exists (z=1)")),
                    Catch::Contains("unknown location z"));
}

TEST_CASE("validate catches unsound declarations", "[condition]") {
  CHECK(validate(kMp).empty());
  constexpr Test bad_orders{
      .name = "BAD",
      .locs = {{"x", 0}, {"y", 0}},
      .threads = {{st(x, 1, acq), fence(rlx)}, {ld(r0, y, rel), cas(r1, x, 0, 1, sc, acq_rel)}},
      .condition = "exists (1:r0=1)",
  };
  const auto problems = validate(bad_orders);
  REQUIRE(problems.size() == 4);
  CHECK_THAT(problems[0], Catch::Contains("store cannot be acquire"));
  CHECK_THAT(problems[1], Catch::Contains("relaxed fence"));
  CHECK_THAT(problems[2], Catch::Contains("load cannot be release"));
  CHECK_THAT(problems[3], Catch::Contains("failure order"));

  constexpr Test dangling{
      .name = "DANGLING",
      .locs = {{"x", 0}, {"x", 0}},
      .threads = {{st(z, 1, rlx)}, {ld(r1, x, rlx)}},
      .condition = "exists (1:r0=1",
  };
  const auto p2 = validate(dangling);
  CHECK(p2.size() == 4);  // duplicate x, z out of range, r0 skipped, malformed condition
}

TEST_CASE("the declaration hash changes with the declaration, not the name", "[condition]") {
  Test renamed = kMp;
  renamed.name = "MP+renamed";
  CHECK(declaration_hash(renamed) == declaration_hash(kMp));
  Test changed = kMp;
  changed.threads.v[1].ops[1].order = Order::acquire;
  CHECK(declaration_hash(changed) != declaration_hash(kMp));
  CHECK(declaration_hash(kMp).size() == 16);
  CHECK(canonical_text(kMp) ==
        "{ x=0; y=0; }\nP0: x.store(1, rlx); y.store(1, rlx);\n"
        "P1: r0 = y.load(rlx); r1 = x.load(rlx);\nexists (1:r0=1 /\\ 1:r1=0)\n");
}
