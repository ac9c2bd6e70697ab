#include "report/results.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "report/console.hpp"
#include "support/output.hpp"

using namespace hbscope;
using namespace hbscope::testing;
using nlohmann::json;

namespace {
//! Why from_json refuses `j`, or "" when it reads it.
std::string error_of(const json& j) {
  try {
    report::from_json(j);
  } catch (const report::ResultsError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("results survive a JSON round trip unchanged", "[results]") {
  const report::RunRecord r = sample_run();
  const json j = report::to_json(r);
  const report::RunRecord back = report::from_json(j);
  CHECK(report::to_json(back) == j);
  CHECK(back.tests.size() == 3);
  CHECK(back.tests[1].histogram.size() == 4);
  CHECK(back.machine.caches.size() == 2);
  CHECK(back.label == "test-box");
}

TEST_CASE("results files are written and read back", "[results]") {
  const std::string path = "hbscope_results_test.json";
  support::write_output(path, report::json_text(sample_run()));
  const report::RunRecord back = report::read_json_file(path);
  CHECK(back.tests[0].name == "MP+rel+acq");
  std::remove(path.c_str());
}

TEST_CASE("a corrupt results file is refused with a message naming the problem", "[results]") {
  const json good = report::to_json(sample_run());
  json j = good;
  j.erase("machine");
  CHECK_THAT(error_of(j), Catch::Contains("missing field $.machine"));
  j = good;
  j["tests"][0]["iterations"] = "many";
  CHECK_THAT(error_of(j), Catch::Contains("$.tests[0].iterations has the wrong type"));
  j = good;
  j["schema"] = 99;
  CHECK_THAT(error_of(j), Catch::Contains("schema version 99"));
  j = good;
  j["tests"][1]["histogram"][0]["count"] = 1;
  CHECK_THAT(error_of(j), Catch::Contains("add up to"));
  j = good;
  j["tool"]["name"] = "litmus7";
  CHECK_THAT(error_of(j), Catch::Contains("not hbscope"));
  CHECK_THAT(error_of(json::array()), Catch::Contains("not a results object"));

  const std::string path = "hbscope_corrupt_test.json";
  std::ofstream(path) << "{\"schema\": 1, \"tests\": [";
  CHECK_THROWS_WITH(report::read_json_file(path), Catch::Contains("not valid JSON"));
  std::remove(path.c_str());
  CHECK_THROWS_WITH(report::read_json_file("/nonexistent/x.json"), Catch::Contains("cannot open"));
}

TEST_CASE("settings added later read back when present and default when absent", "[results]") {
  report::RunRecord r = sample_run();
  r.settings.visit = Visit::shuffled;
  r.settings.homes = Homes::slices;
  r.settings.offset_ns = 120;
  r.settings.counter_hz = 19.2e6;
  r.tests[0].learnt = report::Learnt{0.9, 2.5, {{"x", 1}, {"y", 0}}};
  json j = report::to_json(r);
  const report::RunRecord back = report::from_json(j);
  CHECK(back.settings.visit == Visit::shuffled);
  CHECK(back.settings.homes == Homes::slices);
  CHECK(back.settings.offset_ns == 120);
  CHECK(back.settings.counter_hz == 19.2e6);
  REQUIRE(back.tests[0].learnt);
  CHECK(back.tests[0].learnt->homes.at("x") == 1);
  CHECK(back.tests[0].learnt->stretch == 2.5);
  CHECK_THAT(report::console_test(back.tests[0]),
             Catch::Contains("learnt: 90% of runs shuffled, period x2.5, line homes x: P1, y: P0"));
  // A file written before the layout was learnt has none of them.
  for (const char* key : {"visit", "homes", "offset_ns", "counter_hz"}) j["settings"].erase(key);
  const report::RunRecord old = report::from_json(j);
  CHECK(old.settings.visit == Settings{}.visit);
  CHECK(old.settings.homes == Settings{}.homes);
  CHECK(old.settings.counter_hz == 0);
  j["settings"]["visit"] = "sideways";
  CHECK_THAT(error_of(j), Catch::Contains("$.settings.visit"));
}

TEST_CASE("the results file format matches its golden file", "[results][golden]") {
  CHECK(matches_golden(report::json_text(sample_run()), "results.json"));
}

TEST_CASE("non-UTF-8 bytes in a label or name are escaped, never a crash", "[results]") {
  report::RunRecord r = sample_run();
  r.label = "box\xff\xfe";
  r.command = "hbscope run --json /tmp/\xc3(.json";
  r.tests[0].name = "MP\x80";
  const std::string text = report::json_text(r);
  const report::RunRecord back = report::from_json(json::parse(text));
  CHECK(back.label == "box\\xFF\\xFE");
  CHECK(back.command == "hbscope run --json /tmp/\\xC3(.json");
  CHECK(back.tests[0].name == "MP\\x80");
}

TEST_CASE("counts that are negative or do not fit in 64 bits are refused", "[results]") {
  json j = report::to_json(sample_run());
  json neg = j;
  neg["tests"][0]["histogram"][0]["count"] = -1;
  CHECK_THAT(error_of(neg), Catch::Contains("$.tests[0].histogram[0].count"));
  json big = j;
  big["tests"][0]["iterations"] = 1e30;
  CHECK_THAT(error_of(big), Catch::Contains("$.tests[0].iterations"));
  json word = j;
  word["tests"][0]["grade"] = "splendid";
  CHECK_THAT(error_of(word), Catch::Contains("$.tests[0].grade is not one of the known words"));
}
