#include "report/measure.hpp"

#include "run/machine.hpp"

namespace hbscope::report {

TestRecord measure(const run::Entry& entry, const run::Settings& settings,
                   const run::Topology& topo, run::Policy policy, const std::vector<int>& cpus,
                   const run::Control& control) {
  const Test& test = *entry.test;
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const run::Plan plan = run::plan_placement(topo, policy, test.threads.size, cpus);
  run::Engine engine(test, layout, settings, plan, topo, control);
  const run::Result result = engine.execute(entry.loops.data());
  return grade(test, layout, result, plan, !run::emulation().empty());
}

}  // namespace hbscope::report
