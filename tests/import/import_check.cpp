// `hbscope import` end to end: the build imported herd C files into catalogue sources (see
// tests/CMakeLists.txt) and compiled them into this executable as a catalogue would be. Each
// argument is one of those .litmus files. For each: the registered test is the file's
// declaration (same canonical text), its verdicts are the models', and it runs.
#define CATCH_CONFIG_RUNNER
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "herd/litmus_file.hpp"
#include "model/interleavings.hpp"
#include "model/model.hpp"
#include "run/registry.hpp"

using namespace hbscope;

std::vector<std::string> g_files;  // set by main

TEST_CASE("imported herd files join the catalogue unchanged, with the models' verdicts",
          "[import]") {
  REQUIRE_FALSE(g_files.empty());
  CHECK(run::Registry::instance().all().size() == g_files.size());  // nothing else linked in
  for (const std::string& path : g_files) {
    INFO(path);
    const auto file = herd::read_litmus(path);
    const run::Entry* e = run::Registry::instance().find(file->test.name);
    REQUIRE(e);
    const Test& t = *e->test;
    CHECK(canonical_text(t) == canonical_text(file->test));
    for (std::size_t th = 0; th < t.threads.size; ++th)
      for (std::size_t r = 0; r < t.threads.v[th].registers(); ++r)
        CHECK(register_name(t, th, r) == register_name(file->test, th, r));
    CHECK(validate(t).empty());
    const OutcomeLayout layout(t, Condition::parse(t.condition));
    const model::Analysis a = model::analyse(t, layout);
    CHECK((t.cpp.rc11 == Verdict::allowed) == a.allows_witness(model::Model::rc11, layout));
    CHECK((t.cpp.iso == Verdict::allowed) == a.allows_witness(model::Model::iso, layout));
    CHECK_THAT(std::string(t.why), Catch::Contains("imported from"));
    // The compiled loops run: every iteration is tallied, and only outcomes some candidate
    // execution produces appear (values are what the declaration computes).
    const run::Topology topo = run::Topology::this_machine();
    run::Engine engine(t, layout, model::serial_outcomes(t, layout),
                       {.iterations = 5'000, .size = 100},
                       run::plan_placement(topo, Policy::cores, t.threads.size), topo, {});
    const Measurement r = engine.execute(e->loops.data());
    CHECK(r.histogram.total() == 5'000);
    for (const auto& [o, n] : r.histogram.sorted()) {
      INFO(layout.format(o));
      CHECK(std::binary_search(a.candidates.begin(), a.candidates.end(), o));
    }
  }
}

int main(int argc, char** argv) {
  Catch::Session session;
  std::vector<char*> args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.size() > 7 && a.ends_with(".litmus"))
      g_files.push_back(a);
    else
      args.push_back(argv[i]);
  }
  if (const int rc = session.applyCommandLine(static_cast<int>(args.size()), args.data()))
    return rc;
  return session.run();
}
