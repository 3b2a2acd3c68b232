// A fixed set of words (mount option names, filesystem types) and the position of each, found by
// one hash and nearly always one comparison. The table is built by the compiler: nothing runs at
// start-up, and a word listed twice does not compile.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "util/hash.h"

namespace rt {

// Not constexpr: reached while the compiler builds a table, it stops the build there.
inline void WordListedTwice() {}

template <size_t N>
class WordIndex {
 public:
  // `words` must outlive the index (a constexpr array does).
  constexpr explicit WordIndex(const std::array<std::string_view, N>& words) : words_(&words) {
    for (size_t w = 0; w < N; ++w) {
      size_t i = Hash(words[w]) & (kSlots - 1);
      while (slots_[i] != 0) {
        // Not a constant expression: the compiler says the table lists a word twice.
        if (words[slots_[i] - 1] == words[w]) WordListedTwice();
        i = (i + 1) & (kSlots - 1);
      }
      slots_[i] = static_cast<uint16_t>(w + 1);
    }
  }

  // The position of `word` in the list, or -1.
  int Find(std::string_view word) const {
    for (size_t i = Hash(word) & (kSlots - 1); slots_[i] != 0; i = (i + 1) & (kSlots - 1)) {
      const std::string_view w = (*words_)[slots_[i] - 1];
      if (w.size() == word.size() && std::memcmp(w.data(), word.data(), w.size()) == 0) {
        return slots_[i] - 1;
      }
    }
    return -1;
  }

 private:
  static_assert(N < 0xffff);
  // At most half full: a miss ends at an empty slot after a probe or two.
  static constexpr size_t kSlots = std::bit_ceil(N * 2 + 1);

  static constexpr size_t Hash(std::string_view s) { return static_cast<size_t>(Fnv(s)); }

  const std::array<std::string_view, N>* words_;
  std::array<uint16_t, kSlots> slots_{};  // 0: empty; else the word's position + 1
};

}  // namespace rt
