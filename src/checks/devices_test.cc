#include <sys/stat.h>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

using report::Outcome;

sys::FileInfo Char(uint64_t major, uint64_t minor, mode_t perm = 0666) {
  return {.mode = static_cast<mode_t>(S_IFCHR | perm), .rdev_major = major, .rdev_minor = minor};
}

sys::FileInfo Link() { return {.mode = S_IFLNK | 0777}; }

// What runc 1.1.5 and crun 1.8.1 give with the default config (captured with lstat(2)).
sys::FakeSystem DefaultDev() {
  sys::FakeSystem fake;
  fake.stats["/dev/null"] = Char(1, 3);
  fake.stats["/dev/zero"] = Char(1, 5);
  fake.stats["/dev/full"] = Char(1, 7);
  fake.stats["/dev/random"] = Char(1, 8);
  fake.stats["/dev/urandom"] = Char(1, 9);
  fake.stats["/dev/tty"] = Char(5, 0);
  fake.stats["/dev/ptmx"] = Link();
  fake.links["/dev/ptmx"] = "pts/ptmx";
  fake.stats["/dev/pts/ptmx"] = Char(5, 2);
  for (const char* p : {"/proc/self/fd", "/proc/self/fd/0", "/proc/self/fd/1", "/proc/self/fd/2"}) {
    fake.stats[p] = Link();
  }
  fake.stats["/dev/fd"] = Link();
  fake.links["/dev/fd"] = "/proc/self/fd";
  fake.stats["/dev/stdin"] = Link();
  fake.links["/dev/stdin"] = "/proc/self/fd/0";
  fake.stats["/dev/stdout"] = Link();
  fake.links["/dev/stdout"] = "/proc/self/fd/1";
  fake.stats["/dev/stderr"] = Link();
  fake.links["/dev/stderr"] = "/proc/self/fd/2";
  return fake;
}

constexpr const char* kConfig = R"({"ociVersion":"1.0.2","process":{"terminal":false}})";

TEST(DefaultDevices, RuncAndCrunDevPass) {
  sys::FakeSystem fake = DefaultDev();
  auto r = RunCheck("linux.defaultDevices", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kPass), 11);
  EXPECT_EQ(Count(r, Outcome::kSkip), 1);  // /dev/console without a terminal
}

TEST(DefaultDevices, WrongNodesAndLinks) {
  sys::FakeSystem fake = DefaultDev();
  fake.stats["/dev/null"] = Char(1, 5);  // /dev/zero bound over it
  fake.stats.erase("/dev/full");
  fake.stats["/dev/tty"] = {.mode = S_IFREG | 0644};
  fake.links["/dev/ptmx"] = "/dev/ptmx2";
  fake.links["/dev/stdout"] = "/proc/self/fd/2";
  fake.stats["/dev/stderr"] = Char(1, 3);
  auto r = RunCheck("linux.defaultDevices", kConfig, fake);
  EXPECT_EQ(Failures(r),
            "linux.defaultDevices: /dev/null: expected character device 1:3, found character "
            "device 1:5 (config-linux.md#default-devices, MUST)\n"
            "linux.defaultDevices: /dev/full: expected character device 1:7, found no such file "
            "(config-linux.md#default-devices, MUST)\n"
            "linux.defaultDevices: /dev/tty: expected character device 5:0, found regular file "
            "(config-linux.md#default-devices, MUST)\n"
            "linux.defaultDevices: /dev/ptmx: expected a symlink to /dev/pts/ptmx, found a symlink "
            "to \"/dev/ptmx2\" (config-linux.md#default-devices, MUST)\n"
            "linux.defaultDevices: /dev/stdout: expected a symlink to \"/proc/self/fd/1\", found a "
            "symlink to \"/proc/self/fd/2\" (runtime-linux.md#dev-symbolic-links, MUST)\n"
            "linux.defaultDevices: /dev/stderr: expected a symlink to \"/proc/self/fd/2\", found a "
            "character device (runtime-linux.md#dev-symbolic-links, MUST)\n");
}

TEST(DefaultDevices, PtmxBindMountAndConsole) {
  sys::FakeSystem fake = DefaultDev();
  fake.stats["/dev/ptmx"] = Char(5, 2);
  fake.stats["/dev/ptmx"].inode = fake.stats["/dev/pts/ptmx"].inode = 2;
  fake.stats["/dev/console"] = Char(136, 0, 0620);
  auto r = RunCheck("linux.defaultDevices", R"({"ociVersion":"1.0.2","process":{"terminal":true}})",
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kSkip), 0);
  fake.stats["/dev/ptmx"] = Char(5, 2);  // a node of its own: the host's ptmx, not the container's
  fake.stats["/dev/ptmx"].inode = 9;
  fake.stats["/dev/console"] = Char(5, 1);
  r = RunCheck("linux.defaultDevices", R"({"ociVersion":"1.0.2","process":{"terminal":true}})",
               fake);
  EXPECT_EQ(Count(r, Outcome::kFail), 2);
}

TEST(DefaultDevices, NoProcMeansNoSymlinksToDemand) {
  sys::FakeSystem fake = DefaultDev();
  for (const char* p : {"/proc/self/fd", "/proc/self/fd/0", "/proc/self/fd/1", "/proc/self/fd/2",
                        "/dev/fd", "/dev/stdin", "/dev/stdout", "/dev/stderr"}) {
    fake.stats.erase(p);
  }
  auto r = RunCheck("linux.defaultDevices", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kSkip), 5);
}

constexpr const char* kDevices = R"({"ociVersion":"1.0.2","linux":{"devices":[
  {"path":"/dev/mynull","type":"c","major":1,"minor":3,"fileMode":416,"uid":1,"gid":2},
  {"path":"/dev/myloop","type":"b","major":7,"minor":0,"fileMode":384},
  {"path":"/dev/myfifo","type":"p","fileMode":420},
  {"path":"/dev/sub/myzero","type":"u","major":1,"minor":5}]}})";

TEST(Devices, EachTypeWithModeAndOwner) {
  sys::FakeSystem fake;
  fake.stats["/dev/mynull"] = {
      .mode = S_IFCHR | 0640, .rdev_major = 1, .rdev_minor = 3, .uid = 1, .gid = 2};
  fake.stats["/dev/myloop"] = {.mode = S_IFBLK | 0600, .rdev_major = 7, .rdev_minor = 0};
  fake.stats["/dev/myfifo"] = {.mode = S_IFIFO | 0644};
  fake.stats["/dev/sub/myzero"] = Char(1, 5);
  auto r = RunCheck("linux.devices", kDevices, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kPass), 9);

  fake.stats["/dev/mynull"] = {
      .mode = S_IFCHR | 0600, .rdev_major = 1, .rdev_minor = 5, .uid = 0, .gid = 2};
  fake.stats["/dev/myloop"] = Char(7, 0, 0600);
  fake.stats.erase("/dev/myfifo");
  r = RunCheck("linux.devices", kDevices, fake);
  EXPECT_EQ(Failures(r),
            "linux.devices: /dev/mynull: expected character device 1:3, found character device "
            "1:5 (config-linux.md#devices, MUST)\n"
            "linux.devices: /dev/mynull fileMode: expected 0640, found 0600 "
            "(config-linux.md#devices, MUST)\n"
            "linux.devices: /dev/mynull uid: expected 1, found 0 (config-linux.md#devices, MUST)\n"
            "linux.devices: /dev/myloop: expected block device 7:0, found character device 7:0 "
            "(config-linux.md#devices, MUST)\n"
            "linux.devices: /dev/myfifo: expected a device of type \"p\", found no such file "
            "(config-linux.md#devices, MUST)\n");
}

TEST(Devices, UnsetIsASkipAndOddTypesNeverCrash) {
  sys::FakeSystem fake;
  EXPECT_EQ(Count(RunCheck("linux.devices", R"({"ociVersion":"1.0.2"})", fake), Outcome::kSkip), 1);
  fake.stats["/dev/x"] = Char(1, 3);
  auto r = RunCheck("linux.devices", R"({"ociVersion":"1.0.2","linux":{"devices":[
      {"path":"/dev/x","type":"z"},{"path":"/dev/x","type":"c"}]}})",
                    fake);
  EXPECT_EQ(Count(r, Outcome::kSkip), 2);
  EXPECT_EQ(Failures(r), "");
}

}  // namespace
}  // namespace rt::checks
