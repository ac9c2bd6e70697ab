#include <cmath>
#include <csignal>

#include "cli/command.hpp"

namespace hbscope::cli {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void on_stop_signal(int sig) {
  g_signal.store(sig);
  g_stop.store(true);
  std::signal(sig, SIG_DFL);  // a second one kills at once
}

//! One spelling per word: the option's value is checked against the vocabulary's own table.
template <class E>
CLI::Option* add_word_option(CLI::App& cmd, const std::string& flag, E& target,
                             const std::string& help) {
  std::vector<std::string> words;
  for (std::string_view w : Words<E>::list) words.emplace_back(w);
  return cmd
      .add_option_function<std::string>(
          flag, [&target](const std::string& w) { target = *parse_word<E>(w); }, help)
      ->default_str(std::string(name(target)))
      ->check(CLI::IsMember(words));
}

}  // namespace

const CLI::Validator kFinite(
    [](const std::string& text) -> std::string {
      try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (!std::isfinite(v)) return "'" + text + "' is not a finite number";
      } catch (const std::exception&) {
        // not a number at all: the option's own conversion says so
      }
      return {};
    },
    "FINITE");

void stop_on_signals() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_stop_signal);
}

const std::atomic<bool>& stop_flag() { return g_stop; }

int stop_status() {
  const int sig = g_signal.load();
  return 128 + (sig ? sig : SIGINT);
}

void add_settings_options(CLI::App& cmd, Settings& s) {
  auto* iters = cmd.add_option("-n,--iterations", s.iterations, "Iterations per test")
                    ->default_val(s.iterations)
                    ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 50));
  cmd.add_option("-t,--time", s.seconds, "Run each test for SECONDS instead of -n")
      ->check(kFinite & CLI::Range(0.001, 1e7))
      ->excludes(iters);
  cmd.add_option("--size", s.size, "Independent instances per run (litmus7's -s)")
      ->default_val(s.size)
      ->check(CLI::Range(1u, 1'000'000u));
  cmd.add_option("--stride", s.stride,
                 "Visit instances in STRIDE interleaved passes (litmus7's -st)")
      ->default_val(s.stride)
      ->check(CLI::Range(1u, 1'000'000u));
  add_word_option(cmd, "--sync", s.sync,
                  "How threads start each iteration: timebase (every thread starts instance j "
                  "at tick t0 + j*period) | fenced (thread 0 raises a flag and fences, the "
                  "others wait for it) | barrier (two-way spin barrier) | perpetual (no "
                  "synchronisation, outcomes reconstructed; MP, SB, LB, IRIW, WRC, CoRR only)");
  cmd.add_option("--period", s.period_ns,
                 "timebase sync: nanoseconds between instance starts, to start with (counted in "
                 "TSC ticks on x86-64, cntvct on AArch64)")
      ->default_val(s.period_ns)
      ->check(kFinite & CLI::Range(0.1, 1e6));
  cmd.add_flag_function(
      "--fixed-period", [&s](std::int64_t) { s.adaptive_period = false; },
      "timebase sync: keep --period as given; by default the period widens while threads fall "
      "behind the schedule and narrows back when they keep up");
  cmd.add_option_function<std::string>(
         "--offsets", [&s](const std::string& w) { s.offset_ns = w == "auto" ? -1 : std::stod(w); },
         "timebase sync: range R in ns of each instance's start offsets: every thread but the "
         "first starts each instance at its own offset in [-R, R], drawn where this test's "
         "overlaps have been showing | auto: R from a measured cache-line transfer | 0: every "
         "instance aligned")
      ->default_str("0")
      ->check(CLI::IsMember({"auto"}) | (CLI::Number & CLI::Range(0.0, 1e6)));
  cmd.add_option("--counter-hz", s.counter_hz,
                 "timebase sync: simulate a coarser counter of about HZ (e.g. 19.2e6, an "
                 "AArch64 generic timer); 0: the native counter")
      ->default_val(s.counter_hz)
      ->check(kFinite & CLI::Range(0.0, 1e12));
  const auto yes_no = [&cmd](const char* flag, bool& value, const char* help) {
    cmd.add_option_function<std::string>(
           flag, [&value](const std::string& w) { value = w == "yes"; }, help)
        ->default_str(value ? "yes" : "no")
        ->check(CLI::IsMember({"yes", "no"}));
  };
  yes_no("--preload", s.preload,
         "yes: every thread reads every location before a run, so test stores wait for "
         "ownership in the store buffer | no");
  add_word_option(cmd, "--visit", s.visit,
                  "The order a run visits its instances in: learnt (strided or shuffled, run by "
                  "run, whichever shows more overlapping iterations per second) | strided "
                  "(--stride passes) | shuffled (a new random order every run, which defeats "
                  "prefetchers)");
  cmd.add_option_function<std::string>(
         "--layout", [&s](const std::string& w) { s.same_line = w == "same-line"; },
         "lines: each location on its own cache line | same-line: an instance's locations "
         "share one line")
      ->default_str(s.same_line ? "same-line" : "lines")
      ->check(CLI::IsMember({"lines", "same-line"}));
  add_word_option(cmd, "--homes", s.homes,
                  "Which cache holds each location's line when a run starts: learnt (drawn per "
                  "location and instance, towards the threads that have shown overlaps) | "
                  "slices (all of an instance's lines in one thread's cache)");
  add_word_option(cmd, "-p,--placement", s.placement,
                  "cores: distinct cores, nearest first | spread: distinct cores across packages "
                  "| smt: SMT siblings first | none: unpinned (cpus: set by --cpus)");
  cmd.add_option_function<std::string>(
      "--cpus",
      [&s](const std::string& list) {
        s.cpus = list;
        s.placement = Policy::cpus;
      },
      "Pin thread i to the i-th CPU of LIST (e.g. 0,2 or 0-3); a list shorter than the test's "
      "threads is used round-robin and recorded as oversubscribed");
}

std::string join_argv(int argc, char** argv) {
  std::string s = "hbscope";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool quote = a.empty() || a.find_first_of(" *?'\"$\\;&|<>()") != std::string::npos;
    s += " " + (quote ? "'" + a + "'" : a);
  }
  return s;
}

}  // namespace hbscope::cli
