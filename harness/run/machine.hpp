// hbscope run: what machine this is, for self-describing results.
#pragma once

#include <string>
#include <vector>

#include "run/topology.hpp"

namespace hbscope::run {

struct Cache {
  int level = 0;
  std::string type;  // "data", "instruction", "unified"
  unsigned long long size = 0;
  int count = 0;
};

struct MachineInfo {
  std::string arch;         // what the kernel reports (uname -m)
  std::string binary_arch;  // what this executable was compiled for
  std::string cpu_vendor;
  std::string cpu_model;
  int packages = 0, cores = 0, pus = 0;
  int usable_pus = 0;       // PUs this process may run on (taskset, cpusets)
  std::vector<Cache> caches;
  std::string topology;     // one line, e.g. "1 package, 2 cores, 2 PUs; L1d 32KiB x2, ..."
  std::string kernel;       // uname -sr
  std::string hostname;
  std::string hypervisor;   // e.g. "KVM", empty when none is detected
  bool emulated = false;    // running under an instruction-set emulator (qemu-user)
  std::string emulation;    // how that was detected
};

//! Reads uname, hwloc and /proc/cpuinfo. Never throws: unknown fields stay empty.
MachineInfo describe_machine(const Topology& topo);

//! Is this process running under an instruction-set emulator (qemu-user)? Empty when not;
//! otherwise how that was detected. Computed once.
const std::string& emulation();

//! The architecture this binary was compiled for: "x86_64", "aarch64", or the compiler's name.
const char* compiled_arch();

}  // namespace hbscope::run
