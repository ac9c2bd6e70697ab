#include <catch2/catch.hpp>
#include <set>

#include "herd/litmus_file.hpp"
#include "model/interleavings.hpp"
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
  CHECK(herd::parse_litmus(herd::export_litmus(f->test), "e.litmus")
            ->test.threads.v[0]
            .ops[1]
            .accumulate);
  const OutcomeLayout layout(f->test, Condition::parse(f->test.condition));
  const model::Analysis a = model::analyse(f->test, layout);
  bool two = false;  // x=0 read, y=2 read: t = 2, so the store happens
  for (const Outcome& o : a.allowed[static_cast<std::size_t>(model::Model::sc)])
    two = two || layout.satisfies(o);
  CHECK(two);
}

namespace {
// herd's c11popl15 linearisation test, with the two reads of P0 in one expression (unsequenced)
// or in two statements (sequenced).
std::string linearisation(bool one_expression) {
  return std::string(
             "C lin\n{ [x] = 0; [y] = 0; [w] = 0; [z] = 0 }\n"
             "P0 (atomic_int* w, atomic_int* x, volatile int* y) {\n") +
         (one_expression
              ? "  int t = atomic_load_explicit(x, memory_order_acquire) + *y;\n"
              : "  int t = atomic_load_explicit(x, memory_order_acquire);\n  t = t + *y;\n") +
         "  if (t == 2) { atomic_store_explicit(w, 1, memory_order_release); }\n}\n"
         "P1 (atomic_int* w, atomic_int* z) {\n  int r0 = atomic_load_explicit(w, "
         "memory_order_relaxed);\n"
         "  if (r0) { atomic_store_explicit(z, 1, memory_order_relaxed); }\n}\n"
         "P2 (atomic_int* x, volatile int* y, atomic_int* z) {\n"
         "  int r1 = atomic_load_explicit(z, memory_order_relaxed);\n"
         "  if (r1) { *y = 1; atomic_store_explicit(x, 1, memory_order_release); }\n}\n"
         "exists (0:t=2 /\\ w=1 /\\ x=1 /\\ y=1 /\\ z=1)\n";
}
bool iso_allows_witness(const Test& t) {
  const OutcomeLayout layout(t, Condition::parse(t.condition));
  return model::analyse(t, layout).allows_witness(model::Model::iso, layout);
}
}  // namespace

TEST_CASE("herd C: load(x) + *y has unsequenced operands, as in C", "[herd]") {
  const auto one = herd::parse_litmus(linearisation(true), "lin.litmus");
  const auto two = herd::parse_litmus(linearisation(false), "lin2.litmus");
  const Thread& th = one->test.threads.v[0];
  REQUIRE(th.size >= 2);
  CHECK(th.ops[1].accumulate);
  CHECK(th.ops[1].unsequenced);
  CHECK_FALSE(two->test.threads.v[0].ops[1].unsequenced);
  // Sequenced, the acquire load orders the read of y after P2's write (no race), and ISO C++
  // (without RC11's no-thin-air) allows the cycle; unsequenced, the read of y is not
  // hb-after that write, so it cannot read it. herd7's c11_partialSC says the same.
  CHECK(iso_allows_witness(two->test));
  CHECK_FALSE(iso_allows_witness(one->test));
  // Export writes one expression again, and reads back the same declaration.
  const std::string text = herd::export_litmus(one->test);
  CHECK_THAT(text, Catch::Contains("t = atomic_load_explicit(x, memory_order_acquire) + *y;"));
  CHECK(canonical_text(herd::parse_litmus(text, "e.litmus")->test) == canonical_text(one->test));
  CHECK_THAT(
      error_of("C t\n{}\nP0 (atomic_int* x, int* y) {\n  int t = atomic_exchange(x, 1) + *y;\n}\n"),
      Catch::Contains("4:11: only a load can be added to a register"));
}

TEST_CASE("herd C: every fetch-and-op and both compare-exchanges", "[herd]") {
  const std::string text =
      "C rmw\n{ x = 6; e = 0; }\nP0 (atomic_int* x, atomic_int* e) {\n"
      "  int a = atomic_fetch_add_explicit(x, 1, memory_order_relaxed);\n"
      "  int b = atomic_fetch_sub(x, -2147483648);\n"
      "  int c = atomic_fetch_and_explicit(x, 3, memory_order_acquire);\n"
      "  int d = atomic_fetch_or_explicit(x, 8, memory_order_release);\n"
      "  int f = atomic_fetch_xor_explicit(x, 5, memory_order_acq_rel);\n"
      "  int g = atomic_compare_exchange_weak_explicit(x, e, 1, memory_order_seq_cst, "
      "memory_order_relaxed);\n"
      "  int h = atomic_compare_exchange_strong(x, e, 2);\n}\nexists (0:a=6)\n";
  const auto f = herd::parse_litmus(text, "rmw.litmus");
  const Thread& th = f->test.threads.v[0];
  REQUIRE(th.size == 7);
  CHECK(th.ops[0].fetch == Fetch::add);
  CHECK(th.ops[1].fetch == Fetch::add);
  CHECK(th.ops[1].value == INT32_MIN);  // 0 - INT32_MIN wraps to itself
  CHECK(th.ops[2].fetch == Fetch::and_);
  CHECK(th.ops[3].fetch == Fetch::or_);
  CHECK(th.ops[4].fetch == Fetch::xor_);
  CHECK(th.ops[5].weak);
  CHECK_FALSE(th.ops[6].weak);
  const std::string exported = herd::export_litmus(f->test);
  CHECK_THAT(exported, Catch::Contains("atomic_fetch_xor_explicit(x, 5, memory_order_acq_rel)"));
  CHECK_THAT(exported, Catch::Contains("atomic_compare_exchange_weak_explicit(x, e, 1,"));
  CHECK(canonical_text(herd::parse_litmus(exported, "e.litmus")->test) == canonical_text(f->test));
  // One thread, so one interleaving: 6 +1 = 7, +INT32_MIN, &3, |8, ^5, then the CASes.
  const OutcomeLayout layout(f->test, Condition::parse(f->test.condition));
  std::set<std::string> states;
  for (const Outcome& o : model::interleaving_outcomes(f->test, layout))
    states.insert(layout.format(o));
  CHECK(states ==
        std::set<std::string>{"0:a=6; 0:b=7; 0:c=-2147483641; 0:d=3; 0:f=11; 0:g=0; 0:h=1;"});
  // (g: the weak CAS reads 11, not e's 0, and fails, writing 11 to e; so the strong one succeeds)
}

TEST_CASE("herd C: stores of register values, register arithmetic and locations [...]", "[herd]") {
  // herd's C13: a cycle of data dependencies, with `locations` adding registers to the states.
  const std::string c13 =
      "C C13\n{ x = 0; y = 0; }\n"
      "P0(atomic_int *x, atomic_int *y) {\n  int r1 = atomic_load_explicit(y, "
      "memory_order_relaxed);\n"
      "  atomic_store_explicit(x, r1, memory_order_relaxed);\n  int r2 = (r1^r1)+r1;\n}\n"
      "P1(atomic_int *x, atomic_int *y) {\n  int r4 = atomic_load_explicit(x, "
      "memory_order_relaxed);\n"
      "  atomic_store_explicit(y, r4, memory_order_relaxed);\n}\n"
      "locations [0:r2; 1:r4;]\nexists 0:r1 != 0\n";
  const auto f = herd::parse_litmus(c13, "C13.litmus");
  const Test& t = f->test;
  const Thread& p0 = t.threads.v[0];
  REQUIRE(p0.size == 3);
  CHECK(p0.ops[1].kind == OpKind::store);
  CHECK(p0.ops[1].value_reg == p0.ops[0].reg);
  CHECK(p0.ops[2].kind == OpKind::assign);  // (r1^r1)+r1 is r1
  CHECK(p0.ops[2].value_reg == p0.ops[0].reg);
  CHECK(p0.ops[2].value == 0);
  CHECK(t.observed == "0:r2; 1:r4;");
  const OutcomeLayout layout(t, Condition::parse(t.condition));
  const model::Analysis a = model::analyse(t, layout);
  auto states = [&](model::Model m) {
    std::set<std::string> s;
    for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)]) s.insert(layout.herd_state(o));
    return s;
  };
  // herd7: rc11 Never (no thin air); c11_partialSC Sometimes, with one value out of thin air.
  CHECK(states(model::Model::rc11) == std::set<std::string>{"0:r1=0; 0:r2=0; 1:r4=0;"});
  CHECK(states(model::Model::iso) ==
        std::set<std::string>{"0:r1=0; 0:r2=0; 1:r4=0;", "0:r1=S0; 0:r2=S0; 1:r4=S0;"});
  for (const Outcome& o : a.allowed[static_cast<std::size_t>(model::Model::iso)])
    CHECK(layout.satisfies(o) == (o.symbolic != 0));  // S0 != 0 holds, as in herd7
  // The data dependency orders the store on ARMv8, and TSO never reorders a load with a later
  // store: neither shows the cycle.
  CHECK(states(model::Model::armv8) == states(model::Model::rc11));
  CHECK(states(model::Model::x86_tso) == states(model::Model::rc11));

  const std::string text = herd::export_litmus(t);
  CHECK_THAT(text, Catch::Contains("atomic_store_explicit(x, r1, memory_order_relaxed);"));
  CHECK_THAT(text, Catch::Contains("locations [0:r2; 1:r4;]"));
  CHECK(canonical_text(herd::parse_litmus(text, "e.litmus")->test) == canonical_text(t));

  // Arithmetic folds to one register plus a constant, or is refused.
  auto p0_of = [](const std::string& body) {
    return herd::parse_litmus(
               "C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n" + body + "}\n",
               "t.litmus")
        ->test.threads.v[0];
  };
  const Thread a1 = p0_of("  int s = (r + 3) * 1 - 1;\n  atomic_store(x, s - 5);\n");
  CHECK(a1.ops[1].value_reg == 0);
  CHECK(a1.ops[1].value == 2);
  CHECK(a1.ops[2].value_reg == 1);
  CHECK(a1.ops[2].value == -5);
  CHECK(p0_of("  int s = (r & r) - r + (6 ^ 3);\n").ops[1].value_reg == -1);
  CHECK(p0_of("  int s = (r & r) - r + (6 ^ 3);\n").ops[1].value == 5);
  // The extremes of int32 survive export and parse.
  const auto ext = herd::parse_litmus(
      "C t\n{ x = -2147483648; }\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n"
      "  atomic_store(x, r - 2147483647 - 1);\n  *x = -2147483648;\n}\nexists (0:r=0)\n",
      "t.litmus");
  CHECK(ext->test.threads.v[0].ops[1].value == INT32_MIN);
  CHECK(canonical_text(herd::parse_litmus(herd::export_litmus(ext->test), "e.litmus")->test) ==
        canonical_text(ext->test));
  CHECK_THAT(
      error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n  int s = r * r;\n}\n"),
      Catch::Contains("t.litmus:5:13: '*' here does not give one register plus a constant"));
  CHECK_THAT(
      error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n  int s = r + r;\n}\n"),
      Catch::Contains("5:13: '+' here does not give one register plus a constant"));
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n"
                      "  atomic_exchange(x, r);\n}\n"),
             Catch::Contains("5:22: only a store can take a register's value here"));
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x) + 1;\n}\n"),
             Catch::Contains("arithmetic on a value read is not supported"));
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  atomic_store(x, q);\n}\n"),
             Catch::Contains("4:19: 'q' is not a register of this thread"));
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n}\n"
                      "locations [0:q;]\nexists (0:r=1)\n"),
             Catch::Contains("locations names register 0:q"));
}

TEST_CASE("herd C: errors name file, line and column", "[herd]") {
  CHECK(error_of("X86 SB\n{}\n") ==
        "t.litmus:1:1: expected 'C' (herd's C dialect) on the first "
        "line, found 'X86': only C litmus tests are supported");
  CHECK(error_of("C t\n\nP0 (int* x) {}\n") ==
        "t.litmus:3:1: expected '{' (the initial state), found 'P0'");
  CHECK(error_of("C t\n{ x = 0; }\nP0 (atomic_int* x) {\n  atomic_frob(x);\n}\n") ==
        "t.litmus:4:3: unknown operation 'atomic_frob'");
  CHECK(error_of("C t\n{}\nP0 (atomic_int* x) {\n  atomic_store_explicit(x, 1, "
                 "memory_order_fast);\n}\n") ==
        "t.litmus:4:31: expected a memory_order, found 'memory_order_fast'");
  CHECK(error_of("C t\n{}\nP0 (int* x) {\n  WRITE_ONCE(*x, 1);\n}\n") ==
        "t.litmus:4:3: 'WRITE_ONCE' is the Linux-kernel (LKMM) dialect, not C11: hbscope reads "
        "C11 litmus tests");
  CHECK(error_of("C t\n{ __int128 x; }\nP0 (int* x) { }\n") ==
        "t.litmus:2:3: 128-bit integers are not supported");
  CHECK(error_of(
            "C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n}\nexists (0:r=1 /\\)\n") ==
        "t.litmus:6:17: expected a register or location name, found ')'");
  CHECK(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n}\nexists (0:q=1)\n") ==
        "t.litmus:6:1: condition: condition names register 0:q, which thread 0 never writes");
  CHECK(error_of("C t\n{ x = 99999999999; }\nP0 (int* x) { }\n") ==
        "t.litmus:2:7: expected a 32-bit integer, found '99999999999'");
  CHECK(error_of("C t\n{}\nP1 (int* x) { }\n") == "t.litmus:3:1: expected P0, found P1");
  CHECK_THAT(error_of("C t\n(* open\n{}\n"),
             Catch::Contains("t.litmus:2:1: unterminated (* comment"));
  CHECK(error_of("C t\n{}\nP0 (int* x) {\n") != "");  // truncated: an error, never a hang
  CHECK(error_of("") != "");
  // Nesting is bounded (a fuzzer reproducer overflowed the stack with 4,000 parentheses).
  const std::string deep = std::string(150, '(') + "1" + std::string(150, ')');
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = " + deep + ";\n}\n"),
             Catch::Contains("4:111: expression nested more than 100 deep"));
  CHECK_THAT(error_of("C t\n{}\nP0 (atomic_int* x) {\n  int r = atomic_load(x);\n}\nexists " +
                      deep + "\n"),
             Catch::Contains("condition nested more than 100 deep"));
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
  const std::string mp =
      herd::export_litmus(*run::Registry::instance().find("MP+na+rel+acq")->test);
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

TEST_CASE("herd C: diy's metadata lines are kept as written and exported", "[herd]") {
  const auto f = herd::parse_litmus(R"(C LB+datarlxrlxs
"DpDatadWRlxRlx RfeRlxRlx DpDatadWRlxRlx RfeRlxRlx"
Cycle=RfeRlxRlx DpDatadWRlxRlx RfeRlxRlx DpDatadWRlxRlx
Generator=diycross7 (version 7.57)
Prefetch=0:x=F,0:y=W,1:y=F,1:x=W  (* a comment is not kept *)
Com=Rf Rf

{}

P0 (atomic_int* y,atomic_int* x) {
  int r0 = atomic_load_explicit(x,memory_order_relaxed);
  atomic_store_explicit(y,1 + (r0 & 128),memory_order_relaxed);
}

P1 (atomic_int* y,volatile int* x) {
  int r0 = atomic_load_explicit(y,memory_order_relaxed);
  if (r0 == 1) {
    int r1 = *(x + (r0 & 128));
  }
}

~exists (0:r0=1 /\ 1:r0=1)
)",
                                    "t.litmus");
  CHECK(f->test.metadata ==
        "\"DpDatadWRlxRlx RfeRlxRlx DpDatadWRlxRlx RfeRlxRlx\"\n"
        "Cycle=RfeRlxRlx DpDatadWRlxRlx RfeRlxRlx DpDatadWRlxRlx\n"
        "Generator=diycross7 (version 7.57)\nPrefetch=0:x=F,0:y=W,1:y=F,1:x=W\nCom=Rf Rf");
  const Op& st = f->test.threads.v[0].ops[1];
  CHECK(st.kind == OpKind::store);
  CHECK(st.value == 1);
  CHECK(st.data_dep == 0);
  const Op& ld = f->test.threads.v[1].ops[2];
  CHECK(ld.kind == OpKind::load);
  CHECK(ld.plain);
  CHECK(ld.addr_dep == 0);
  CHECK(f->test.threads.v[1].guarded(2));
  const std::string exported = herd::export_litmus(f->test);
  CHECK(exported.find("Generator=diycross7 (version 7.57)\n") != std::string::npos);
  CHECK(exported.find("1 + (r0 & 128)") != std::string::npos);
  CHECK(exported.find("*(x + (r0 & 128))") != std::string::npos);
  const auto again = herd::parse_litmus(exported, "e.litmus");
  CHECK(canonical_text(again->test) == canonical_text(f->test));
  CHECK(again->test.metadata == f->test.metadata);
}

TEST_CASE("herd C: a dependency is only (r & 128) added once, where a value or address is",
          "[herd]") {
  const std::string head =
      "C t\n{}\nP0 (atomic_int* x, atomic_int* y) {\n"
      "  int r0 = atomic_load_explicit(x, memory_order_relaxed);\n";
  CHECK_THROWS_AS(herd::parse_litmus(head + "  int r1 = (r0 & 128);\n}\nexists (0:r0=1)\n", "t"),
                  herd::ParseError);
  CHECK_THROWS_AS(
      herd::parse_litmus(
          head + "  atomic_store_explicit(y, (r0 & 128) * 2, memory_order_relaxed);\n}\n"
                 "exists (0:r0=1)\n",
          "t"),
      herd::ParseError);
  CHECK_THROWS_AS(
      herd::parse_litmus(head + "  int r1 = atomic_exchange_explicit(y + (r0 & 128), 1, "
                                "memory_order_relaxed);\n}\nexists (0:r0=1)\n",
                         "t"),
      herd::ParseError);
}
