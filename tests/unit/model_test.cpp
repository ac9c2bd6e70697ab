// The models against known answers: herd7's verdicts on corpus tests (verdicts.json, copied
// here as literals so the test stands alone), one test per axiom that it alone forbids, the
// catalogue's hand-written verdicts, and the two SC implementations against each other.
#include "model/model.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "../four_writers.hpp"
#include "model/interleavings.hpp"
#include "report/results.hpp"
#include "run/registry.hpp"

using namespace hbscope;
using namespace hbscope::dsl;
using model::interleaving_outcomes;
using model::Model;

namespace {
struct Analysed {
  OutcomeLayout layout;
  model::Analysis a;
  explicit Analysed(const Test& t)
      : layout(t, Condition::parse(t.condition)), a(model::analyse(t, layout)) {}
  //! herd's States for model m: allowed outcomes projected on the condition's variables.
  std::set<std::string> states(Model m) const {
    std::set<std::string> s;
    for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)]) s.insert(layout.herd_state(o));
    return s;
  }
  std::string observation(Model m) const {
    bool pos = false, neg = false;
    for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)])
      (layout.satisfies(o) ? pos : neg) = true;
    return !pos ? "Never" : !neg ? "Always" : "Sometimes";
  }
  //! The reasons model m gives against the (single) witness.
  std::string why_witness(Model m) const {
    for (const Outcome& o : a.candidates)
      if (layout.is_witness(o)) return a.why_not(m, o);
    return "no witness";
  }
  bool witness_allowed(Model m) const {
    for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)])
      if (layout.is_witness(o)) return true;
    return false;
  }
};
using States = std::set<std::string>;
}  // namespace

// --- herd7 7.57, rc11.cat and c11_partialSC.cat (= iso here), from verdicts.json -------------

TEST_CASE("herd corpus a4: SB with seq_cst", "[model][herd]") {
  constexpr Test t{.name = "a4",
                   .locs = {{"x", 0}, {"y", 0}},
                   .threads = {{st(x, 1, sc), ld(r0, y, sc)}, {st(y, 1, sc), ld(r0, x, sc)}},
                   .condition = "exists (0:r1=0 /\\ 1:r2=0)",
                   .registers = {RegNames{"r1"}, RegNames{"r2"}}};
  const Analysed m(t);
  const States herd = {"0:r1=0; 1:r2=1;", "0:r1=1; 1:r2=0;", "0:r1=1; 1:r2=1;"};
  CHECK(m.states(Model::rc11) == herd);
  CHECK(m.states(Model::iso) == herd);
  CHECK(m.observation(Model::rc11) == "Never");
}

TEST_CASE("herd corpus a4_reorder: load then store in P0, seq_cst", "[model][herd]") {
  constexpr Test t{.name = "a4_reorder",
                   .locs = {{"x", 0}, {"y", 0}},
                   .threads = {{ld(r0, y, sc), st(x, 1, sc)}, {st(y, 1, sc), ld(r0, x, sc)}},
                   .condition = "exists (0:r1=0 /\\ 1:r2=0)",
                   .registers = {RegNames{"r1"}, RegNames{"r2"}}};
  const Analysed m(t);
  // Every combination is SC here (P0's load may run first), so herd lists all four.
  const States herd = {"0:r1=0; 1:r2=0;", "0:r1=0; 1:r2=1;", "0:r1=1; 1:r2=0;", "0:r1=1; 1:r2=1;"};
  CHECK(m.states(Model::rc11) == herd);
  CHECK(m.states(Model::iso) == herd);
  CHECK(m.observation(Model::rc11) == "Sometimes");
}

TEST_CASE("herd corpus lb and b: relaxed load buffering, RC11 vs ISO", "[model][herd]") {
  for (const char* name : {"lb", "b"}) {
    INFO(name);
    const bool is_lb = std::string(name) == "lb";
    const Test t{
        .name = name,
        .locs = {{"x", 0}, {"y", 0}},
        .threads = {{ld(r0, x, rlx), st(y, 1, rlx)}, {ld(r0, y, rlx), st(x, 1, rlx)}},
        .condition = is_lb ? "exists (0:r1=1 /\\ 1:r2=1)" : "exists (0:r0=1 /\\ 1:r1=1)",
        .registers = is_lb ? std::array<RegNames, kMaxThreads>{RegNames{"r1"}, RegNames{"r2"}}
                           : std::array<RegNames, kMaxThreads>{RegNames{"r0"}, RegNames{"r1"}}};
    const Analysed m(t);
    const std::string a = is_lb ? "0:r1=" : "0:r0=", b = is_lb ? " 1:r2=" : " 1:r1=";
    const States rc11 = {a + "0;" + b + "0;", a + "0;" + b + "1;", a + "1;" + b + "0;"};
    States iso = rc11;
    iso.insert(a + "1;" + b + "1;");
    CHECK(m.states(Model::rc11) == rc11);  // herd: Never 0 3
    CHECK(m.states(Model::iso) == iso);    // herd: Sometimes 1 3
    CHECK(m.observation(Model::rc11) == "Never");
    CHECK(m.observation(Model::iso) == "Sometimes");
  }
}

TEST_CASE("herd corpus b_reorder: store first in P0, relaxed", "[model][herd]") {
  constexpr Test t{.name = "b_reorder",
                   .locs = {{"x", 0}, {"y", 0}},
                   .threads = {{st(y, 1, rlx), ld(r0, x, rlx)}, {ld(r0, y, rlx), st(x, 1, rlx)}},
                   .condition = "exists (0:r0=1 /\\ 1:r1=1)",
                   .registers = {RegNames{"r0"}, RegNames{"r1"}}};
  const Analysed m(t);
  // An interleaving reaches every outcome: y=1; r1=y; x=1; r0=x gives (1,1).
  const States all = {"0:r0=0; 1:r1=0;", "0:r0=0; 1:r1=1;", "0:r0=1; 1:r1=0;", "0:r0=1; 1:r1=1;"};
  CHECK(m.states(Model::rc11) == all);
  CHECK(m.states(Model::iso) == all);
}

TEST_CASE("herd corpus C03: one seq_cst fetch_add", "[model][herd]") {
  constexpr Test t{.name = "C03",
                   .locs = {{"y", 0}},
                   .threads = {{fetch_add(r0, Loc{0}, 1, sc)}},
                   .condition = "forall (y=1)"};
  const Analysed m(t);
  CHECK(m.states(Model::rc11) == States{"[y]=1;"});
  CHECK(m.states(Model::iso) == States{"[y]=1;"});
  CHECK(m.observation(Model::rc11) == "Always");
}

// --- one axiom at a time ------------------------------------------------------------------------

TEST_CASE("each C++ axiom, alone, forbids its test", "[model][axiom]") {
  auto analysed = [](const char* name) {
    return Analysed(*run::Registry::instance().find(name)->test);
  };
  // Coherence: hb ; eco must be irreflexive (read-read coherence).
  CHECK(analysed("CoRR+rlx").why_witness(Model::rc11) == "hb ; eco cycle: coherence");
  // Atomicity: two increments cannot both read the initial value.
  CHECK(analysed("RMW+fadd+rlx").why_witness(Model::rc11) == "rmw ∩ (fr ; co): atomicity");
  // SC: psc acyclic forbids SB's weak outcome when every access is seq_cst...
  CHECK(analysed("SB+sc").why_witness(Model::rc11) == "psc cycle: seq_cst");
  CHECK(analysed("SB+fence.sc").why_witness(Model::rc11) == "psc cycle: seq_cst");
  // ...and RC11 minus psc (release/acquire) allows it.
  CHECK(analysed("SB+rel+acq").witness_allowed(Model::rc11));
  // No thin air: only RC11 forbids LB's cycle; ISO C++ allows it.
  const Analysed lb = analysed("LB+rlx");
  CHECK(lb.why_witness(Model::rc11) == "po ∪ rf cycle: no thin air");
  CHECK(lb.witness_allowed(Model::iso));
  // hb must itself be acyclic: release/acquire LB synchronises both ways.
  CHECK(analysed("LB+rel+acq").why_witness(Model::iso) == "hb cycle");
  // Release/acquire synchronisation: MP's data load must see the data store.
  CHECK(analysed("MP+rel+acq").why_witness(Model::iso) == "hb ; eco cycle: coherence");
  CHECK(analysed("MP+rlx").witness_allowed(Model::iso));
}

TEST_CASE("each hardware axiom, alone, forbids its test", "[model][axiom]") {
  auto analysed = [](const char* name) {
    return Analysed(*run::Registry::instance().find(name)->test);
  };
  // x86-TSO: stores drain in order and loads are not reordered (ghb), but store->load is.
  CHECK(analysed("MP+rlx").why_witness(Model::x86_tso) == "ghb cycle: tso");
  CHECK(analysed("SB+rlx").witness_allowed(Model::x86_tso));
  // the compiler's xchg for a seq_cst store is a full fence: SB+sc+acq is forbidden on x86.
  CHECK(analysed("SB+sc+acq").why_witness(Model::x86_tso) == "ghb cycle: tso");
  CHECK(analysed("CoRR+rlx").why_witness(Model::x86_tso) == "po-loc ∪ com cycle: uniproc");
  CHECK(analysed("RMW+fadd+rlx").why_witness(Model::x86_tso) == "rmw ∩ (fre ; coe): atomicity");
  // ARMv8: plain accesses reorder freely; stlr -> ldar does not (RCsc).
  CHECK(analysed("MP+rlx").witness_allowed(Model::armv8));
  CHECK(analysed("LB+rlx").witness_allowed(Model::armv8));
  CHECK(analysed("SB+rel+acq").why_witness(Model::armv8) == "ob cycle: external visibility");
  CHECK(analysed("MP+fence.rel+fence.acq").why_witness(Model::armv8) ==
        "ob cycle: external visibility");
  CHECK(analysed("CoRR+rlx").why_witness(Model::armv8) ==
        "po-loc ∪ com cycle: internal visibility");
  // multi-copy atomic: with acquire loads, IRIW is forbidden; relaxed loads may reorder.
  CHECK_FALSE(analysed("IRIW+rel+acq").witness_allowed(Model::armv8));
  CHECK(analysed("IRIW+rlx").witness_allowed(Model::armv8));
}

// --- the catalogue ------------------------------------------------------------------------------

TEST_CASE("computed verdicts agree with every catalogue test's hand-written one", "[model]") {
  for (const run::Entry& e : run::Registry::instance().all()) {
    const Analysed m(*e.test);
    INFO(e.test->name);
    CHECK(m.witness_allowed(Model::rc11) == (e.test->cpp.rc11 == Verdict::allowed));
    CHECK(m.witness_allowed(Model::iso) == (e.test->cpp.iso == Verdict::allowed));
    // The hardware models never allow what C++ forbids here (the mappings are sound).
    for (Model hw : {Model::x86_tso, Model::armv8})
      for (const Outcome& o : m.a.allowed[static_cast<std::size_t>(hw)])
        CHECK(m.a.allows(Model::iso, o));
  }
}

TEST_CASE("axiomatic SC equals the interleaving enumerator on the catalogue", "[model][sc]") {
  for (const run::Entry& e : run::Registry::instance().all()) {
    if (e.test->has_unsequenced_reads()) continue;  // the enumerator keeps the written order
    const Analysed m(*e.test);
    INFO(e.test->name);
    CHECK(m.a.allowed[static_cast<std::size_t>(Model::sc)] ==
          interleaving_outcomes(*e.test, m.layout));
  }
}

TEST_CASE("models nest: SC within x86-TSO within ARMv8... for the catalogue", "[model]") {
  for (const run::Entry& e : run::Registry::instance().all()) {
    const Analysed m(*e.test);
    INFO(e.test->name);
    for (const Outcome& o : m.a.allowed[static_cast<std::size_t>(Model::sc)]) {
      CHECK(m.a.allows(Model::rc11, o));
      CHECK(m.a.allows(Model::x86_tso, o));
      CHECK(m.a.allows(Model::armv8, o));
    }
    for (const Outcome& o : m.a.allowed[static_cast<std::size_t>(Model::rc11)])
      CHECK(m.a.allows(Model::iso, o));
  }
}

TEST_CASE("the mapping is printed", "[model]") {
  CHECK_THAT(model::mapping_text(), Catch::Contains("xchg"));
  CHECK_THAT(model::mapping_text(), Catch::Contains("stlr"));
  CHECK(std::string(model::model_name(*model::hardware_model_of("x86_64"))) == "x86-tso");
  CHECK(std::string(model::model_name(*model::hardware_model_of("aarch64"))) == "armv8");
  CHECK(model::hardware_model_of("riscv64") == nullptr);
}

TEST_CASE("every outcome recorded in results/ on x86-64 hardware is allowed by x86-TSO",
          "[model][results]") {
  // The model explains the hardware: for each committed run on a non-emulated x86-64 machine,
  // each observed outcome of each catalogue test (same declaration hash) is x86-TSO-allowed.
  const std::string dir = std::string(HBSCOPE_SOURCE_DIR) + "/results";
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    const report::RunRecord run = report::read_json_file(entry.path().string());
    if (run.machine.arch != "x86_64" || run.machine.emulated) continue;
    for (const report::TestRecord& t : run.tests) {
      const run::Entry* e = run::Registry::instance().find(t.name);
      if (!e || declaration_hash(*e->test) != t.hash) continue;
      const Analysed m(*e->test);
      for (const report::OutcomeRow& row : t.histogram) {
        INFO(entry.path().filename().string() << " " << t.name << " " << row.outcome);
        bool allowed = false;
        for (const Outcome& o : m.a.allowed[static_cast<std::size_t>(Model::x86_tso)])
          allowed = allowed || m.layout.format(o) == row.outcome;
        CHECK(allowed);
        ++checked;
      }
    }
  }
  CHECK(checked > 0);
}

// --- corpus tests with branches, register initialisation and non-atomic accesses -------------

namespace {
struct HerdCase {
  const Test* test;
  States rc11, iso;
  const char* rc11_observation;
  bool rc11_undef;
};
// Names for the corpus translations: herd's locations, in declaration order.
constexpr Loc a0{0}, a1{1}, a2{2};

constexpr Test mp_c11_relaxed{
    .name = "mp-c11-relaxed",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st(x, 1, rlx), st(y, 1, rlx)},
                {assign(r1, 0), ld(r0, y, rlx), if_ne(r0, 0, 1), ld(r1, x, rlx)}},
    .condition = "exists (1:r1=1 /\\ 1:r2=0)",
    .registers = {RegNames{}, RegNames{"r1", "r2"}}};
constexpr Test mp_c11_rel_acq{
    .name = "mp-c11-rel-acq",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st_na(x, 1), st(y, 1, rel)},
                {assign(r1, 0), ld(r0, y, acq), if_ne(r0, 0, 1), ld_na(r1, x)}},
    .condition = "exists (1:r1=1 /\\ 1:r2=0)",
    .registers = {RegNames{}, RegNames{"r1", "r2"}}};
constexpr Test mp_c11_race{
    .name = "mp-c11-race",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st_na(x, 1), st(y, 1, rlx)},
                {assign(r1, 0), ld(r0, y, rlx), if_ne(r0, 0, 1), ld_na(r1, x)}},
    .condition = "exists (1:r1=1 /\\ 1:r2=0)",
    .registers = {RegNames{}, RegNames{"r1", "r2"}}};
constexpr Test cyc{.name = "cyc",
                   .locs = {{"x", 0}, {"y", 0}},
                   .threads = {{ld(r0, x, rlx), if_ne(r0, 0, 1), st(y, 1, rlx)},
                               {ld(r0, y, rlx), if_ne(r0, 0, 1), st(x, 1, rlx)}},
                   .condition = "exists (0:r0=1 /\\ 1:r1=1)",
                   .registers = {RegNames{"r0"}, RegNames{"r1"}}};
constexpr Test cyc_na{.name = "cyc_na",
                      .locs = {{"x", 0}, {"y", 0}},
                      .threads = {{ld_na(r0, x), if_ne(r0, 0, 1), st_na(y, 1)},
                                  {ld_na(r0, y), if_ne(r0, 0, 1), st_na(x, 1)}},
                      .condition = "exists (0:r0=1 /\\ 1:r1=1)",
                      .registers = {RegNames{"r0"}, RegNames{"r1"}}};
constexpr Test seq_test{
    .name = "seq",
    .locs = {{"a", 0}, {"x", 0}, {"y", 0}},
    .threads = {{st_na(a0, 1)},
                {ld(r0, a1, rlx), if_ne(r0, 0, 3), ld_na(r1, a0), if_ne(r1, 0, 1), st(a2, 1, rlx)},
                {ld(r0, a2, rlx), if_ne(r0, 0, 1), st(a1, 1, rlx)}},
    .condition = "exists (a=1 /\\ x=1 /\\ y=1)",
    .registers = {RegNames{}, RegNames{"r0", "r1"}, RegNames{"r2"}}};
constexpr Test rseq_weak{.name = "rseq_weak",
                         .locs = {{"x", 0}, {"y", 0}},
                         .threads = {{st(x, 2, rlx)},
                                     {st_na(y, 1), st(x, 1, rel), st(x, 3, rlx)},
                                     {ld(r0, x, acq), if_eq(r0, 3, 1), ld_na(r1, y)}},
                         .condition = "exists (x=3 /\\ y=1)"};
constexpr Test a1_test{
    .name = "a1",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{ld(r0, y, rlx), st(x, 1, rel)}, {ld(r0, x, acq), if_ne(r0, 0, 1), st_na(y, 1)}},
    .condition = "exists (x=1 /\\ y=1)",
    .registers = {RegNames{"r0"}, RegNames{"r1"}}};
constexpr Test a3_test{
    .name = "a3",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st_na(y, 1), st(x, 1, rel)}, {ld(r0, x, acq), if_ne(r0, 0, 1), ld(r1, y, rlx)}},
    .condition = "exists (1:r1=1)",
    .registers = {RegNames{}, RegNames{"r1", "r2"}}};
constexpr Test a3_reorder{
    .name = "a3_reorder",
    .locs = {{"x", 0}, {"y", 0}},
    .threads = {{st_na(y, 1), st(x, 1, rel)}, {ld(r1, y, rlx), ld(r0, x, acq)}},
    .condition = "exists (1:r1=1)",
    .registers = {RegNames{}, RegNames{"r1", "r2"}}};
constexpr Test fig1{.name = "fig1",
                    .locs = {{"a", 0}, {"x", 0}, {"y", 0}},
                    .threads = {{st_na(a0, 1), ld(r0, a1, rlx), ld_na(r1, a0), st(a2, 1, rlx)},
                                {ld(r0, a2, rlx), st(a1, 1, rlx)}},
                    .condition = "exists (a=1 /\\ x=1 /\\ y=1)",
                    .registers = {RegNames{"r0", "r1"}, RegNames{"r2"}}};
}  // namespace

TEST_CASE("herd corpus tests with branches and non-atomics", "[model][herd]") {
  const States mp_all = {"1:r1=0; 1:r2=0;", "1:r1=1; 1:r2=0;", "1:r1=1; 1:r2=1;"};
  const States mp_sync = {"1:r1=0; 1:r2=0;", "1:r1=1; 1:r2=1;"};
  const States r1_both = {"1:r1=0;", "1:r1=1;"};
  const HerdCase cases[] = {
      {&mp_c11_relaxed, mp_all, mp_all, "Sometimes", false},
      {&mp_c11_rel_acq, mp_sync, mp_sync, "Never", false},
      {&mp_c11_race, mp_all, {"1:r1=0; 1:r2=0;", "1:r1=1; 1:r2=0;"}, "Sometimes", true},
      {&cyc, {"0:r0=0; 1:r1=0;"}, {"0:r0=0; 1:r1=0;", "0:r0=1; 1:r1=1;"}, "Never", false},
      {&cyc_na, {"0:r0=0; 1:r1=0;"}, {"0:r0=0; 1:r1=0;"}, "Never", false},
      {&seq_test, {"[a]=1; [x]=0; [y]=0;"}, {"[a]=1; [x]=0; [y]=0;"}, "Never", false},
      {&rseq_weak,
       {"[x]=2; [y]=1;", "[x]=3; [y]=1;"},
       {"[x]=2; [y]=1;", "[x]=3; [y]=1;"},
       "Sometimes",
       false},
      {&a1_test,
       {"[x]=1; [y]=0;", "[x]=1; [y]=1;"},
       {"[x]=1; [y]=0;", "[x]=1; [y]=1;"},
       "Sometimes",
       false},
      {&a3_test, r1_both, r1_both, "Sometimes", false},
      {&a3_reorder, r1_both, r1_both, "Sometimes", true},
      {&fig1, {"[a]=1; [x]=1; [y]=1;"}, {"[a]=1; [x]=1; [y]=1;"}, "Always", false},
  };
  for (const HerdCase& c : cases) {
    INFO(c.test->name);
    CHECK(validate(*c.test).empty());
    const Analysed m(*c.test);
    CHECK(m.states(Model::rc11) == c.rc11);
    CHECK(m.states(Model::iso) == c.iso);
    CHECK(m.observation(Model::rc11) == c.rc11_observation);
    CHECK(m.a.undefined[static_cast<std::size_t>(Model::rc11)].empty() == !c.rc11_undef);
  }
}

TEST_CASE("control dependencies order ARM stores: LB with branches never on ARMv8",
          "[model][axiom]") {
  const Analysed m(cyc);
  // Without the branches ARMv8 allows LB's cycle (see LB+rlx); ctrl ; [W] is in ob.
  CHECK_FALSE(m.witness_allowed(Model::armv8));
  CHECK(m.why_witness(Model::armv8) == "ob cycle: external visibility");
  CHECK(m.witness_allowed(Model::iso));  // only RC11's no-thin-air forbids it in C++
}

using hbscope::testing::kFourWriters;

TEST_CASE("a 4-thread test with several stores per location does not explode", "[model]") {
  const Analysed m(kFourWriters);
  CHECK(m.a.pruned);
  CHECK(m.a.executions < 100'000);
  // Pruning keeps every coherent execution: SC still equals the interleavings.
  CHECK(m.a.allowed[static_cast<std::size_t>(Model::sc)] ==
        interleaving_outcomes(kFourWriters, m.layout));
  for (const Outcome& o : m.a.allowed[static_cast<std::size_t>(Model::x86_tso)])
    CHECK(m.a.allows(Model::armv8, o));  // x86-TSO is stronger than ARMv8 on plain accesses
}

TEST_CASE("RC11 allows exactly SC plus the witness where the witness is allowed", "[model]") {
  // The full set of allowed final states of each catalogue test, reasoned out: its witness is
  // its only non-SC outcome that C++ may allow (the catalogue is written that way).
  for (const run::Entry& e : run::Registry::instance().all()) {
    const Analysed m(*e.test);
    INFO(e.test->name);
    for (Model c : {Model::rc11, Model::iso})
      for (const Outcome& o : m.a.allowed[static_cast<std::size_t>(c)])
        CHECK((m.a.allows(Model::sc, o) || m.layout.is_witness(o)));
  }
}

// --- values out of thin air: data dependencies through rf --------------------------------------
namespace {
// LB with data dependencies: each thread stores the value it read, plus `add` in P1.
constexpr Test lb_data(std::int32_t add, std::string_view condition) {
  return Test{
      .name = "LB+datas",
      .locs = {{"x", 0}, {"y", 0}, {"z", 0}},
      .threads = {{ld(r0, x, rlx), st_reg(y, r0, rlx)},
                  {ld(r0, y, rlx),
                   Op{.kind = OpKind::store, .loc = 0, .value = add, .order = rlx, .value_reg = 0},
                   if_eq(r0, 42, 1), st(z, 1, rlx)}},
      .condition = condition};
}
constexpr Test kLbData = lb_data(0, "exists (0:r0=42 /\\ 1:r0=42 /\\ z=1)");
constexpr Test kLbDataPlusOne = lb_data(1, "exists (0:r0=42 /\\ 1:r0=42 /\\ z=1)");
}  // namespace

TEST_CASE("a data-dependency cycle gives a value out of thin air under ISO C++ only",
          "[model][oota]") {
  const Analysed m(kLbData);
  // The free value: symbolic when nothing constrains it, 42 when the branch assumes it is.
  CHECK(m.states(Model::iso) ==
        States{"0:r0=0; 1:r0=0; [z]=0;", "0:r0=S0; 1:r0=S0; [z]=0;", "0:r0=42; 1:r0=42; [z]=1;"});
  CHECK(m.witness_allowed(Model::iso));
  CHECK(m.why_witness(Model::rc11) == "po ∪ rf cycle: no thin air");
  CHECK(m.states(Model::rc11) == States{"0:r0=0; 1:r0=0; [z]=0;"});
  CHECK(m.states(Model::sc) == m.states(Model::rc11));
  CHECK(m.states(Model::x86_tso) == m.states(Model::rc11));
  CHECK(m.why_witness(Model::armv8) == "ob cycle: external visibility");  // data ; [W] in ob
  // The interleaving enumerator, which executes the stores of registers, agrees with SC.
  CHECK(m.a.allowed[static_cast<std::size_t>(Model::sc)] ==
        interleaving_outcomes(kLbData, m.layout));
  // A cycle that adds 1 has no solution (v = v + 1): no value out of thin air at all.
  const Analysed plus_one(kLbDataPlusOne);
  CHECK(plus_one.states(Model::iso) == States{"0:r0=0; 1:r0=0; [z]=0;", "0:r0=1; 1:r0=0; [z]=0;"});
  CHECK_FALSE(plus_one.witness_allowed(Model::iso));
}

TEST_CASE("ARMv8 orders a store after the load its value depends on, and nothing else",
          "[model][oota]") {
  // LB+data+po: P0's store depends on its load, P1's does not. P1's store may still go first,
  // so ARMv8 allows the cycle (as herd's aarch64.cat does); it is the dependency on both
  // sides, in LB+datas above, that forbids it. RC11 forbids both (po ∪ rf).
  constexpr Test lb_dep{
      .name = "LB+data+po",
      .locs = {{"x", 0}, {"y", 0}},
      .threads = {{ld(r0, x, rlx), st_reg(y, r0, rlx)}, {ld(r0, y, rlx), st(x, 1, rlx)}},
      .condition = "exists (0:r0=1 /\\ 1:r0=1)"};
  const Analysed dep(lb_dep);
  CHECK(dep.witness_allowed(Model::armv8));
  CHECK_FALSE(dep.witness_allowed(Model::x86_tso));
  CHECK_FALSE(dep.witness_allowed(Model::rc11));
  CHECK(dep.witness_allowed(Model::iso));
}

TEST_CASE("a sum of two values out of thin air is refused, not approximated", "[model][oota]") {
  // z = x + y, then x and y both take z's value: x = y = v and z = 2v, which is not one free
  // value plus a constant.
  constexpr Test sum{
      .name = "sum",
      .locs = {{"x", 0}, {"y", 0}, {"z", 0}},
      .threads = {{ld(r0, x, rlx), Op{.kind = OpKind::load, .loc = 1, .reg = 0, .accumulate = true},
                   st_reg(z, r0, rlx)},
                  {ld(r0, z, rlx), st_reg(x, r0, rlx), st_reg(y, r0, rlx)}},
      .condition = "exists (0:r0=1)"};
  REQUIRE(validate(sum).empty());
  const OutcomeLayout layout(sum, Condition::parse(sum.condition));
  CHECK_THROWS_WITH(
      model::analyse(sum, layout),
      Catch::Contains(
          "sum: a sum of two values out of thin air, which iso allows here, is not modelled"));
}

// --- weak compare-exchange: spurious failure ----------------------------------------------------
TEST_CASE("a weak compare-exchange may fail spuriously, except on x86's lock cmpxchg",
          "[model][cas]") {
  // x = 0 and the expected value 0: a strong CAS always succeeds; a weak one may fail anyway.
  auto test = [](bool weak) {
    return Test{.name = "CAS",
                .locs = {{"x", 0}, {"e", 0}},
                .threads = {{Op{.kind = OpKind::cas,
                                .loc = 0,
                                .reg = 0,
                                .value = 1,
                                .order = rlx,
                                .fail_order = rlx,
                                .expected_loc = 1,
                                .weak = weak}}},
                .condition = "exists (0:r0=0)"};
  };
  static constexpr Test kStrong = test(false), kWeak = test(true);
  const Analysed strong(kStrong), weak(kWeak);
  for (Model m : model::kModels) CHECK_FALSE(strong.witness_allowed(m));
  for (Model m : {Model::sc, Model::rc11, Model::iso, Model::armv8}) CHECK(weak.witness_allowed(m));
  CHECK(weak.why_witness(Model::x86_tso) == "lock cmpxchg never fails spuriously");
  // A spurious failure writes back the value read, which is the value expected: e stays 0.
  CHECK(weak.states(Model::sc) == States{"0:r0=0;", "0:r0=1;"});
  // The interleaving enumerator takes both paths too.
  CHECK(weak.a.allowed[static_cast<std::size_t>(Model::sc)] ==
        interleaving_outcomes(kWeak, weak.layout));
}
