//! hbscope cli: what every subcommand shares — exit statuses, errors, signals, option helpers.
//!
//! A subcommand is one file: it declares its flags and calls one library function that a test
//! can call too (git's builtin/<cmd>.c, cargo's commands/<cmd>.rs).
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

#include "core/settings.hpp"

namespace hbscope::cli {

//! Exit statuses, documented in README "Exit status" and in `hbscope run --help`; 128 + N when
//! stopped by signal N (130 SIGINT, 143 SIGTERM, 129 SIGHUP), results saved partial.
inline constexpr int kOk = 0;         // all good
inline constexpr int kForbidden = 1;  // an outcome C++ forbids was seen, or is in what was shown
inline constexpr int kUsage = 2;      // bad usage or bad input: flags, test names, malformed files
inline constexpr int kWrite = 3;      // results could not be written (disk full, permissions...)

//! Bad input the user can fix: one line on stderr, exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

//! A registered subcommand: its CLI11 node and what to do when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_list(CLI::App& app);
Command add_run(CLI::App& app, const std::string& command_line);
Command add_report(CLI::App& app);
Command add_compare(CLI::App& app);
Command add_model(CLI::App& app);
Command add_explain(CLI::App& app);
Command add_export(CLI::App& app);
Command add_import(CLI::App& app);
Command add_tune(CLI::App& app);
Command add_store(CLI::App& app);

//! From now on SIGINT, SIGTERM and SIGHUP raise stop_flag() instead of killing the process;
//! a second signal kills at once.
void stop_on_signals();
const std::atomic<bool>& stop_flag();
//! 128 + the signal that raised the stop flag; 130 when it was raised otherwise.
int stop_status();

//! Refuses NaN and infinities, which CLI11's Range lets through (every comparison with NaN is
//! false).
extern const CLI::Validator kFinite;
//! An existing file, or a store query ("runs.db?label=pi*") whose store exists (cli/store.cpp).
extern const CLI::Validator kExistingFileOrStore;

//! The run settings as flags (--iterations, --time, --size, --stride, --sync, --period,
//! --fixed-period, --preload, --layout, --placement, --cpus), writing into `s`.
void add_settings_options(CLI::App& cmd, Settings& s);

//! The command line as typed, quoted where the shell would need it (recorded in results).
std::string join_argv(int argc, char** argv);

}  // namespace hbscope::cli
