#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/hash.hpp"
#include "fixtures.hpp"
#include "support/output.hpp"
#include "support/process.hpp"
#include "support/text.hpp"
#include "support/utf8.hpp"

using namespace hbscope;
using namespace hbscope::support;
using hbscope::testing::Scratch;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("text: wrapping, digit groups, rates", "[support]") {
  CHECK(wrap("a bb ccc", "  ", 6) == "  a bb\n  ccc\n");
  CHECK(wrap("", "> ") == "> \n");
  CHECK(wrap("one  two", "") == "one two\n");
  CHECK(group_digits(0) == "0");
  CHECK(group_digits(1234567) == "1,234,567");
  CHECK(per_million(1, 4) == 250000.0);
  CHECK(per_million(1, 0) == 0.0);
  CHECK(per_million_text(317) == "317");
  CHECK(per_million_text(0.125) == "0.125");
  CHECK(per_million_compact(0.591235) == "591k");
  CHECK(per_second(15.8e6) == "15.8M");
}

TEST_CASE("hash: FNV-1a's prime over hbscope's offset basis, 16 hex digits", "[support]") {
  // The basis is 1469598103934665603, not FNV's 14695981039346656037: declaration hashes in
  // results files saved since the first release depend on it, so it stays.
  CHECK(hash_hex(fnv1a("")) == "14650fb0739d0383");
  CHECK(hash_hex(fnv1a("a")) == "44bd8ad473cd9906");
  CHECK(fnv1a("ab") != fnv1a("ba"));
}

TEST_CASE("utf8: valid text passes, invalid bytes are escaped", "[support]") {
  CHECK(valid_utf8("plain"));
  CHECK(valid_utf8("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80"));
  CHECK_FALSE(valid_utf8("\xff"));
  CHECK_FALSE(valid_utf8("\xc0\xaf"));      // overlong '/'
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));  // a surrogate
  CHECK_FALSE(valid_utf8("\xe2\x86"));      // cut short
  CHECK(escape_invalid_utf8("a\xffz") == "a\\xFFz");
  CHECK(escape_invalid_utf8("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(valid_utf8(escape_invalid_utf8("\xe2\x86\xc3")));
}

TEST_CASE("process: output and status of a command", "[support]") {
  const Captured c = capture("printf 'a b'; exit 3");
  CHECK(c.output == "a b");
  CHECK(c.status == 3);
  CHECK(on_path("sh"));
  CHECK_FALSE(on_path("no-such-tool-hbscope"));
  CHECK(capture("printf %s " + shell_quote("it's")).output == "it's");
}

TEST_CASE("output: a regular file is replaced whole, with no temporary left", "[support]") {
  Scratch s;
  const fs::path f = s.dir / "r.json";
  write_output(f.string(), "first\n");
  write_output(f.string(), "second\n");
  CHECK(slurp(f) == "second\n");
  CHECK(s.entries() == 1);
}

TEST_CASE("output: a symlink is written through, never replaced", "[support]") {
  Scratch s;
  const fs::path target = s.dir / "target.json", link = s.dir / "link.json";
  fs::create_symlink("target.json", link);  // dangling until written
  write_output(link.string(), "through\n");
  CHECK(fs::is_symlink(fs::symlink_status(link)));
  CHECK(slurp(target) == "through\n");
  CHECK(s.entries() == 2);
}

TEST_CASE("output: a FIFO is streamed to, not replaced", "[support]") {
  Scratch s;
  const fs::path fifo = s.dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(is_stream(fifo.string()));
  std::string got;
  {
    // The reader opens first in a child shell; the write blocks until then.
    FILE* reader = popen(("cat " + shell_quote(fifo.string())).c_str(), "r");
    REQUIRE(reader);
    write_output(fifo.string(), "streamed\n");
    char buf[64] = {};
    got = fgets(buf, sizeof buf, reader) ? buf : "";
    pclose(reader);
  }
  CHECK(got == "streamed\n");
  struct stat st {};
  REQUIRE(::stat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("output: /dev/null stays a device", "[support]") {
  CHECK(is_stream("/dev/null"));
  write_output("/dev/null", "discarded\n");
  struct stat st {};
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("output: directories, missing folders and full devices are clear errors", "[support]") {
  Scratch s;
  CHECK_THROWS_WITH(write_output(s.dir.string(), "x"), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(check_writable(s.dir.string()), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(check_writable((s.dir / "no/such/r.json").string()),
                    Catch::Contains("does not exist"));
  if (fs::exists("/dev/full"))
    CHECK_THROWS_WITH(write_output("/dev/full", "x"), Catch::Contains("write failed"));
  CHECK(s.entries() == 0);
}
