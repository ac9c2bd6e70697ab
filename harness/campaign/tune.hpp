//! hbscope campaign: `tune` — try synchronisation modes and layout knobs on one test and rank
//! them by the rate at which its witness shows.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "report/results.hpp"
#include "run/registry.hpp"
#include "run/topology.hpp"

namespace hbscope::campaign {

struct TuneTrial {
  Settings settings;
  report::TestRecord record;
  [[nodiscard]] double witnesses_per_second() const;
  [[nodiscard]] double iterations_per_second() const;
  //! Iterations per second whose outcome no serial order of the threads gives.
  [[nodiscard]] double overlaps_per_second() const;
};

//! The settings tried: timebase at several periods, at 30 ns with learnt start offsets over a
//! range derived per test and over a wide fixed one, and always shuffled; fenced and barrier
//! with and without stride, perpetual where it is exact for the test; each with and without
//! preload. Visit order and homes stay learnt unless the base settings fix them.
std::vector<Settings> tune_candidates(const Test& test, const Settings& base);

//! The flags that select `s` on the command line, e.g. "--sync timebase --period 30 --preload no".
std::string tune_flags(const Settings& s);

//! Runs every candidate for an equal share of `budget` seconds (fewer when `stop` is raised)
//! and returns the trials run, best first: most witnesses per second, then most overlapping
//! iterations per second (what a test whose witness this machine never shows can still rank
//! by), then most iterations.
std::vector<TuneTrial> tune(const run::Entry& entry, const Settings& base, double budget,
                            const run::Topology& topo, const std::atomic<bool>& stop,
                            const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace hbscope::campaign
