#include "campaign/tune.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "campaign/session.hpp"

namespace hbscope::campaign {

double TuneTrial::witnesses_per_second() const {
  return record.seconds > 0 ? static_cast<double>(record.witnesses) / record.seconds : 0.0;
}
double TuneTrial::iterations_per_second() const {
  return record.seconds > 0 ? static_cast<double>(record.iterations) / record.seconds : 0.0;
}
double TuneTrial::overlaps_per_second() const {
  return record.seconds > 0 && record.overlap
             ? static_cast<double>(record.overlap->count) / record.seconds
             : 0.0;
}

std::vector<Settings> tune_candidates(const Test& test, const Settings& base) {
  std::vector<Settings> out;
  for (bool preload : {false, true}) {
    for (double period : {15.0, 20.0, 30.0, 50.0, 100.0}) {
      Settings s = base;
      s.sync = Sync::timebase;
      s.period_ns = period;
      s.offset_ns = 0;
      s.preload = preload;
      out.push_back(s);
    }
    {  // a new random visit order every run (litmus7's -mem indirect does alike)
      Settings s = base;
      s.sync = Sync::timebase;
      s.visit = Visit::shuffled;
      s.preload = preload;
      out.push_back(s);
    }
    for (double offsets : {-1.0, 500.0}) {
      Settings s = base;
      s.sync = Sync::timebase;
      s.period_ns = 30;
      s.offset_ns = offsets;
      s.preload = preload;
      out.push_back(s);
    }
    for (Sync sync : {Sync::fenced, Sync::barrier})
      for (std::uint32_t stride : {1u, 16u, 97u}) {
        Settings s = base;
        s.sync = sync;
        s.stride = stride;
        s.preload = preload;
        out.push_back(s);
      }
    if (run::perpetual_problem(test).empty()) {
      Settings s = base;
      s.sync = Sync::perpetual;
      s.preload = preload;
      out.push_back(s);
    }
  }
  return out;
}

std::string tune_flags(const Settings& s) {
  std::string d = fmt::format("--sync {}", name(s.sync));
  if (s.sync == Sync::timebase) {
    d += fmt::format(" --period {:g}", s.period_ns);
    d += s.offset_ns < 0 ? std::string(" --offsets auto")
                         : fmt::format(" --offsets {:g}", s.offset_ns);
  }
  if (s.counter_hz > 0) d += fmt::format(" --counter-hz {:g}", s.counter_hz);
  if (s.visit != Visit::learnt) d += fmt::format(" --visit {}", name(s.visit));
  if (s.stride != 1) d += fmt::format(" --stride {}", s.stride);
  d += fmt::format(" --preload {}", s.preload ? "yes" : "no");
  return d;
}

std::vector<TuneTrial> tune(const run::Entry& entry, const Settings& base, double budget,
                            const run::Topology& topo, const std::atomic<bool>& stop,
                            const std::function<void(std::size_t, std::size_t)>& progress) {
  const std::vector<Settings> candidates = tune_candidates(*entry.test, base);
  const double each = budget / static_cast<double>(candidates.size());
  std::vector<TuneTrial> trials;
  for (const Settings& c : candidates) {
    if (stop.load()) break;
    TuneTrial trial{c, {}};
    trial.settings.seconds = each;
    trial.record = measure_and_grade(entry, trial.settings, topo, {&stop, nullptr});
    trials.push_back(std::move(trial));
    if (progress) progress(trials.size(), candidates.size());
  }
  std::stable_sort(trials.begin(), trials.end(), [](const TuneTrial& a, const TuneTrial& b) {
    if (a.witnesses_per_second() != b.witnesses_per_second())
      return a.witnesses_per_second() > b.witnesses_per_second();
    if (a.overlaps_per_second() != b.overlaps_per_second())
      return a.overlaps_per_second() > b.overlaps_per_second();
    return a.iterations_per_second() > b.iterations_per_second();
  });
  return trials;
}

}  // namespace hbscope::campaign
