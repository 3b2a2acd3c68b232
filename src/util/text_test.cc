#include "util/text.h"

#include <gtest/gtest.h>

namespace rt {
namespace {

using Views = std::vector<std::string_view>;

TEST(TrimTest, StripsAsciiWhiteSpaceAtBothEnds) {
  EXPECT_EQ(Trim("  a b\t"), "a b");
  EXPECT_EQ(Trim("\n\v\f\r x \r\f\v\n"), "x");
  EXPECT_EQ(Trim("plain"), "plain");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t\n "), "");
  EXPECT_EQ(Trim("\xa0x\xa0"), "\xa0x\xa0");  // not ASCII white space
}

TEST(TrimTest, StripsTheGivenBytesOnly) {
  EXPECT_EQ(Trim("\t a \r\n", " \t\r"), "a \r\n");
  EXPECT_EQ(Trim("--x-y--", "-"), "x-y");
  EXPECT_EQ(Trim("---", "-"), "");
}

TEST(QuoteCTest, EscapesQuotesBackslashesAndControlBytes) {
  EXPECT_EQ(QuoteC(""), "\"\"");
  EXPECT_EQ(QuoteC("web-1"), "\"web-1\"");
  EXPECT_EQ(QuoteC("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(QuoteC("l1\nl2\tx"), "\"l1\\nl2\\tx\"");
  EXPECT_EQ(QuoteC(std::string_view("\0\x01\x1b\x1f\r", 5)), "\"\\x00\\x01\\x1b\\x1f\\x0d\"");
  EXPECT_EQ(QuoteC("caf\xc3\xa9"), "\"caf\xc3\xa9\"");  // bytes from 0x80 up stay
}

TEST(QuoteCTest, EscapesDelOnlyWhenAsked) {
  EXPECT_EQ(QuoteC("a\x7f"), "\"a\x7f\"");
  EXPECT_EQ(QuoteC("a\x7f", /*escape_del=*/true), "\"a\\x7f\"");
  EXPECT_EQ(QuoteC("\x1f\xff", /*escape_del=*/true), "\"\\x1f\xff\"");
}

TEST(LinesTest, SplitsAtNewlines) {
  EXPECT_EQ(Lines(""), Views{});
  EXPECT_EQ(Lines("one"), Views{"one"});
  EXPECT_EQ(Lines("one\n"), Views{"one"});
  EXPECT_EQ(Lines("one\ntwo"), (Views{"one", "two"}));
  EXPECT_EQ(Lines("one\n\ntwo\n"), (Views{"one", "", "two"}));
  EXPECT_EQ(Lines("\n"), Views{""});
  EXPECT_EQ(Lines("a\r\nb"), (Views{"a\r", "b"}));
}

TEST(WordsTest, SplitsAtRunsOfWhiteSpace) {
  EXPECT_EQ(Words(""), Views{});
  EXPECT_EQ(Words(" \t\n"), Views{});
  EXPECT_EQ(Words("one"), Views{"one"});
  EXPECT_EQ(Words("  0 1000\t\t65536 \n"), (Views{"0", "1000", "65536"}));
  EXPECT_EQ(Words("a\vb\fc\rd"), (Views{"a", "b", "c", "d"}));
}

TEST(WordsTest, SplitsAtTheGivenSeparatorsOnly) {
  EXPECT_EQ(Words(" a\tb  c ", " "), (Views{"a\tb", "c"}));
  EXPECT_EQ(Words("x,,y,", ","), (Views{"x", "y"}));
}

}  // namespace
}  // namespace rt
