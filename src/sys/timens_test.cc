#include "sys/timens.h"

#include <gtest/gtest.h>

namespace rt::sys {
namespace {

// Captured on this machine: `unshare --time --monotonic=-5 --boottime 86400`.
constexpr const char* kCaptured =
    "monotonic          -5         0\n"
    "boottime        86400         0\n";

TEST(TimensOffsets, ParsesACapturedFile) {
  auto r = ParseTimensOffsets(kCaptured);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->size(), 2u);
  EXPECT_EQ(r->at("monotonic"), (ClockOffset{-5, 0}));
  EXPECT_EQ(r->at("boottime"), (ClockOffset{86400, 0}));
}

TEST(TimensOffsets, ClockNumbersBecomeNames) {
  auto r = ParseTimensOffsets("1 10 500\n7 -3 999999999\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at("monotonic"), (ClockOffset{10, 500}));
  EXPECT_EQ(r->at("boottime"), (ClockOffset{-3, 999999999}));
}

TEST(TimensOffsets, MalformedLineIsAnError) {
  EXPECT_FALSE(ParseTimensOffsets("monotonic 5\n").ok());
  EXPECT_FALSE(ParseTimensOffsets("monotonic five 0\n").ok());
}

}  // namespace
}  // namespace rt::sys
