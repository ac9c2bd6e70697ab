#include "run/measure.hpp"

namespace hbscope::run {

Measurement measure(const Entry& entry, const std::vector<Outcome>& serial,
                    const Settings& settings, const Topology& topo, const Control& control) {
  const Test& test = *entry.test;
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const std::vector<int> cpus =
      settings.placement == Policy::cpus ? parse_cpu_list(settings.cpus) : std::vector<int>{};
  const Plan plan = plan_placement(topo, settings.placement, test.threads.size, cpus);
  Engine engine(test, layout, serial, settings, plan, topo, control);
  return engine.execute(entry.loops.data());
}

}  // namespace hbscope::run
