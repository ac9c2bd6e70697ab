// hbscope run: what machine this is, for self-describing results.
#pragma once

#include <string>
#include <vector>

#include "core/machine.hpp"
#include "run/topology.hpp"

namespace hbscope::run {

//! Reads uname, hwloc and /proc/cpuinfo. Never throws: unknown fields stay empty.
MachineInfo describe_machine(const Topology& topo);

//! Is this process running under an instruction-set emulator (qemu-user)? Empty when not;
//! otherwise how that was detected. Computed once.
const std::string& emulation();

}  // namespace hbscope::run
