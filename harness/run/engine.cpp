#include "run/engine.hpp"

#include <algorithm>
#include <new>
#include <thread>

namespace hbscope::run {

Engine::Engine(const Test& test, const OutcomeLayout& layout, const Settings& settings,
               const Plan& plan, const Topology& topo, const Control& control)
    : test_(test),
      layout_(layout),
      settings_(settings),
      plan_(plan),
      topo_(topo),
      control_(control),
      workers_(test.threads.size) {
  if (settings_.size == 0) settings_.size = 1;
  if (settings_.stride == 0) settings_.stride = 1;
  const std::size_t n = test.threads.size;
  iter_barrier_.init(static_cast<std::uint32_t>(n), plan.oversubscribed);
  run_barrier_.init(static_cast<std::uint32_t>(n), plan.oversubscribed);

  instance_stride_ = static_cast<std::size_t>(test.locs.size) * loc_stride_;
  const std::size_t ncells = static_cast<std::size_t>(settings_.size) * instance_stride_;
  void* raw = ::operator new(ncells * sizeof(std::atomic<std::int32_t>), std::align_val_t(kLine));
  cells_ = static_cast<std::atomic<std::int32_t>*>(raw);
  for (std::size_t i = 0; i < ncells; ++i) new (&cells_[i]) std::atomic<std::int32_t>(0);

  for (std::size_t t = 0; t < n; ++t) {
    // Each thread's register slots in an allocation of their own, line-aligned, so no two
    // threads ever write the same cache line while the test runs.
    const std::size_t slots = static_cast<std::size_t>(settings_.size) * kMaxRegs;
    void* regs = ::operator new(slots * sizeof(std::int32_t), std::align_val_t(kLine));
    reg_storage_.emplace_back(static_cast<std::int32_t*>(regs));
    workers_[t].regs = reg_storage_.back().get();
    std::fill_n(workers_[t].regs, slots, 0);
  }
  result_.pus_seen.assign(n, -1);
  result_.bound.assign(n, false);
}

Engine::~Engine() { AlignedFree{}(cells_); }

void Engine::reset_cells() {
  for (std::size_t i = 0; i < settings_.size; ++i)
    for (std::size_t l = 0; l < test_.locs.size; ++l)
      cells_[i * instance_stride_ + l * loc_stride_].store(test_.locs.v[l].init,
                                                           std::memory_order_relaxed);
}

bool Engine::should_continue() {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (control_.stop && control_.stop->load(std::memory_order_relaxed)) {
    result_.partial = true;
    return false;
  }
  std::uint32_t next = settings_.size;
  if (settings_.seconds > 0) {
    if (elapsed >= settings_.seconds) return false;
  } else {
    if (result_.iterations >= settings_.iterations) return false;
    const std::uint64_t remaining = settings_.iterations - result_.iterations;
    if (remaining < next) next = static_cast<std::uint32_t>(remaining);
  }
  if (next != run_size_) {
    // Visit [0, next) in `stride` interleaved passes: 0, s, 2s, ..., 1, 1+s, ...
    run_size_ = next;
    order_.clear();
    for (std::uint32_t pass = 0; pass < settings_.stride; ++pass)
      for (std::uint32_t i = pass; i < run_size_; i += settings_.stride) order_.push_back(i);
  }
  return true;
}

void Engine::between_runs() {
  const auto& slots = layout_.slots();
  Outcome o;
  o.size = static_cast<std::uint8_t>(slots.size());
  for (std::uint32_t i = 0; i < run_size_; ++i) {
    for (std::size_t s = 0; s < slots.size(); ++s) {
      const auto& slot = slots[s];
      o.v[s] = slot.thread >= 0
                   ? workers_[slot.thread].regs[i * kMaxRegs + slot.index]
                   : cells_[i * instance_stride_ + slot.index * loc_stride_].load(
                         std::memory_order_relaxed);
    }
    result_.histogram.add(o);
  }
  result_.iterations += run_size_;
  reset_cells();
  go_ = should_continue();
  if (control_.progress) {
    const auto now = std::chrono::steady_clock::now();
    if (!go_ || now - last_progress_ > std::chrono::milliseconds(200)) {
      last_progress_ = now;
      control_.progress(result_.iterations,
                        settings_.seconds > 0 ? 0 : settings_.iterations,
                        std::chrono::duration<double>(now - start_).count());
    }
  }
}

void Engine::enter(std::size_t t) {
  if (plan_.pinned) workers_[t].bound = topo_.bind_this_thread(plan_.pus[t]);
}

void Engine::leave(std::size_t t) { workers_[t].pu = topo_.last_pu_of_this_thread(); }

Result Engine::execute(const ThreadFn* loops) {
  start_ = std::chrono::steady_clock::now();
  last_progress_ = start_;
  reset_cells();
  go_ = should_continue();
  std::vector<std::thread> threads;
  threads.reserve(workers_.size());
  for (std::size_t t = 0; t < workers_.size(); ++t)
    threads.emplace_back([this, loop = loops[t]] { loop(*this); });
  for (std::thread& th : threads) th.join();
  result_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  for (std::size_t t = 0; t < workers_.size(); ++t) {
    result_.pus_seen[t] = workers_[t].pu;
    result_.bound[t] = workers_[t].bound;
  }
  return std::move(result_);
}

}  // namespace hbscope::run
