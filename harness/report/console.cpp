#include "report/console.hpp"

#include <fmt/format.h>

#include <sstream>

#include "report/stats.hpp"
#include "support/text.hpp"

namespace hbscope::report {

using support::group_digits;
using support::per_million;
using support::per_million_text;
using support::per_second;
using support::wrap;

namespace {
std::string percent_text(double fraction) { return per_million_text(fraction * 100); }
std::string pu_list(const std::vector<int>& pus) {
  std::string s;
  for (std::size_t i = 0; i < pus.size(); ++i)
    s += (i ? "," : "") + (pus[i] < 0 ? std::string("?") : std::to_string(pus[i]));
  return s;
}
std::string cpp_column(const TestRecord& t) {
  if (t.rc11 == t.iso) return std::string(name(t.rc11));
  return t.rc11 == Verdict::forbidden ? "iso-only" : "rc11-only";
}
std::string grade_text(const TestRecord& t) {
  switch (t.grade) {
    case Grade::forbidden_seen:
      return "FORBIDDEN SEEN";
    case Grade::emulator_fault:
      return "EMULATOR FAULT";
    case Grade::weak_seen:
      return "weak seen";
    case Grade::weak_not_seen:
      return t.witness_on_hardware == Verdict::forbidden
                 ? fmt::format("never on {}", t.hardware_model)
                 : fmt::format("not seen (<{:.2g}/1M)", t.witness_rate_bound * 1e6);
    case Grade::ok:
      break;
  }
  return std::string(name(t.grade));
}
}  // namespace

std::string console_header(const RunRecord& r) {
  const MachineInfo& m = r.machine;
  std::string s = fmt::format("hbscope {} ({}) {}\n", r.version, r.git_sha.substr(0, 12), r.date);
  s += fmt::format("machine  {} {} {}\n", m.arch, m.cpu_vendor, m.cpu_model);
  s += wrap(m.topology, "         ");
  std::string env = m.kernel;
  if (!m.hypervisor.empty()) env += ", " + m.hypervisor + " guest";
  s += fmt::format("         {}\n", env);
  if (m.emulated) s += wrap("EMULATED: " + m.emulation + ". Not a hardware result.", "         ");
  s += fmt::format("build    {} {} ({})\n", r.build.compiler, r.build.flags, r.build.build_type);
  const std::string work = r.settings.seconds > 0
                               ? fmt::format("{:g} s per test", r.settings.seconds)
                               : group_digits(r.settings.iterations) + " iterations per test";
  s += fmt::format("settings {}, {} instances per run, stride {}\n", work,
                   group_digits(r.settings.size), r.settings.stride);
  const std::string period = r.settings.sync == Sync::timebase
                                 ? fmt::format(" every {:g} ns{}", r.settings.period_ns,
                                               r.settings.adaptive_period ? " (adaptive)" : "")
                                 : "";
  s += wrap(fmt::format("sync {}{}, visit {}, homes {}, preload {}, layout {}, placement {}{}",
                        name(r.settings.sync), period, name(r.settings.visit),
                        name(r.settings.homes), r.settings.preload ? "yes" : "no",
                        r.settings.same_line ? "same-line" : "lines", name(r.settings.placement),
                        r.settings.cpus.empty() ? "" : ", cpus " + r.settings.cpus),
            "         ");
  if (!r.label.empty()) s += fmt::format("label    {}\n", r.label);
  return s;
}

std::string forbidden_alarm(const TestRecord& t) {
  std::string s;
  for (const OutcomeRow& o : t.histogram)
    if (o.cls == OutcomeClass::forbidden && o.count > 0)
      s += t.grade == Grade::emulator_fault
               ? fmt::format(
                     "!! forbidden outcome under emulation in {}: {} seen {} times. C++ forbids "
                     "it: emulator fault, not a hardware result.\n",
                     t.name, o.outcome, group_digits(o.count))
               : fmt::format(
                     "!! FORBIDDEN OUTCOME in {}: {} seen {} times. C++ forbids it: a compiler, "
                     "CPU, emulator or harness bug.\n",
                     t.name, o.outcome, group_digits(o.count));
  return s;
}

std::string console_test(const TestRecord& t) {
  std::string title = fmt::format("-- {} ", t.name);
  const std::string verdict = fmt::format(" C++ {} --", cpp_column(t));
  const std::size_t fill =
      title.size() + verdict.size() < 79 ? 79 - title.size() - verdict.size() : 1;
  std::string s = title + std::string(fill, '-') + verdict + "\n";
  const double speed = t.seconds > 0 ? static_cast<double>(t.iterations) / t.seconds : 0;
  s += fmt::format("   {} | {} iterations | {:.2f} s | {} it/s{}{}\n",
                   t.placement.plan.pinned ? "PUs " + pu_list(t.placement.observed) : "unpinned",
                   group_digits(t.iterations), t.seconds, per_second(speed),
                   t.period_ns > 0 ? fmt::format(" | {:.0f} ns", t.period_ns) : "",
                   t.partial ? " | PARTIAL (interrupted)" : "");
  if (!t.placement.plan.warning.empty()) s += wrap("warning: " + t.placement.plan.warning, "   ");
  s += fmt::format("   {:<34} {:>13} {:>11}  {}\n", "outcome", "count", "per 1M", "class");
  for (const OutcomeRow& o : t.histogram) {
    // An outcome the CPU's own model forbids, though C++ allows it, is worth a second look.
    const auto hw = o.models.find(t.hardware_model);
    const bool hw_forbids = !t.hardware_model.empty() && hw != o.models.end() && !hw->second &&
                            o.cls != OutcomeClass::forbidden;
    s += fmt::format(" {} {:<34} {:>13} {:>11.1f}  {}{}\n", o.satisfies ? '*' : ' ', o.outcome,
                     group_digits(o.count), per_million(o.count, t.iterations), name(o.cls),
                     hw_forbids ? " (not " + t.hardware_model + "!)" : "");
  }
  s += fmt::format("   {}: {} {} {}\n", t.condition, name(t.observation), t.positive, t.negative);
  if (t.overlap) {
    const Overlap& o = *t.overlap;
    s += fmt::format("   overlap {}% of iterations interleaved or weak (95% CI {} to {}%)\n",
                     percent_text(o.rate), percent_text(o.low), percent_text(o.high));
    if (o.rate < kLowOverlap && t.witnesses == 0)
      s += wrap(fmt::format("warning: the threads overlapped in under {}% of iterations, so "
                            "this \"{}\" shows little: they mostly ran one after another "
                            "(README, \"Detection rate\")",
                            percent_text(kLowOverlap), name(t.observation)),
                "   ");
  }
  if (t.learnt && (!t.learnt->homes.empty() || t.learnt->shuffled > 0)) {
    std::string homes;
    for (const auto& [loc, thread] : t.learnt->homes)
      homes += fmt::format("{}{}: P{}", homes.empty() ? "" : ", ", loc, thread);
    s += wrap(fmt::format("learnt: {}% of runs shuffled, period x{:.1f}{}",
                          percent_text(t.learnt->shuffled), t.learnt->stretch,
                          homes.empty() ? "" : ", line homes " + homes),
              "   ");
  }
  if (t.grade == Grade::forbidden_seen || t.grade == Grade::emulator_fault) {
    std::istringstream alarms(forbidden_alarm(t));
    for (std::string line; std::getline(alarms, line);) s += wrap(line, "   ");
  } else if (t.grade == Grade::weak_seen) {
    const Interval ci = wilson_interval(t.witnesses, t.iterations);
    s += wrap(
        fmt::format("weak outcome shown, {} per 1M (95% CI {} to {}), {}/s, first "
                    "within {} iterations ({:.3g} s): {}",
                    per_million_text(per_million(t.witnesses, t.iterations)),
                    per_million_text(ci.low * 1e6), per_million_text(ci.high * 1e6),
                    per_second(t.seconds > 0 ? static_cast<double>(t.witnesses) / t.seconds : 0),
                    group_digits(t.first_witness_iterations), t.first_witness_seconds, t.why),
        "   ");
  } else if (t.grade == Grade::weak_not_seen) {
    if (t.witness_on_hardware == Verdict::forbidden)
      s += wrap(fmt::format("allowed by C++, never on {}: the model of this CPU forbids it for "
                            "the instructions compiled (rate < {:.2g} per 1M at 95%)",
                            t.hardware_model, t.witness_rate_bound * 1e6),
                "   ");
    else
      s += fmt::format("   allowed by C++ but not seen (rate < {:.2g} per 1M at 95%)\n",
                       t.witness_rate_bound * 1e6);
  } else {
    s += wrap("ok, never seen: " + t.why, "   ");
  }
  return s;
}

std::string console_summary(const RunRecord& r) {
  std::string s = fmt::format("\n{:<24} {:<10} {:>11} {:>11}  {}\n", "test", "C++", "witnesses",
                              "per 1M", "grade");
  int forbidden = 0, shown = 0, allowing = 0, faults = 0;
  for (const TestRecord& t : r.tests) {
    s += fmt::format("{:<24} {:<10} {:>11} {:>11.1f}  {}{}\n", t.name, cpp_column(t),
                     group_digits(t.witnesses), per_million(t.witnesses, t.iterations),
                     grade_text(t), t.partial ? " (partial)" : "");
    forbidden += t.grade == Grade::forbidden_seen;
    faults += t.grade == Grade::emulator_fault;
    shown += t.grade == Grade::weak_seen;
    allowing += t.grade == Grade::weak_seen || t.grade == Grade::weak_not_seen;
  }
  s += fmt::format("\n{} tests: weak outcome shown in {} of the {} that allow one; ",
                   r.tests.size(), shown, allowing);
  s += forbidden ? fmt::format("FORBIDDEN OUTCOMES IN {} TESTS\n", forbidden)
                 : "no forbidden outcome\n";
  if (faults)
    s += fmt::format("{} tests showed forbidden outcomes under emulation: emulator faults\n",
                     faults);
  if (r.partial) s += "interrupted: the run is partial\n";
  if (r.machine.emulated) s += "emulated run: these are not hardware results\n";
  return s;
}

std::string console_report(const RunRecord& r) {
  std::string s = console_header(r);
  for (const TestRecord& t : r.tests) s += "\n" + console_test(t);
  return s + console_summary(r);
}

}  // namespace hbscope::report
