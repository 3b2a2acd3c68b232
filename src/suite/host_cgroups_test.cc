#include "suite/host_cgroups.h"

#include <gtest/gtest.h>

#include "sys/fake_system.h"

namespace rt::suite {
namespace {

spec::Config Told(const std::string& linux) {
  Result<spec::Config> c = spec::ParseConfig(R"({"ociVersion":"1.3.0","linux":)" + linux + "}");
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : spec::Config{};
}

const std::vector<sys::CgroupMount> kHybrid = {
    {1, "/", "/sys/fs/cgroup/memory", {"memory"}},
    {1, "/", "/sys/fs/cgroup/pids", {"pids"}},
    {2, "/", "/sys/fs/cgroup/unified", {}}};

sys::FakeSystem Host() {
  sys::FakeSystem fake;
  fake.files["/proc/42/cgroup"] = "8:pids:/rt/ctr\n4:memory:/rt/ctr\n0::/rt/ctr\n";
  fake.files["/proc/sys/kernel/osrelease"] = "6.18.44\n";
  fake.files["/sys/fs/cgroup/memory/rt/ctr/memory.limit_in_bytes"] = "104857600\n";
  fake.files["/sys/fs/cgroup/pids/rt/ctr/pids.max"] = "77\n";
  return fake;
}

TEST(HostCgroups, ComparesPathAndLimitsOfTheContainerProcess) {
  sys::FakeSystem fake = Host();
  auto told = Told(R"({"cgroupsPath": "/rt/ctr", "resources": {"memory": {"limit": 104857600},
      "pids": {"limit": 77}}})");
  EXPECT_EQ(HostFailureLines(CheckCgroupsFromHost(told, 42, kHybrid, fake)), "");
  told = Told(R"({"cgroupsPath": "/rt/other", "resources": {"pids": {"limit": 78}}})");
  EXPECT_EQ(HostFailureLines(CheckCgroupsFromHost(told, 42, kHybrid, fake)),
            "linux.resources.cgroupsPath: cgroup of the pids controller: expected /rt/other, "
            "found /rt/ctr (config-linux.md#cgroups-path, MUST)\n"
            "linux.resources.pids.limit: /sys/fs/cgroup/pids/rt/ctr/pids.max: expected 78, found "
            "77 (config-linux.md#pids, MUST)\n");
}

TEST(HostCgroups, AGoneProcessIsCannotObserveAndBlindingSilencesFailures) {
  sys::FakeSystem fake = Host();
  auto told = Told(R"({"resources": {"pids": {"limit": 78}}})");
  auto gone = CheckCgroupsFromHost(told, 43, kHybrid, fake);
  EXPECT_EQ(HostFailureLines(gone), "");
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_NE(gone[0].reason.find("cannot observe"), std::string::npos);
  told.annotations["org.runtimetest.blind"] = "hostname,linux.resources";
  EXPECT_EQ(HostFailureLines(CheckCgroupsFromHost(told, 42, kHybrid, fake)), "");
}

TEST(HostCgroups, OnlyMustFailuresArePrinted) {
  sys::FakeSystem fake = Host();
  fake.files["/sys/fs/cgroup/pids/rt/ctr/pids.max"] = "max\n";
  auto told = Told(R"({"resources": {"pids": {"limit": 0}}})");  // 0: a SHOULD
  auto assertions = CheckCgroupsFromHost(told, 42, kHybrid, fake);
  EXPECT_EQ(HostFailureLines(assertions), "");
  bool failed = false;
  for (const auto& a : assertions) failed = failed || a.outcome == report::Outcome::kFail;
  EXPECT_TRUE(failed);
}

}  // namespace
}  // namespace rt::suite
