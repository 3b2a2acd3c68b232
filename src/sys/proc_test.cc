#include "sys/proc.h"

#include <gtest/gtest.h>

#include "util/testdata.h"

namespace rt::sys {
namespace {

TEST(ProcStatus, ParsesACapturedStatusFile) {
  auto fields = ParseStatusFields(Testdata("proc_self_status.txt"));
  EXPECT_EQ(fields["Umask"], "0022");
  EXPECT_EQ(fields["CapBnd"], "000001fffeffffff");
  EXPECT_EQ(fields["NoNewPrivs"], "0");
  EXPECT_EQ(*ParseHexMask(fields["CapEff"]), 0x1fffeffffffULL);
}

TEST(ProcStatus, MissingFieldIsAnErrorNamingIt) {
  auto r = StatusField(ParseStatusFields("Name:\tx\n"), "CapAmb");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("CapAmb"), std::string::npos);
}

TEST(ProcStatus, LinesWithoutColonAreIgnored) {
  auto fields = ParseStatusFields("garbage\nKey:  value with space \n:\n");
  EXPECT_EQ(fields["Key"], "value with space");
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
