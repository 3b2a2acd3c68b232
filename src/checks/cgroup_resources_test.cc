// The comparison of linux.resources with cgroup files, on fake cgroupfs trees: cgroup v1 (this
// host's layout, a hierarchy per controller) and a pure cgroup v2 host, for every field.
#include "checks/cgroup_resources.h"

#include <gtest/gtest.h>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr const char* kV1Controllers[] = {"memory", "cpu",     "cpuset",  "pids", "blkio",
                                          "hugetlb", "net_cls", "net_prio", "rdma", "devices"};

CgroupPlace V1Place() {
  CgroupPlace place;
  std::string cgroup;
  int n = 1;
  for (const char* c : kV1Controllers) {
    cgroup += std::to_string(n++) + ":" + c + ":/rt/ctr\n";
    place.mounts.push_back({1, "/", std::string("/sys/fs/cgroup/") + c, {c}});
  }
  cgroup += "0::/\n";
  place.mounts.push_back({2, "/", "/sys/fs/cgroup/unified", {}});
  place.membership = sys::ParseProcCgroup(cgroup);
  place.kernel_release = "6.18.44";
  return place;
}

CgroupPlace V2Place() {
  CgroupPlace place;
  place.membership = sys::ParseProcCgroup("0::/rt/ctr\n");
  place.mounts.push_back({2, "/", "/sys/fs/cgroup", {}});
  place.kernel_release = "6.18.44";
  return place;
}

std::string V1(const char* controller, const char* file) {
  return std::string("/sys/fs/cgroup/") + controller + "/rt/ctr/" + file;
}
std::string V2(const char* file) { return std::string("/sys/fs/cgroup/rt/ctr/") + file; }

// A v1 tree holding what runc writes for kEveryField.
sys::FakeSystem V1Tree() {
  sys::FakeSystem fake;
  auto& f = fake.files;
  f[V1("memory", "memory.limit_in_bytes")] = "104857600\n";
  f[V1("memory", "memory.soft_limit_in_bytes")] = "52428800\n";
  f[V1("memory", "memory.memsw.limit_in_bytes")] = "209715200\n";
  f[V1("memory", "memory.kmem.limit_in_bytes")] = "9223372036854771712\n";
  f[V1("memory", "memory.kmem.tcp.limit_in_bytes")] = "16777216\n";
  f[V1("memory", "memory.swappiness")] = "30\n";
  f[V1("memory", "memory.oom_control")] = "oom_kill_disable 1\nunder_oom 0\noom_kill 0\n";
  f[V1("memory", "memory.use_hierarchy")] = "1\n";
  f[V1("cpu", "cpu.shares")] = "512\n";
  f[V1("cpu", "cpu.cfs_quota_us")] = "50000\n";
  f[V1("cpu", "cpu.cfs_period_us")] = "100000\n";
  f[V1("cpu", "cpu.cfs_burst_us")] = "10000\n";
  f[V1("cpu", "cpu.rt_runtime_us")] = "10000\n";
  f[V1("cpu", "cpu.rt_period_us")] = "1000000\n";
  f[V1("cpu", "cpu.idle")] = "0\n";
  f[V1("cpuset", "cpuset.cpus")] = "0\n";
  f[V1("cpuset", "cpuset.mems")] = "0\n";
  f[V1("pids", "pids.max")] = "77\n";
  f[V1("blkio", "blkio.weight")] = "500\n";
  f[V1("blkio", "blkio.leaf_weight")] = "300\n";
  f[V1("blkio", "blkio.weight_device")] = "8:0 600\n";
  f[V1("blkio", "blkio.leaf_weight_device")] = "8:0 200\n";
  f[V1("blkio", "blkio.throttle.read_bps_device")] = "8:0 1048576\n";
  f[V1("blkio", "blkio.throttle.write_bps_device")] = "8:0 2097152\n";
  f[V1("blkio", "blkio.throttle.read_iops_device")] = "8:0 100\n";
  f[V1("blkio", "blkio.throttle.write_iops_device")] = "8:0 200\n";
  f[V1("hugetlb", "hugetlb.2MB.limit_in_bytes")] = "4194304\n";
  f[V1("hugetlb", "hugetlb.2MB.rsvd.limit_in_bytes")] = "4194304\n";
  f[V1("net_cls", "net_cls.classid")] = "1048577\n";
  f[V1("net_prio", "net_prio.ifpriomap")] = "lo 5\neth0 0\n";
  f[V1("rdma", "rdma.max")] = "mlx5_0 hca_handle=3 hca_object=max\n";
  f[V1("devices", "devices.list")] = "c 1:3 rwm\nc 1:5 rwm\nc 10:200 rw\nc 1:11 r\n";
  return fake;
}

// The same on cgroup v2, as runc and crun convert it.
sys::FakeSystem V2Tree() {
  sys::FakeSystem fake;
  auto& f = fake.files;
  f[V2("cgroup.controllers")] = "cpuset cpu io memory hugetlb pids rdma misc\n";
  f[V2("memory.max")] = "104857600\n";
  f[V2("memory.low")] = "52428800\n";
  f[V2("memory.swap.max")] = "104857600\n";
  f[V2("cpu.weight")] = "20\n";  // shares 512
  f[V2("cpu.max")] = "50000 100000\n";
  f[V2("cpu.max.burst")] = "10000\n";
  f[V2("cpu.idle")] = "0\n";
  f[V2("cpuset.cpus")] = "0\n";
  f[V2("cpuset.mems")] = "0\n";
  f[V2("pids.max")] = "77\n";
  f[V2("io.weight")] = "default 4950\n8:0 5960\n";  // 500 and 600 converted
  f[V2("io.max")] = "8:0 rbps=1048576 wbps=2097152 riops=100 wiops=200\n";
  f[V2("hugetlb.2MB.max")] = "4194304\n";
  f[V2("hugetlb.2MB.rsvd.max")] = "4194304\n";
  f[V2("rdma.max")] = "mlx5_0 hca_handle=3 hca_object=max\n";
  f[V2("pids.max")] = "77\n";
  return fake;
}

const char* kEveryField = R"({
  "memory": {"limit": 104857600, "reservation": 52428800, "swap": 209715200,
             "kernel": 67108864, "kernelTCP": 16777216, "swappiness": 30,
             "disableOOMKiller": true, "useHierarchy": true, "checkBeforeUpdate": true},
  "cpu": {"shares": 512, "quota": 50000, "period": 100000, "burst": 10000,
          "realtimeRuntime": 10000, "realtimePeriod": 1000000, "cpus": "0", "mems": "0",
          "idle": 0},
  "pids": {"limit": 77},
  "blockIO": {"weight": 500, "leafWeight": 300,
              "weightDevice": [{"major": 8, "minor": 0, "weight": 600, "leafWeight": 200}],
              "throttleReadBpsDevice": [{"major": 8, "minor": 0, "rate": 1048576}],
              "throttleWriteBpsDevice": [{"major": 8, "minor": 0, "rate": 2097152}],
              "throttleReadIOPSDevice": [{"major": 8, "minor": 0, "rate": 100}],
              "throttleWriteIOPSDevice": [{"major": 8, "minor": 0, "rate": 200}]},
  "hugepageLimits": [{"pageSize": "2MB", "limit": 4194304}],
  "network": {"classID": 1048577, "priorities": [{"name": "lo", "priority": 5}]},
  "rdma": {"mlx5_0": {"hcaHandles": 3}},
  "devices": [{"allow": false, "access": "rwm"},
              {"allow": true, "type": "c", "major": 10, "minor": 200, "access": "rw"},
              {"allow": true, "type": "c", "major": 1, "minor": 11, "access": "r"},
              {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rwm"}]})";

spec::Resources Parse(const std::string& resources) {
  Result<spec::Config> config = spec::ParseConfig(
      R"({"ociVersion":"1.3.0","linux":{"resources":)" + resources + "}}");
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? *config->linux_->resources : spec::Resources{};
}

std::vector<report::Assertion> Compare(const std::string& resources, sys::FakeSystem& fake,
                                       const CgroupPlace& place) {
  std::vector<report::Assertion> out;
  Recorder rec("linux.resources", "config-linux.md#control-groups", report::Level::kMust, out);
  CompareCgroupResources(Parse(resources), place, fake, rec);
  return out;
}

std::string Ids(const std::vector<report::Assertion>& r, report::Outcome outcome) {
  std::string out;
  for (const report::Assertion& a : r) {
    if (a.outcome == outcome) out.append(a.id) += "\n";
  }
  return out;
}

TEST(CgroupResourcesV1, EveryFieldOfRuncsTreeMatches) {
  sys::FakeSystem fake = V1Tree();
  auto r = Compare(kEveryField, fake, V1Place());
  EXPECT_EQ(Failures(r), "");
  // What stays a SKIP on this kernel, each with the reason.
  EXPECT_EQ(SkipReasons(r),
            "linux.resources.memory.checkBeforeUpdate: it concerns a later update of the limit, "
            "not what create writes\n"
            "linux.resources.memory.kernel: Linux 6.1 and later ignore "
            "memory.kmem.limit_in_bytes (kernel memory limits were dropped; the spec marks the "
            "field NOT RECOMMENDED)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 36);
}

TEST(CgroupResourcesV1, EachFieldCanFail) {
  const std::pair<std::string, std::string> kBroken[] = {
      {V1("memory", "memory.limit_in_bytes"), "linux.resources.memory.limit"},
      {V1("memory", "memory.soft_limit_in_bytes"), "linux.resources.memory.reservation"},
      {V1("memory", "memory.memsw.limit_in_bytes"), "linux.resources.memory.swap"},
      {V1("memory", "memory.kmem.tcp.limit_in_bytes"), "linux.resources.memory.kernelTCP"},
      {V1("memory", "memory.swappiness"), "linux.resources.memory.swappiness"},
      {V1("memory", "memory.oom_control"), "linux.resources.memory.disableOOMKiller"},
      {V1("memory", "memory.use_hierarchy"), "linux.resources.memory.useHierarchy"},
      {V1("cpu", "cpu.shares"), "linux.resources.cpu.shares"},
      {V1("cpu", "cpu.cfs_quota_us"), "linux.resources.cpu.quota"},
      {V1("cpu", "cpu.cfs_period_us"), "linux.resources.cpu.period"},
      {V1("cpu", "cpu.cfs_burst_us"), "linux.resources.cpu.burst"},
      {V1("cpu", "cpu.rt_runtime_us"), "linux.resources.cpu.realtimeRuntime"},
      {V1("cpu", "cpu.rt_period_us"), "linux.resources.cpu.realtimePeriod"},
      {V1("cpu", "cpu.idle"), "linux.resources.cpu.idle"},
      {V1("cpuset", "cpuset.cpus"), "linux.resources.cpu.cpus"},
      {V1("cpuset", "cpuset.mems"), "linux.resources.cpu.mems"},
      {V1("pids", "pids.max"), "linux.resources.pids.limit"},
      {V1("blkio", "blkio.weight"), "linux.resources.blockIO.weight"},
      {V1("blkio", "blkio.leaf_weight"), "linux.resources.blockIO.leafWeight"},
      {V1("blkio", "blkio.weight_device"), "linux.resources.blockIO.weightDevice"},
      {V1("blkio", "blkio.leaf_weight_device"), "linux.resources.blockIO.weightDevice"},
      {V1("blkio", "blkio.throttle.read_bps_device"),
       "linux.resources.blockIO.throttleReadBpsDevice"},
      {V1("blkio", "blkio.throttle.write_bps_device"),
       "linux.resources.blockIO.throttleWriteBpsDevice"},
      {V1("blkio", "blkio.throttle.read_iops_device"),
       "linux.resources.blockIO.throttleReadIOPSDevice"},
      {V1("blkio", "blkio.throttle.write_iops_device"),
       "linux.resources.blockIO.throttleWriteIOPSDevice"},
      {V1("hugetlb", "hugetlb.2MB.limit_in_bytes"), "linux.resources.hugepageLimits"},
      {V1("hugetlb", "hugetlb.2MB.rsvd.limit_in_bytes"), "linux.resources.hugepageLimits.rsvd"},
      {V1("net_cls", "net_cls.classid"), "linux.resources.network.classID"},
      {V1("net_prio", "net_prio.ifpriomap"), "linux.resources.network.priorities"},
      {V1("rdma", "rdma.max"), "linux.resources.rdma"},
  };
  for (const auto& [file, id] : kBroken) {
    sys::FakeSystem fake = V1Tree();
    // A value no field of kEveryField asks for (in per-device files, another device's line).
    fake.files[file] = file.ends_with("_device") || file.ends_with("ifpriomap") ||
                               file.ends_with("rdma.max")
                           ? "7:7 1\nmlx5_1 hca_handle=1\n"
                       : file.ends_with("oom_control") ? "oom_kill_disable 0\n"
                                                       : "4096\n";
    auto r = Compare(kEveryField, fake, V1Place());
    EXPECT_EQ(Ids(r, report::Outcome::kFail), id + "\n") << file << "\n" << Failures(r);
  }
}

TEST(CgroupResourcesV1, DevicesListIsJudgedPerDeviceAndAccess) {
  sys::FakeSystem fake = V1Tree();
  const char* kDevices = R"({"devices": [{"allow": false, "access": "rwm"},
      {"allow": true, "type": "c", "major": 10, "minor": 200, "access": "rw"},
      {"allow": true, "type": "c", "major": 1, "minor": 11, "access": "r"}]})";
  auto r = Compare(kDevices, fake, V1Place());
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 6);  // 10:200 r w m, 1:11 r w m
  // A runtime that left the cgroup open to every device.
  fake.files[V1("devices", "devices.list")] = "a *:* rwm\n";
  r = Compare(kDevices, fake, V1Place());
  EXPECT_EQ(Failures(r),
            "linux.resources.devices: /sys/fs/cgroup/devices/rt/ctr/devices.list c 1:11 w: "
            "expected denied, found allowed (config-linux.md#allowed-device-list, MUST)\n"
            "linux.resources.devices: /sys/fs/cgroup/devices/rt/ctr/devices.list c 1:11 m: "
            "expected denied, found allowed (config-linux.md#allowed-device-list, MUST)\n"
            "linux.resources.devices: /sys/fs/cgroup/devices/rt/ctr/devices.list c 10:200 m: "
            "expected denied, found allowed (config-linux.md#allowed-device-list, MUST)\n");
  // Only default devices named: nothing to probe.
  r = Compare(R"({"devices": [{"allow": true, "type": "c", "major": 1, "minor": 3}]})", fake,
              V1Place());
  EXPECT_EQ(SkipReasons(r),
            "linux.resources.devices: no rule names a device other than the default devices\n");
}

TEST(CgroupResourcesV1, WhatTheKernelLacksIsASkipSayingSo) {
  sys::FakeSystem fake = V1Tree();
  for (const char* file : {"memory.memsw.limit_in_bytes"}) fake.files.erase(V1("memory", file));
  for (const char* file : {"cpu.cfs_burst_us", "cpu.rt_runtime_us", "cpu.rt_period_us",
                           "cpu.idle"}) {
    fake.files.erase(V1("cpu", file));
  }
  for (const char* file : {"blkio.weight", "blkio.leaf_weight", "blkio.weight_device",
                           "blkio.leaf_weight_device"}) {
    fake.files.erase(V1("blkio", file));
  }
  fake.files.erase(V1("hugetlb", "hugetlb.2MB.rsvd.limit_in_bytes"));
  auto r = Compare(kEveryField, fake, V1Place());
  EXPECT_EQ(Failures(r), "");
  const std::string skips = SkipReasons(r);
  for (const char* reason :
       {"swap accounting is off", "before Linux 5.14", "CONFIG_RT_GROUP_SCHED", "before Linux 5.15",
        "no CFQ or BFQ I/O scheduler", "CFQ, removed in Linux 5.0", "reservation accounting"}) {
    EXPECT_NE(skips.find(reason), std::string::npos) << reason << "\n" << skips;
  }
  // An unreadable file that exists is "cannot observe", never a failure.
  fake = V1Tree();
  fake.files.erase(V1("pids", "pids.max"));
  r = Compare(R"({"pids": {"limit": 77}})", fake, V1Place());
  EXPECT_EQ(Failures(r), "");
  EXPECT_NE(SkipReasons(r).find("cannot observe"), std::string::npos);
}

TEST(CgroupResourcesV1, OldKernelsStillHaveKernelMemoryAndFlatAccounting) {
  sys::FakeSystem fake = V1Tree();
  CgroupPlace place = V1Place();
  place.kernel_release = "5.10.0-21-amd64";
  fake.files[V1("memory", "memory.kmem.limit_in_bytes")] = "67108864\n";
  fake.files[V1("memory", "memory.use_hierarchy")] = "0\n";
  auto r = Compare(R"({"memory": {"kernel": 67108864, "useHierarchy": false}})", fake, place);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 2);
  // On 6.18 a false useHierarchy cannot hold: a SKIP that says why.
  fake.files[V1("memory", "memory.use_hierarchy")] = "1\n";
  r = Compare(R"({"memory": {"useHierarchy": false}})", fake, V1Place());
  EXPECT_NE(SkipReasons(r).find("Linux 5.11 and later always account"), std::string::npos);
}

TEST(CgroupResourcesV1, UnifiedKeysOnAHybridHostMustHaveBeenWritten) {
  sys::FakeSystem fake = V1Tree();
  CgroupPlace place = V1Place();
  place.membership = sys::ParseProcCgroup("4:memory:/rt/ctr\n0::/rt/ctr\n");
  auto r = Compare(R"({"unified": {"memory.max": "100"}})", fake, place);
  EXPECT_EQ(Failures(r),
            "linux.resources.unified: /sys/fs/cgroup/unified/rt/ctr/memory.max: expected \"100\", "
            "found no such file (config-linux.md#unified, MUST)\n");
}

TEST(CgroupResourcesV2, EveryFieldOfTheConvertedTreeMatches) {
  sys::FakeSystem fake = V2Tree();
  auto r = Compare(kEveryField, fake, V2Place());
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "linux.resources.memory.checkBeforeUpdate: it concerns a later update of the limit, "
            "not what create writes\n"
            "linux.resources.memory.kernel: cgroup v2 has no kernel memory limit\n"
            "linux.resources.memory.kernelTCP: cgroup v2 has no kernel TCP memory limit\n"
            "linux.resources.memory.swappiness: cgroup v2 has no per-cgroup swappiness\n"
            "linux.resources.memory.disableOOMKiller: cgroup v2 has no switch for the OOM killer\n"
            "linux.resources.memory.useHierarchy: cgroup v2 is always hierarchical\n"
            "linux.resources.cpu.realtimeRuntime: cgroup v2 has no real-time group scheduling "
            "files\n"
            "linux.resources.cpu.realtimePeriod: cgroup v2 has no real-time group scheduling "
            "files\n"
            "linux.resources.blockIO.leafWeight: cgroup v2 has no leaf weight\n"
            "linux.resources.blockIO.weightDevice 8:0 leafWeight: cgroup v2 has no leaf weight\n"
            "linux.resources.network.classID: the net_cls controller is in no cgroup v1 "
            "hierarchy and not enabled in /sys/fs/cgroup/rt/ctr/cgroup.controllers\n"
            "linux.resources.network.priorities: the net_prio controller is in no cgroup v1 "
            "hierarchy and not enabled in /sys/fs/cgroup/rt/ctr/cgroup.controllers\n"
            "linux.resources.devices: cgroup v2 enforces device rules with an eBPF program that "
            "has no file to read (inside the container they are judged by behaviour)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 20);
}

TEST(CgroupResourcesV2, EachFieldCanFail) {
  const std::pair<std::string, std::string> kBroken[] = {
      {"memory.max", "linux.resources.memory.limit"},
      {"memory.low", "linux.resources.memory.reservation"},
      {"memory.swap.max", "linux.resources.memory.swap"},
      {"cpu.weight", "linux.resources.cpu.shares"},
      {"cpu.max.burst", "linux.resources.cpu.burst"},
      {"cpu.idle", "linux.resources.cpu.idle"},
      {"cpuset.cpus", "linux.resources.cpu.cpus"},
      {"cpuset.mems", "linux.resources.cpu.mems"},
      {"pids.max", "linux.resources.pids.limit"},
      {"hugetlb.2MB.max", "linux.resources.hugepageLimits"},
      {"hugetlb.2MB.rsvd.max", "linux.resources.hugepageLimits.rsvd"},
      {"rdma.max", "linux.resources.rdma"},
  };
  for (const auto& [file, id] : kBroken) {
    sys::FakeSystem fake = V2Tree();
    fake.files[V2(file.c_str())] = file == "rdma.max" ? "mlx5_0 hca_handle=9\n" : "4096\n";
    auto r = Compare(kEveryField, fake, V2Place());
    // Conversions are MAY: they fail at that level.
    EXPECT_EQ(Ids(r, report::Outcome::kFail), id + "\n") << file << "\n" << Failures(r);
  }
  sys::FakeSystem fake = V2Tree();
  fake.files[V2("cpu.max")] = "max 100000\n";
  EXPECT_EQ(Ids(Compare(kEveryField, fake, V2Place()), report::Outcome::kFail),
            "linux.resources.cpu.quota\n");
  fake = V2Tree();
  fake.files[V2("io.max")] = "8:0 rbps=1048576 wbps=max riops=100 wiops=200\n";
  EXPECT_EQ(Ids(Compare(kEveryField, fake, V2Place()), report::Outcome::kFail),
            "linux.resources.blockIO.throttleWriteBpsDevice\n");
  fake = V2Tree();
  fake.files[V2("io.weight")] = "default 100\n8:0 5960\n";
  EXPECT_EQ(Ids(Compare(kEveryField, fake, V2Place()), report::Outcome::kFail),
            "linux.resources.blockIO.weight\n");
}

TEST(CgroupResourcesV2, ConversionsAreTheRuntimesConventionAtLevelMay) {
  sys::FakeSystem fake = V2Tree();
  fake.files[V2("cpu.weight")] = "100\n";
  auto r = Compare(R"({"cpu": {"shares": 512}})", fake, V2Place());
  ASSERT_EQ(Count(r, report::Outcome::kFail), 1);
  EXPECT_EQ(report::FailureLine(r[0]),
            "linux.resources.cpu.shares: /sys/fs/cgroup/rt/ctr/cpu.weight (runc/crun "
            "convention): expected 20, found 100 (config-linux.md#cpu, MAY)");
  EXPECT_EQ(CpuWeightFromShares(2), 1u);
  EXPECT_EQ(CpuWeightFromShares(1024), 39u);
  EXPECT_EQ(CpuWeightFromShares(262144), 10000u);
  EXPECT_EQ(IoWeightFromBlkioWeight(10), 1u);
  EXPECT_EQ(IoWeightFromBlkioWeight(1000), 10000u);
  // io.bfq.weight, where it exists, takes the weight as it is.
  fake.files[V2("io.bfq.weight")] = "default 500\n8:0 600\n";
  r = Compare(R"({"blockIO": {"weight": 500, "weightDevice": [{"major": 8, "minor": 0,
      "weight": 600}]}})", fake, V2Place());
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 2);
}

TEST(CgroupResourcesV2, UnifiedFilesAreComparedVerbatim) {
  sys::FakeSystem fake = V2Tree();
  fake.files[V2("pids.max")] = "42\n";
  fake.files[V2("memory.high")] = "max\n";
  auto r = Compare(R"({"unified": {"pids.max": "42", "memory.high": "104857600"}})", fake,
                   V2Place());
  EXPECT_EQ(Failures(r),
            "linux.resources.unified: /sys/fs/cgroup/rt/ctr/memory.high: expected \"104857600\", "
            "found \"max\" (config-linux.md#unified, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(CgroupResourcesV2, MinusOneIsMaxAndZeroPidsIsAShould) {
  sys::FakeSystem fake = V2Tree();
  fake.files[V2("memory.max")] = "max\n";
  fake.files[V2("memory.swap.max")] = "max\n";
  fake.files[V2("pids.max")] = "max\n";
  auto r = Compare(R"({"memory": {"limit": -1, "swap": -1}, "pids": {"limit": -1}})", fake,
                   V2Place());
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 3);
  r = Compare(R"({"pids": {"limit": 0}})", fake, V2Place());
  ASSERT_EQ(Count(r, report::Outcome::kFail), 1);
  EXPECT_EQ(r[0].level, report::Level::kShould);
}

TEST(HugepageSize, UnitsAreBase1024) {
  EXPECT_EQ(HugepageSizeBytes("2MB"), 2u << 20);
  EXPECT_EQ(HugepageSizeBytes("1GB"), 1u << 30);
  EXPECT_EQ(HugepageSizeBytes("64KB"), 64u << 10);
  EXPECT_EQ(HugepageSizeBytes("2M"), std::nullopt);
  EXPECT_EQ(HugepageSizeBytes("MB"), std::nullopt);
  EXPECT_EQ(HugepageSizeBytes("0MB"), std::nullopt);
}

TEST(DevicesList, Parse) {
  auto list = ParseDevicesList("a *:* rwm\nc 1:3 rw\nb 8:* m\ngarbage\n");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].type, 'a');
  EXPECT_EQ(list[0].major, -1);
  EXPECT_EQ(list[1].minor, 3);
  EXPECT_EQ(list[1].access, "rw");
  EXPECT_EQ(list[2].minor, -1);
}

std::vector<report::Assertion> Path(const std::optional<std::string>& path,
                                    const std::string& proc_cgroup) {
  std::vector<report::Assertion> out;
  Recorder rec("linux.resources", "config-linux.md#control-groups", report::Level::kMust, out);
  CompareCgroupsPath(path, sys::ParseProcCgroup(proc_cgroup), {"memory", "pids"}, rec);
  return out;
}

TEST(CgroupsPath, AbsoluteIsBelowEachHierarchysRoot) {
  const std::string in = "8:pids:/rt/ctr\n4:memory:/rt/ctr\n1:cpu:/\n0::/\n";
  EXPECT_EQ(Failures(Path("/rt/ctr", in)), "");
  EXPECT_EQ(Count(Path("/rt/ctr/", in), report::Outcome::kPass), 2);
  EXPECT_EQ(Failures(Path("/rt/other", in)),
            "linux.resources.cgroupsPath: cgroup of the memory controller: expected /rt/other, "
            "found /rt/ctr (config-linux.md#cgroups-path, MUST)\n"
            "linux.resources.cgroupsPath: cgroup of the pids controller: expected /rt/other, "
            "found /rt/ctr (config-linux.md#cgroups-path, MUST)\n");
}

TEST(CgroupsPath, RelativeEndsThePathAndUnsetIsTheRuntimesChoice) {
  const std::string in = "8:pids:/user.slice/ctr\n4:memory:/user.slice/ctr\n0::/\n";
  EXPECT_EQ(Failures(Path("ctr", in)), "");
  EXPECT_EQ(Count(Path("ctr", in), report::Outcome::kPass), 2);
  EXPECT_NE(Failures(Path("other", in)).find("expected .../other"), std::string::npos);
  EXPECT_NE(Failures(Path("tr", in)).find("expected .../tr"), std::string::npos);
  EXPECT_NE(SkipReasons(Path(std::nullopt, in)).find("MAY choose"), std::string::npos);
  // Pure v2: the unified hierarchy holds every controller.
  EXPECT_EQ(Count(Path("/rt/ctr", "0::/rt/ctr\n"), report::Outcome::kPass), 2);
}

}  // namespace
}  // namespace rt::checks
