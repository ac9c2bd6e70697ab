#include "report/compare.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "report/html.hpp"
#include "report/litmus_log.hpp"
#include "report/log_reader.hpp"

using namespace hbscope;
using namespace hbscope::testing;

namespace {
report::Source source(report::RunRecord r, const std::string& label) {
  report::Source s;
  s.path = label + ".json";
  s.label = label;
  s.record = std::move(r);
  return s;
}
}  // namespace

TEST_CASE("compare flags a planted difference and nothing else", "[compare]") {
  report::RunRecord a = sample_run(), b = sample_run();
  // Plant: SB+rlx's weak outcome 631 -> 6,310 per million on machine B.
  report::TestRecord& sb = b.tests[1];
  sb.histogram[0].count = 6310;
  sb.histogram[1].count -= 6310 - 631;
  const auto cmp = report::compare({source(a, "A"), source(b, "B")});
  REQUIRE(cmp.size() == 3);
  for (const auto& t : cmp)
    for (const auto& o : t.outcomes) {
      INFO(t.name << " " << o.outcome);
      const bool planted =
          t.name == "SB+rlx" && (o.outcome == "0:r0=0; 1:r0=0;" || o.outcome == "0:r0=0; 1:r0=1;");
      CHECK(o.different[1] == planted);
      CHECK_FALSE(o.different[0]);
    }
  const auto& weak = cmp[1].outcomes[0];
  CHECK(weak.cells[1].count == 6310);
  CHECK(weak.cells[1].low < 6310e-6);
  CHECK(weak.cells[1].high > 6310e-6);
  CHECK(weak.z[1] > report::kSignificantZ);
}

TEST_CASE("compare lists tests one side ran only and warns of differing declarations",
          "[compare]") {
  report::RunRecord a = sample_run(), b = sample_run();
  b.tests.pop_back();  // B did not run LB+rlx
  b.tests[0].hash = "0000000000000000";
  const std::string text = report::compare_text({source(a, "A"), source(b, "B")}, false);
  CHECK_THAT(text, Catch::Contains("== LB+rlx  exists (0:r0=1 /\\ 1:r0=1)  (not run by B)"));
  CHECK_THAT(text, Catch::Contains("WARNING: the declarations differ"));
  CHECK_THAT(text, Catch::Contains("3 tests compared; rates differ significantly in 0."));
  const std::string md = report::compare_text({source(a, "A"), source(b, "B")}, true);
  CHECK_THAT(md, Catch::Contains("### SB+rlx"));
  CHECK_THAT(md, Catch::Contains("| outcome | A | B |"));
}

TEST_CASE("litmus7 logs are read back: ours and litmus7's own", "[compare]") {
  const report::RunRecord ours = report::parse_litmus_log(report::litmus_log(sample_run()), "ours");
  REQUIRE(ours.tests.size() == 3);
  CHECK(ours.tests[1].name == "SB+rlx");
  CHECK(ours.tests[1].iterations == 1'000'000);
  CHECK(ours.tests[1].positive == 631);
  CHECK(ours.tests[1].condition == "exists (0:r0=0 /\\ 1:r0=0)");
  CHECK(ours.tests[1].histogram[0].satisfies);
  // A litmus7 7.57 log block, as litmus7 prints it (x86, SB).
  const std::string litmus7 =
      "%%%%%%%%%%%%%%%%%%%%%%%%%%%\n% Results for ./sb.litmus %\n%%%%%%%%%%%%%%%%%%%%%%%%%%%\n"
      "X86 SB\n\n{x=0; y=0;}\n\n P0          | P1          ;\n MOV [x],$1  | MOV [y],$1  ;\n"
      " MOV EAX,[y] | MOV EAX,[x] ;\n\nlocations [x; y;]\nexists (0:EAX=0 /\\ 1:EAX=0)\n"
      "Generated assembler\nTest SB Allowed\nHistogram (4 states)\n"
      "96    *>0:EAX=0; 1:EAX=0; x=1; y=1;\n499878:>0:EAX=1; 1:EAX=0; x=1; y=1;\n"
      "499862:>0:EAX=0; 1:EAX=1; x=1; y=1;\n164   :>0:EAX=1; 1:EAX=1; x=1; y=1;\nOk\n\n"
      "Witnesses\nPositive: 96, Negative: 999904\n"
      "Condition exists (0:EAX=0 /\\ 1:EAX=0) is validated\n"
      "Hash=2d53e83cd627ba17ab11c875525e078b\nObservation SB Sometimes 96 999904\nTime SB 0.11\n";
  const report::RunRecord theirs = report::parse_litmus_log(litmus7, "litmus7");
  REQUIRE(theirs.tests.size() == 1);
  CHECK(theirs.tests[0].name == "SB");
  CHECK(theirs.tests[0].iterations == 1'000'000);
  CHECK(theirs.tests[0].witnesses == 96);
  CHECK(theirs.tests[0].histogram[0].outcome == "0:EAX=0; 1:EAX=0; x=1; y=1;");
  CHECK(theirs.tests[0].seconds == Approx(0.11));
  CHECK_THROWS_WITH(report::parse_litmus_log("hello\n", "x.log"),
                    Catch::Contains("not a litmus7 log"));
  CHECK_THROWS_WITH(
      report::parse_litmus_log("Test SB Allowed\nHistogram (2 states)\n5 *>a;\n", "y.log"),
      Catch::Contains("ends inside a histogram"));
  CHECK_THROWS_WITH(
      report::parse_litmus_log("Test SB Allowed\nHistogram (1 states)\nfive *>a;\n", "z.log"),
      Catch::Contains("malformed count"));
  CHECK_THROWS_WITH(
      report::parse_litmus_log("Test SB Allowed\nHistogram (1 states)\n5 a;\n", "w.log"),
      Catch::Contains("malformed histogram line"));
  // Counts litmus7 never writes: refused, naming the file and line, never wrapped around.
  CHECK_THROWS_WITH(
      report::parse_litmus_log("Test SB Allowed\nHistogram (1 states)\n-5 *>a;\n", "n.log"),
      Catch::Contains("n.log:3: negative count"));
  CHECK_THROWS_WITH(
      report::parse_litmus_log("Test SB Allowed\nHistogram (1 states)\n18446744073709551616 *>a;\n",
                               "o.log"),
      Catch::Contains("o.log:3: count") && Catch::Contains("does not fit in 64 bits"));
  CHECK_THROWS_WITH(report::parse_litmus_log("Test SB Allowed\nHistogram (2 states)\n"
                                             "18446744073709551615 *>a;\n1 :>b;\n",
                                             "s.log"),
                    Catch::Contains("s.log:4: counts add up to more than fits in 64 bits"));
}

TEST_CASE("the HTML report is self-contained, one chart per test, classes coloured", "[html]") {
  report::RunRecord a = sample_run(), b = sample_run();
  b.tests.pop_back();
  const std::string html = report::html_report({source(a, "A"), source(b, "B")});
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  std::size_t charts = 0;
  for (std::size_t p = html.find("<svg class=\"chart\""); p != std::string::npos;
       p = html.find("<svg class=\"chart\"", p + 1))
    ++charts;
  CHECK(charts == 3);
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("fill=\"#e8891c\""));  // SB+rlx's weak outcome
  CHECK_THAT(html, Catch::Contains("data-log="));
  CHECK_THAT(html, Catch::Contains("id=\"logscale\""));
  CHECK_THAT(html, Catch::Contains("<h2>LB+rlx</h2>"));
  CHECK_THAT(html, Catch::Contains("<b>B</b>"));  // the machine labels
  CHECK_THAT(html, Catch::Contains("AMD EPYC"));
}

namespace {
std::string log_path(const std::string& file) {
  return std::string(HBSCOPE_SOURCE_DIR) + "/tests/data/logs/" + file;
}

//! A small hbscope run on one machine: MP+rlx and SB+rlx, with its own label.
report::Source hbscope_machine(const std::string& label, std::uint64_t weak) {
  report::RunRecord r = sample_run();
  r.label = label;
  r.tests.erase(r.tests.begin());  // MP+rel+acq
  r.tests.insert(r.tests.begin(),
                 weak > 0 ? graded("MP+rlx", {{outcome({0, 0}), 5000 - weak},
                                              {outcome({1, 0}), weak},
                                              {outcome({1, 1}), 5000}})
                          : graded("MP+rlx", {{outcome({0, 0}), 5000}, {outcome({1, 1}), 5000}}));
  return source(std::move(r), label);
}
}  // namespace

TEST_CASE("every published litmus7 log is read, or refused with a clear message", "[logs]") {
  struct Expect {
    const char* file;
    std::size_t tests;
    const char* name;
    std::uint64_t iterations, witnesses;
    const char* condition;
  };
  const Expect expected[] = {
      {"x86-unknown-SB.log", 1, "SB", 1'000'000, 96, "exists (0:EAX=0 /\\ 1:EAX=0)"},
      {"x86-lkml-jglisse-SB-gup.log", 2, "SB", 10'000'000, 2, "exists (0:EAX=0 /\\ 1:EAX=0)"},
      {"x86-unknown-mp.log", 1, "mp", 50'000'000, 0, "exists (1:EAX=1 /\\ 1:EBX=0)"},
      {"aarch64-raspberrypi-mp.log", 1, "mp", 1'000'000, 0, "exists (1:X0=1 /\\ 1:X2=0)"},
      {"aarch64-raspberrypi-mp+dmb.sys.log", 1, "mp+dmb.sys", 1'000'000, 0,
       "exists (1:X0=1 /\\ 1:X2=0)"},
      {"aarch64-raspberrypi-mp+rel+acq.log", 1, "mp+rel+acq", 1'000'000, 0,
       "exists (1:X0=1 /\\ 1:X2=0)"},
      // Every line quoted `> +` (a mail quoting a patch).
      {"aarch64-kvm-guest-MP.log", 1, "MP", 2'000'000, 20885, "exists (1:X0=1 /\\ 1:X2=0)"},
      // Cut after the histogram: the condition comes from the line marked *>.
      {"aarch64-neoverse-MP-histogram-only.log", 1, "MP", 1'000'000, 53040,
       "exists (1:X0=1 /\\ 1:X2=0)"},
  };
  for (const Expect& e : expected) {
    INFO(e.file);
    const report::Source s = report::read_source(log_path(e.file));
    REQUIRE(s.record.tests.size() == e.tests);
    const report::TestRecord& t = s.record.tests.front();
    CHECK(t.name == e.name);
    CHECK(t.iterations == e.iterations);
    CHECK(t.witnesses == e.witnesses);
    CHECK(t.condition == e.condition);
    CHECK(s.label == std::string(e.file).substr(0, std::strlen(e.file) - 4));
  }
  const report::RunRecord lkml =
      report::read_source(log_path("x86-lkml-jglisse-SB-gup.log")).record;
  CHECK(lkml.tests[1].iterations == 1'000'000'000);
  CHECK(lkml.tests[1].witnesses == 0);
  CHECK(lkml.tests[1].hash == "0dd48258687c8f737921f907c093c316");
  // The author cut the Condition line and nothing is marked: the witness cannot be known.
  CHECK_THROWS_WITH(report::read_source(log_path("arm-raspberrypi3bplus-SB+dmbs-partial.log")),
                    Catch::Contains("arm-raspberrypi3bplus-SB+dmbs-partial.log:3: test SB+dmbs "
                                    "has no Condition line and no outcome marked *>: the log "
                                    "was cut, so its witness is unknown"));
}

TEST_CASE("witnesses are compared by shape, not by register spelling", "[compare]") {
  const std::string mp = report::canonical_witness("exists (1:r0=1 /\\ 1:r1=0)");
  CHECK(mp == "t0:r0=1 /\\ t0:r1=0");
  CHECK(report::canonical_witness("exists (1:X0=1 /\\ 1:X2=0)") == mp);
  CHECK(report::canonical_witness("exists (1:EAX=1 /\\ 1:EBX=0)") == mp);
  CHECK(report::canonical_witness("exists (0:EAX=0 /\\ 1:EAX=0)") ==
        report::canonical_witness("exists (0:r0=0 /\\ 1:r0=0)"));
  CHECK(report::canonical_witness("exists (1:X0=1 /\\ 1:X2=1)") != mp);
  // Locations after registers, whatever order the condition gives them in.
  CHECK(report::canonical_witness("exists (x=2 /\\ 1:X0=1)") ==
        report::canonical_witness("exists (1:r0=1 /\\ x=2)"));
  CHECK(report::canonical_witness("exists (1:r0=1 \\/ 1:r1=0)").empty());
  CHECK(report::canonical_witness("~exists (1:r0=1 /\\ 1:r1=0)").empty());
  // The table of shapes spells each witness as the catalogue does.
  for (const report::Shape& shape : report::known_shapes()) {
    INFO(shape.test);
    const run::Entry* e = run::Registry::instance().find(shape.test);
    REQUIRE(e != nullptr);
    CHECK(e->test->condition == shape.witness);
    CHECK(e->test->family() == shape.family);
  }
}

TEST_CASE("the matrix puts MP and SB from three machines and two architectures' logs in one row",
          "[compare][matrix]") {
  std::vector<report::Source> sources = {hbscope_machine("epyc", 40), hbscope_machine("xeon", 0),
                                         hbscope_machine("graviton", 700)};
  for (const char* log : {"x86-unknown-SB.log", "aarch64-kvm-guest-MP.log",
                          "aarch64-raspberrypi-mp.log", "aarch64-raspberrypi-mp+rel+acq.log"})
    sources.push_back(report::read_source(log_path(log)));
  const report::Matrix m = report::matrix(sources);
  REQUIRE(m.machines.size() == 7);
  auto row = [&](const std::string& test) -> const report::MatrixRow& {
    for (const report::MatrixRow& r : m.rows)
      if (r.test == test) return r;
    FAIL("no row " << test);
    return m.rows.front();
  };
  const report::MatrixRow& mp = row("MP+rlx");
  CHECK(mp.matched_by == Matched::shape_witness);
  for (std::size_t si : {0, 1, 2, 4, 5}) CHECK(mp.cells[si].present);
  CHECK_FALSE(mp.cells[3].present);  // the SB log
  CHECK(mp.cells[0].mark == Mark::weak);
  CHECK(mp.cells[1].mark == Mark::never);
  CHECK(mp.cells[1].bound == Approx(report::zero_count_upper_bound(10'000)));
  CHECK(mp.cells[4].test == "MP");
  CHECK(mp.cells[4].witnesses == 20885);
  CHECK(mp.cells[4].mark == Mark::weak);  // C++ allows MP+rlx's witness
  CHECK(mp.cells[5].test == "mp");
  CHECK(mp.cells[5].mark == Mark::never);
  const report::MatrixRow& sb = row("SB+rlx");
  CHECK(sb.matched_by == Matched::shape_witness);
  for (std::size_t si : {0, 1, 2, 3}) CHECK(sb.cells[si].present);
  CHECK(sb.cells[3].witnesses == 96);
  CHECK(sb.cells[3].iterations == 1'000'000);
  CHECK(sb.cells[3].low < 96e-6);
  CHECK(sb.cells[3].high > 96e-6);
  // mp+rel+acq joins MP+rel+acq by name only where a source ran it; here none did.
  CHECK(row("mp+rel+acq").matched_by == Matched::unmatched);
  CHECK(row("LB+rlx").matched_by == Matched::name);

  const nlohmann::json j = report::matrix_json(m);
  REQUIRE(j["machines"].size() == 7);
  CHECK(j["machines"][4] == "aarch64-kvm-guest-MP");
  bool seen_mp = false;
  for (const auto& r : j["rows"])
    if (r["test"] == "MP+rlx") {
      seen_mp = true;
      CHECK(r["matched_by"] == "shape+witness");
      const auto& kvm = r["cells"]["aarch64-kvm-guest-MP"];
      CHECK(kvm["witnesses"] == 20885);
      CHECK(kvm["iterations"] == 2'000'000);
      CHECK(kvm["mark"] == "weak");
      CHECK(kvm["low"].get<double>() < kvm["high"].get<double>());
      CHECK(r["cells"]["xeon"]["mark"] == "never");
      CHECK(r["cells"]["xeon"]["bound"].get<double>() > 0);
      CHECK(r["cells"]["epyc"].contains("overlap"));
      CHECK_FALSE(r["cells"].contains("x86-unknown-SB"));
    }
  CHECK(seen_mp);

  const std::string text = report::compare_text(sources, false);
  CHECK_THAT(text, Catch::Contains("shape+witness"));
  CHECK_THAT(text, Catch::Contains("W 20,885/2M"));
  CHECK_THAT(text, Catch::Contains("- 0/1M <"));
  // The detail has a row for the witness even where nobody saw it.
  bool never_row = false;
  for (const report::TestComparison& c : report::compare(sources))
    if (c.name == "mp")
      for (const report::OutcomeComparison& o : c.outcomes)
        never_row = never_row || (o.outcome == "1:X0=1; 1:X2=0;" && o.satisfies &&
                                  o.cells[5].present && o.cells[5].count == 0);
  CHECK(never_row);
}

TEST_CASE("labels that repeat are told apart; the HTML shows the matrix and never-seen witnesses",
          "[html][matrix]") {
  const std::string dir = std::string(HBSCOPE_SOURCE_DIR) + "/tests/data/logs/";
  const auto sources = report::read_sources(
      {dir + "aarch64-raspberrypi-mp.log", dir + "aarch64-raspberrypi-mp.log"});
  CHECK(sources[1].label == "aarch64-raspberrypi-mp #2");
  std::vector<report::Source> all = {hbscope_machine("epyc", 0), sources[0]};
  report::HtmlGraphs graphs;
  graphs.svg["MP+rlx"] = "<svg id=\"g\"></svg>";
  const std::string html = report::html_report(all, graphs);
  CHECK(html.find("<section id=\"matrix\">") < html.find("<section class=\"test\""));
  CHECK_THAT(html, Catch::Contains("data-rows=\"3\" data-cols=\"2\""));
  CHECK_THAT(html, Catch::Contains("Never, over 10,000 iterations, &lt; "));
  CHECK_THAT(html, Catch::Contains("<figure class=\"graph\"><svg id=\"g\"></svg>"));
  graphs.svg.clear();
  graphs.missing = "drawing SVG needs Graphviz's dot";
  CHECK_THAT(report::html_report(all, graphs),
             Catch::Contains("No hb graph: drawing SVG needs Graphviz's dot"));
}
