#include "run/engine.hpp"

#include <algorithm>
#include <cmath>
#include <new>
#include <stdexcept>
#include <thread>

namespace hbscope::run {

double timebase_hz() {
  static const double hz = [] {
#if defined(__aarch64__)
    std::uint64_t f;
    asm volatile("mrs %0, cntfrq_el0" : "=r"(f));
    if (f > 0) return static_cast<double>(f);
#endif
    // Count ticks across 20 ms of the steady clock.
    const auto c0 = std::chrono::steady_clock::now();
    const std::uint64_t t0 = timebase_now();
    while (std::chrono::steady_clock::now() - c0 < std::chrono::milliseconds(20)) cpu_relax();
    const std::uint64_t t1 = timebase_now();
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
    return static_cast<double>(t1 - t0) / secs;
  }();
  return hz;
}

Counter Counter::simulating(double target_hz) {
  Counter c;
  if (target_hz <= 0) return c;
  const double ratio = timebase_hz() / target_hz;
  if (ratio > 1)
    c.shift = static_cast<unsigned>(std::clamp(std::lround(std::log2(ratio)), 0L, 30L));
  return c;
}

double delay_loops_per_ns() {
  static const double rate = [] {
    // The fastest of a few timings: a preempted one only reads slower.
    constexpr std::uint32_t loops = 1'000'000;
    double best = 1e9;
    for (int i = 0; i < 5; ++i) {
      const auto c0 = std::chrono::steady_clock::now();
      delay_loop(loops);
      best = std::min(
          best,
          std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - c0).count());
    }
    return loops / std::max(best, 1.0);
  }();
  return rate;
}

std::string perpetual_problem(const Test& test) {
  // Perpetual mode stores k+1 in iteration k. A load then tells which iteration's store it saw:
  // value >= k+1 means "the store of instance k or a later one", which is exactly "saw the
  // store" in instance k when the location has one writer storing it once per iteration, so
  // that coherence order is the writer's iteration order.
  std::array<int, kMaxLocs> writer{};
  writer.fill(-1);
  std::array<int, kMaxLocs> stores{};
  for (std::size_t t = 0; t < test.threads.size; ++t)
    for (std::size_t i = 0; i < test.threads.v[t].size; ++i) {
      const Op& op = test.threads.v[t].ops[i];
      if (op.kind == OpKind::exchange || op.kind == OpKind::fetch_add || op.kind == OpKind::cas)
        return "it has read-modify-writes";
      if (op.kind == OpKind::branch || op.kind == OpKind::assign || op.accumulate ||
          op.value_reg >= 0)
        return "it has branches or register arithmetic";
      if (op.kind != OpKind::store) continue;
      if (writer[op.loc] >= 0 && writer[op.loc] != static_cast<int>(t))
        return "location " + std::string(test.locs.v[op.loc].name) + " has two writing threads";
      writer[op.loc] = static_cast<int>(t);
      if (++stores[op.loc] > 1)
        return "location " + std::string(test.locs.v[op.loc].name) + " is stored twice";
      if (op.value == test.locs.v[op.loc].init)
        return "a store to " + std::string(test.locs.v[op.loc].name) + " writes its initial value";
    }
  const Condition condition = Condition::parse(test.condition);
  for (const Condition::Atom& a : condition.atoms())
    if (a.thread < 0) return "its condition names the final value of " + a.name;
  return {};
}

Engine::Engine(const Test& test, const OutcomeLayout& layout, const std::vector<Outcome>& serial,
               const Settings& settings, const Plan& plan, const Topology& topo,
               const Control& control)
    : test_(test),
      layout_(layout),
      settings_(settings),
      plan_(plan),
      topo_(topo),
      control_(control),
      workers_(test.threads.size),
      serial_(serial),
      steering_(steering_over(0)) {
  if (settings_.size == 0) settings_.size = 1;
  if (settings_.stride == 0) settings_.stride = 1;
  const std::size_t n = test.threads.size;
  if (settings_.sync == Sync::perpetual) {
    if (std::string why = perpetual_problem(test); !why.empty())
      throw std::invalid_argument("perpetual mode cannot run " + std::string(test.name) + ": " +
                                  why);
    // Map each register slot back: which location's store could its load have seen?
    perpetual_slots_.resize(layout.slots().size());
    for (std::size_t s = 0; s < layout.slots().size(); ++s) {
      const auto& slot = layout.slots()[s];
      const Thread& th = test.threads.v[slot.thread];
      for (std::size_t i = 0; i < th.size; ++i)
        if (th.ops[i].kind == OpKind::load && th.ops[i].reg == slot.index) {
          const int loc = th.ops[i].loc;
          perpetual_slots_[s].init = test.locs.v[loc].init;
          for (std::size_t t = 0; t < test.threads.size; ++t)
            for (std::size_t k = 0; k < test.threads.v[t].size; ++k)
              if (const Op& w = test.threads.v[t].ops[k]; w.kind == OpKind::store && w.loc == loc) {
                perpetual_slots_[s].mapped = true;
                perpetual_slots_[s].stored = w.value;
              }
        }
    }
  }
  // A timebase start this far ahead of the release covers the barrier's cache-line transfer.
  iter_barrier_.init(static_cast<std::uint32_t>(n), plan.oversubscribed);
  std::uint64_t origin_delay = 0;
  if (settings_.sync == Sync::timebase) {
    counter_ = Counter::simulating(settings_.counter_hz);
    const double hz = counter_.hz();
    result_.counter_hz = hz;
    loops_per_ns_ = delay_loops_per_ns();
    if (settings_.offset_ns >= 0) steering_ = steering_over(settings_.offset_ns);
    ticks_per_ns_ = hz / 1e9;
    base_ticks_ = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::llround(settings_.period_ns * ticks_per_ns_)));
    period_ticks_ = base_ticks_;
    // The schedule's origin is set 2 us after the last thread arrives: enough for the release
    // to reach every core (a cache-line transfer takes well under a microsecond).
    origin_delay = static_cast<std::uint64_t>(2e-6 * hz) + 1;
  }
  run_barrier_.init(static_cast<std::uint32_t>(n), plan.oversubscribed, origin_delay, counter_);

  constexpr std::size_t line_ints = kLine / sizeof(std::int32_t);
  loc_stride_ = settings_.same_line ? 1 : line_ints;
  instance_stride_ = settings_.same_line ? line_ints : test.locs.size * line_ints;
  const std::size_t instances = settings_.sync == Sync::perpetual ? 1 : settings_.size;
  ncells_ = instances * instance_stride_;
  void* raw = ::operator new(ncells_ * sizeof(std::atomic<std::int32_t>), std::align_val_t(kLine));
  cells_ = static_cast<std::atomic<std::int32_t>*>(raw);
  for (std::size_t i = 0; i < ncells_; ++i) new (&cells_[i]) std::atomic<std::int32_t>(0);
  for (std::size_t i = 0; i < instances; ++i)
    for (std::size_t l = 0; l < test_.locs.size; ++l)
      cells_[i * instance_stride_ + l * loc_stride_].store(test_.locs.v[l].init,
                                                           std::memory_order_relaxed);

  flags_.reset(new std::atomic<std::uint32_t>[std::size_t{settings_.size} * kFlagStride]());
  for (std::size_t t = 0; t < n; ++t) {
    // Each thread's register slots in an allocation of their own, line-aligned, so no two
    // threads ever write the same cache line while the test runs.
    const std::size_t slots = static_cast<std::size_t>(settings_.size) * kMaxRegs;
    void* regs = ::operator new(slots * sizeof(std::int32_t), std::align_val_t(kLine));
    reg_storage_.emplace_back(static_cast<std::int32_t*>(regs));
    workers_[t].regs = reg_storage_.back().get();
    workers_[t].shifts.assign(settings_.size, {});
    workers_[t].bins.assign(settings_.size, 0);
    std::fill_n(workers_[t].regs, slots, 0);
  }
  result_.pus_seen.assign(n, -1);
  result_.bound.assign(n, false);
}

Engine::~Engine() { AlignedFree{}(cells_); }

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
  const bool timebase = settings_.sync == Sync::timebase;
  const Steering::RunPlan plan =
      steering_.plan_run(settings_.visit == Visit::learnt && settings_.sync != Sync::perpetual,
                         timebase && settings_.adaptive_period);
  const bool shuffle =
      settings_.visit == Visit::shuffled || (settings_.visit == Visit::learnt && plan.shuffled);
  shuffled_runs_ += shuffle;
  run_period_ticks_ = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(static_cast<double>(period_ticks_) * plan.stretch));
  if (next != run_size_ || shuffle || shuffled_) {
    shuffled_ = shuffle;
    // Visit [0, next) in `stride` interleaved passes: 0, s, 2s, ..., 1, 1+s, ...
    run_size_ = next;
    order_.clear();
    for (std::uint32_t pass = 0; pass < settings_.stride; ++pass)
      for (std::uint32_t i = pass; i < run_size_; i += settings_.stride) order_.push_back(i);
    if (shuffle)  // Fisher-Yates: a new order every run
      for (std::uint32_t j = run_size_; j > 1; --j) {
        const std::uint64_t r = shuffle_rng_.next() >> 32;
        std::swap(order_[j - 1], order_[(r * j) >> 32]);
      }
    instance_seq_.assign(run_size_, 0);
    for (std::uint32_t j = 0; j < run_size_; ++j) instance_seq_[order_[j]] = j;
  }
  return true;
}

bool Engine::start_run(std::size_t t) {
  Worker& me = workers_[t];
  run_barrier_.wait(me.run_sense);
  if (!go_) return false;
  if (settings_.preload) {
    // Bring every location of this run into this thread's cache (Shared in all of them), so
    // that each test store must upgrade its line and waits in the store buffer meanwhile.
    const std::size_t instances = settings_.sync == Sync::perpetual ? 1 : run_size_;
    std::int32_t sink = 0;
    for (std::size_t j = 0; j < instances; ++j) {
      const std::size_t i = settings_.sync == Sync::perpetual ? 0 : order_[j];
      for (std::size_t l = 0; l < test_.locs.size; ++l)
        sink += cells_[i * instance_stride_ + l * loc_stride_].load(std::memory_order_relaxed);
    }
    asm volatile("" ::"r"(sink));
  }
  if (settings_.sync == Sync::timebase) {
    if (run_index_ == 0 && settings_.offset_ns < 0) measure_transfer(t);
    // Meet again after preloading; the last to arrive sets the schedule's origin a little
    // ahead, far enough for every thread to see it before the first instance is due.
    run_barrier_.wait<Sync::timebase>(me.run_sense);
    me.t0 = run_barrier_.go_at();
  }
  return true;
}

void Engine::measure_transfer(std::size_t t) {
  const double period_ns = static_cast<double>(period_ticks_) / ticks_per_ns_;
  if (t == 0) steering_ = steering_over(std::clamp(period_ns, 64.0, 1000.0));
  if (workers_.size() < 2 || plan_.oversubscribed || t > 1) return;
  // Threads 0 and 1 bounce one line: thread 0 writes odd numbers, thread 1 answers with the
  // next even one. The first round trips warm up and are not timed.
  constexpr std::uint32_t warm = 8, trips = 72;
  std::uint64_t start = 0;
  for (std::uint32_t i = 0; i < trips && !hurry(); ++i) {
    if (t == 0) {
      if (i == warm) start = counter_.now();
      ping_.store(2 * i + 1, std::memory_order_release);
      while (ping_.load(std::memory_order_acquire) != 2 * i + 2 && !hurry()) {
      }
    } else {
      while (ping_.load(std::memory_order_acquire) != 2 * i + 1 && !hurry()) {
      }
      ping_.store(2 * i + 2, std::memory_order_release);
    }
  }
  if (t != 0 || hurry()) return;
  const double ns = static_cast<double>(counter_.now() - start) / ticks_per_ns_;
  result_.transfer_ns = ns / (2.0 * (trips - warm));
  // A window of a transfer either side of the other thread's accesses, plus the period
  // (which bounds the time the thread's own body takes).
  steering_ = steering_over(std::clamp(result_.transfer_ns + period_ns, 64.0, 1000.0));
  draw_layout();
}

Steering Engine::steering_over(double range_ns) const {
  return {test_.threads.size, test_.locs.size, range_ns, settings_.homes == Homes::learnt};
}

std::uint8_t Engine::slice_home(std::size_t instance) const {
  return static_cast<std::uint8_t>(instance * workers_.size() / settings_.size);
}

void Engine::draw_homes() {
  // For the run after this one: the reset that ends this run establishes them.
  const std::size_t nlocs = test_.locs.size;
  homes_next_.resize(std::size_t{settings_.size} * nlocs);
  for (std::size_t i = 0; i < settings_.size; ++i)
    for (std::size_t l = 0; l < nlocs; ++l)
      homes_next_[i * nlocs + l] =
          steering_.steers_homes() ? steering_.draw_home(l) : slice_home(i);
}

void Engine::draw_layout() {
  // Unsteered, every shift stays the zero it was sized with: aligned starts.
  if (settings_.sync != Sync::timebase || !steering_.steers_offsets()) return;
  const std::size_t n = workers_.size();
  // One draw serves a block of instances consecutive in the visit order: within a block every
  // thread keeps to its own shifted schedule, so the offset drawn is the offset run (a new
  // offset every instance would leave a thread late from the last one's shift instead).
  std::array<Worker::Shift, kMaxThreads> shift{};
  std::array<std::uint8_t, kMaxThreads> bin{};
  for (std::uint32_t j = 0; j < run_size_; ++j) {
    if (j % Steering::kBlock == 0) {
      // Offsets relative to thread 0; whoever would start first starts on the schedule.
      std::array<double, kMaxThreads> offset{};
      double lowest = 0;
      for (std::size_t t = 1; t < n; ++t) {
        offset[t] = steering_.draw_offset(t, bin[t]);
        lowest = std::min(lowest, offset[t]);
      }
      for (std::size_t t = 0; t < n; ++t) {
        const double ns = offset[t] - lowest;
        const double ticks = std::floor(ns * ticks_per_ns_);
        shift[t] = {static_cast<std::uint32_t>(ticks),
                    static_cast<std::uint32_t>((ns - ticks / ticks_per_ns_) * loops_per_ns_)};
      }
    }
    const std::uint32_t i = order_[j];
    for (std::size_t t = 0; t < n; ++t) {
      workers_[t].shifts[i] = shift[t];
      workers_[t].bins[i] = bin[t];
    }
  }
}

bool Engine::serial(const Outcome& o) const {
  return std::find(serial_.begin(), serial_.end(), o) != serial_.end();
}

void Engine::tally_slice(std::size_t t) {
  const auto& slots = layout_.slots();
  const std::size_t n = workers_.size();
  const std::uint32_t lo = static_cast<std::uint32_t>(run_size_ * t / n);
  const std::uint32_t hi = static_cast<std::uint32_t>(run_size_ * (t + 1) / n);
  const bool perpetual = settings_.sync == Sync::perpetual;
  Histogram& h = workers_[t].histogram;
  Outcome o;
  o.size = static_cast<std::uint8_t>(slots.size());
  for (std::uint32_t i = lo; i < hi; ++i) {
    for (std::size_t s = 0; s < slots.size(); ++s) {
      const auto& slot = slots[s];
      if (slot.thread < 0) {
        o.v[s] =
            cells_[i * instance_stride_ + slot.index * loc_stride_].load(std::memory_order_relaxed);
        continue;
      }
      const std::int32_t v = workers_[slot.thread].regs[std::size_t{i} * kMaxRegs + slot.index];
      if (perpetual && perpetual_slots_[s].mapped)
        o.v[s] = static_cast<std::int64_t>(v) >= static_cast<std::int64_t>(i) + 1
                     ? perpetual_slots_[s].stored
                     : perpetual_slots_[s].init;
      else
        o.v[s] = v;
    }
    h.add(o);
    Steering::Tally& st = workers_[t].steering;
    const bool overlapped = !serial(o);
    workers_[t].overlapped += overlapped;
    if (steering_.steers_offsets())
      for (std::size_t u = 1; u < n; ++u) {
        st.offset[u].tried[workers_[u].bins[i]] += 1;
        st.offset[u].overlapped[workers_[u].bins[i]] += overlapped;
      }
    if (!perpetual && steering_.steers_homes())
      for (std::size_t l = 0; l < test_.locs.size; ++l) {
        const std::uint8_t home = homes_now_[std::size_t{i} * test_.locs.size + l];
        st.home[l].tried[home] += 1;
        st.home[l].overlapped[home] += overlapped;
      }
    if (result_.first_witness_iterations == 0 && !workers_[t].saw_witness && layout_.is_witness(o))
      workers_[t].saw_witness = true;
  }
}

void Engine::reset_lines(std::size_t t) {
  // Perpetual mode: thread 0 resets the one set of locations.
  if (settings_.sync == Sync::perpetual) {
    if (t == 0)
      for (std::size_t l = 0; l < test_.locs.size; ++l)
        cells_[l * loc_stride_].store(test_.locs.v[l].init, std::memory_order_relaxed);
    return;
  }
  const std::size_t n = workers_.size(), nlocs = test_.locs.size;
  const std::uint32_t lo = static_cast<std::uint32_t>(run_size_ * t / n);
  const std::uint32_t hi = static_cast<std::uint32_t>(run_size_ * (t + 1) / n);
  for (std::uint32_t i = lo; i < hi; ++i)
    flags_[std::size_t{i} * kFlagStride].store(0, std::memory_order_relaxed);
  // The store takes the line into this thread's cache (Modified) for the next run, even where
  // the value is already the initial one.
  for (std::uint32_t i = 0; i < run_size_; ++i)
    for (std::size_t l = 0; l < nlocs; ++l)
      if (homes_next_[i * nlocs + l] == t)
        cells_[i * instance_stride_ + l * loc_stride_].store(test_.locs.v[l].init,
                                                             std::memory_order_relaxed);
}

void Engine::end_run(std::size_t t) {
  Worker& me = workers_[t];
  if (t == 0) draw_homes();
  run_barrier_.wait(me.run_sense);  // every iteration of the run is done
  tally_slice(t);
  run_barrier_.wait(me.run_sense);  // every slice is tallied: final values are read
  reset_lines(t);
  run_barrier_.wait(me.run_sense);  // every location is back to its initial value
  if (t == 0) decide();
}

void Engine::decide() {
  result_.iterations += run_size_;
  ++run_index_;
  {
    std::vector<const Steering::Tally*> tallies;
    std::uint64_t overlapped = 0;
    for (Worker& w : workers_) {
      tallies.push_back(&w.steering);
      overlapped += w.overlapped;
      w.overlapped = 0;
    }
    const auto now = std::chrono::steady_clock::now();
    steering_.learn(tallies, overlapped, std::chrono::duration<double>(now - run_started_).count());
    run_started_ = now;
    for (Worker& w : workers_) w.steering.clear();
  }
  result_.offset_range_ns = steering_.range_ns();
  if (settings_.sync == Sync::timebase) {
    period_sum_ += static_cast<double>(run_period_ticks_) / ticks_per_ns_ * run_size_;
    result_.mean_period_ns = period_sum_ / static_cast<double>(result_.iterations);
    stretch_sum_ +=
        static_cast<double>(run_period_ticks_) / static_cast<double>(period_ticks_) * run_size_;
    result_.mean_stretch = stretch_sum_ / static_cast<double>(result_.iterations);
    std::uint32_t late = 0;
    for (Worker& w : workers_) {
      late = std::max(late, w.late);
      w.late = 0;
    }
    // Only a run on the unstretched period says whether the threads keep up with it.
    if (settings_.adaptive_period && run_size_ > 0 && run_period_ticks_ == period_ticks_) {
      const double fraction = static_cast<double>(late) / run_size_;
      // Widen only when a thread cannot keep up at all; any lateness short of that is the
      // start-of-run catch-up, which costs nothing worth trading throughput for.
      if (fraction > 0.5)
        period_ticks_ = std::min(base_ticks_ * 8, period_ticks_ + period_ticks_ / 8 + 1);
      else if (fraction < 0.2 && period_ticks_ > base_ticks_)
        period_ticks_ = std::max(base_ticks_, period_ticks_ - period_ticks_ / 8 - 1);
    }
  }
  if (result_.first_witness_iterations == 0)
    for (const Worker& w : workers_)
      if (w.saw_witness) {
        result_.first_witness_iterations = result_.iterations;
        result_.first_witness_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      }
  homes_now_.swap(homes_next_);
  go_ = should_continue();
  if (go_) draw_layout();
  if (control_.progress) {
    const auto now = std::chrono::steady_clock::now();
    if (!go_ || now - last_progress_ > std::chrono::milliseconds(200)) {
      last_progress_ = now;
      control_.progress(result_.iterations, settings_.seconds > 0 ? 0 : settings_.iterations,
                        std::chrono::duration<double>(now - start_).count());
    }
  }
}

void Engine::enter(std::size_t t) {
  if (plan_.pinned) workers_[t].bound = topo_.bind_this_thread(plan_.pus[t]);
}

void Engine::leave(std::size_t t) { workers_[t].pu = topo_.last_pu_of_this_thread(); }

Measurement Engine::execute(const ThreadFn* loops) {
  start_ = std::chrono::steady_clock::now();
  last_progress_ = start_;
  run_started_ = start_;
  homes_now_.resize(std::size_t{settings_.size} * test_.locs.size);
  for (std::size_t k = 0; k < homes_now_.size(); ++k)
    homes_now_[k] = slice_home(k / test_.locs.size);
  go_ = should_continue();
  if (go_) draw_layout();
  std::vector<std::thread> threads;
  threads.reserve(workers_.size());
  for (std::size_t t = 0; t < workers_.size(); ++t)
    threads.emplace_back([this, loop = loops[t]] { loop(*this); });
  // Thread 0 checks the stop flag and the clock only between runs; a run can last seconds
  // (a long --period times --size). The watchdog makes a stop or the time limit take effect
  // within a few milliseconds instead.
  std::atomic<bool> finished{false};
  std::thread watchdog([&] {
    while (!finished.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      const bool stop = control_.stop && control_.stop->load(std::memory_order_relaxed);
      const bool late =
          settings_.seconds > 0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() >=
              settings_.seconds;
      if (stop || late) hurry_.store(true, std::memory_order_relaxed);
    }
  });
  for (std::thread& th : threads) th.join();
  finished.store(true);
  watchdog.join();
  result_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  for (std::size_t t = 0; t < workers_.size(); ++t) {
    result_.pus_seen[t] = workers_[t].pu;
    result_.bound[t] = workers_[t].bound;
    result_.histogram.merge(workers_[t].histogram);
  }
  if (run_index_ > 0)
    result_.shuffled_share = static_cast<double>(shuffled_runs_) / static_cast<double>(run_index_);
  if (steering_.steers_homes() && settings_.sync != Sync::perpetual)
    for (std::size_t l = 0; l < test_.locs.size; ++l)
      result_.homes.push_back(static_cast<int>(steering_.preferred_home(l)));
  result_.plan = plan_;
  return std::move(result_);
}

}  // namespace hbscope::run
