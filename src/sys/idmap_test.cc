#include "sys/idmap.h"

#include <gtest/gtest.h>

namespace rt::sys {
namespace {

// Captured on this machine: the map of a user namespace written with three ranges, and the
// initial namespace's identity map.
constexpr const char* kThreeRanges =
    "         0     100000      65536\n"
    "     65536       1000          1\n"
    "     70000       2000          5\n";
constexpr const char* kInitial = "         0          0 4294967295\n";

TEST(IdMap, ParsesCapturedMaps) {
  auto three = ParseIdMap(kThreeRanges);
  ASSERT_TRUE(three.ok()) << three.status().message();
  EXPECT_EQ(*three,
            (std::vector<IdMapEntry>{{0, 100000, 65536}, {65536, 1000, 1}, {70000, 2000, 5}}));
  auto initial = ParseIdMap(kInitial);
  ASSERT_TRUE(initial.ok());
  EXPECT_EQ(*initial, (std::vector<IdMapEntry>{{0, 0, 4294967295}}));
}

TEST(IdMap, EmptyMapHasNoEntries) {
  auto r = ParseIdMap("");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(IdMap, MalformedLineIsAnError) {
  EXPECT_FALSE(ParseIdMap("0 100000\n").ok());
  EXPECT_FALSE(ParseIdMap("0 100000 65536 7\n").ok());
  EXPECT_FALSE(ParseIdMap("0 x 65536\n").ok());
}

}  // namespace
}  // namespace rt::sys
