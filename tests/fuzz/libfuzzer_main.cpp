#include <cstddef>
#include <cstdint>

int hbscope_fuzz_one(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return hbscope_fuzz_one(data, size);
}
