#include "sys/cpu_list.h"

#include <gtest/gtest.h>

namespace rt::sys {
namespace {

std::string Canonical(std::string_view text) {
  Result<CpuList> list = CpuList::Parse(text);
  return list.ok() ? list->ToString() : "error: " + list.status().message();
}

TEST(CpuList, ParsesTheKernelListFormat) {
  EXPECT_EQ(Canonical("0-3,7"), "0-3,7");
  EXPECT_EQ(Canonical("0\n"), "0");
  EXPECT_EQ(Canonical(" 2 , 0-1 "), "0-2");
  EXPECT_EQ(Canonical(""), "");
  EXPECT_EQ(Canonical("\n"), "");
}

TEST(CpuList, EqualSetsCompareEqualWhateverTheirSpelling) {
  EXPECT_EQ(*CpuList::Parse("0,1,2,3"), *CpuList::Parse("0-3"));
  EXPECT_EQ(*CpuList::Parse("3,0-2"), *CpuList::Parse("0-3"));
  EXPECT_EQ(*CpuList::Parse("0-2,1-5"), *CpuList::Parse("0-5"));
  EXPECT_FALSE(*CpuList::Parse("0-3") == *CpuList::Parse("0-2"));
}

TEST(CpuList, RejectsWhatIsNotAList) {
  EXPECT_FALSE(CpuList::Parse("a").ok());
  EXPECT_FALSE(CpuList::Parse("1-").ok());
  EXPECT_FALSE(CpuList::Parse("3-1").ok());
  EXPECT_FALSE(CpuList::Parse("0,,1").ok());
  EXPECT_FALSE(CpuList::Parse("-1").ok());
  EXPECT_FALSE(CpuList::Parse("99999999999").ok());
  EXPECT_NE(CpuList::Parse("0-1,x").status().message().find("\"x\""), std::string::npos);
}

TEST(CpuList, AHugeRangeCostsNothing) {
  Result<CpuList> all = CpuList::Parse("0-4294967295");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->Count(), uint64_t{1} << 32);
  EXPECT_TRUE(all->Contains(4294967295u));
  EXPECT_EQ(all->ToString(), "0-4294967295");
  EXPECT_EQ(Canonical("4294967295,0-4294967294"), "0-4294967295");
}

TEST(CpuList, ReadsBitMasks) {
  EXPECT_EQ(CpuList::FromMask({0x3}).ToString(), "0-1");
  EXPECT_EQ(CpuList::FromMask({0x8d, 0x1}).ToString(), "0,2-3,7,64");
  EXPECT_EQ(CpuList::FromMask({0, 0}).ToString(), "");
  EXPECT_EQ(CpuList::FromMask({~uint64_t{0}, ~uint64_t{0}}).ToString(), "0-127");
}

}  // namespace
}  // namespace rt::sys
