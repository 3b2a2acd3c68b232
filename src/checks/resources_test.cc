
#include "checks/check_test_util.h"
#include "util/testdata.h"

namespace rt::checks {
namespace {

// Inside a runc 1.1.5 container on this cgroup v1/v2 hybrid host (captured).
sys::FakeSystem RuncContainer() {
  sys::FakeSystem fake;
  fake.files["/proc/self/cgroup"] = Testdata("cgroup/runc-hostns.cgroup");
  fake.files["/proc/self/mountinfo"] = Testdata("cgroup/runc-hostns.mountinfo");
  fake.files["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "104857600\n";
  fake.files["/sys/fs/cgroup/pids/pids.max"] = "77\n";
  fake.files["/sys/fs/cgroup/cpu/cpu.shares"] = "512\n";
  fake.files["/sys/fs/cgroup/cpu/cpu.cfs_quota_us"] = "50000\n";
  fake.files["/sys/fs/cgroup/cpu/cpu.cfs_period_us"] = "100000\n";
  fake.files["/sys/fs/cgroup/cpuset/cpuset.cpus"] = "0\n";
  fake.files["/sys/fs/cgroup/cpuset/cpuset.mems"] = "0\n";
  return fake;
}

std::string Config(const std::string& resources) {
  return R"({"ociVersion":"1.0.2","linux":{"resources":)" + resources + "}}";
}

const char* kAll = R"({"memory":{"limit":104857600},"pids":{"limit":77},
    "cpu":{"shares":512,"quota":50000,"period":100000,"cpus":"0","mems":"0"}})";

TEST(Resources, EveryComparedLimitOfARuncContainer) {
  sys::FakeSystem fake = RuncContainer();
  auto r = RunCheck("linux.resources", Config(kAll), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 7);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 0);
}

TEST(Resources, FailureLinesNameTheFileAndTheSpecSection) {
  sys::FakeSystem fake = RuncContainer();
  fake.files["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "9223372036854771712\n";
  fake.files["/sys/fs/cgroup/pids/pids.max"] = "max\n";
  fake.files["/sys/fs/cgroup/cpuset/cpuset.cpus"] = "0-1\n";
  auto r = RunCheck("linux.resources", Config(kAll), fake);
  EXPECT_EQ(Failures(r),
            "linux.resources.memory.limit: /sys/fs/cgroup/memory/memory.limit_in_bytes: expected "
            "104857600, found unlimited (config-linux.md#memory, MUST)\n"
            "linux.resources.pids.limit: /sys/fs/cgroup/pids/pids.max: expected 77, found max "
            "(config-linux.md#pids, MUST)\n"
            "linux.resources.cpu.cpus: /sys/fs/cgroup/cpuset/cpuset.cpus: expected 0, found 0-1 "
            "(config-linux.md#cpu, MUST)\n");
}

TEST(Resources, TheKernelKeepsMemoryInPagesAndClampsShares) {
  sys::FakeSystem fake = RuncContainer();
  fake.files["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "4096\n";
  fake.files["/sys/fs/cgroup/cpu/cpu.shares"] = "2\n";
  auto r =
      RunCheck("linux.resources", Config(R"({"memory":{"limit":5000},"cpu":{"shares":1}})"), fake);
  EXPECT_EQ(Failures(r), "");
  fake.files["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "9223372036854771712\n";
  r = RunCheck("linux.resources", Config(R"({"memory":{"limit":-1}})"), fake);
  EXPECT_EQ(Failures(r), "");
}

TEST(Resources, CgroupV2Files) {
  sys::FakeSystem fake;
  fake.files["/proc/self/cgroup"] = "0::/\n";
  fake.files["/proc/self/mountinfo"] =
      "30 25 0:26 / /sys/fs/cgroup ro,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";
  fake.files["/sys/fs/cgroup/cgroup.controllers"] = "cpuset cpu io memory pids\n";
  fake.files["/sys/fs/cgroup/memory.max"] = "max\n";
  fake.files["/sys/fs/cgroup/pids.max"] = "max\n";
  fake.files["/sys/fs/cgroup/cpu.max"] = "50000 100000\n";
  fake.files["/sys/fs/cgroup/cpuset.cpus"] = "0-1\n";
  auto r = RunCheck("linux.resources", Config(R"({"memory":{"limit":-1},"pids":{"limit":-1},
      "cpu":{"shares":1024,"quota":50000,"period":100000,"cpus":"0,1"}})"),
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 5);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);  // shares -> weight is the runtime's choice
  fake.files["/sys/fs/cgroup/cpu.max"] = "max 100000\n";
  r = RunCheck("linux.resources", Config(R"({"cpu":{"quota":50000}})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.resources.cpu.quota: /sys/fs/cgroup/cpu.max quota: expected 50000, found max "
            "(config-linux.md#cpu, MUST)\n");
}

TEST(Resources, PidsLimitFollowsRuntimeSpec13) {
  // config-linux.md#pids: -1 is no limit ("max"); 0 is a valid limit runtimes SHOULD honour.
  sys::FakeSystem fake = RuncContainer();
  fake.files["/sys/fs/cgroup/pids/pids.max"] = "1024\n";
  auto r = RunCheck("linux.resources", Config(R"({"pids":{"limit":-1}})"), fake);
  ASSERT_EQ(Count(r, report::Outcome::kFail), 1);
  EXPECT_EQ(Failures(r),
            "linux.resources.pids.limit: /sys/fs/cgroup/pids/pids.max: expected max, found 1024 "
            "(config-linux.md#pids, MUST)\n");
  r = RunCheck("linux.resources", Config(R"({"pids":{"limit":0}})"), fake);
  ASSERT_EQ(Count(r, report::Outcome::kFail), 1);
  EXPECT_EQ(r[0].level, report::Level::kShould);
  EXPECT_EQ(r[0].expected, "0");
  fake.files["/sys/fs/cgroup/pids/pids.max"] = "0\n";
  r = RunCheck("linux.resources", Config(R"({"pids":{"limit":0}})"), fake);
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
  r = RunCheck("linux.resources", Config(R"({"pids":{"limit":-2}})"), fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(Resources, AControllerNotEnabledInV2IsASkip) {
  sys::FakeSystem fake;
  fake.files["/proc/self/cgroup"] = "0::/\n";
  fake.files["/proc/self/mountinfo"] = "30 25 0:26 / /sys/fs/cgroup ro - cgroup2 cgroup2 rw\n";
  fake.files["/sys/fs/cgroup/cgroup.controllers"] = "memory\n";
  auto r = RunCheck("linux.resources", Config(R"({"pids":{"limit":10}})"), fake);
  EXPECT_EQ(Failures(r), "");
  ASSERT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(Resources, NoCgroupMountIsASkipNotAPass) {
  sys::FakeSystem fake = RuncContainer();
  fake.files["/proc/self/mountinfo"] = "22 27 0:21 / /proc rw,relatime - proc proc rw\n";
  auto r = RunCheck("linux.resources", Config(kAll), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 0);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 5);  // memory, pids, cpu, cpus, mems
  EXPECT_NE(r[0].reason.find("no cgroup v1 memory hierarchy is mounted"), std::string::npos);
}

TEST(Resources, FieldsOfOtherControllersAreComparedToo) {
  sys::FakeSystem fake = RuncContainer();
  fake.files["/sys/fs/cgroup/memory/memory.swappiness"] = "30\n";
  auto r = RunCheck("linux.resources", Config(R"({"memory":{"swappiness":31}})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.resources.memory.swappiness: /sys/fs/cgroup/memory/memory.swappiness: "
            "expected 31, found 30 (config-linux.md#memory, MUST)\n");
}

TEST(Resources, AnUnreadableFileIsASkip) {
  sys::FakeSystem fake = RuncContainer();
  fake.files.erase("/sys/fs/cgroup/pids/pids.max");
  auto r = RunCheck("linux.resources", Config(R"({"pids":{"limit":5}})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "linux.resources.pids.limit /sys/fs/cgroup/pids/pids.max: cannot observe: open "
            "/sys/fs/cgroup/pids/pids.max: No such file or directory\n");
}

}  // namespace
}  // namespace rt::checks
