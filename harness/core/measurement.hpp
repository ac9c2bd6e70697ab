//! hbscope core: where a test's threads ran and what they produced, as plain data.
//!
//! run/ fills these in; report/ grades and prints them without knowing how they were made.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/histogram.hpp"
#include "core/vocabulary.hpp"

namespace hbscope {

//! Where each thread of one test runs. `pus` is empty when the test runs unpinned.
struct Plan {
  Policy policy = Policy::cores;
  std::vector<int> pus;  // OS index per thread
  bool pinned = false;
  bool oversubscribed = false;  // two test threads share a PU: spin loops yield
  std::string warning;          // why the plan is not what was asked for, empty when it is
};

//! One test's run: the plan it ran under and the histogram it produced.
struct Measurement {
  Plan plan;
  Histogram histogram;
  std::uint64_t iterations = 0;
  double seconds = 0;
  bool partial = false;       // stopped before the target (signal or time limit)
  std::vector<int> pus_seen;  // per thread: OS index of the PU it last ran on, -1 unknown
  std::vector<bool> bound;    // per thread: did the OS accept the binding?
  //! When the witness first showed: iterations done by the end of the run that first showed
  //! it, and seconds then (both 0 when it never did). Resolution: one run (`size`).
  std::uint64_t first_witness_iterations = 0;
  double first_witness_seconds = 0;
  //! timebase mode: the period actually used, averaged over runs (weighted by instances).
  double mean_period_ns = 0;
  //! timebase mode: the range of the start offsets (0: aligned), the cache-line transfer
  //! it was derived from (0 when not measured), and the counter's rate.
  double offset_range_ns = 0;
  double transfer_ns = 0;
  double counter_hz = 0;
  //! Where the learnt layout settled (run/steering.hpp): per location, the thread whose cache
  //! held its line at the start of runs most often to the good (empty when homes were not
  //! learnt); the share of runs visited in a random order; the mean stretch of the period.
  std::vector<int> homes;
  double shuffled_share = 0;
  double mean_stretch = 1;
};

}  // namespace hbscope
