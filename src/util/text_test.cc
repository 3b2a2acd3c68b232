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

TEST(AbbreviateTest, KeepsShortTextAsItIs) {
  EXPECT_EQ(Abbreviate("short", 64), "short");
  EXPECT_EQ(Abbreviate(std::string(64, 'x'), 64), std::string(64, 'x'));
}

TEST(AbbreviateTest, CutsLongTextAndCountsWhatIsLeftOut) {
  const std::string cut = Abbreviate(std::string(100, 'x'), 64);
  EXPECT_EQ(cut, std::string(27, 'x') + "… (73 more bytes)");
  EXPECT_LE(cut.size(), 64u);
  const std::string huge = Abbreviate(std::string(16 << 20, 'y'));
  EXPECT_LE(huge.size(), kMaxReportLine);
  EXPECT_TRUE(huge.ends_with(" more bytes)")) << huge.substr(huge.size() - 40);
}

TEST(Utf8PrefixLengthTest, BacksUpToACharacterBoundary) {
  const std::string text = "a\xc3\xa9\xe2\x82\xac";  // a, é (2 bytes), € (3 bytes)
  EXPECT_EQ(Utf8PrefixLength(text, 0), 0u);
  EXPECT_EQ(Utf8PrefixLength(text, 1), 1u);
  EXPECT_EQ(Utf8PrefixLength(text, 2), 1u);  // inside é
  EXPECT_EQ(Utf8PrefixLength(text, 3), 3u);
  EXPECT_EQ(Utf8PrefixLength(text, 5), 3u);  // inside €
  EXPECT_EQ(Utf8PrefixLength(text, 6), 6u);
  EXPECT_EQ(Utf8PrefixLength(text, 100), 6u);
  EXPECT_EQ(Utf8PrefixLength("\x80\x80", 1), 0u);  // nothing but continuation bytes
}

TEST(AbbreviateTest, NeverSplitsAUtf8Character) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "é";  // 2 bytes each
  const std::string cut = Abbreviate(text, 64);
  // 27 bytes would split the 14th "é"; the cut keeps 13 of them.
  EXPECT_EQ(cut, text.substr(0, 26) + "… (54 more bytes)");
}

TEST(GroupThousandsTest, PutsACommaEveryThreeDigits) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(1000000), "1,000,000");
  EXPECT_EQ(GroupThousands(18446744073709551615u), "18,446,744,073,709,551,615");
}

TEST(SummarizeSetTest, ListsSmallSetsWhole) {
  EXPECT_EQ(SummarizeSet({}), "{}");
  EXPECT_EQ(SummarizeSet({3, 1, 2, 1}), "{1, 2, 3}");
}

TEST(SummarizeSetTest, ShortensLargeSets) {
  std::vector<uint64_t> many;
  for (uint64_t i = 1; i <= 1000000; ++i) many.push_back(i);
  EXPECT_EQ(SummarizeSet(many, 4), "{1, 2, 3 … 1000000} (1,000,000 values)");
}

TEST(SummarizeSetDifferenceTest, EqualSetsGiveNothing) {
  EXPECT_EQ(SummarizeSetDifference({}, {}), "");
  EXPECT_EQ(SummarizeSetDifference({1, 2, 2, 3}, {3, 1, 2}), "");
}

TEST(SummarizeSetDifferenceTest, NamesMissingAndUnexpectedValues) {
  EXPECT_EQ(SummarizeSetDifference({1, 2, 3}, {1}), "missing 2 of 3: 2, 3");
  EXPECT_EQ(SummarizeSetDifference({1}, {1, 7, 5}), "2 unexpected: 5, 7");
  EXPECT_EQ(SummarizeSetDifference({1, 2}, {2, 9}), "missing 1 of 2: 1; 1 unexpected: 9");
}

// A million additionalGids against the ten groups a process got: the summary is one short line,
// and it takes well under a second.
TEST(SummarizeSetDifferenceTest, AMillionValuesGiveOneShortLine) {
  std::vector<uint64_t> expected;
  for (uint64_t i = 1; i <= 1000000; ++i) expected.push_back(i);
  std::vector<uint64_t> found;
  for (uint64_t i = 999991; i <= 1000000; ++i) found.push_back(i);
  found.push_back(5000000);
  EXPECT_EQ(SummarizeSetDifference(expected, found, 4),
            "missing 999,990 of 1,000,000: 1, 2, 3 … 999990; 1 unexpected: 5000000");
}

TEST(IsUtf8Test, AcceptsUtf8AndRefusesEverythingElse) {
  EXPECT_TRUE(IsUtf8(""));
  EXPECT_TRUE(IsUtf8("/tmp/caf\xc3\xa9/\xf0\x9f\x90\xb3"));
  EXPECT_FALSE(IsUtf8("/tmp/\xff"));         // never a UTF-8 byte
  EXPECT_FALSE(IsUtf8("caf\xc3"));           // cut short
  EXPECT_FALSE(IsUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsUtf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(IsUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}

TEST(KernelAtLeastTest, ComparesMajorThenMinor) {
  EXPECT_FALSE(KernelAtLeast("6.1.0-57-amd64", 6, 3));
  EXPECT_TRUE(KernelAtLeast("6.3", 6, 3));
  EXPECT_TRUE(KernelAtLeast("6.12.117+deb12-amd64", 6, 3));
  EXPECT_TRUE(KernelAtLeast("7.0.1", 6, 3));
  EXPECT_FALSE(KernelAtLeast("5.19.0", 6, 3));
  EXPECT_FALSE(KernelAtLeast("", 6, 3));
  EXPECT_FALSE(KernelAtLeast("6", 6, 0));
  EXPECT_FALSE(KernelAtLeast("x.y", 0, 0));
}

TEST(Concatenation, AppendAllAndCatJoinPartsEmptyOnesIncluded) {
  std::string out = "ok ";
  AppendAll(out, {"1", std::string_view(), " - ", "", "x"});  // a default view has null data
  EXPECT_EQ(out, "ok 1 - x");
  EXPECT_EQ(Cat({"mounts[", "3", "] ", "/data"}), "mounts[3] /data");
  EXPECT_EQ(Cat({}), "");
}

}  // namespace
}  // namespace rt
