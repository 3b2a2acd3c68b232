#include "util/json_text.h"

#include <gtest/gtest.h>

namespace rt {
namespace {

std::string Nested(int depth, const std::string& inside = "") {
  return std::string(depth, '[') + inside + std::string(depth, ']');
}

TEST(ParseJsonTextTest, ReadsJsonAndRefusesTheRest) {
  Result<nlohmann::json> j = ParseJsonText(R"({"a": [1, {"b": "]]]"}], "c": "\"{"})");
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_EQ((*j)["a"][1]["b"], "]]]");
  EXPECT_EQ(ParseJsonText("{").status().message(), "not valid JSON");
  EXPECT_EQ(ParseJsonText("").status().message(), "not valid JSON");
  EXPECT_EQ(ParseJsonText("\"\xff\"").status().message(), "not valid JSON");
}

// Brackets inside strings, escaped quotes included, do not count.
TEST(ParseJsonTextTest, RefusesOnlyWhatNestsDeeperThanTheLimit) {
  EXPECT_TRUE(ParseJsonText(Nested(kMaxJsonDepth)).ok());
  EXPECT_TRUE(ParseJsonText(Nested(kMaxJsonDepth - 1, R"("\"[[[[")")).ok());
  EXPECT_EQ(ParseJsonText(Nested(kMaxJsonDepth + 1)).status().message(),
            "nested deeper than 100 levels");
  EXPECT_EQ(ParseJsonText(R"({"a":)" + Nested(kMaxJsonDepth) + "}").status().message(),
            "nested deeper than 100 levels");
}

// A megabyte of nesting (what a runtime's captured output may hold) is refused, not read into a
// tree whose copy or dump would overflow the stack.
TEST(ParseJsonTextTest, AMegabyteOfNestingIsRefused) {
  EXPECT_EQ(ParseJsonText(Nested(1 << 19)).status().message(), "nested deeper than 100 levels");
}

}  // namespace
}  // namespace rt
