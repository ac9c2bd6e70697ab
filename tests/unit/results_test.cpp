#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "report/results.hpp"

using namespace hbscope;
using namespace hbscope::testing;
using nlohmann::json;

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

TEST_CASE("results files are written atomically and read back", "[results]") {
  const std::string path = "hbscope_results_test.json";
  report::write_json_file(sample_run(), path);
  CHECK_FALSE(std::ifstream(path + ".tmp").good());
  const report::RunRecord back = report::read_json_file(path);
  CHECK(back.tests[0].name == "MP+rel+acq");
  std::remove(path.c_str());
}

TEST_CASE("a corrupt results file is refused with a message naming the problem", "[results]") {
  const json good = report::to_json(sample_run());
  auto error_of = [](const json& j) -> std::string {
    try {
      report::from_json(j);
    } catch (const report::ResultsError& e) {
      return e.what();
    }
    return "";
  };
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
