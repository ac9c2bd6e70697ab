#include "store/store.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "support/output.hpp"

using namespace hbscope;
using namespace hbscope::testing;

namespace {

// A results file for `label` on `arch`, dated `date`, written into `dir`.
std::string write_run(const Scratch& s, const std::string& label, const std::string& arch,
                      const std::string& date) {
  report::RunRecord r = sample_run();
  r.label = label;
  r.machine.arch = arch;
  r.date = date;
  const std::string path = (s.dir / (label + "-" + date.substr(0, 10) + ".json")).string();
  support::write_output(path, report::json_text(r));
  return path;
}

std::vector<std::string> labels(const std::vector<report::Source>& sources) {
  std::vector<std::string> out;
  for (const report::Source& s : sources) out.push_back(s.record.label);
  return out;
}

}  // namespace

TEST_CASE("store: a run goes in once and comes back as it was", "[store]") {
  Scratch s;
  const std::string db = (s.dir / "runs.db").string();
  const std::string a = write_run(s, "epyc", "x86_64", "2026-01-05T10:00:00Z");
  store::Store st(db);
  const auto first = st.add({a});
  REQUIRE(first.size() == 1);
  CHECK(first[0].added);
  CHECK(first[0].tests == 3);
  const auto again = st.add({a});
  CHECK_FALSE(again[0].added);
  CHECK(again[0].run == first[0].run);
  CHECK(again[0].hash == first[0].hash);

  const auto sources = st.query({});
  REQUIRE(sources.size() == 1);
  CHECK(report::to_json(sources[0].record) == report::to_json(report::read_json_file(a)));
  CHECK(sources[0].label == report::read_source(a).label);
  CHECK_FALSE(sources[0].from_log);
}

TEST_CASE("store: queries select by label, architecture, test and date", "[store]") {
  Scratch s;
  const std::string db = (s.dir / "runs.db").string();
  {
    store::Store st(db);
    st.add({write_run(s, "epyc", "x86_64", "2026-01-05T10:00:00Z"),
            write_run(s, "graviton3", "aarch64", "2026-02-10T10:00:00Z"),
            write_run(s, "pi4", "aarch64", "2026-03-15T10:00:00Z")});
  }
  store::Store st(db);  // reopened: the schema is found, not re-created
  using V = std::vector<std::string>;
  CHECK(labels(st.query({})) == V{"epyc", "graviton3", "pi4"});
  CHECK(labels(st.query({.arch = "aarch64"})) == V{"graviton3", "pi4"});
  CHECK(labels(st.query({.label = "g*"})) == V{"graviton3"});
  CHECK(labels(st.query({.since = "2026-02-01"})) == V{"graviton3", "pi4"});
  CHECK(labels(st.query({.until = "2026-02"})) == V{"epyc", "graviton3"});
  CHECK(st.query({.label = "nope"}).empty());

  const auto sb = st.query({.arch = "aarch64", .test = "SB*"});
  REQUIRE(sb.size() == 2);
  REQUIRE(sb[0].record.tests.size() == 1);
  CHECK(sb[0].record.tests[0].name == "SB+rlx");
  CHECK(sb[0].record.tests[0].histogram.size() == 4);

  const auto runs = st.list({.arch = "aarch64"});
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].label == "graviton3");
  CHECK(runs[0].tests == 3);
  CHECK(runs[0].iterations == 3000000);
}

TEST_CASE("store: query strings", "[store]") {
  const store::Filter f = store::parse_filter("label=pi*&arch=aarch64&test=MP+*&since=2026-01-01");
  CHECK(f.label == "pi*");
  CHECK(f.arch == "aarch64");
  CHECK(f.test == "MP+*");
  CHECK(f.since == "2026-01-01");
  CHECK(f.until.empty());
  CHECK_THROWS_AS(store::parse_filter("colour=red"), store::StoreError);
  CHECK_THROWS_AS(store::parse_filter("label"), store::StoreError);
  CHECK(store::is_store_spec("runs.db"));
  CHECK(store::is_store_spec("runs.db?label=x"));
  CHECK_FALSE(store::is_store_spec("runs.json"));
  CHECK_FALSE(store::is_store_spec("x.log?label=a.db"));
}

TEST_CASE("store: litmus7 logs are kept, with a label and architecture given at add", "[store]") {
  Scratch s;
  store::Store st((s.dir / "runs.db").string());
  const std::string log =
      std::string(HBSCOPE_SOURCE_DIR) + "/tests/data/logs/aarch64-raspberrypi-mp.log";
  const auto added = st.add({log}, {.label = "pi3", .arch = "aarch64"});
  REQUIRE(added[0].added);
  const auto back = st.query({.label = "pi3"});
  REQUIRE(back.size() == 1);
  CHECK(back[0].from_log);
  CHECK(back[0].label == "pi3");
  CHECK(back[0].record.machine.arch == "aarch64");
  const report::RunRecord direct = report::read_source(log).record;
  REQUIRE(back[0].record.tests.size() == direct.tests.size());
  CHECK(back[0].record.tests[0].histogram.size() == direct.tests[0].histogram.size());
  CHECK(back[0].record.tests[0].iterations == direct.tests[0].iterations);
  CHECK(back[0].record.tool == direct.tool);
}

TEST_CASE("store: an unreadable file adds nothing; a foreign or newer database is refused",
          "[store]") {
  Scratch s;
  const std::string db = (s.dir / "runs.db").string();
  const std::string good = write_run(s, "epyc", "x86_64", "2026-01-05T10:00:00Z");
  const std::string bad = (s.dir / "bad.json").string();
  support::write_output(bad, "{\"schema\": 1}");
  {
    store::Store st(db);
    CHECK_THROWS_AS(st.add({good, bad}), report::ResultsError);
    CHECK(st.list().empty());
  }
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  sqlite3_exec(h, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  CHECK_THROWS_WITH(store::Store(db), Catch::Contains("store schema version 99"));

  const std::string other = (s.dir / "other.db").string();
  REQUIRE(sqlite3_open(other.c_str(), &h) == SQLITE_OK);
  sqlite3_exec(h, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  CHECK_THROWS_WITH(store::Store(other), Catch::Contains("not an hbscope store"));
  CHECK_THROWS_WITH(store::read_sources((s.dir / "absent.db").string()),
                    Catch::Contains("no such store"));
}
