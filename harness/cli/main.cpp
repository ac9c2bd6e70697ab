// hbscope: the command-line tool. Only this file knows about flags.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "build_info.hpp"
#include "herd/import.hpp"
#include "herd/litmus_file.hpp"
#include "model/model.hpp"
#include "report/compare.hpp"
#include "report/console.hpp"
#include "report/explain.hpp"
#include "report/html.hpp"
#include "report/grade.hpp"
#include "report/litmus_log.hpp"
#include "report/measure.hpp"
#include "report/results.hpp"
#include "run/machine.hpp"
#include "run/native.hpp"
#include "run/registry.hpp"

namespace {

using namespace hbscope;

std::atomic<bool> g_stop{false};

extern "C" void on_sigint(int) {
  g_stop.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C kills at once
}

//! Bad input the user can fix: one line on stderr, exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string compiler_id() {
#if defined(__clang__)
  return fmt::format("clang++ {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("g++ {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown compiler";
#endif
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::vector<const run::Entry*> select_tests(const std::vector<std::string>& patterns) {
  const run::Registry& reg = run::Registry::instance();
  std::vector<const run::Entry*> out;
  if (patterns.empty()) {
    for (const run::Entry& e : reg.all()) out.push_back(&e);
    return out;
  }
  std::set<const run::Entry*> chosen;
  for (const std::string& p : patterns) {
    auto found = reg.match(p);
    if (found.empty())
      throw UsageError("no test matches '" + p + "' (see 'hbscope list')");
    for (const run::Entry* e : found) chosen.insert(e);
  }
  for (const run::Entry& e : reg.all())  // catalogue order
    if (chosen.count(&e)) out.push_back(&e);
  return out;
}

bool is_litmus_file(const std::string& p) {
  return p.size() > 7 && p.substr(p.size() - 7) == ".litmus";
}

//! The one test a command works on (explain, tune).
const run::Entry& select_one(const std::string& pattern, const char* command) {
  const auto tests = select_tests({pattern});
  if (tests.size() != 1)
    throw UsageError(std::string(command) + " takes one test; '" + pattern + "' matches " +
                     std::to_string(tests.size()));
  return *tests.front();
}

//! A .litmus file named on the command line (herd's C dialect), kept alive for the command.
std::vector<std::unique_ptr<herd::LitmusFile>> g_files;

//! Tests named by patterns, where a pattern may also be a .litmus file (parsed, not compiled).
std::vector<const Test*> select_declarations(const std::vector<std::string>& patterns) {
  std::vector<const Test*> out;
  std::vector<std::string> names;
  for (const std::string& p : patterns) {
    if (is_litmus_file(p)) {
      try {
        g_files.push_back(herd::read_litmus(p));
      } catch (const herd::ParseError& e) {
        throw UsageError(e.what());
      }
      out.push_back(&g_files.back()->test);
    } else {
      names.push_back(p);
    }
  }
  if (!names.empty() || patterns.empty())
    for (const run::Entry* e : select_tests(names)) out.push_back(e->test);
  return out;
}

// --- list ---------------------------------------------------------------------------------------
int cmd_list(const std::vector<std::string>& patterns, bool long_form) {
  const auto tests = select_tests(patterns);
  if (!long_form) {
    fmt::print("{:<24} {:>3}  {:<10} {}\n", "test", "thr", "C++", "condition");
    for (const run::Entry* e : tests) {
      const Test& t = *e->test;
      const std::string cpp = t.cpp.rc11 == t.cpp.iso
                                  ? (t.cpp.rc11 == Verdict::allowed ? "allowed" : "forbidden")
                                  : "iso-only";
      fmt::print("{:<24} {:>3}  {:<10} {}\n", t.name, t.threads.size, cpp, t.condition);
    }
    fmt::print("\n{} tests. 'hbscope list -l PATTERN' shows declarations; 'hbscope run PATTERN' "
               "runs them.\n",
               tests.size());
    return 0;
  }
  for (const run::Entry* e : tests) {
    const Test& t = *e->test;
    fmt::print("{}  (hash {})\n", t.name, declaration_hash(t));
    for (std::size_t i = 0; i < t.threads.size; ++i) {
      fmt::print("  P{}:", i);
      for (std::size_t k = 0; k < t.threads.v[i].size; ++k)
        fmt::print(" {};", op_text(t, t.threads.v[i].ops[k], i));
      fmt::print("\n");
    }
    fmt::print("  {}\n  C++: RC11 {}, ISO {} — {}\n\n", t.condition,
               t.cpp.rc11 == Verdict::allowed ? "allows" : "forbids",
               t.cpp.iso == Verdict::allowed ? "allows" : "forbids", t.why);
  }
  return 0;
}

// --- run ----------------------------------------------------------------------------------------
struct RunOptions {
  std::vector<std::string> patterns;
  run::Settings defaults;
  std::uint64_t iterations = defaults.iterations;
  double seconds = 0;
  std::uint32_t size = defaults.size;
  std::uint32_t stride = defaults.stride;
  std::string sync = run::sync_name(defaults.sync);
  std::string preload = defaults.preload ? "yes" : "no";
  std::string layout = defaults.same_line ? "same-line" : "lines";
  double period = defaults.period_ns;
  bool fixed_period = !defaults.adaptive_period;
  std::string placement = "cores";
  std::string cpus;
  std::string json, log, label;
  bool quiet = false;
};

void write_text(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::fputs(text.c_str(), stdout);
    return;
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot rename " + tmp + " to " + path);
}

void save(const report::RunRecord& rec, const RunOptions& o) {
  if (o.json == "-") {
    std::fputs((report::to_json(rec).dump(2) + "\n").c_str(), stdout);
  } else if (!o.json.empty()) {
    report::write_json_file(rec, o.json);
  }
  if (!o.log.empty()) write_text(o.log, report::litmus_log(rec));
}

int cmd_run(const RunOptions& o, const std::string& command) {
  // Catalogue patterns select compiled-in tests; a .litmus file is parsed, compiled (cached)
  // and loaded.
  std::vector<std::string> names;
  std::vector<const run::Entry*> tests;
  for (const std::string& p : o.patterns)
    if (!is_litmus_file(p)) names.push_back(p);
  if (!names.empty() || o.patterns.empty()) tests = select_tests(names);
  for (const std::string& p : o.patterns)
    if (is_litmus_file(p)) {
      const Test* parsed = select_declarations({p}).front();
      try {
        tests.push_back(&run::load_native(*parsed));
      } catch (const run::NativeError& e) {
        throw UsageError(e.what());
      }
    }
  const run::Settings settings{o.iterations,          o.seconds,
                               o.size,                o.stride,
                               run::parse_sync(o.sync), o.preload == "yes",
                               o.layout == "same-line", o.period,
                               !o.fixed_period};
  // Refuse a mode that cannot run a chosen test before measuring anything.
  if (settings.sync == run::Sync::perpetual)
    for (const run::Entry* e : tests)
      if (std::string why = run::perpetual_problem(*e->test); !why.empty())
        throw UsageError("--sync perpetual cannot run " + std::string(e->test->name) + ": " + why +
                         " (it suits MP, SB, LB, IRIW, WRC and CoRR)");
  const run::Policy policy = run::parse_policy(o.placement);
  const std::vector<int> cpus = o.cpus.empty() ? std::vector<int>{} : run::parse_cpu_list(o.cpus);
  const run::Topology topo = run::Topology::this_machine();
  for (int c : cpus) {
    const auto& pus = topo.pus();
    if (std::none_of(pus.begin(), pus.end(), [&](const run::Pu& p) { return p.os_index == c; }))
      throw UsageError("CPU " + std::to_string(c) + " is not one this process may use (" +
                       std::to_string(pus.size()) + " usable; see `hwloc-ls`)");
  }
  // The table goes to stdout unless stdout carries the JSON or the log.
  std::FILE* out = (o.json == "-" || o.log == "-") ? stderr : stdout;
  const bool progress = !o.quiet && isatty(fileno(stderr));
  // Fail early on an unwritable results path rather than after minutes of measuring.
  for (const std::string& path : {o.json, o.log})
    if (!path.empty() && path != "-") {
      std::ofstream probe(path + ".tmp", std::ios::trunc);
      if (!probe) throw UsageError("cannot write " + path);
      probe.close();
      std::remove((path + ".tmp").c_str());
    }

  report::RunRecord rec;
  rec.version = HBSCOPE_VERSION;
  rec.git_sha = HBSCOPE_GIT_SHA;
  rec.date = utc_now();
  rec.command = command;
  rec.label = o.label;
  rec.machine = report::machine_record(run::describe_machine(topo));
  rec.build = {compiler_id(), HBSCOPE_CXX_FLAGS, HBSCOPE_BUILD_TYPE};
  rec.settings.iterations = o.seconds > 0 ? 0 : o.iterations;
  rec.settings.seconds = o.seconds;
  rec.settings.size = o.size;
  rec.settings.stride = o.stride;
  rec.settings.placement = o.placement;
  rec.settings.sync = o.sync;
  rec.settings.preload = o.preload == "yes";
  rec.settings.same_line = o.layout == "same-line";
  rec.settings.period_ns = o.period;
  rec.settings.adaptive_period = !o.fixed_period;
  rec.settings.cpus = o.cpus;
  rec.partial = true;  // until every test has run
  if (!o.quiet) std::fputs(report::console_header(rec).c_str(), out);

  std::signal(SIGINT, on_sigint);

  for (const run::Entry* e : tests) {
    if (g_stop.load()) break;
    const Test& test = *e->test;
    run::Control control{&g_stop, nullptr};
    if (progress)
      control.progress = [&](std::uint64_t done, std::uint64_t target, double secs) {
        const double pct = target ? 100.0 * static_cast<double>(done) / static_cast<double>(target)
                                  : 100.0 * secs / o.seconds;
        fmt::print(stderr, "\r\033[K  {:<24} {:5.1f}%  {} iterations  {:.1f}M it/s", test.name,
                   pct, report::group_digits(done), static_cast<double>(done) / secs / 1e6);
        std::fflush(stderr);
      };
    report::TestRecord tr = report::measure(*e, settings, topo, policy, cpus, control);
    if (progress) fmt::print(stderr, "\r\033[K");
    if (!o.quiet) std::fputs(("\n" + report::console_test(tr)).c_str(), out);
    if (tr.grade == "forbidden-seen" || tr.grade == "emulator-fault")
      std::fputs(report::forbidden_alarm(tr).c_str(), stderr);
    rec.tests.push_back(std::move(tr));
    if (o.json != "-" && !o.json.empty()) report::write_json_file(rec, o.json);  // keep what we have
  }
  rec.partial = g_stop.load() || std::any_of(rec.tests.begin(), rec.tests.end(),
                                             [](const auto& t) { return t.partial; });
  std::fputs(report::console_summary(rec).c_str(), out);
  save(rec, o);
  if (!o.json.empty() && o.json != "-") fmt::print(out, "results: {}\n", o.json);
  if (!o.log.empty() && o.log != "-") fmt::print(out, "litmus7 log: {}\n", o.log);
  if (rec.partial) {
    fmt::print(stderr, "hbscope: interrupted; {} tests measured and saved, marked partial\n",
               rec.tests.size());
    return 130;
  }
  return report::any_forbidden(rec) ? 1 : 0;
}

// --- model --------------------------------------------------------------------------------------
int cmd_model(const std::vector<std::string>& patterns, bool as_json, bool mapping) {
  const auto tests = select_declarations(patterns);
  nlohmann::json all = nlohmann::json::array();
  for (const Test* tp : tests) {
    const Test& test = *tp;
    const OutcomeLayout layout(test, Condition::parse(test.condition));
    const model::Analysis a = model::analyse(test, layout);
    if (as_json) {
      nlohmann::json models = nlohmann::json::object();
      for (model::Model m : model::kModels) {
        std::set<std::string> states;  // herd's: projected on what the condition names
        std::uint64_t positive = 0, negative = 0;
        std::set<std::string> pos_states;
        for (const Outcome& o : a.allowed[static_cast<std::size_t>(m)]) {
          const std::string st = layout.herd_state(o);
          if (states.insert(st).second) (layout.satisfies(o) ? positive : negative) += 1;
        }
        std::set<std::string> undefined;
        for (const Outcome& o : a.undefined[static_cast<std::size_t>(m)])
          undefined.insert(layout.herd_state(o));
        nlohmann::json forbidden = nlohmann::json::object();
        for (const Outcome& o : a.candidates)
          if (!a.allows(m, o)) forbidden[layout.format(o)] = a.why_not(m, o);
        models[model::model_name(m)] = {
            {"observation", positive == 0 ? "Never" : negative == 0 ? "Always" : "Sometimes"},
            {"positive", positive},
            {"negative", negative},
            {"allowed", std::vector<std::string>(states.begin(), states.end())},
            {"undefined", std::vector<std::string>(undefined.begin(), undefined.end())},
            {"forbidden", forbidden}};
      }
      all.push_back({{"test", test.name},
                     {"condition", layout.condition().text()},
                     {"executions", a.executions},
                     {"models", models}});
      continue;
    }
    fmt::print("{}  {}  ({} candidate executions)\n", test.name, layout.condition().text(),
               a.executions);
    fmt::print("  {:<34} {:>4} {:>5} {:>4} {:>8} {:>6}\n", "outcome", "sc", "rc11", "iso",
               "x86-tso", "armv8");
    for (const Outcome& o : a.candidates) {
      auto yn = [&](model::Model m) { return a.allows(m, o) ? "yes" : "no"; };
      fmt::print("{} {:<34} {:>4} {:>5} {:>4} {:>8} {:>6}\n", layout.satisfies(o) ? '*' : ' ',
                 layout.format(o), yn(model::Model::sc), yn(model::Model::rc11),
                 yn(model::Model::iso), yn(model::Model::x86_tso), yn(model::Model::armv8));
    }
    for (const Outcome& o : a.candidates)
      if (layout.is_witness(o))
        for (model::Model m : model::kModels)
          if (!a.allows(m, o))
            fmt::print("  {} forbids {} because of: {}\n", model::model_name(m),
                       layout.format(o), a.why_not(m, o));
    fmt::print("\n");
  }
  if (as_json) {
    fmt::print("{}\n", (tests.size() == 1 ? all.front() : all).dump(2));
  } else if (mapping) {
    fmt::print("{}", model::mapping_text());
  } else {
    fmt::print("x86-tso and armv8 judge the instructions compilers emit; 'hbscope model "
               "--mapping' prints the mapping.\n");
  }
  return 0;
}

// --- compare ------------------------------------------------------------------------------------
int cmd_compare(const std::vector<std::string>& files, bool markdown) {
  std::vector<report::Source> sources;
  for (const std::string& f : files) sources.push_back(report::read_source(f));
  std::fputs(report::compare_text(sources, markdown).c_str(), stdout);
  return 0;
}

// --- explain ------------------------------------------------------------------------------------
int cmd_explain(const std::string& pattern, const std::string& graph, const std::string& model,
                std::uint64_t run_iterations, bool code) {
  const run::Entry* compiled = nullptr;
  const Test* tp = nullptr;
  if (is_litmus_file(pattern)) {
    tp = select_declarations({pattern}).front();
    if (run_iterations > 0)
      throw UsageError("--run needs a compiled test: running .litmus files natively is not "
                       "implemented yet");
    code = false;  // a parsed file has no compiled code in this executable
  } else {
    compiled = &select_one(pattern, "explain");
    tp = compiled->test;
  }
  const Test& test = *tp;
  std::fputs(report::explain_text(test).c_str(), stdout);
  if (code) {
    const run::Entry& entry = *compiled;
    fmt::print("\nMachine code this build ({}, {}) emitted for each thread's operations\n"
               "(stores to the register argument save results for hbscope, not part of the test):\n",
               run::compiled_arch(), HBSCOPE_CXX_FLAGS);
    if (std::string_view(HBSCOPE_BUILD_TYPE) == "Debug")
      fmt::print("  (a Debug build: std::atomic's members are calls here, not instructions; build "
                 "optimised to see them)\n");
    for (std::size_t t = 0; t < test.threads.size; ++t) {
      fmt::print("  P{}:\n", t);
      try {
        std::fputs(report::disassemble(entry, t).c_str(), stdout);
      } catch (const std::exception& e) {
        fmt::print("      ({})\n", e.what());
      }
    }
  }
  if (!graph.empty()) {
    model::Model m = model::Model::rc11;
    bool known = false;
    for (model::Model x : model::kModels)
      if (model == model::model_name(x)) m = x, known = true;
    if (!known) throw UsageError("unknown model '" + model + "' (sc, rc11, iso, x86-tso, armv8)");
    const std::string dot = report::explain_dot(test, m);
    const bool svg = graph.size() > 4 && graph.substr(graph.size() - 4) == ".svg";
    if (svg) {
      if (std::system("command -v dot > /dev/null 2>&1") != 0)
        throw UsageError("--graph FILE.svg needs Graphviz's dot (apt-get install graphviz); "
                         "FILE.dot needs nothing");
      const std::string tmp = graph + ".dot.tmp";
      write_text(tmp, dot);
      const int rc = std::system(("dot -Tsvg -o '" + graph + "' '" + tmp + "'").c_str());
      std::remove(tmp.c_str());
      if (rc != 0) throw std::runtime_error("dot failed on " + graph);
    } else {
      write_text(graph, dot);
    }
    fmt::print("\ngraph of the witness's execution under {}: {}\n", model, graph);
  }
  if (run_iterations > 0) {
    const run::Entry& entry = *compiled;
    const run::Topology topo = run::Topology::this_machine();
    run::Settings settings;
    settings.iterations = run_iterations;
    std::signal(SIGINT, on_sigint);
    const report::TestRecord t = report::measure(entry, settings, topo, run::Policy::cores, {},
                                                 {&g_stop, nullptr});
    fmt::print("\nOn this machine ({}):\n{}", run::compiled_arch(), report::console_test(t));
    if (t.grade == "forbidden-seen") return 1;
  }
  return 0;
}

// --- export -------------------------------------------------------------------------------------
int cmd_export(const std::string& pattern, const std::string& output) {
  const std::vector<const Test*> tests = select_declarations({pattern});
  if (tests.size() != 1)
    throw UsageError("export takes one test; '" + pattern + "' matches " +
                     std::to_string(tests.size()));
  const Test& test = *tests.front();
  std::string text;
  try {
    text = herd::export_litmus(test);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  write_text(output.empty() ? "-" : output, text);
  if (!output.empty() && output != "-") fmt::print("{}: herd C litmus file written\n", output);
  return 0;
}

// --- import -------------------------------------------------------------------------------------
int cmd_import(const std::string& path, const std::string& output, bool force) {
  herd::Imported imported;
  try {
    imported = herd::import_litmus(path, [](std::string_view name) {
      return run::Registry::instance().find(name) != nullptr;
    });
  } catch (const herd::ImportError& e) {
    throw UsageError(e.what());
  }
  if (!output.empty() && output != "-" && std::filesystem::exists(output) && !force)
    throw UsageError(output + " exists: pass --force to replace it");
  write_text(output.empty() ? "-" : output, imported.cpp);
  for (const std::string& note : imported.notes) fmt::print(stderr, "note: {}\n", note);
  if (!output.empty() && output != "-")
    fmt::print("{}: catalogue source for {} (C++: RC11 {}, ISO {}). Put it in litmus/ and rebuild: "
               "it joins the catalogue, and 'hbscope list' shows it.\n",
               output, imported.name, imported.verdict.rc11 == Verdict::allowed ? "allows" : "forbids",
               imported.verdict.iso == Verdict::allowed ? "allows" : "forbids");
  return 0;
}

// --- tune ---------------------------------------------------------------------------------------
int cmd_tune(const std::string& pattern, double budget, const std::string& placement) {
  const run::Entry& entry = select_one(pattern, "tune");
  const Test& test = *entry.test;
  const run::Topology topo = run::Topology::this_machine();
  const run::Policy policy = run::parse_policy(placement);

  struct Candidate {
    run::Settings settings;
    report::TestRecord record;
  };
  std::vector<Candidate> candidates;
  const run::Settings base;
  for (bool preload : {false, true}) {
    for (double period : {15.0, 20.0, 30.0, 50.0, 100.0}) {
      run::Settings s = base;
      s.sync = run::Sync::timebase;
      s.period_ns = period;
      s.preload = preload;
      candidates.push_back({s, {}});
    }
    for (run::Sync sync : {run::Sync::fenced, run::Sync::barrier})
      for (std::uint32_t stride : {1u, 16u}) {
        run::Settings s = base;
        s.sync = sync;
        s.stride = stride;
        s.preload = preload;
        candidates.push_back({s, {}});
      }
    if (run::perpetual_problem(test).empty()) {
      run::Settings s = base;
      s.sync = run::Sync::perpetual;
      s.preload = preload;
      candidates.push_back({s, {}});
    }
  }
  const double each = budget / static_cast<double>(candidates.size());
  fmt::print("tuning {}: {} settings, {:.2f} s each\n", test.name, candidates.size(), each);
  std::signal(SIGINT, on_sigint);
  std::size_t done = 0;
  for (Candidate& c : candidates) {
    if (g_stop.load()) break;
    c.settings.seconds = each;
    c.record = report::measure(entry, c.settings, topo, policy, {}, {&g_stop, nullptr});
    ++done;
    if (isatty(fileno(stderr)))
      fmt::print(stderr, "\r\033[K  {}/{}", done, candidates.size());
  }
  if (isatty(fileno(stderr))) fmt::print(stderr, "\r\033[K");
  candidates.resize(done);
  auto weak_rate = [](const report::TestRecord& t) {
    return t.seconds > 0 ? static_cast<double>(t.witnesses) / t.seconds : 0.0;
  };
  auto it_rate = [](const report::TestRecord& t) {
    return t.seconds > 0 ? static_cast<double>(t.iterations) / t.seconds : 0.0;
  };
  std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (weak_rate(a.record) != weak_rate(b.record)) return weak_rate(a.record) > weak_rate(b.record);
    return it_rate(a.record) > it_rate(b.record);
  });
  auto describe = [](const run::Settings& s) {
    std::string d = fmt::format("--sync {}", run::sync_name(s.sync));
    if (s.sync == run::Sync::timebase) d += fmt::format(" --period {:g}", s.period_ns);
    if (s.stride != 1) d += fmt::format(" --stride {}", s.stride);
    d += fmt::format(" --preload {}", s.preload ? "yes" : "no");
    return d;
  };
  fmt::print("{:<44} {:>9} {:>9} {:>10}\n", "settings", "it/s", "weak/1M", "weak/s");
  bool forbidden = false;
  for (const Candidate& c : candidates) {
    fmt::print("{:<44} {:>8.1f}M {:>9.0f} {:>9.2f}M{}\n", describe(c.settings),
               it_rate(c.record) / 1e6,
               c.record.iterations ? 1e6 * static_cast<double>(c.record.witnesses) /
                                         static_cast<double>(c.record.iterations)
                                   : 0.0,
               weak_rate(c.record) / 1e6, c.record.grade == "forbidden-seen" ? "  FORBIDDEN" : "");
    forbidden = forbidden || c.record.grade == "forbidden-seen";
  }
  if (!candidates.empty()) {
    const bool allowed = test.cpp.rc11 == Verdict::allowed || test.cpp.iso == Verdict::allowed;
    if (!allowed)
      fmt::print("\nC++ forbids {}'s witness: the ranking is by iterations/s only.\n", test.name);
    fmt::print("\nbest: hbscope run {} {}\n", test.name, describe(candidates.front().settings));
  }
  if (forbidden) fmt::print(stderr, "hbscope: a forbidden outcome was seen while tuning\n");
  if (g_stop.load()) return 130;
  return forbidden ? 1 : 0;
}

// --- report -------------------------------------------------------------------------------------
int cmd_report(const std::vector<std::string>& files, const std::string& log,
               const std::string& html) {
  if (!html.empty()) {
    std::vector<report::Source> sources;
    for (const std::string& f : files) sources.push_back(report::read_source(f));
    write_text(html, report::html_report(sources));
    if (html != "-") fmt::print("HTML report: {} ({} files, self-contained)\n", html, files.size());
    return 0;
  }
  bool forbidden = false;
  for (const std::string& f : files) {
    const report::RunRecord rec = report::read_json_file(f);
    if (log.empty()) std::fputs(report::console_report(rec).c_str(), stdout);
    else write_text(log, report::litmus_log(rec));
    forbidden = forbidden || report::any_forbidden(rec);
  }
  return forbidden ? 1 : 0;
}

std::string join_argv(int argc, char** argv) {
  std::string s = "hbscope";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    const bool quote = a.find_first_of(" *?'\"") != std::string::npos;
    s += " " + (quote ? "'" + a + "'" : a);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "hbscope: memory-model litmus tests on the machine in front of you.\n"
      "Runs message passing, store buffering and their classic family with std::atomic in\n"
      "relaxed, release/acquire, seq_cst and fenced forms, pinned one thread per CPU, and\n"
      "grades every outcome: sc (an interleaving explains it), weak (a happens-before failure\n"
      "C++ allows, shown on this CPU), forbidden (C++ forbids it: a bug, exit status 1).\n",
      "hbscope"};
  app.set_version_flag("--version", std::string(HBSCOPE_VERSION) + " (" + HBSCOPE_GIT_SHA + ")");
  app.require_subcommand(1);
  app.footer(
      "\nExamples:\n"
      "  hbscope list                       the catalogue, with each test's C++ verdict\n"
      "  hbscope run SB+rlx                 store buffering, relaxed: weak outcome on x86\n"
      "  hbscope run MP --json mp.json      every MP variant, results saved\n"
      "  hbscope report mp.json             re-print a saved run\n"
      "  hbscope tune SB+rlx                find the settings that show SB's weak outcome fastest\n"
      "  hbscope model SB+sc                which outcomes each memory model allows, and why\n"
      "  hbscope compare a.json b.json      two machines' histograms side by side\n"
      "  hbscope explain MP+rel+acq         one test's story, with the cycle and machine code\n"
      "  hbscope run test.litmus            a herd7 C litmus file, compiled and run natively\n"
      "Run 'hbscope COMMAND --help' for a command's options.");

  std::vector<std::string> list_patterns;
  bool list_long = false;
  CLI::App* list = app.add_subcommand("list", "List the catalogue (all tests, or those matching)");
  list->add_option("pattern", list_patterns,
                   "Test name, family (MP) or glob (\"SB+*\", \"*sc*\"); case-insensitive");
  list->add_flag("-l,--long", list_long, "Show each declaration: threads, condition, verdict, why");
  list->footer("\nExamples:\n  hbscope list\n  hbscope list -l MP+rel+acq\n  hbscope list 'SB+*'");

  RunOptions ro;
  CLI::App* run_cmd = app.add_subcommand(
      "run", "Run tests on this machine, print the graded histograms, save results");
  run_cmd->add_option("pattern", ro.patterns,
                      "Tests to run: names, families (MP) or globs (\"SB+*\"); default: all");
  auto* iters = run_cmd->add_option("-n,--iterations", ro.iterations, "Iterations per test")
                    ->default_val(ro.iterations)
                    ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 50));
  run_cmd->add_option("-t,--time", ro.seconds, "Run each test for SECONDS instead of -n")
      ->check(CLI::Range(0.001, 1e7))
      ->excludes(iters);
  run_cmd->add_option("--size", ro.size, "Independent instances per run (litmus7's -s)")
      ->default_val(ro.size)
      ->check(CLI::Range(1u, 1'000'000u));
  run_cmd->add_option("--stride", ro.stride,
                      "Visit instances in STRIDE interleaved passes (litmus7's -st)")
      ->default_val(ro.stride)
      ->check(CLI::Range(1u, 1'000'000u));
  run_cmd->add_option("--sync", ro.sync,
                      "How threads start each iteration: timebase (every thread starts instance "
                      "j at tick t0 + j*period) | fenced (thread 0 raises a flag and fences, "
                      "the others wait for it) | barrier (two-way spin barrier) | perpetual "
                      "(no synchronisation, outcomes reconstructed; MP, SB, LB, IRIW, WRC, "
                      "CoRR only)")
      ->default_val(ro.sync)
      ->check(CLI::IsMember({"timebase", "fenced", "barrier", "perpetual"}));
  run_cmd->add_option("--period", ro.period,
                      "timebase sync: nanoseconds between instance starts, to start with (counted "
                      "in TSC ticks on x86-64, cntvct on AArch64)")
      ->default_val(ro.period)
      ->check(CLI::Range(0.1, 1e6));
  run_cmd->add_flag("--fixed-period", ro.fixed_period,
                    "timebase sync: keep --period as given; by default the period widens while "
                    "threads fall behind the schedule and narrows back when they keep up");
  run_cmd->add_option("--preload", ro.preload,
                      "yes: every thread reads every location before a run, so test stores wait "
                      "for ownership in the store buffer | no")
      ->default_val(ro.preload)
      ->check(CLI::IsMember({"yes", "no"}));
  run_cmd->add_option("--layout", ro.layout,
                      "lines: each location on its own cache line | same-line: an instance's "
                      "locations share one line")
      ->default_val(ro.layout)
      ->check(CLI::IsMember({"lines", "same-line"}));
  run_cmd->add_option("-p,--placement", ro.placement,
                      "cores: distinct cores, nearest first | spread: distinct cores across "
                      "packages | smt: SMT siblings first | none: unpinned")
      ->default_val(ro.placement)
      ->check(CLI::IsMember({"cores", "spread", "smt", "none"}));
  run_cmd->add_option("--cpus", ro.cpus, "Pin thread i to the i-th CPU of LIST (e.g. 0,2 or 0-3)");
  run_cmd->add_option("--json", ro.json, "Save results as JSON (- for stdout); see results/README.md");
  run_cmd->add_option("--log", ro.log, "Save results as a litmus7 log for mcompare7 (- for stdout)");
  run_cmd->add_option("--label", ro.label, "A name for this machine in the results (e.g. 'graviton3')");
  run_cmd->add_flag("-q,--quiet", ro.quiet, "Print only the summary table");
  run_cmd->footer(
      "\nExit status: 0 all good; 1 a forbidden outcome was seen; 2 bad usage;\n"
      "130 interrupted (Ctrl-C): what was measured is printed and saved, marked partial.\n"
      "\nExamples:\n"
      "  hbscope run                          the whole catalogue, 1M iterations each\n"
      "  hbscope run SB+rlx --json r.json     store buffering; results to r.json\n"
      "  hbscope run 'MP+*' -t 10             each MP variant for 10 seconds\n"
      "  hbscope run SB+rlx --cpus 0,1 --log sb.log");

  std::vector<std::string> model_patterns;
  bool model_json = false, model_mapping = false;
  CLI::App* model_cmd = app.add_subcommand(
      "model", "Which outcomes SC, RC11, ISO C++, x86-TSO and ARMv8 allow, and why not");
  model_cmd->add_option("pattern", model_patterns,
                        "Tests, as for run, or herd C litmus files (FILE.litmus); default: all");
  model_cmd->add_flag("--json", model_json,
                      "One JSON object per test: {test, condition, models: {sc|rc11|iso|x86-tso|"
                      "armv8: {observation, allowed: [herd final states], forbidden}}}");
  model_cmd->add_flag("--mapping", model_mapping,
                      "Print the C++ -> x86-64 and C++ -> AArch64 instruction mappings");
  model_cmd->footer(
      "\nEnumerates every candidate execution (reads-from and coherence choices) and checks\n"
      "each model's axioms: sc; rc11 (Lahav et al. 2017: coherence, atomicity, psc, no thin\n"
      "air); iso (rc11 without no-thin-air); x86-tso (herd's x86tso.cat); armv8 (the MCA\n"
      "model of Pulte et al. 2018) on the instructions compilers emit. '*' marks outcomes\n"
      "satisfying the condition.\n"
      "\nExamples:\n  hbscope model MP+rel+acq\n  hbscope model SB+sc --json\n"
      "  hbscope model --mapping LB+rlx");

  std::vector<std::string> compare_files;
  bool compare_markdown = false;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare", "Histograms of several runs side by side, with intervals and differences");
  compare_cmd->add_option("files", compare_files,
                          "Results JSON files (run --json) or litmus7-format logs (run --log, "
                          "or litmus7's own); the first is the reference A")
      ->required()
      ->expected(2, 64)
      ->check(CLI::ExistingFile);
  compare_cmd->add_flag("--markdown", compare_markdown, "Markdown tables, for an issue or a slide");
  compare_cmd->footer(
      "\nFor each test: every outcome's rate per million iterations in each file, with its 95%\n"
      "Wilson interval; '!' marks a rate that differs from file A at p < 0.001 (two-proportion\n"
      "z-test, pooled). Tests present in some files only are named. Machines are labelled by\n"
      "'run --label', else CPU model and architecture.\n"
      "\nExamples:\n  hbscope compare epyc.json graviton.json\n"
      "  hbscope compare a.json b.json --markdown > diff.md\n"
      "  hbscope compare ours.json litmus7-output.log");

  std::string explain_test, explain_graph, explain_model = "rc11";
  std::uint64_t explain_run = 0;
  bool explain_no_code = false;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain", "Tell one test's story: code, question, each model's verdict and its reason");
  explain_cmd->add_option("test", explain_test, "One test, e.g. MP+rel+acq, or a herd C FILE.litmus")
      ->required();
  explain_cmd->add_option("--graph", explain_graph,
                          "Write the witness's execution graph (po, rf, co, fr, sw; the cycle "
                          "in red) as FILE.dot, or FILE.svg with Graphviz");
  explain_cmd->add_option("--model", explain_model, "Model for --graph")
      ->default_val(explain_model)
      ->check(CLI::IsMember({"sc", "rc11", "iso", "x86-tso", "armv8"}));
  explain_cmd->add_option("--run", explain_run, "Also run it N iterations here and show the histogram")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
  explain_cmd->add_flag("--no-code", explain_no_code, "Do not show the machine code");
  explain_cmd->footer(
      "\nShows the threads side by side, what the condition asks, and for SC, RC11, ISO C++,\n"
      "x86-TSO and ARMv8 whether the outcome is allowed; when forbidden, the cycle of\n"
      "relations that rules it out, edge by edge. Then the instructions this build emitted\n"
      "for each thread (objdump), so mov vs xchg or ldar/stlr/dmb are visible.\n"
      "\nExamples:\n  hbscope explain MP+rel+acq\n"
      "  hbscope explain SB+rel+acq --graph sb.svg --model rc11 --run 1000000");

  std::string export_test, export_output;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "Write a test in herd7's C litmus dialect, for herd7, litmus7 or a paper");
  export_cmd->add_option("test", export_test, "One test, e.g. MP+rel+acq")->required();
  export_cmd->add_option("-o,--output", export_output, "File to write (default: standard output)");
  export_cmd->footer("\nhbscope model FILE and hbscope run FILE read the file back unchanged.\n"
                     "\nExamples:\n  hbscope export MP+rel+acq -o mp.litmus && herd7 -model rc11.cat mp.litmus");

  std::string import_file, import_output;
  bool import_force = false;
  CLI::App* import_cmd = app.add_subcommand(
      "import", "Turn a herd7 C .litmus file into a catalogue source file (litmus/NAME.cpp)");
  import_cmd->add_option("file", import_file, "A herd C litmus file")->required();
  import_cmd->add_option("-o,--output", import_output, "File to write (default: standard output)");
  import_cmd->add_flag("--force", import_force, "Replace the output file if it exists");
  import_cmd->footer(
      "\nWrites the test with the catalogue's vocabulary (ld, st, if_ne...), the herd source as\n"
      "its opening comment, and C++ verdicts computed by the models. Saved in litmus/, it is\n"
      "compiled into hbscope on the next build: no list to edit. Without it, 'hbscope run\n"
      "FILE.litmus' runs the file directly.\n"
      "\nExamples:\n  hbscope import mp.litmus -o litmus/mp-herd.cpp && cmake --build build\n"
      "  hbscope list MP*");

  std::string tune_test;
  double tune_time = 10;
  std::string tune_placement = "cores";
  CLI::App* tune_cmd = app.add_subcommand(
      "tune", "Search synchronisation modes and layout knobs for the highest weak-outcome rate");
  tune_cmd->add_option("test", tune_test, "One test, e.g. SB+rlx")->required();
  tune_cmd->add_option("-t,--time", tune_time, "Total seconds to spend")
      ->default_val(tune_time)
      ->check(CLI::Range(0.5, 3600.0));
  tune_cmd->add_option("-p,--placement", tune_placement, "As for run")
      ->default_val(tune_placement)
      ->check(CLI::IsMember({"cores", "spread", "smt", "none"}));
  tune_cmd->footer(
      "\nRuns the test under each candidate (timebase periods, fenced and barrier with strides,\n"
      "perpetual where sound, each with and without preload) and ranks them by weak outcomes\n"
      "per second. Prints the command line of the best.\n"
      "\nExample:\n  hbscope tune SB+rlx -t 20");

  std::vector<std::string> report_files;
  std::string report_log, report_html;
  CLI::App* report_cmd =
      app.add_subcommand("report", "Re-print saved results (JSON from 'run --json') without running");
  report_cmd->add_option("file", report_files, "Results files")->required()->check(CLI::ExistingFile);
  report_cmd->add_option("--log", report_log, "Write a litmus7 log instead (- for stdout)");
  report_cmd->add_option("--html", report_html,
                         "Write one self-contained HTML page instead: a chart per test, every "
                         "model's verdicts, several files side by side (- for stdout)");
  report_cmd->footer(
      "\nExamples:\n  hbscope run SB --json sb.json && hbscope report sb.json\n"
      "  hbscope report --html report.html epyc.json graviton.json");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (msg.empty()) msg = "missing command";
    fmt::print(stderr, "hbscope: {} (see 'hbscope --help')\n", msg);
    return 2;
  }

  try {
    if (list->parsed()) return cmd_list(list_patterns, list_long);
    if (run_cmd->parsed()) return cmd_run(ro, join_argv(argc, argv));
    if (report_cmd->parsed()) return cmd_report(report_files, report_log, report_html);
    if (tune_cmd->parsed()) return cmd_tune(tune_test, tune_time, tune_placement);
    if (model_cmd->parsed()) return cmd_model(model_patterns, model_json, model_mapping);
    if (compare_cmd->parsed()) return cmd_compare(compare_files, compare_markdown);
    if (export_cmd->parsed()) return cmd_export(export_test, export_output);
    if (import_cmd->parsed()) return cmd_import(import_file, import_output, import_force);
    if (explain_cmd->parsed())
      return cmd_explain(explain_test, explain_graph, explain_model, explain_run, !explain_no_code);
  } catch (const UsageError& e) {
    fmt::print(stderr, "hbscope: {}\n", e.what());
    return 2;
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "hbscope: {}\n", e.what());
    return 2;
  } catch (const report::ResultsError& e) {
    fmt::print(stderr, "hbscope: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "hbscope: error: {}\n", e.what());
    return 3;
  }
  return 2;
}
