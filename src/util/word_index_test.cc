#include "util/word_index.h"

#include <gtest/gtest.h>

namespace rt {
namespace {

constexpr std::array<std::string_view, 5> kWords = {"ro", "rw", "nosuid", "", "a-much-longer-word"};
constexpr WordIndex kIndex(kWords);

TEST(WordIndex, FindsEachWordAtItsPosition) {
  for (size_t i = 0; i < kWords.size(); ++i) EXPECT_EQ(kIndex.Find(kWords[i]), int(i)) << kWords[i];
}

TEST(WordIndex, OtherWordsAreNotFound) {
  EXPECT_EQ(kIndex.Find("r"), -1);
  EXPECT_EQ(kIndex.Find("roo"), -1);
  EXPECT_EQ(kIndex.Find("RO"), -1);
  EXPECT_EQ(kIndex.Find("nosuid "), -1);
  EXPECT_EQ(kIndex.Find(std::string_view("ro\0", 3)), -1);
}

TEST(WordIndex, AFullerTableStillFindsEverything) {
  static constexpr std::array<std::string_view, 9> kMany = {"a", "b", "c", "d", "e",
                                                            "f", "g", "h", "i"};
  constexpr WordIndex index(kMany);
  for (size_t i = 0; i < kMany.size(); ++i) EXPECT_EQ(index.Find(kMany[i]), int(i));
  EXPECT_EQ(index.Find("j"), -1);
}

}  // namespace
}  // namespace rt
