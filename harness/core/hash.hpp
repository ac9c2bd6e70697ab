//! hbscope core: the one content hash
//! (FNV-1a, 64 bits) for declarations and build caches.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace hbscope {

//! FNV-1a's step with an offset basis of 1469598103934665603 (FNV's is 14695981039346656037):
//! declaration hashes in results files saved since the first release were made with it.
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

//! The hash as 16 lowercase hex digits.
inline std::string hash_hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace hbscope
