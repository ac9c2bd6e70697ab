#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "report/console.hpp"
#include "report/litmus_log.hpp"
#include "report/log_reader.hpp"
#include "report/stats.hpp"

using namespace hbscope;
using namespace hbscope::testing;

TEST_CASE("a forbidden witness seen is a failure", "[grade]") {
  const auto t = graded("MP+rel+acq", {{outcome({1, 0}), 3}, {outcome({1, 1}), 997}});
  CHECK(t.grade == Grade::forbidden_seen);
  CHECK(t.histogram[0].cls == OutcomeClass::forbidden);
  CHECK(t.histogram[0].satisfies);
  CHECK(t.histogram[1].cls == OutcomeClass::sc);
  CHECK(t.observation == Observation::sometimes);
  CHECK(t.positive == 3);
  CHECK(t.negative == 997);
  CHECK_THAT(report::forbidden_alarm(t), Catch::Contains("1:r0=1; 1:r1=0; seen 3 times"));
}

TEST_CASE("an allowed witness seen is a weak outcome, not a failure", "[grade]") {
  const auto t = graded("MP+rlx", {{outcome({1, 0}), 5}, {outcome({0, 0}), 995}});
  CHECK(t.grade == Grade::weak_seen);
  CHECK(t.witnesses == 5);
  CHECK(t.histogram[1].cls == OutcomeClass::weak);
  CHECK(report::forbidden_alarm(t).empty());
}

TEST_CASE("LB's cycle is allowed by ISO C++ and forbidden by RC11: never a failure", "[grade]") {
  const auto t = graded("LB+rlx", {{outcome({1, 1}), 2}, {outcome({0, 0}), 8}});
  CHECK(t.grade == Grade::weak_seen);
  CHECK(t.histogram[1].cls == OutcomeClass::weak_iso);
}

TEST_CASE("a non-SC outcome other than the witness is forbidden", "[grade]") {
  // Two fetch_adds both reading 1: no write of 1 can precede both.
  const auto t = graded("RMW+fadd+rlx", {{outcome({1, 1}), 1}, {outcome({0, 1}), 9}});
  CHECK(t.grade == Grade::forbidden_seen);
  CHECK(t.histogram[1].cls == OutcomeClass::forbidden);
  CHECK_FALSE(t.histogram[1].satisfies);
}

TEST_CASE("an allowed witness not seen gets a 95% upper bound", "[grade]") {
  const auto t = graded("SB+rlx", {{outcome({0, 1}), 500000}, {outcome({1, 0}), 500000}});
  CHECK(t.grade == Grade::weak_not_seen);
  CHECK(t.observation == Observation::never);
  CHECK(t.witness_rate_bound == Approx(3.0 / 1e6).epsilon(0.01));
  CHECK(report::zero_count_upper_bound(1) == Approx(0.95));
  CHECK(report::zero_count_upper_bound(0) == 1.0);
  const auto ok = graded("MP+sc", {{outcome({1, 1}), 10}});
  CHECK(ok.grade == Grade::ok);
  CHECK(ok.witness_rate_bound == 0);
  const auto always = graded("SB+rlx", {{outcome({0, 0}), 10}});
  CHECK(always.observation == Observation::always);
}

TEST_CASE("the litmus7 log matches its golden file", "[grade][golden]") {
  const std::string log = report::litmus_log(sample_run());
  CHECK(matches_golden(log, "litmus7.log"));
  CHECK_THAT(
      log, Catch::Contains("Test SB+rlx Allowed\nHistogram (4 states)\n631   *>0:r0=0; 1:r0=0;\n"));
  CHECK_THAT(log, Catch::Contains("Observation MP+rel+acq Never 0 1000000\n"));
  CHECK_THAT(log, Catch::Contains("Condition exists (0:r0=0 /\\ 1:r0=0) is validated\n"));
  CHECK_THAT(log, Catch::Contains("Condition exists (1:r0=1 /\\ 1:r1=0) is NOT validated\n"));
}

TEST_CASE("the console report matches its golden file and fits 80 columns", "[grade][golden]") {
  const std::string text = report::console_report(sample_run());
  CHECK(matches_golden(text, "console.txt"));
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(line.size() <= 80);
  }
}

TEST_CASE("under emulation a forbidden outcome is an emulator fault, not a failure", "[grade]") {
  const Test& test = *run::Registry::instance().find("SB+sc")->test;
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  Measurement r;
  r.histogram.add(outcome({0, 0}), 4);
  r.histogram.add(outcome({0, 1}), 96);
  r.iterations = 100;
  r.plan = Plan{Policy::cores, {0, 1}, true, false, ""};
  const auto hw = report::grade(test, layout, r, false, "x86_64");
  const auto emu = report::grade(test, layout, r, true, "x86_64");
  CHECK(hw.grade == Grade::forbidden_seen);
  CHECK(emu.grade == Grade::emulator_fault);
  CHECK(emu.histogram[0].cls == OutcomeClass::forbidden);  // C++ still forbids it
  CHECK_THAT(report::forbidden_alarm(emu), Catch::Contains("emulator fault"));
  report::RunRecord run = sample_run();
  run.machine.emulated = true;
  run.tests = {emu};
  CHECK_FALSE(report::any_forbidden(run));
  CHECK_THAT(report::console_summary(run), Catch::Contains("emulator faults"));
  CHECK_THAT(report::console_summary(run), Catch::Contains("not hardware results"));
  run.tests = {hw};
  CHECK(report::any_forbidden(run));
}

TEST_CASE("overlap: the share of iterations no serial order explains, and a warning when low",
          "[grade][overlap]") {
  // MP+rlx: 1:r0=0; 1:r1=1 needs the reader's loads to straddle the writer's stores.
  const auto t =
      graded("MP+rlx", {{outcome({0, 0}), 900}, {outcome({0, 1}), 60}, {outcome({1, 1}), 40}});
  REQUIRE(t.overlap);
  CHECK(t.overlap->count == 60);
  CHECK(t.overlap->rate == Approx(0.06));
  CHECK(t.overlap->low < 0.06);
  CHECK(t.overlap->high > 0.06);
  CHECK_THAT(report::console_test(t), Catch::Contains("overlap 6% of iterations"));
  CHECK_THAT(report::console_test(t), !Catch::Contains("shows little"));
  // Only serial outcomes: the threads never ran together, so "Never" proves nothing.
  const auto apart = graded("MP+rlx", {{outcome({0, 0}), 500000}, {outcome({1, 1}), 500000}});
  CHECK(apart.overlap->count == 0);
  CHECK_THAT(report::console_test(apart), Catch::Contains("shows little"));
  // The field survives the log and the JSON.
  report::RunRecord run = sample_run();
  run.tests = {t};
  const report::RunRecord back = report::parse_litmus_log(report::litmus_log(run), "x.log");
  REQUIRE(back.tests[0].overlap);
  CHECK(back.tests[0].overlap->rate == Approx(0.06));
  CHECK(report::from_json(report::to_json(run)).tests[0].overlap->count == 60);
}
