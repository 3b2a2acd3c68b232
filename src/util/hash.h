// FNV-1a, 64 bits: for the small hash tables of the validator (option words, mount points). Cheap
// per byte, and extendable: FnvMore(Fnv("/a"), "/b") == Fnv("/a/b"), so a walk from the root
// hashes each prefix in passing.
#pragma once

#include <cstdint>
#include <string_view>

namespace rt {

inline constexpr uint64_t kFnvStart = 14695981039346656037ull;

constexpr uint64_t FnvMore(uint64_t h, std::string_view s) {
  for (char c : s) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ull;
  return h;
}

constexpr uint64_t Fnv(std::string_view s) { return FnvMore(kFnvStart, s); }

}  // namespace rt
