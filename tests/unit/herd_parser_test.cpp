#include <catch2/catch.hpp>

#include "herd/litmus_file.hpp"
#include "model/model.hpp"
#include "run/registry.hpp"

using namespace hbscope;

namespace {
std::string error_of(const std::string& text) {
  try {
    herd::parse_litmus(text, "t.litmus");
  } catch (const herd::ParseError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("herd C: a message-passing test reads into the declaration", "[herd]") {
  const auto f = herd::parse_litmus(R"(C MP+demo
"a description line"
(* a comment *)
{ [x] = 0; y = 0; int z = 5; }

P0 (atomic_int* x, atomic_int* y) {
  *x = 1;
  atomic_store_explicit(y, 1, memory_order_release);
  atomic_fetch_add(z, 2);
}

P1 (int* x, atomic_int* y) {
  int r2 = 0;
  int r1 = atomic_load_explicit(y, memory_order_acquire);
  if (r1) {
    r2 = *x;
  } else {
    atomic_thread_fence(memory_order_seq_cst);
  }
}

locations [x;]
exists (1:r1=1 /\ 1:r2=0)
)",
                                    "mp.litmus");
  const Test& t = f->test;
  CHECK(t.name == "MP+demo");
  REQUIRE(t.locs.size == 3);
  CHECK(t.locs.v[2].name == "z");
  CHECK(t.locs.v[2].init == 5);
  REQUIRE(t.threads.size == 2);
  CHECK(t.threads.v[0].size == 3);
  CHECK(t.threads.v[0].ops[0].plain);
  CHECK(t.threads.v[0].ops[1].order == Order::release);
  CHECK(t.threads.v[0].ops[2].kind == OpKind::fetch_add);  // with a hidden register
  const Thread& p1 = t.threads.v[1];
  // `int r2 = 0;` is dropped (registers start at 0; r2 is written later): load, if, load,
  // else-if, fence.
  REQUIRE(p1.size == 5);
  CHECK(p1.ops[1].kind == OpKind::branch);
  CHECK(p1.ops[1].negate);
  CHECK(p1.ops[1].span == 1);
  CHECK(p1.ops[3].kind == OpKind::branch);
  CHECK_FALSE(p1.ops[3].negate);
  CHECK(t.registers[1].v[0] == "r2");
  CHECK(t.registers[1].v[1] == "r1");
  CHECK(t.condition == "exists (1:r1=1 /\\ 1:r2=0)");
  CHECK(validate(t).empty());
  // And the models read it: rel/acq forbids the witness.
  const OutcomeLayout layout(t, Condition::parse(t.condition));
  const model::Analysis a = model::analyse(t, layout);
  for (const Outcome& o : a.allowed[static_cast<std::size_t>(model::Model::rc11)])
    CHECK_FALSE(layout.is_witness(o));
}

TEST_CASE("herd C: a branch on a memory read reads it into a hidden register", "[herd]") {
  const auto f = herd::parse_litmus(
      "C t\n{}\nP0 (volatile int* b, atomic_int* x) {\n  if (*b) {\n"
      "    atomic_store_explicit(x, 1, memory_order_relaxed);\n  }\n}\nexists (x=1)\n",
      "t.litmus");
  const Thread& th = f->test.threads.v[0];
  REQUIRE(th.size == 3);
  CHECK(th.ops[0].kind == OpKind::load);
  CHECK(th.ops[0].plain);
  CHECK(th.ops[1].kind == OpKind::branch);
  CHECK(th.ops[1].reg == th.ops[0].reg);
  CHECK(th.ops[1].negate);
  CHECK(th.ops[1].span == 1);
}

TEST_CASE("herd C: t = t + *y adds a sequenced read to a register", "[herd]") {
  const auto f = herd::parse_litmus(
      "C t\n{ y = 2; }\nP0 (atomic_int* x, volatile int* y) {\n"
      "  int t = atomic_load_explicit(x, memory_order_acquire);\n  t = t + *y;\n"
      "  if (t == 2) { atomic_store_explicit(x, 5, memory_order_release); }\n}\nexists (0:t=2)\n",
      "t.litmus");
  const Thread& th = f->test.threads.v[0];
  REQUIRE(th.size == 4);
  CHECK(th.ops[1].accumulate);
  CHECK(th.ops[1].plain);
  CHECK(herd::parse_litmus(herd::export_litmus(f->test), "e.litmus")->test.threads.v[0].ops[1].accumulate);
  const OutcomeLayout layout(f->test, Condition::parse(f->test.condition));
  const model::Analysis a = model::analyse(f->test, layout);
  bool two = false;  // x=0 read, y=2 read: t = 2, so the store happens
  for (const Outcome& o : a.allowed[static_cast<std::size_t>(model::Model::sc)])
    two = two || layout.satisfies(o);
  CHECK(two);
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x, int* y) {\n  int t = atomic_load(x) + *y;\n}\n"),
             Catch::Contains("unsequenced"));
}

TEST_CASE("herd C: errors name file, line and column", "[herd]") {
  CHECK(error_of("X86 SB\n{}\n") == "t.litmus:1:1: expected 'C' (herd's C dialect) on the first "
                                    "line, found 'X86': only C litmus tests are supported");
  CHECK(error_of("C t\n\nP0 (int* x) {}\n") ==
        "t.litmus:3:1: expected '{' (the initial state), found 'P0'");
  CHECK(error_of("C t\n{ x = 0; }\nP0 (atomic_int* x) {\n  atomic_frob(x);\n}\n") ==
        "t.litmus:4:3: unknown operation 'atomic_frob'");
  CHECK(error_of("C t\n{}\nP0 (atomic_int* x) {\n  atomic_store_explicit(x, 1, memory_order_fast);\n}\n") ==
        "t.litmus:4:31: expected a memory_order, found 'memory_order_fast'");
  CHECK(error_of("C t\n{}\nP0 (int* x) {\n  WRITE_ONCE(*x, 1);\n}\n") ==
        "t.litmus:4:3: 'WRITE_ONCE' is the Linux-kernel (LKMM) dialect, not C11: hbscope reads "
        "C11 litmus tests");
  CHECK(error_of("C t\n{ __int128 x; }\nP0 (int* x) { }\n") ==
        "t.litmus:2:3: 128-bit integers are not supported");
  CHECK(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n}\nexists (0:r=1 /\\)\n") ==
        "t.litmus:6:17: expected a register or location name, found ')'");
  CHECK(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n}\nexists (0:q=1)\n") ==
        "t.litmus:6:1: condition: condition names register 0:q, which thread 0 never writes");
  CHECK(error_of("C t\n{ x = 99999999999; }\nP0 (int* x) { }\n") ==
        "t.litmus:2:7: expected a 32-bit integer, found '99999999999'");
  CHECK(error_of("C t\n{}\nP1 (int* x) { }\n") == "t.litmus:3:1: expected P0, found P1");
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  atomic_store(x, r);\n}\n"),
             Catch::Contains("storing a register's value is not supported yet"));
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x) + 1;\n}\n"),
             Catch::Contains("arithmetic on values is not supported yet"));
  CHECK_THAT(error_of("C t\n(* open\n{}\n"), Catch::Contains("t.litmus:2:1: unterminated (* comment"));
  CHECK(error_of("C t\n{}\nP0 (int* x) {\n") != "");  // truncated: an error, never a hang
  CHECK(error_of("") != "");
}

TEST_CASE("export then parse gives back every catalogue declaration", "[herd][export]") {
  std::size_t round_trips = 0;
  for (const run::Entry& e : run::Registry::instance().all()) {
    const Test& t = *e.test;
    INFO(t.name);
    bool has_cas = false;
    for (std::size_t th = 0; th < t.threads.size; ++th)
      for (std::size_t i = 0; i < t.threads.v[th].size; ++i)
        has_cas = has_cas || (t.threads.v[th].ops[i].kind == OpKind::cas &&
                              t.threads.v[th].ops[i].expected_loc < 0);
    if (has_cas) {  // herd's C CAS takes its expected value through a pointer
      CHECK_THROWS_WITH(herd::export_litmus(t), Catch::Contains("compare-exchange"));
      continue;
    }
    const std::string text = herd::export_litmus(t);
    const auto back = herd::parse_litmus(text, std::string(t.name) + ".litmus");
    CHECK(back->test.name == t.name);
    CHECK(canonical_text(back->test) == canonical_text(t));
    CHECK(declaration_hash(back->test) == declaration_hash(t));
    for (std::size_t th = 0; th < t.threads.size; ++th)
      for (std::size_t r = 0; r < t.threads.v[th].registers(); ++r)
        CHECK(register_name(back->test, th, r) == register_name(t, th, r));
    ++round_trips;
  }
  CHECK(round_trips == run::Registry::instance().all().size());  // every catalogue test
  const std::string mp = herd::export_litmus(*run::Registry::instance().find("MP+na+rel+acq")->test);
  CHECK_THAT(mp, Catch::Contains("P1 (volatile int* x, atomic_int* y) {"));
  CHECK_THAT(mp, Catch::Contains("  if (r0 != 0) {\n    r1 = *x;\n  }\n"));
  // A constant expected value has no herd C form.
  using namespace hbscope::dsl;
  constexpr Test constant_cas{.name = "K",
                              .locs = {{"x", 0}},
                              .threads = {{cas(r0, x, 0, 1, rlx, rlx)}},
                              .condition = "exists (0:r0=0)"};
  CHECK_THROWS_WITH(herd::export_litmus(constant_cas), Catch::Contains("compare-exchange"));
}
