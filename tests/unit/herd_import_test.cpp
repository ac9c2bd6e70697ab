// hbscope import's work without the command line: herd::import_litmus on the golden files and
// the fuzz seeds, and the files it refuses.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "herd/catalogue_source.hpp"
#include "herd/import.hpp"

using namespace hbscope;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = HBSCOPE_SOURCE_DIR;

std::string contents(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool nothing_taken(std::string_view) { return false; }

std::string refusal(const fs::path& p, const herd::NameTaken& taken = nothing_taken) {
  try {
    herd::import_litmus(p, taken);
  } catch (const herd::ImportError& e) {
    return e.what();
  }
  return "";
}

//! A scratch .litmus file, removed with its folder when the test case ends.
struct ScratchFile {
  fs::path dir, path;
  ScratchFile(const std::string& name, const std::string& text) {
    dir = fs::temp_directory_path() / ("hbscope-import-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    path = dir / name;
    std::ofstream(path) << text;
  }
  ~ScratchFile() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_CASE("import: a golden file becomes a catalogue source with the models' verdicts",
          "[herd][import]") {
  const fs::path path = kSource / "tests/golden/mp-c11-rel-acq.litmus";
  std::vector<std::string> asked;
  const herd::Imported imported = herd::import_litmus(path, [&](std::string_view name) {
    asked.emplace_back(name);
    return false;
  });
  CHECK(imported.name == "mp-c11-rel-acq");
  CHECK(asked == std::vector<std::string>{"mp-c11-rel-acq"});  // the catalogue is asked once
  CHECK(imported.source == contents(path));
  CHECK(imported.verdict.rc11 == Verdict::forbidden);
  CHECK(imported.verdict.iso == Verdict::forbidden);
  CHECK(imported.notes.empty());  // one weak outcome, and SC does not give it
  // The declaration, with the herd source quoted above it.
  CHECK_THAT(imported.cpp, Catch::Contains("constexpr Test mp_c11_rel_acq{"));
  CHECK_THAT(imported.cpp, Catch::Contains(".name = \"mp-c11-rel-acq\""));
  CHECK_THAT(imported.cpp, Catch::Contains("ld(r1, y, acq)"));
  CHECK_THAT(imported.cpp, Catch::Contains(".cpp = {.rc11 = forbidden, .iso = forbidden}"));
  CHECK_THAT(imported.cpp, Catch::Contains("imported from mp-c11-rel-acq.litmus"));
  CHECK_THAT(imported.cpp, Catch::Contains("HBSCOPE_REGISTER(mp_c11_rel_acq);"));
  CHECK_THAT(imported.cpp, Catch::Contains("//   exists (1:r1=1 /\\ 1:r2=0)"));
}

TEST_CASE("import: the fuzz seeds the build imports carry their own names and verdicts",
          "[herd][import]") {
  SECTION("C13: out of thin air, which RC11 forbids and ISO C++ allows") {
    const herd::Imported imported =
        herd::import_litmus(kSource / "tests/fuzz/seeds/C13.litmus", nothing_taken);
    CHECK(imported.name == "C13");
    CHECK(imported.verdict.rc11 == Verdict::forbidden);
    CHECK(imported.verdict.iso == Verdict::allowed);
    CHECK_THAT(imported.cpp,
               Catch::Contains("constexpr Test " + herd::catalogue_identifier("C13") + "{"));
    CHECK_THAT(imported.cpp, Catch::Contains("(ISO C++ allows it); imported from C13.litmus"));
  }
  SECTION("linearisation: three threads, unsequenced reads") {
    const herd::Imported imported =
        herd::import_litmus(kSource / "tests/fuzz/seeds/linearisation.litmus", nothing_taken);
    CHECK(imported.name == "linearisation");
    CHECK_THAT(imported.cpp, Catch::Contains(".name = \"linearisation\""));
    CHECK_THAT(imported.cpp, Catch::Contains("HBSCOPE_REGISTER(linearisation);"));
  }
}

TEST_CASE("import refuses what it cannot make a catalogue test of, naming it", "[herd][import]") {
  SECTION("a file that is not .litmus, before reading it") {
    bool asked = false;
    const std::string why = refusal(kSource / "tests/golden/console.txt", [&](std::string_view) {
      asked = true;
      return false;
    });
    CHECK_THAT(why, Catch::Contains("import reads a herd C .litmus file, not '"));
    CHECK_THAT(why, Catch::Contains("console.txt'"));
    CHECK_FALSE(asked);
  }
  SECTION("a name the catalogue already has") {
    const std::string why = refusal(kSource / "tests/golden/mp-c11-rel-acq.litmus",
                                    [](std::string_view name) { return name == "mp-c11-rel-acq"; });
    CHECK_THAT(why, Catch::Contains("already has a test called mp-c11-rel-acq"));
    CHECK_THAT(why, Catch::Contains("(C NAME)"));
  }
  SECTION("a file the parser refuses: its place in the file") {
    CHECK_THAT(refusal(kSource / "tests/golden/lkmm.litmus"),
               Catch::Contains("lkmm.litmus:4:3: 'WRITE_ONCE' is the Linux-kernel"));
  }
  SECTION("a file that is not there") {
    CHECK_THAT(refusal(kSource / "tests/golden/absent.litmus"),
               Catch::Contains("absent.litmus:0:0: cannot open"));
  }
}

TEST_CASE("import notes where a test breaks the catalogue's conventions", "[herd][import]") {
  SECTION("more non-SC outcomes than the witness") {
    const ScratchFile f("two.litmus",
                        "C two\n{}\n"
                        "P0 (atomic_int* x, atomic_int* y) {\n"
                        "  atomic_store_explicit(x, 1, memory_order_relaxed);\n"
                        "  int r0 = atomic_load_explicit(y, memory_order_relaxed);\n}\n"
                        "P1 (atomic_int* x, atomic_int* y) {\n"
                        "  atomic_store_explicit(y, 1, memory_order_relaxed);\n"
                        "  int r0 = atomic_load_explicit(x, memory_order_relaxed);\n"
                        "  int r1 = atomic_load_explicit(x, memory_order_relaxed);\n}\n"
                        "exists (0:r0=0 /\\ 1:r0=0 /\\ 1:r1=0)\n");
    const herd::Imported imported = herd::import_litmus(f.path, nothing_taken);
    REQUIRE(imported.notes.size() == 1);
    CHECK_THAT(imported.notes.front(),
               Catch::StartsWith("C++ allows 1 non-SC outcome(s) besides the witness"));
  }
  SECTION("a witness an interleaving gives") {
    const ScratchFile f(
        "sc.litmus",
        "C sc-witness\n{}\n"
        "P0 (atomic_int* x) {\n  atomic_store_explicit(x, 1, memory_order_relaxed);\n}\n"
        "P1 (atomic_int* x) {\n  int r0 = atomic_load_explicit(x, memory_order_relaxed);\n}\n"
        "exists (1:r0=1)\n");
    const herd::Imported imported = herd::import_litmus(f.path, nothing_taken);
    CHECK(imported.verdict.rc11 == Verdict::allowed);
    REQUIRE(imported.notes.size() == 1);
    CHECK_THAT(imported.notes.front(),
               Catch::StartsWith("an interleaving (SC) produces the witness"));
  }
}
