#include <cerrno>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr const char* kAppArmor =
    R"({"ociVersion":"1.0.2","process":{"apparmorProfile":"runtimetest-profile"}})";
constexpr const char* kSelinux =
    R"({"ociVersion":"1.0.2","process":{"selinuxLabel":"system_u:system_r:container_t:s0:c1,c2"}})";

TEST(AppArmor, ProfileInItsOwnAttrDirectoryPasses) {
  sys::FakeSystem fake;
  fake.files["/sys/module/apparmor/parameters/enabled"] = "Y\n";
  fake.files["/proc/self/attr/apparmor/current"] = "runtimetest-profile (enforce)\n";
  auto r = RunCheck("process.apparmorProfile", kAppArmor, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(AppArmor, UnconfinedFails) {
  sys::FakeSystem fake;
  fake.files["/sys/kernel/security/lsm"] = "lockdown,capability,landlock,yama,apparmor";
  fake.files["/proc/self/attr/current"] = "unconfined\n";  // a kernel before 5.8
  auto r = RunCheck("process.apparmorProfile", kAppArmor, fake);
  EXPECT_EQ(Failures(r),
            "process.apparmorProfile: /proc/self/attr/apparmor/current: expected "
            "\"runtimetest-profile\", found \"unconfined\" (config.md#linux-process, MUST)\n");
}

TEST(AppArmor, DisabledIsASkip) {
  sys::FakeSystem fake;
  fake.files["/sys/kernel/security/lsm"] = "lockdown,capability,landlock,yama,selinux";
  auto r = RunCheck("process.apparmorProfile", kAppArmor, fake);
  EXPECT_EQ(Failures(r), "");
  ASSERT_EQ(Count(r, report::Outcome::kSkip), 1);
  EXPECT_NE(r[0].reason.find("selinux"), std::string::npos);

  sys::FakeSystem nothing;  // this machine: no securityfs, no module, no attr/apparmor
  r = RunCheck("process.apparmorProfile", kAppArmor, nothing);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(Selinux, LabelWithTrailingNulPasses) {
  sys::FakeSystem fake;
  fake.stats["/sys/fs/selinux/enforce"] = {};
  fake.files["/proc/self/attr/current"] =
      std::string("system_u:system_r:container_t:s0:c1,c2\0", 39);
  auto r = RunCheck("process.selinuxLabel", kSelinux, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(Selinux, OtherLabelFails) {
  sys::FakeSystem fake;
  fake.files["/proc/self/attr/current"] = "system_u:system_r:spc_t:s0";
  auto r = RunCheck("process.selinuxLabel", kSelinux, fake);
  EXPECT_EQ(Failures(r),
            "process.selinuxLabel: /proc/self/attr/current: expected "
            "\"system_u:system_r:container_t:s0:c1,c2\", found \"system_u:system_r:spc_t:s0\" "
            "(config.md#linux-process, MUST)\n");
}

TEST(Selinux, NotEnabledIsASkip) {
  sys::FakeSystem none;  // no LSM provides attr/current: EINVAL, as on this machine
  auto r = RunCheck("process.selinuxLabel", kSelinux, none);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);

  sys::FakeSystem apparmor;
  apparmor.files["/proc/self/attr/current"] = "unconfined\n";
  r = RunCheck("process.selinuxLabel", kSelinux, apparmor);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);

  sys::FakeSystem listed;
  listed.files["/sys/kernel/security/lsm"] = "capability,apparmor\n";
  r = RunCheck("process.selinuxLabel", kSelinux, listed);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

}  // namespace
}  // namespace rt::checks
