//! hbscope run: one compiled test, measured on this machine: placement planned, threads
//! pinned, iterations run.
#pragma once

#include "core/measurement.hpp"
#include "core/settings.hpp"
#include "run/engine.hpp"
#include "run/registry.hpp"
#include "run/topology.hpp"

namespace hbscope::run {

//! Plans placement from `settings` (its policy, or its CPU list), runs the engine, returns the
//! histogram and where the threads ran. `serial`: the test's serial outcomes
//! (model::serial_outcomes), which the schedule learns to avoid. Throws std::invalid_argument for a
//! CPU list that names CPUs this process may not use.
Measurement measure(const Entry& entry, const std::vector<Outcome>& serial,
                    const Settings& settings, const Topology& topo, const Control& control = {});

}  // namespace hbscope::run
