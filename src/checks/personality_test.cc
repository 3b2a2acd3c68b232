#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

std::string Config(const std::string& personality) {
  return R"({"ociVersion":"1.0.2","linux":{"personality":)" + personality + "}}";
}

TEST(Personality, Linux32) {
  sys::FakeSystem fake;
  fake.persona = 0x0008u;  // what crun 1.8.1 leaves
  auto r = RunCheck("linux.personality", Config(R"({"domain":"LINUX32"})"), fake);
  EXPECT_EQ(Failures(r), "");
  fake.persona = 0u;  // what runc 1.1.5 leaves: it ignores the field
  r = RunCheck("linux.personality", Config(R"({"domain":"LINUX32"})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.personality: expected LINUX32, found LINUX (config-linux.md#personality, "
            "MUST)\n");
}

TEST(Personality, FlagsTheConfigDidNotAskForShow) {
  sys::FakeSystem fake;
  fake.persona = 0x0040000u | 0x10000000u;
  auto r = RunCheck("linux.personality", Config(R"({"domain":"LINUX"})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.personality: expected LINUX, found LINUX|ADDR_NO_RANDOMIZE|0x10000000 "
            "(config-linux.md#personality, MUST)\n");
}

TEST(Personality, WithFlagsOnlyTheDomainIsCompared) {
  sys::FakeSystem fake;
  fake.persona = 0x0040008u;
  auto r = RunCheck("linux.personality",
                    Config(R"({"domain":"LINUX32","flags":["ADDR_NO_RANDOMIZE"]})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(Personality, UnknownDomain) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.personality", Config(R"({"domain":"SVR4"})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.personality: domain: expected LINUX or LINUX32, found \"SVR4\" "
            "(config-linux.md#personality, MUST)\n");
}

}  // namespace
}  // namespace rt::checks
