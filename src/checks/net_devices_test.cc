#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

TEST(NetDevices, LooksForTheNewNameOrElseTheHostName) {
  sys::FakeSystem fake;
  fake.interfaces = {{"lo", 1}, {"ctr0", 5}, {"dummy1", 6}};
  auto r = RunCheck("linux.netDevices", R"({"ociVersion":"1.3.0","linux":{"netDevices":{
      "rt-dummy0":{"name":"ctr0"},"dummy1":{},"dummy2":{"name":""}}}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "linux.netDevices: \"dummy2\": expected an interface of that name in the container, "
            "found none (config-linux.md#network-devices, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 2);
}

TEST(NetDevices, ARenamedDeviceLeftUnderItsHostName) {
  sys::FakeSystem fake;
  fake.interfaces = {{"rt-dummy0", 3}};
  auto r = RunCheck("linux.netDevices",
                    R"({"ociVersion":"1.3.0","linux":{"netDevices":{"rt-dummy0":{"name":"c0"}}}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "linux.netDevices: \"c0\" (host \"rt-dummy0\"): expected an interface of that name in "
            "the container, found none (config-linux.md#network-devices, MUST)\n");
}

TEST(NetDevices, AbsentIsASkip) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.netDevices", R"({"ociVersion":"1.3.0","linux":{}})", fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

}  // namespace
}  // namespace rt::checks
