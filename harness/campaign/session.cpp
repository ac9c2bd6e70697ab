#include "campaign/session.hpp"

#include <fmt/format.h>

#include <ctime>

#include "build_info.hpp"
#include "model/interleavings.hpp"
#include "report/grade.hpp"
#include "run/machine.hpp"
#include "run/measure.hpp"

namespace hbscope::campaign {

namespace {

std::string compiler_id() {
#if defined(__clang__)
  return fmt::format("clang++ {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("g++ {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown compiler";
#endif
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

report::RunRecord new_record(const Settings& settings, const run::Topology& topo,
                             const std::string& command, const std::string& label) {
  report::RunRecord rec;
  rec.version = HBSCOPE_VERSION;
  rec.git_sha = HBSCOPE_GIT_SHA;
  rec.date = utc_now();
  rec.command = command;
  rec.label = label;
  rec.machine = run::describe_machine(topo);
  rec.build = {compiler_id(), HBSCOPE_CXX_FLAGS, HBSCOPE_BUILD_TYPE};
  rec.settings = settings;
  if (settings.seconds > 0) rec.settings.iterations = 0;  // the time decides, not a count
  rec.partial = true;
  return rec;
}

report::TestRecord measure_and_grade(const run::Entry& entry, const Settings& settings,
                                     const run::Topology& topo, const run::Control& control) {
  const Test& test = *entry.test;
  const OutcomeLayout layout(test, Condition::parse(test.condition));
  const Measurement m =
      run::measure(entry, model::serial_outcomes(test, layout), settings, topo, control);
  return report::grade(test, layout, m, !run::emulation().empty(), compiled_arch());
}

void run_session(report::RunRecord& record, const std::vector<const run::Entry*>& tests,
                 const run::Topology& topo, const std::atomic<bool>& stop,
                 const Observer& observer) {
  record.partial = true;
  for (const run::Entry* e : tests) {
    if (stop.load()) break;
    run::Control control{&stop, nullptr};
    if (observer.progress)
      control.progress = [&](std::uint64_t done, std::uint64_t target, double secs) {
        observer.progress(*e->test, done, target, secs);
      };
    record.tests.push_back(measure_and_grade(*e, record.settings, topo, control));
    if (observer.measured) observer.measured(record);
  }
  record.partial = stop.load() || record.tests.size() < tests.size() ||
                   std::any_of(record.tests.begin(), record.tests.end(),
                               [](const report::TestRecord& t) { return t.partial; });
}

}  // namespace hbscope::campaign
