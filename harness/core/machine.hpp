//! hbscope core: what machine a run was on, for self-describing results.
#pragma once

#include <string>
#include <vector>

namespace hbscope {

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
  std::string topology;  // one line, e.g. "1 package, 2 cores, 2 PUs; L1d 32KiB x2, ..."
  std::string kernel;    // uname -sr
  std::string hostname;
  std::string hypervisor;  // e.g. "KVM", empty when none is detected
  int packages = 0, cores = 0, pus = 0;
  int usable_pus = 0;  // PUs this process may run on (taskset, cpusets)
  std::vector<Cache> caches;
  bool emulated = false;  // running under an instruction-set emulator (qemu-user)
  std::string emulation;  // how that was detected
};

//! The architecture this binary was compiled for: "x86_64", "aarch64", "arm", "riscv64", "ppc64" or
//! "unknown".
constexpr const char* compiled_arch() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__arm__)
  return "arm";
#elif defined(__riscv)
  return "riscv64";
#elif defined(__powerpc64__)
  return "ppc64";
#else
  return "unknown";
#endif
}

}  // namespace hbscope
