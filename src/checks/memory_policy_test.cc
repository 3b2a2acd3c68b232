#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

std::string Config(const std::string& policy) {
  return R"({"ociVersion":"1.3.0","linux":{"memoryPolicy":)" + policy + "}}";
}

TEST(MemoryPolicy, BindWithStaticNodes) {
  sys::FakeSystem fake;
  fake.memory_policy = sys::MemoryPolicy{2 | (1 << 15), {0x1}};
  auto r =
      RunCheck("linux.memoryPolicy",
               Config(R"({"mode":"MPOL_BIND","nodes":"0","flags":["MPOL_F_STATIC_NODES"]})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 3);
}

TEST(MemoryPolicy, AnIgnoredPolicyShowsAsDefault) {
  sys::FakeSystem fake;  // MPOL_DEFAULT, no nodes
  auto r =
      RunCheck("linux.memoryPolicy", Config(R"({"mode":"MPOL_INTERLEAVE","nodes":"0-1"})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.memoryPolicy: mode: expected MPOL_INTERLEAVE, found MPOL_DEFAULT "
            "(config-linux.md#memory-policy, MUST)\n"
            "linux.memoryPolicy: nodes: expected 0-1, found none "
            "(config-linux.md#memory-policy, MUST)\n");
}

TEST(MemoryPolicy, PreferredWithoutNodesIsLocal) {
  sys::FakeSystem fake;
  fake.memory_policy = sys::MemoryPolicy{4, {0}};
  auto r = RunCheck("linux.memoryPolicy", Config(R"({"mode":"MPOL_PREFERRED"})"), fake);
  EXPECT_EQ(Failures(r), "");
}

TEST(MemoryPolicy, NoNumaIsASkip) {
  sys::FakeSystem fake;
  fake.memory_policy = Status::Errno("get_mempolicy", ENOSYS);
  auto r = RunCheck("linux.memoryPolicy", Config(R"({"mode":"MPOL_DEFAULT"})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(MemoryPolicy, UnknownNamesAreFailureLines) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.memoryPolicy", Config(R"({"mode":"MPOL_FAST"})"), fake);
  EXPECT_EQ(Count(r, report::Outcome::kFail), 1);
  r = RunCheck("linux.memoryPolicy", Config(R"({"mode":"MPOL_BIND","nodes":"zero"})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.memoryPolicy: nodes: expected a node list such as \"0-1,3\", found \"zero\" "
            "(config-linux.md#memory-policy, MUST)\n");
}

}  // namespace
}  // namespace rt::checks
