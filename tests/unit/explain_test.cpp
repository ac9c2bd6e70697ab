#include "report/explain.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "report/model_view.hpp"
#include "run/registry.hpp"

using namespace hbscope;

namespace {
const Test& test(const char* name) { return *run::Registry::instance().find(name)->test; }
}  // namespace

TEST_CASE("explain MP+rel+acq: the acquire reads the release, so the data load cannot read 0",
          "[explain]") {
  const std::string s = report::explain_text(test("MP+rel+acq"));
  CHECK_THAT(s, Catch::Contains("x.store(1, rlx);          r0 = y.load(acq);"));
  CHECK_THAT(s, Catch::Contains("The question: can a run end with P1's r0 = 1 and P1's r1 = 0?"));
  // RC11's story, in order: data store, sb, release store, sw, acquire load, sb, data load
  // (reads 0), fr, back to the data store.
  CHECK_THAT(s, Catch::Contains("rc11: forbidden, hb ; eco cycle: coherence\n"
                                "    P0: x.store(1, rlx)\n"
                                "      is sequenced before (sb)\n"
                                "    P0: y.store(1, rel)\n"
                                "      synchronises with (sw)\n"
                                "    P1: r0 = y.load(acq), reads 1\n"
                                "      is sequenced before (sb)\n"
                                "    P1: r1 = x.load(rlx), reads 0\n"
                                "      reads a value overwritten by (fr)\n"
                                "    P0: x.store(1, rlx)\n"));
  CHECK_THAT(s, Catch::Contains("x86-tso: forbidden, ghb cycle: tso"));
  CHECK_THAT(s, Catch::Contains("armv8: forbidden, ob cycle: external visibility"));
}

TEST_CASE("explain SB+rel+acq: C++ and x86 allow it, ARMv8 (stlr then ldar) does not",
          "[explain]") {
  const std::string s = report::explain_text(test("SB+rel+acq"));
  CHECK_THAT(s, Catch::Contains("sc: forbidden, po ∪ rf ∪ co ∪ fr cycle"));
  CHECK_THAT(s, Catch::Contains("rc11: ALLOWED"));
  CHECK_THAT(s, Catch::Contains("iso: ALLOWED"));
  CHECK_THAT(s, Catch::Contains("x86-tso: ALLOWED"));
  CHECK_THAT(s, Catch::Contains("armv8: forbidden, ob cycle: external visibility"));
}

TEST_CASE("explain LB+rlx names no-thin-air, and RMW names atomicity", "[explain]") {
  CHECK_THAT(report::explain_text(test("LB+rlx")),
             Catch::Contains("rc11: forbidden, po ∪ rf cycle: no thin air"));
  const std::string rmw = report::explain_text(test("RMW+fadd+rlx"));
  CHECK_THAT(rmw, Catch::Contains("rc11: forbidden, rmw ∩ (fr ; co): atomicity"));
  CHECK_THAT(rmw, Catch::Contains("is the read half of the RMW that writes (rmw)"));
}

TEST_CASE("the execution graph is Graphviz with the cycle in red", "[explain]") {
  const std::string dot = report::explain_dot(test("MP+rel+acq"), model::Model::rc11);
  CHECK(dot.rfind("digraph \"MP+rel+acq\" {", 0) == 0);
  CHECK_THAT(dot, Catch::Contains("forbidden (hb ; eco cycle: coherence)"));
  CHECK_THAT(dot, Catch::Contains("subgraph cluster_P0"));
  CHECK_THAT(dot, Catch::Contains("subgraph cluster_P1"));
  CHECK_THAT(dot, Catch::Contains("[label=\"sw\", color=red"));
  CHECK_THAT(dot, Catch::Contains("[label=\"fr\", color=red"));
  CHECK_THAT(dot, Catch::Contains("label=\"rf\""));
  const std::string allowed = report::explain_dot(test("SB+rlx"), model::Model::x86_tso);
  CHECK_THAT(allowed, Catch::Contains("under x86-tso: allowed"));
  CHECK_THAT(allowed, !Catch::Contains("color=red"));
}

TEST_CASE("model --json's format matches its golden file", "[model][golden]") {
  nlohmann::json all = nlohmann::json::array();
  for (const char* name : {"MP+rel+acq", "SB+rlx", "LB+rlx"})
    all.push_back(report::model_json(test(name)));
  CHECK(testing::matches_golden(report::json_text(all), "model.json"));
}
