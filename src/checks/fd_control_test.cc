#include <fcntl.h>
#include <cerrno>
#include <unistd.h>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr const char* kConfig = R"({"ociVersion":"1.0.2","process":{"env":["PATH=/bin"]}})";

TEST(FdControl, OnlyStdioPasses) {
  sys::FakeSystem fake;
  fake.open_fds = std::vector<sys::OpenFd>{{0, "/dev/null"}, {1, "pipe:[1]"}, {2, "pipe:[2]"}};
  auto r = RunCheck("fd_control", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(FdControl, LeakedDescriptorFails) {
  sys::FakeSystem fake;
  fake.open_fds = std::vector<sys::OpenFd>{
      {0, "/dev/null"}, {1, "pipe:[1]"}, {2, "pipe:[2]"}, {5, "/run/runc/state.json"}};
  auto r = RunCheck("fd_control", kConfig, fake);
  EXPECT_EQ(Failures(r),
            "fd_control: fd 5: expected closed (only 0, 1 and 2 stay open), found open on "
            "\"/run/runc/state.json\" (runtime-linux.md#file-descriptors, MUST)\n");
}

TEST(FdControl, ListenFdsAllowsThatManyFromThree) {
  sys::FakeSystem fake;
  fake.open_fds =
      std::vector<sys::OpenFd>{{0, ""}, {1, ""}, {2, ""}, {3, "socket:[7]"}, {4, "socket:[8]"}};
  auto r =
      RunCheck("fd_control", R"({"ociVersion":"1.0.2","process":{"env":["LISTEN_FDS=2"]}})", fake);
  EXPECT_EQ(Failures(r), "");
  r = RunCheck("fd_control", R"({"ociVersion":"1.0.2","process":{"env":["LISTEN_FDS=1"]}})", fake);
  EXPECT_EQ(Failures(r),
            "fd_control: fd 4: expected closed (only 0, 1, 2 and the 1 of LISTEN_FDS from 3 stay "
            "open), found open on \"socket:[8]\" (runtime-linux.md#file-descriptors, MUST)\n");
}

TEST(FdControl, YoukiHarnessCountInNumFdsAllowsThatManyFromThree) {
  // youki's fd_control tests write the number of descriptors passed with --preserve-fds into
  // /num-fds in the root, and set no LISTEN_FDS.
  sys::FakeSystem fake;
  fake.open_fds = std::vector<sys::OpenFd>{{0, ""}, {1, ""}, {2, ""}, {3, "/dev/null"}};
  fake.files["/num-fds"] = "1";
  EXPECT_EQ(Failures(RunCheck("fd_control", kConfig, fake)), "");
  fake.files["/num-fds"] = "0";
  EXPECT_EQ(Failures(RunCheck("fd_control", kConfig, fake)),
            "fd_control: fd 3: expected closed (only 0, 1 and 2 stay open), found open on "
            "\"/dev/null\" (runtime-linux.md#file-descriptors, MUST)\n");
  fake.open_fds = std::vector<sys::OpenFd>{{0, ""}, {1, ""}, {2, ""}, {3, ""}, {4, "x"}};
  fake.files["/num-fds"] = "1\n";
  EXPECT_EQ(Failures(RunCheck("fd_control", kConfig, fake)),
            "fd_control: fd 4: expected closed (only 0, 1, 2 and the 1 of /num-fds from 3 stay "
            "open), found open on \"x\" (runtime-linux.md#file-descriptors, MUST)\n");
}

TEST(FdControl, NoProcIsASkipUnlessTheConfigMountsProc) {
  sys::FakeSystem fake;
  fake.open_fds = Status::Errno("open /proc/self/fd", ENOENT);
  auto r = RunCheck("fd_control", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "fd_control: cannot observe: open /proc/self/fd: No such file or directory\n");
  r = RunCheck("fd_control", R"({"ociVersion":"1.0.2","mounts":[{"destination":"/proc",
      "type":"proc","source":"proc"}]})",
               fake);
  EXPECT_EQ(Failures(r),
            "fd_control: expected /proc/self/fd (the config mounts proc at /proc), found open "
            "/proc/self/fd: No such file or directory (runtime-linux.md#file-descriptors, MUST)\n");
}

TEST(FdControl, LinuxSystemLeavesOutTheListingDescriptor) {
  int extra = open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(extra, 0);
  Result<std::vector<sys::OpenFd>> fds = sys::Linux().OpenFds();
  close(extra);
  ASSERT_TRUE(fds.ok()) << fds.status().message();
  bool saw_extra = false;
  for (const sys::OpenFd& fd : *fds) {
    if (fd.fd == extra) saw_extra = fd.target == "/dev/null";
    EXPECT_NE(fd.target, "/proc/" + std::to_string(getpid()) + "/fd") << fd.fd;
  }
  EXPECT_TRUE(saw_extra);
  Result<std::vector<sys::OpenFd>> after = sys::Linux().OpenFds();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size() + 1, fds->size());  // nothing of the listing stays open
}

}  // namespace
}  // namespace rt::checks
