#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

std::string Config(const std::string& rdt) {
  return R"({"ociVersion":"1.1.0","linux":{"intelRdt":)" + rdt + "}}";
}

sys::FakeSystem WithResctrl() {
  sys::FakeSystem fake;
  fake.files["/proc/self/resctrl"] = "res:/guaranteed_group\nmon:\n";
  fake.files["/proc/self/mountinfo"] =
      "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
      "40 23 0:40 / /sys/fs/resctrl rw,relatime - resctrl resctrl rw\n";
  // As the kernel prints it: masks zero-padded, lines indented to align.
  fake.files["/sys/fs/resctrl/guaranteed_group/schemata"] =
      "    L3:0=007f0;1=0001f\n    MB:0= 20;1= 70\n";
  return fake;
}

TEST(IntelRdt, NoResctrlInTheKernelIsASkip) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.intelRdt", Config(R"({"closID":"x"})"), fake);
  EXPECT_EQ(Failures(r), "");
  ASSERT_EQ(Count(r, report::Outcome::kSkip), 1);
  EXPECT_NE(r[0].reason.find("no resctrl support"), std::string::npos);
}

TEST(IntelRdt, GroupAndSchemataCompareAsNumbers) {
  sys::FakeSystem fake = WithResctrl();
  auto r = RunCheck("linux.intelRdt",
                    Config(R"({"closID":"guaranteed_group","l3CacheSchema":"L3:0=7f0;1=1f",
                               "memBwSchema":"MB:0=20;1=70"})"),
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 5);
}

TEST(IntelRdt, WrongGroupAndMask) {
  sys::FakeSystem fake = WithResctrl();
  fake.files["/proc/self/resctrl"] = "res:/\nmon:\n";
  fake.files["/sys/fs/resctrl/schemata"] = "L3:0=fff;1=fff\n";
  auto r = RunCheck("linux.intelRdt", Config(R"({"closID":"g","l3CacheSchema":"L3:0=7f0"})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.intelRdt: resource group: expected \"g\", found \"/\" (the default group) "
            "(config-linux.md#intelrdt, MUST)\n"
            "linux.intelRdt: /sys/fs/resctrl/schemata L3 domain 0: expected L3 7f0, found L3 fff "
            "(config-linux.md#intelrdt, MUST)\n");
}

TEST(IntelRdt, WithoutClosIdTheContainerNeedsAGroupOfItsOwn) {
  sys::FakeSystem fake = WithResctrl();
  fake.files["/proc/self/resctrl"] = "res:/\nmon:/\n";
  auto r = RunCheck("linux.intelRdt", Config("{}"), fake);
  EXPECT_EQ(Failures(r),
            "linux.intelRdt: resource group: expected a group of its own (named after the "
            "container id), found the default group (config-linux.md#intelrdt, MUST)\n");
}

TEST(IntelRdt, ClosIdSlashIsTheDefaultGroup) {
  // runtime-spec 1.3, config-linux.md#intelrdt: "/" names the root of the resctrl filesystem.
  sys::FakeSystem fake = WithResctrl();
  fake.files["/proc/self/resctrl"] = "res:/\nmon:/\n";
  fake.files["/sys/fs/resctrl/schemata"] = "    L3:0=007f0;1=0001f\n";
  auto r = RunCheck("linux.intelRdt", Config(R"({"closID":"/","l3CacheSchema":"L3:0=7f0"})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 2);
  fake.files["/proc/self/resctrl"] = "res:/guaranteed_group\nmon:\n";
  r = RunCheck("linux.intelRdt", Config(R"({"closID":"/"})"), fake);
  EXPECT_EQ(Failures(r),
            "linux.intelRdt: resource group: expected \"/\" (the default group), found "
            "\"guaranteed_group\" (config-linux.md#intelrdt, MUST)\n");
}

TEST(IntelRdt, MemBwReplacesAnMbLineOfL3CacheSchema) {
  sys::FakeSystem fake = WithResctrl();
  auto r = RunCheck("linux.intelRdt",
                    Config(R"({"closID":"guaranteed_group","l3CacheSchema":"L3:0=7f0\nMB:0=90",
                               "memBwSchema":"MB:0=20"})"),
                    fake);
  EXPECT_EQ(Failures(r), "");
}

TEST(IntelRdt, SchemataNotVisibleIsASkip) {
  sys::FakeSystem fake = WithResctrl();
  fake.files["/proc/self/mountinfo"] = "22 27 0:21 / /proc rw,relatime - proc proc rw\n";
  auto r = RunCheck("linux.intelRdt",
                    Config(R"({"closID":"guaranteed_group","l3CacheSchema":"L3:0=7f0"})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

}  // namespace
}  // namespace rt::checks
