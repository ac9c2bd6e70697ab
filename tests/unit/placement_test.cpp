#include <catch2/catch.hpp>

#include "run/topology.hpp"

using namespace hbscope;
using namespace hbscope::run;

TEST_CASE("one PU: a two-thread test runs unpinned, oversubscribed, with a warning",
          "[placement]") {
  const Topology t = Topology::synthetic("pu:1");
  REQUIRE(t.pus().size() == 1);
  const Plan p = plan_placement(t, Policy::cores, 2);
  CHECK_FALSE(p.pinned);
  CHECK(p.oversubscribed);
  CHECK(p.pus.empty());
  CHECK_THAT(p.warning, Catch::Contains("2 threads but only 1 PUs"));
}

TEST_CASE("two cores: each thread on its own core", "[placement]") {
  const Topology t = Topology::synthetic("core:2 pu:1");
  for (Policy pol : {Policy::cores, Policy::spread, Policy::smt}) {
    const Plan p = plan_placement(t, pol, 2);
    CHECK(p.pinned);
    CHECK(p.pus == std::vector<int>{0, 1});
    CHECK(p.warning.empty());
  }
  const Plan iriw = plan_placement(t, Policy::cores, 4);
  CHECK_FALSE(iriw.pinned);
  CHECK(iriw.oversubscribed);
  const Plan none = plan_placement(t, Policy::none, 2);
  CHECK_FALSE(none.pinned);
  CHECK_FALSE(none.oversubscribed);
  CHECK(none.policy == Policy::none);
}

TEST_CASE("2 packages x 8 cores x 2 PUs: policies choose different PUs", "[placement]") {
  const Topology t = Topology::synthetic("pack:2 core:8 pu:2");
  REQUIRE(t.pus().size() == 32);
  CHECK(t.count(HWLOC_OBJ_CORE) == 16);
  // cores: first PU of consecutive cores in the first package.
  CHECK(plan_placement(t, Policy::cores, 2).pus == std::vector<int>{0, 2});
  CHECK(plan_placement(t, Policy::cores, 4).pus == std::vector<int>{0, 2, 4, 6});
  // smt: the two siblings of core 0.
  CHECK(plan_placement(t, Policy::smt, 2).pus == std::vector<int>{0, 1});
  // spread: alternate packages.
  CHECK(plan_placement(t, Policy::spread, 2).pus == std::vector<int>{0, 16});
  CHECK(plan_placement(t, Policy::spread, 4).pus == std::vector<int>{0, 16, 2, 18});
  // More threads than cores: siblings are used, with a warning.
  const Plan twenty = plan_placement(t, Policy::cores, 20);
  CHECK(twenty.pinned);
  CHECK(twenty.pus.size() == 20);
  CHECK(twenty.pus[16] == 1);
  CHECK_THAT(twenty.warning, Catch::Contains("share a core"));
  // More threads than PUs: unpinned.
  CHECK_FALSE(plan_placement(t, Policy::cores, 33).pinned);
}

TEST_CASE("an explicit CPU list overrides the policy", "[placement]") {
  const Topology t = Topology::synthetic("pack:2 core:8 pu:2");
  const Plan p = plan_placement(t, Policy::cores, 2, {5, 3});
  CHECK(p.pinned);
  CHECK(p.policy == Policy::cpus);
  CHECK(p.pus == std::vector<int>{5, 3});
  // A list shorter than the threads: pinned round-robin, and recorded as oversubscribed.
  const Plan short_list = plan_placement(t, Policy::cores, 2, {5});
  CHECK(short_list.pinned);
  CHECK(short_list.pus == std::vector<int>{5, 5});
  CHECK(short_list.oversubscribed);
  CHECK_THAT(short_list.warning, Catch::Contains("2 threads on 1 CPUs"));
  const Plan three_on_two = plan_placement(t, Policy::cores, 3, {5, 3});
  CHECK(three_on_two.pus == std::vector<int>{5, 3, 5});
  CHECK(three_on_two.oversubscribed);
  CHECK_THROWS_WITH(plan_placement(t, Policy::cores, 2, {0, 99}), Catch::Contains("CPU 99"));
}

TEST_CASE("CPU lists parse strictly", "[placement]") {
  CHECK(parse_cpu_list("0-3,8") == std::vector<int>{0, 1, 2, 3, 8});
  CHECK(parse_cpu_list("7") == std::vector<int>{7});
  for (const char* bad : {"", "0,,1", "3-1", "a", "1,1", "-1", "0-", "1 2"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_cpu_list(bad), std::invalid_argument);
  }
}

TEST_CASE("this machine's topology binds and reports PUs", "[placement]") {
  const Topology t = Topology::this_machine();
  REQUIRE_FALSE(t.pus().empty());
  const int pu = t.pus().front().os_index;
  REQUIRE(t.bind_this_thread(pu));
  CHECK(t.last_pu_of_this_thread() == pu);
}
