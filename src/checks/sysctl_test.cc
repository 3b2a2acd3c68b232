#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

TEST(Sysctl, WhiteSpaceIsNormalised) {
  sys::FakeSystem fake;
  fake.files["/proc/sys/net/ipv4/ip_local_port_range"] = "32768\t60999\n";
  fake.files["/proc/sys/net/ipv4/ip_forward"] = "0\n";
  auto r = RunCheck("linux.sysctl", R"({"ociVersion":"1","linux":{"sysctl":{
      "net.ipv4.ip_local_port_range":"32768 60999","net.ipv4.ip_forward":"1"}}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "linux.sysctl: net.ipv4.ip_forward: expected \"1\", found \"0\" "
            "(config-linux.md#sysctl, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(Sysctl, MissingKeyIsASkipNamingThePathAndErrno) {
  sys::FakeSystem fake;
  auto r =
      RunCheck("linux.sysctl", R"({"ociVersion":"1","linux":{"sysctl":{"no.such":"1"}}})", fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "linux.sysctl no.such: cannot observe: open /proc/sys/no/such: No such file or "
            "directory\n");
}

TEST(Sysctl, PathEscapeIsRefused) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.sysctl", R"({"ociVersion":"1","linux":{"sysctl":{"..x":"1"}}})", fake);
  EXPECT_NE(Failures(r), "");
}

}  // namespace
}  // namespace rt::checks
