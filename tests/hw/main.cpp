// The hardware tests' main: on a machine where this process may use fewer than two PUs, the
// threads of a test cannot overlap, so the tests that need a weak outcome to show are skipped
// visibly (exit 77, ctest's SKIP_RETURN_CODE) rather than passed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>

#include "run/topology.hpp"

int main(int argc, char** argv) {
  const bool needs_overlap =
      argc > 1 && std::strstr(argv[argc - 1], "[x86_64]") != nullptr && argv[argc - 1][0] == '[';
  if (needs_overlap && hbscope::run::Topology::this_machine().pus().size() < 2) {
    std::puts("SKIP: fewer than two usable PUs, so threads cannot overlap");
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
