#include "report/compare.hpp"

#include <catch2/catch.hpp>
#include <cstdio>

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
