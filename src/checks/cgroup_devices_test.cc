// The device rules judged by behaviour, on a fake kernel whose mknod(2) and access(2) answers
// are fixtures: which device is probed for which rule set, and the verdict from each errno.
#include "checks/cgroup_devices.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cerrno>

#include "checks/cgroup_resources.h"
#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

std::string Rules(const std::string& devices, const std::string& more = "") {
  return R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "linux": {"resources": )"
         R"({"devices": )" +
         devices + "}" + more + "}}";
}

// Deny all, then tun rwm and kmsg read and mknod only: the suite's devices-behaviour rules.
constexpr const char* kTunKmsgRules = R"([{"allow": false, "access": "rwm"},
    {"allow": true, "type": "c", "major": 10, "minor": 200, "access": "rwm"},
    {"allow": true, "type": "c", "major": 1, "minor": 11, "access": "rm"}])";
const std::string kTunKmsg = Rules(kTunKmsgRules);

// Root with every capability, in the initial user namespace: mknod(2) can be asked.
sys::FakeSystem Root() {
  sys::FakeSystem fake;
  fake.files["/proc/self/status"] = "CapEff:\t000001ffffffffff\n";
  fake.files["/proc/self/uid_map"] = "         0          0 4294967295\n";
  return fake;
}

std::vector<report::Assertion> Behaviour(const std::string& json, sys::FakeSystem& fake) {
  Result<spec::Config> config = spec::ParseConfig(json);
  EXPECT_TRUE(config.ok()) << config.status().message();
  std::vector<report::Assertion> out;
  if (!config.ok()) return out;
  Recorder rec("linux.resources", "config-linux.md#control-groups", report::Level::kMust, out);
  CompareDeviceBehaviour(*config, fake, rec);
  return out;
}

std::string Subjects(const std::vector<report::Assertion>& results) {
  std::string out;
  for (const report::Assertion& a : results) out += a.subject + "\n";
  return out;
}

TEST(ExpectedDeviceAccess, LastCoveringRuleDecidesEachLetter) {
  Result<spec::Config> config = spec::ParseConfig(kTunKmsg);
  ASSERT_TRUE(config.ok());
  std::string got;
  for (const DeviceAccess& a : ExpectedDeviceAccess(config->linux_->resources->devices)) {
    got += std::string(1, a.type) + " " + std::to_string(a.major) + ":" + std::to_string(a.minor) +
           " " + a.letter + (a.allowed ? " allowed\n" : " denied\n");
  }
  EXPECT_EQ(got,
            "c 1:11 r allowed\nc 1:11 w denied\nc 1:11 m allowed\n"
            "c 10:200 r allowed\nc 10:200 w allowed\nc 10:200 m allowed\n");
}

TEST(ExpectedDeviceAccess, WildcardsAndDefaultDevicesAreNotProbed) {
  auto accesses = [](const std::string& json) {
    Result<spec::Config> config = spec::ParseConfig(json);
    EXPECT_TRUE(config.ok());
    return ExpectedDeviceAccess(config->linux_->resources->devices);
  };
  EXPECT_TRUE(accesses(Rules(R"([{"allow": false, "access": "rwm"},
      {"allow": true, "type": "c", "major": 1, "access": "rwm"},
      {"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rwm"}])"))
                  .empty());
  // A device no rule covers for a letter has no expectation for it.
  auto only = accesses(Rules(R"([{"allow": true, "type": "b", "major": 7, "minor": 0,
      "access": "w"}])"));
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0].type, 'b');
  EXPECT_EQ(only[0].letter, 'w');
  EXPECT_TRUE(only[0].allowed);
}

TEST(DeviceVerdict, OnlyAnUnexplainedEpermIsDenied) {
  EXPECT_EQ(DeviceVerdict(Status::Ok(), true, "").allowed, true);
  EXPECT_EQ(DeviceVerdict(Status::Errno("mknod x", EPERM), true, "").allowed, false);
  DeviceSeen seccomp = DeviceVerdict(Status::Errno("mknod x", EPERM), false, "a seccomp filter");
  EXPECT_EQ(seccomp.allowed, std::nullopt);
  EXPECT_EQ(seccomp.why, "mknod x: Operation not permitted (a seccomp filter)");
  // The file permissions and LSMs answer EACCES; a full or read-only directory others.
  for (int err : {EACCES, EROFS, ENOSPC, ENOENT}) {
    EXPECT_EQ(DeviceVerdict(Status::Errno("access x", err), true, "").allowed, std::nullopt);
  }
}

TEST(DeviceBehaviour, AsTheRulesSayPasses) {
  sys::FakeSystem fake = Root();
  fake.device_errors["c 1:11 w"] = EPERM;
  auto r = Behaviour(kTunKmsg, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 6);
  EXPECT_EQ(Subjects(r),
            "c 1:11 r (access(2) of a node made in /dev)\n"
            "c 1:11 w (access(2) of a node made in /dev)\n"
            "c 1:11 m (mknod(2) in /dev)\n"
            "c 10:200 r (access(2) of a node made in /dev)\n"
            "c 10:200 w (access(2) of a node made in /dev)\n"
            "c 10:200 m (mknod(2) in /dev)\n");
  EXPECT_EQ(fake.device_probes, (std::vector<std::string>{"/dev c 1:11", "/dev c 10:200"}));
}

TEST(DeviceBehaviour, WhatTheRulesDenyButTheKernelAllowsFails) {
  sys::FakeSystem fake = Root();  // nothing refused
  auto r = Behaviour(kTunKmsg, fake);
  EXPECT_EQ(Failures(r),
            "linux.resources.devices: c 1:11 w (access(2) of a node made in /dev): expected "
            "denied, found allowed (config-linux.md#allowed-device-list, MUST)\n");
  // And the other way round: a denied mknod the rules allow.
  fake.device_errors["c 10:200 m"] = EPERM;
  fake.device_errors["c 1:11 w"] = EPERM;
  r = Behaviour(kTunKmsg, fake);
  EXPECT_EQ(Failures(r),
            "linux.resources.devices: c 10:200 m (mknod(2) in /dev): expected allowed, found "
            "denied (config-linux.md#allowed-device-list, MUST)\n");
  // Without the node, r and w of 10:200 cannot be asked.
  EXPECT_NE(SkipReasons(r).find("linux.resources.devices c 10:200 r (access(2)): cannot observe: "
                                "no node of the device to ask: mknod /dev/.runtimetest-dev: "
                                "Operation not permitted; the config's linux.devices makes none"),
            std::string::npos)
      << SkipReasons(r);
}

TEST(DeviceBehaviour, WithoutCapMknodOnlyTheConfigsNodesServe) {
  sys::FakeSystem fake = Root();
  fake.files["/proc/self/status"] = "CapEff:\t00000000a00425fb\n";  // no CAP_MKNOD (27)
  fake.device_errors["c 1:11 w"] = EPERM;
  auto r = Behaviour(kTunKmsg, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 0);
  EXPECT_TRUE(fake.device_probes.empty());
  EXPECT_NE(SkipReasons(r).find("c 1:11 m (mknod(2)): cannot observe: CAP_MKNOD is not in the "
                                "effective set"),
            std::string::npos);
  // A node the runtime made for linux.devices answers access(2).
  const std::string with_node =
      Rules(R"([{"allow": false, "access": "rwm"},
          {"allow": true, "type": "c", "major": 1, "minor": 11, "access": "rm"}])",
            R"(, "devices": [{"path": "/dev/kmsg", "type": "c", "major": 1, "minor": 11}])");
  sys::FileInfo kmsg;
  kmsg.mode = S_IFCHR | 0644;
  kmsg.rdev_major = 1;
  kmsg.rdev_minor = 11;
  fake.stats["/dev/kmsg"] = kmsg;
  fake.device_errors.clear();
  r = Behaviour(with_node, fake);
  EXPECT_EQ(Failures(r),
            "linux.resources.devices: c 1:11 w (access(2) of /dev/kmsg): expected denied, found "
            "allowed (config-linux.md#allowed-device-list, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);  // r
}

TEST(DeviceBehaviour, CannotObserveIsNeverAFailure) {
  // In a user namespace mknod(2) of a device is refused whatever the rules say.
  sys::FakeSystem userns = Root();
  userns.files["/proc/self/uid_map"] = "0 100000 65536\n";
  auto r = Behaviour(kTunKmsg, userns);
  EXPECT_EQ(Failures(r), "");
  EXPECT_NE(SkipReasons(r).find("in a user namespace mknod(2) of a device is refused"),
            std::string::npos);
  // No directory takes a node: each one tried is named.
  sys::FakeSystem full = Root();
  full.fifo_errors = {{"/dev", EROFS}, {"/dev/shm", ENOSPC}, {"/tmp", ENOENT}};
  r = Behaviour(kTunKmsg, full);
  EXPECT_EQ(Failures(r), "");
  EXPECT_NE(SkipReasons(r).find("c 1:11 m (mknod(2)): cannot observe: no directory takes a new "
                                "node: mknod /dev/.runtimetest-dev-fifo (a FIFO): Read-only file "
                                "system; mknod /dev/shm/.runtimetest-dev-fifo (a FIFO): No space "
                                "left on device; mknod /tmp/.runtimetest-dev-fifo (a FIFO): No "
                                "such file or directory"),
            std::string::npos)
      << SkipReasons(r);
  // The next directory serves when the first takes no FIFO.
  sys::FakeSystem ro_dev = Root();
  ro_dev.fifo_errors = {{"/dev", EROFS}};
  r = Behaviour(kTunKmsg, ro_dev);
  EXPECT_EQ(Count(r, report::Outcome::kFail), 1);  // c 1:11 w allowed: nothing refused
  EXPECT_NE(Subjects(r).find("c 1:11 m (mknod(2) in /dev/shm)"), std::string::npos);
  // With a seccomp filter an EPERM tells nothing.
  sys::FakeSystem filtered = Root();
  filtered.device_errors["c 1:11 w"] = EPERM;
  filtered.device_errors["c 10:200 m"] = EPERM;
  r = Behaviour(Rules(kTunKmsgRules, R"(, "seccomp": {"defaultAction": "SCMP_ACT_ALLOW"})"),
                filtered);
  EXPECT_EQ(Failures(r), "");
  EXPECT_NE(SkipReasons(r).find("c 1:11 w (access(2) of a node made in /dev): cannot observe: "
                                "access /dev/.runtimetest-dev W_OK: Operation not permitted (the "
                                "config sets a seccomp filter"),
            std::string::npos)
      << SkipReasons(r);
}

TEST(DeviceBehaviour, ZeroZeroIsNoDevice) {
  sys::FakeSystem fake = Root();
  auto r = Behaviour(Rules(R"([{"allow": false, "type": "c", "major": 0, "minor": 0,
      "access": "rwm"}])"),
                     fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
  EXPECT_TRUE(fake.device_probes.empty());
}

TEST(DeviceBehaviour, TheResourcesCheckRunsIt) {
  sys::FakeSystem fake = Root();
  fake.files["/proc/self/cgroup"] = "0::/\n";
  fake.files["/proc/self/mountinfo"] =
      "30 1 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec - cgroup2 cgroup2 rw\n";
  auto r = RunCheck("linux.resources", kTunKmsg, fake);
  EXPECT_EQ(Failures(r),
            "linux.resources.devices: c 1:11 w (access(2) of a node made in /dev): expected "
            "denied, found allowed (config-linux.md#allowed-device-list, MUST)\n");
  EXPECT_NE(SkipReasons(r).find("eBPF"), std::string::npos);
}

}  // namespace
}  // namespace rt::checks
