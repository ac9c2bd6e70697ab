#include "report/litmus_log.hpp"

#include <fmt/format.h>

namespace hbscope::report {

std::string litmus_log(const RunRecord& r) {
  std::string s;
  for (const TestRecord& t : r.tests) {
    const std::string banner = fmt::format("% Results for {} %", t.name);
    const std::string bar(banner.size(), '%');
    s += bar + "\n" + banner + "\n" + bar + "\n";
    s += fmt::format("C {}\n{}\n", t.name, t.declaration);
    const bool exists = t.condition.rfind("exists", 0) == 0;
    const bool not_exists = t.condition.rfind("~exists", 0) == 0;
    const char* kind = exists ? "Allowed" : not_exists ? "Forbidden" : "Required";
    s += fmt::format("Test {} {}\n", t.name, kind);
    s += fmt::format("Histogram ({} states)\n", t.histogram.size());
    for (const OutcomeRow& o : t.histogram)
      s += fmt::format("{:<6}{}>{}\n", o.count, o.satisfies ? '*' : ':', o.outcome);
    const bool validated = exists ? t.positive > 0 : not_exists ? t.positive == 0 : t.negative == 0;
    s += validated ? "Ok\n" : "No\n";
    s += fmt::format("\nWitnesses\nPositive: {}, Negative: {}\n", t.positive, t.negative);
    s += fmt::format("Condition {} is {}validated\n", t.condition, validated ? "" : "NOT ");
    s += fmt::format("Hash={}\n", t.hash);
    s += fmt::format("Observation {} {} {} {}\n", t.name, name(t.observation), t.positive,
                     t.negative);
    s += fmt::format("Time {} {:.2f}\n", t.name, t.seconds);
    // A comment line, which litmus7's readers skip: how often the threads overlapped.
    if (t.overlap)
      s += fmt::format("% Overlap {}: {:.6g} [{:.6g}, {:.6g}] of iterations not serial\n", t.name,
                       t.overlap->rate, t.overlap->low, t.overlap->high);
    s += "\n";
  }
  const MachineInfo& m = r.machine;
  s += fmt::format("Revision {}, version {}\n", r.git_sha, r.version);
  s += fmt::format("Command line: {}\n", r.command);
  s += fmt::format("Machine: {} {} {}; {}{}\n", m.arch, m.cpu_vendor, m.cpu_model, m.topology,
                   m.emulated ? "; EMULATED (" + m.emulation + ")" : "");
  s += fmt::format("Compiler: {} {}\n", r.build.compiler, r.build.flags);
  return s;
}

}  // namespace hbscope::report
