#include "run/machine.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace hbscope::run {

namespace {

std::map<std::string, std::string> cpuinfo_first_block() {
  std::map<std::string, std::string> kv;
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto trim = [](const std::string& s) {
      const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
      return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
    };
    const std::string key = trim(line.substr(0, colon));
    if (!kv.count(key)) kv[key] = trim(line.substr(colon + 1));
  }
  return kv;
}

std::string hypervisor_from_cpuid() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned a = 0, b = 0, c = 0, d = 0;
  __cpuid(1, a, b, c, d);
  if (!(c & (1u << 31))) return {};  // no hypervisor present bit
  __cpuid(0x40000000, a, b, c, d);
  char sig[13] = {};
  std::memcpy(sig + 0, &b, 4);
  std::memcpy(sig + 4, &c, 4);
  std::memcpy(sig + 8, &d, 4);
  const std::string s(sig);
  if (s == "KVMKVMKVM") return "KVM";
  if (s == "Microsoft Hv") return "Hyper-V";
  if (s == "VMwareVMware") return "VMware";
  if (s == "XenVMMXenVMM") return "Xen";
  if (s == "TCGTCGTCGTCG") return "QEMU TCG (emulated)";
  if (s.rfind("VBoxVBoxVBox", 0) == 0) return "VirtualBox";
  return s.empty() ? "unknown hypervisor" : s;
#else
  return {};
#endif
}

std::string read_first_line(const char* path) {
  std::ifstream in(path);
  std::string s;
  std::getline(in, s);
  return s;
}

std::string human_size(unsigned long long bytes) {
  const char* unit[] = {"B", "KiB", "MiB", "GiB"};
  int u = 0;
  while (bytes >= 1024 && bytes % 1024 == 0 && u < 3) {
    bytes /= 1024;
    ++u;
  }
  return std::to_string(bytes) + unit[u];
}

}  // namespace

const std::string& emulation() {
  static const std::string how = [] {
    // qemu-user runs a foreign binary on this kernel: the binary's architecture and the CPU
    // the kernel describes disagree (an aarch64 binary seeing an x86 /proc/cpuinfo, or the
    // reverse). qemu-user 7.2 passes the host's /proc/cpuinfo through for aarch64 guests.
    const auto cpuinfo = cpuinfo_first_block();
    const bool cpuinfo_x86 = cpuinfo.count("vendor_id") || cpuinfo.count("flags");
    const bool cpuinfo_arm = cpuinfo.count("CPU implementer") > 0;
    const std::string bin = compiled_arch();
    if ((bin == "aarch64" || bin == "arm") && cpuinfo_x86)
      return "binary is " + bin + " but /proc/cpuinfo describes an x86 CPU (qemu-user)";
    if (bin == "x86_64" && cpuinfo_arm)
      return std::string("binary is x86_64 but /proc/cpuinfo describes an ARM CPU (emulator)");
    return std::string();
  }();
  return how;
}

MachineInfo describe_machine(const Topology& topo) {
  MachineInfo m;
  m.binary_arch = compiled_arch();
  utsname u{};
  if (uname(&u) == 0) {
    m.arch = u.machine;
    m.kernel = std::string(u.sysname) + " " + u.release;
    m.hostname = u.nodename;
  }
  hwloc_topology_t t = topo.get();
  m.packages = topo.count(HWLOC_OBJ_PACKAGE);
  m.cores = topo.count(HWLOC_OBJ_CORE);
  m.pus = topo.count(HWLOC_OBJ_PU);
  m.usable_pus = static_cast<int>(topo.pus().size());
  if (hwloc_obj_t pkg = hwloc_get_obj_by_type(t, HWLOC_OBJ_PACKAGE, 0)) {
    if (const char* v = hwloc_obj_get_info_by_name(pkg, "CPUVendor")) m.cpu_vendor = v;
    if (const char* v = hwloc_obj_get_info_by_name(pkg, "CPUModel")) m.cpu_model = v;
  }
  const auto cpuinfo = cpuinfo_first_block();
  auto get = [&](const char* k) {
    auto it = cpuinfo.find(k);
    return it == cpuinfo.end() ? std::string{} : it->second;
  };
  if (m.cpu_vendor.empty()) m.cpu_vendor = get("vendor_id");
  if (m.cpu_model.empty()) m.cpu_model = get("model name");
  if (m.cpu_vendor.empty() && !get("CPU implementer").empty())
    m.cpu_vendor = "implementer " + get("CPU implementer");
  if (m.cpu_model.empty() && !get("CPU part").empty()) m.cpu_model = "part " + get("CPU part");

  // Caches: count and size per (level, type).
  std::map<std::pair<int, std::string>, Cache> caches;
  for (hwloc_obj_type_t type :
       {HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L4CACHE}) {
    for (int i = 0; i < topo.count(type); ++i) {
      hwloc_obj_t o = hwloc_get_obj_by_type(t, type, i);
      const auto& a = o->attr->cache;
      const std::string kind = a.type == HWLOC_OBJ_CACHE_DATA          ? "data"
                               : a.type == HWLOC_OBJ_CACHE_INSTRUCTION ? "instruction"
                                                                       : "unified";
      Cache& c = caches[{static_cast<int>(a.depth), kind}];
      c.level = static_cast<int>(a.depth);
      c.type = kind;
      c.size = a.size;
      ++c.count;
    }
  }
  std::ostringstream topo_line;
  topo_line << m.packages << (m.packages == 1 ? " package, " : " packages, ") << m.cores
            << (m.cores == 1 ? " core, " : " cores, ") << m.pus << (m.pus == 1 ? " PU" : " PUs");
  bool first = true;
  for (auto& [key, c] : caches) {
    m.caches.push_back(c);
    if (c.type == "instruction") continue;
    topo_line << (first ? "; " : ", ") << "L" << c.level << (c.type == "data" ? "d " : " ")
              << human_size(c.size) << " x" << c.count;
    first = false;
  }
  if (m.usable_pus != m.pus) topo_line << "; " << m.usable_pus << " usable by this process";
  m.topology = topo_line.str();

  m.hypervisor = hypervisor_from_cpuid();
  if (m.hypervisor.empty()) {
    const std::string type = read_first_line("/sys/hypervisor/type");
    if (!type.empty()) m.hypervisor = type;
  }
  if (m.hypervisor.empty()) {
    // DMI names the platform on ARM servers and clouds too (no CPUID hypervisor leaf there).
    const std::string vendor = read_first_line("/sys/class/dmi/id/sys_vendor");
    const std::string product = read_first_line("/sys/class/dmi/id/product_name");
    for (const char* vm : {"QEMU", "KVM", "Amazon EC2", "VMware", "Xen", "Google Compute Engine",
                           "Virtual Machine", "VirtualBox", "OpenStack", "Parallels"})
      if (vendor.find(vm) != std::string::npos || product.find(vm) != std::string::npos) {
        m.hypervisor = vendor + (product.empty() ? "" : " " + product) + " (DMI)";
        break;
      }
  }
  m.emulation = emulation();
  m.emulated = !m.emulation.empty();
  return m;
}

}  // namespace hbscope::run
