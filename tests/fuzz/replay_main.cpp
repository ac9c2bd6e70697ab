// Replays the fuzz seed corpus and every reproducer the fuzzer ever found, through the same
// function the fuzzer calls: the regression test for the parser (ctest fuzz:replay).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

int hbscope_fuzz_one(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t files = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::filesystem::exists(argv[i])) continue;
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i])) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      const std::string data((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      hbscope_fuzz_one(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
      ++files;
    }
  }
  std::printf("%zu inputs replayed\n", files);
  return files > 0 ? 0 : 1;
}
