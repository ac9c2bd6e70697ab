// hbscope run: the machine's topology (hwloc) and where each test thread goes.
#pragma once

#include <hwloc.h>

#include <string>
#include <vector>

#include "core/measurement.hpp"

namespace hbscope::run {

//! One processing unit (hardware thread) as placement sees it.
struct Pu {
  int os_index;  // what the kernel and `--cpus` call it
  int core;      // logical index of its core
  int package;   // logical index of its package
  int smt_rank;  // 0 for a core's first PU, 1 for its SMT sibling...
};

//! An hwloc topology: this machine's or a synthetic one for tests. For this machine, `pus()`
//! lists only the PUs the calling thread may run on (so `taskset` and cpusets are honoured);
//! the object counts describe the whole machine.
class Topology {
 public:
  static Topology this_machine();
  //! hwloc synthetic description, e.g. "pack:2 core:8 pu:2".
  static Topology synthetic(const std::string& description);
  Topology(Topology&& o) noexcept : topo_(o.topo_) { o.topo_ = nullptr; }
  Topology& operator=(Topology&&) = delete;
  ~Topology();

  [[nodiscard]] hwloc_topology_t get() const { return topo_; }
  [[nodiscard]] const std::vector<Pu>& pus() const { return pus_; }
  [[nodiscard]] int count(hwloc_obj_type_t type) const;

  //! Binds the calling thread to one PU; false when the OS refused.
  bool bind_this_thread(int os_index) const;
  //! The PU the calling thread last ran on, or -1 when the OS does not say.
  [[nodiscard]] int last_pu_of_this_thread() const;

 private:
  Topology(hwloc_topology_t t, bool honour_affinity);
  hwloc_topology_t topo_;
  std::vector<Pu> pus_;
};

//! Parses a CPU list such as "0,2" or "0-3,8"; throws std::invalid_argument when malformed.
[[nodiscard]] std::vector<int> parse_cpu_list(const std::string& s);
//! Throws std::invalid_argument naming the first CPU of `cpus` this process may not use.
void check_cpu_list(const Topology& topo, const std::vector<int>& cpus);

//! Plans `threads` threads. `cpus` (OS indices), when not empty, overrides the policy.
[[nodiscard]] Plan plan_placement(const Topology& topo, Policy policy, unsigned threads,
                                  const std::vector<int>& cpus = {});

}  // namespace hbscope::run
