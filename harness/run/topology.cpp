#include "run/topology.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

namespace hbscope::run {

Topology::Topology(hwloc_topology_t t, bool honour_affinity) : topo_(t) {
  // hwloc hides what cgroups forbid, but not the process's own affinity mask (taskset).
  hwloc_bitmap_t allowed = hwloc_bitmap_alloc();
  if (!honour_affinity || hwloc_get_cpubind(topo_, allowed, HWLOC_CPUBIND_THREAD) != 0)
    hwloc_bitmap_fill(allowed);
  const int n = hwloc_get_nbobjs_by_type(topo_, HWLOC_OBJ_PU);
  for (int i = 0; i < n; ++i) {
    hwloc_obj_t pu = hwloc_get_obj_by_type(topo_, HWLOC_OBJ_PU, i);
    hwloc_obj_t core = hwloc_get_ancestor_obj_by_type(topo_, HWLOC_OBJ_CORE, pu);
    hwloc_obj_t pkg = hwloc_get_ancestor_obj_by_type(topo_, HWLOC_OBJ_PACKAGE, pu);
    Pu p{static_cast<int>(pu->os_index), core ? static_cast<int>(core->logical_index) : i,
         pkg ? static_cast<int>(pkg->logical_index) : 0, 0};
    // The SMT rank is the PU's position among its core's children.
    if (core)
      for (int k = 0; k < n && hwloc_get_obj_by_type(topo_, HWLOC_OBJ_PU, k) != pu; ++k)
        if (hwloc_get_ancestor_obj_by_type(topo_, HWLOC_OBJ_CORE,
                                           hwloc_get_obj_by_type(topo_, HWLOC_OBJ_PU, k)) == core)
          ++p.smt_rank;
    if (hwloc_bitmap_isset(allowed, pu->os_index)) pus_.push_back(p);
  }
  hwloc_bitmap_free(allowed);
}

Topology Topology::this_machine() {
  hwloc_topology_t t = nullptr;
  if (hwloc_topology_init(&t) != 0 || hwloc_topology_load(t) != 0)
    throw std::runtime_error("hwloc could not read this machine's topology");
  return Topology(t, true);
}

Topology Topology::synthetic(const std::string& description) {
  hwloc_topology_t t = nullptr;
  if (hwloc_topology_init(&t) != 0) throw std::runtime_error("hwloc_topology_init failed");
  if (hwloc_topology_set_synthetic(t, description.c_str()) != 0 || hwloc_topology_load(t) != 0) {
    hwloc_topology_destroy(t);
    throw std::invalid_argument("bad synthetic topology: " + description);
  }
  return Topology(t, false);
}

Topology::~Topology() {
  if (topo_) hwloc_topology_destroy(topo_);
}

int Topology::count(hwloc_obj_type_t type) const {
  const int n = hwloc_get_nbobjs_by_type(topo_, type);
  return n < 0 ? 0 : n;
}

bool Topology::bind_this_thread(int os_index) const {
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  hwloc_bitmap_only(set, static_cast<unsigned>(os_index));
  const int rc = hwloc_set_cpubind(topo_, set, HWLOC_CPUBIND_THREAD | HWLOC_CPUBIND_STRICT);
  hwloc_bitmap_free(set);
  return rc == 0;
}

int Topology::last_pu_of_this_thread() const {
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  int pu = -1;
  if (hwloc_get_last_cpu_location(topo_, set, HWLOC_CPUBIND_THREAD) == 0)
    pu = hwloc_bitmap_first(set);
  hwloc_bitmap_free(set);
  return pu;
}

std::vector<int> parse_cpu_list(const std::string& s) {
  std::vector<int> out;
  auto number = [&](std::string_view part) {
    int v = -1;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || p != part.data() + part.size() || v < 0)
      throw std::invalid_argument("bad CPU list '" + s + "' (expected e.g. 0,2 or 0-3)");
    return v;
  };
  std::string_view rest = s;
  if (rest.empty()) throw std::invalid_argument("empty CPU list");
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t dash = item.find('-');
    if (dash == std::string_view::npos) {
      out.push_back(number(item));
    } else {
      const int lo = number(item.substr(0, dash)), hi = number(item.substr(dash + 1));
      if (hi < lo || hi - lo > 4096) throw std::invalid_argument("bad CPU range in '" + s + "'");
      for (int v = lo; v <= hi; ++v) out.push_back(v);
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (out[i] == out[j])
        throw std::invalid_argument("CPU " + std::to_string(out[i]) + " listed twice in '" + s +
                                    "'");
  return out;
}

namespace {
std::vector<int> order_for(const Topology& topo, Policy policy) {
  std::vector<Pu> pus = topo.pus();
  std::vector<int> out;
  switch (policy) {
    case Policy::none:
      return out;
    case Policy::smt:
      // hwloc's logical order already puts a core's siblings next to each other.
      for (const Pu& p : pus) out.push_back(p.os_index);
      return out;
    case Policy::cpus:  // with no list given: as cores
    case Policy::cores:
    case Policy::spread: {
      // First PUs of distinct cores, then the siblings (used only when cores run out).
      std::stable_sort(pus.begin(), pus.end(),
                       [](const Pu& a, const Pu& b) { return a.smt_rank < b.smt_rank; });
      if (policy == Policy::spread) {
        // Within each SMT rank, deal cores round-robin over packages.
        std::map<std::pair<int, int>, int> seen_in_package;  // (rank, package) -> count
        std::vector<std::pair<std::tuple<int, int, int>, Pu>> keyed;
        for (const Pu& p : pus)
          keyed.push_back({{p.smt_rank, seen_in_package[{p.smt_rank, p.package}]++, p.package}, p});
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        pus.clear();
        for (auto& [key, p] : keyed) pus.push_back(p);
      }
      for (const Pu& p : pus) out.push_back(p.os_index);
      return out;
    }
  }
  return out;
}
}  // namespace

void check_cpu_list(const Topology& topo, const std::vector<int>& cpus) {
  for (int c : cpus)
    if (std::none_of(topo.pus().begin(), topo.pus().end(),
                     [&](const Pu& p) { return p.os_index == c; }))
      throw std::invalid_argument("CPU " + std::to_string(c) +
                                  " is not one this process may use (" +
                                  std::to_string(topo.pus().size()) + " usable; see `hwloc-ls`)");
}

Plan plan_placement(const Topology& topo, Policy policy, unsigned threads,
                    const std::vector<int>& cpus) {
  Plan plan;
  plan.policy = cpus.empty() ? policy : Policy::cpus;
  std::vector<int> candidates;
  if (!cpus.empty()) {
    check_cpu_list(topo, cpus);
    candidates = cpus;
  } else {
    candidates = order_for(topo, policy);
  }
  const std::size_t available = topo.pus().size();
  if (policy == Policy::none && cpus.empty()) {
    plan.oversubscribed = available < threads;
    if (plan.oversubscribed)
      plan.warning = std::to_string(threads) + " threads on " + std::to_string(available) +
                     " PUs: threads share PUs, spin loops yield, weak outcomes are rare";
    return plan;
  }
  if (candidates.size() < threads) {
    if (cpus.empty()) {
      plan.oversubscribed = available < threads;
      plan.warning = std::to_string(threads) + " threads but only " +
                     std::to_string(candidates.size()) + " PUs available: running unpinned" +
                     (plan.oversubscribed ? ", spin loops yield, weak outcomes are rare" : "");
      return plan;
    }
    // A short list is what the user asked for: pin round-robin over it, and say that threads
    // share CPUs, so the run records it as oversubscribed.
    for (unsigned t = 0; t < threads; ++t) plan.pus.push_back(candidates[t % candidates.size()]);
    plan.pinned = true;
  } else {
    plan.pus.assign(candidates.begin(), candidates.begin() + threads);
    plan.pinned = true;
  }
  std::vector<int> sorted = plan.pus;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    plan.oversubscribed = true;
    plan.warning = std::to_string(threads) + " threads on " +
                   std::to_string(std::unique(sorted.begin(), sorted.end()) - sorted.begin()) +
                   " CPUs: threads share CPUs, spin loops yield, weak outcomes are rare";
    return plan;
  }
  if ((policy == Policy::cores || policy == Policy::spread) && cpus.empty()) {
    int distinct_cores = 0;
    for (const Pu& p : topo.pus()) distinct_cores += p.smt_rank == 0;
    if (static_cast<unsigned>(distinct_cores) < threads)
      plan.warning = "fewer cores than threads: some threads share a core (SMT siblings)";
  }
  return plan;
}

}  // namespace hbscope::run
