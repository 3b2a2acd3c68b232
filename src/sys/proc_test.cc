#include "sys/proc.h"

#include <gtest/gtest.h>

#include "util/testdata.h"

namespace rt::sys {
namespace {

TEST(ProcStatus, FindsFieldsOfACapturedStatusFile) {
  const std::string status = Testdata("proc_self_status.txt");
  EXPECT_EQ(*FindStatusField(status, "Umask"), "0022");
  EXPECT_EQ(*FindStatusField(status, "CapBnd"), "000001fffeffffff");
  EXPECT_EQ(*FindStatusField(status, "NoNewPrivs"), "0");
  EXPECT_EQ(*ParseHexMask(*FindStatusField(status, "CapEff")), 0x1fffeffffffULL);
}

TEST(ProcStatus, MissingFieldIsAnErrorNamingIt) {
  auto r = FindStatusField("Name:\tx\n", "CapAmb");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("CapAmb"), std::string::npos);
}

TEST(ProcStatus, AKeyMatchesWholeNotAsAPrefix) {
  // "Cap" is the start of five keys and the key of none; "Key" is found past garbage lines.
  const std::string text = "garbage\nCapInh:\t0\nKey :  value with space \n:\nKey: later\n";
  EXPECT_FALSE(FindStatusField(text, "Cap").ok());
  EXPECT_EQ(*FindStatusField(text, "Key"), "value with space");
  EXPECT_EQ(*FindStatusField("MemTotal:       24684096 kB", "MemTotal"), "24684096 kB");
  // Only at the start of a line: a value or a longer key that holds the key does not count.
  EXPECT_EQ(*FindStatusField("Name:\tCapEff: 9\nXCapEff: 8\nCapEff:\t1\n", "CapEff"), "1");
  EXPECT_FALSE(FindStatusField("Name:\tCapEff: 9\n", "CapEff").ok());
  EXPECT_FALSE(FindStatusField("Name:\tx\n", "").ok());
}

TEST(ProcNumbers, RejectGarbageAndOverflow) {
  EXPECT_FALSE(ParseHexMask("xyz").ok());
  EXPECT_FALSE(ParseHexMask("").ok());
  EXPECT_FALSE(ParseUnsigned("99999999999999999999999").ok());
  EXPECT_FALSE(ParseUnsigned("-1").ok());
  EXPECT_EQ(*ParseUnsigned("40\n"), 40u);
  EXPECT_EQ(*ParseUnsigned("0027", 8), 027u);
  EXPECT_EQ(*ParseSigned("-1000\n"), -1000);
}

TEST(ProcCmdline, SplitsOnNul) {
  using V = std::vector<std::string>;
  EXPECT_EQ(SplitCmdline(std::string("/bin/runtimetest\0--path=/\0", 26)),
            (V{"/bin/runtimetest", "--path=/"}));
  EXPECT_EQ(SplitCmdline(std::string("a\0\0b\0", 5)), (V{"a", "", "b"}));
  EXPECT_EQ(SplitCmdline(""), V{});
  EXPECT_EQ(SplitCmdline("noterminator"), V{"noterminator"});
}

TEST(ProcText, NormalizeSpaceFoldsTabsAndNewlines) {
  EXPECT_EQ(NormalizeSpace("32768\t60999\n"), "32768 60999");
  EXPECT_EQ(NormalizeSpace("  a  b "), "a b");
  EXPECT_EQ(NormalizeSpace(""), "");
}

}  // namespace
}  // namespace rt::sys
