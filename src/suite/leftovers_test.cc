#include "suite/leftovers.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace rt::suite {
namespace {

TEST(SuitePidOfName, ReadsEveryNameOfARun) {
  EXPECT_EQ(SuitePidOfName("runtimetest-123-4"), 123);
  EXPECT_EQ(SuitePidOfName("runtimetest-123"), 123);
  EXPECT_EQ(SuitePidOfName("runtimetest-suite-123-Ab9xYz"), 123);
  EXPECT_EQ(SuitePidOfName("rt123n"), 123);
}

TEST(SuitePidOfName, RefusesOtherNames) {
  for (const char* name : {"runtimetest", "runtimetest-", "runtimetest-x-1", "runtimetest-12-",
                           "runtimetest-12-3x", "runtimetest-suite-12", "runtimetest-suite-",
                           "rt12", "rtn", "rt12nx", "runc", "runtimetest-0", "eth0"}) {
    EXPECT_EQ(SuitePidOfName(name), std::nullopt) << name;
  }
}

TEST(ProcessExists, SeesItselfAndNotAnImpossiblePid) {
  EXPECT_TRUE(ProcessExists(::getpid()));
  EXPECT_FALSE(ProcessExists(0x3fffffff));
}

TEST(RuntimeStateRoot, GlobalFlagWinsElseTheRuntimesDefault) {
  EXPECT_EQ(RuntimeStateRoot("runc", {}), "/run/runc");
  EXPECT_EQ(RuntimeStateRoot("crun", {"--debug"}), "/run/crun");
  EXPECT_EQ(RuntimeStateRoot("runc", {"--root=/tmp/a"}), "/tmp/a");
  EXPECT_EQ(RuntimeStateRoot("crun", {"--root", "/tmp/b", "--log=x"}), "/tmp/b");
  EXPECT_EQ(RuntimeStateRoot("my-runtime", {}), "");
}

std::vector<sys::CgroupMount> HybridMounts() {
  return {
      {.version = 1, .root = "/", .mount_point = "/sys/fs/cgroup/memory",
       .controllers = {"memory"}},
      {.version = 1, .root = "/", .mount_point = "/sys/fs/cgroup/cpu,cpuacct",
       .controllers = {"cpu", "cpuacct"}},
      {.version = 1, .root = "/", .mount_point = "/sys/fs/cgroup/systemd",
       .controllers = {"xattr", "name=systemd"}},
      {.version = 2, .root = "/", .mount_point = "/sys/fs/cgroup/unified"},
  };
}

TEST(CgroupDirsFor, OneDirInEveryHierarchy) {
  std::vector<std::string> dirs = CgroupDirsFor(HybridMounts(), "/runtimetest-7/runtimetest-7-1");
  EXPECT_EQ(dirs, (std::vector<std::string>{
                      "/sys/fs/cgroup/memory/runtimetest-7/runtimetest-7-1",
                      "/sys/fs/cgroup/cpu,cpuacct/runtimetest-7/runtimetest-7-1",
                      "/sys/fs/cgroup/systemd/runtimetest-7/runtimetest-7-1",
                      "/sys/fs/cgroup/unified/runtimetest-7/runtimetest-7-1",
                  }));
  EXPECT_TRUE(CgroupDirsFor(HybridMounts(), "/").empty()) << "never a hierarchy's root";
}

TEST(CgroupDirsOf, MapsEachLineToItsHierarchyAndSkipsRoots) {
  std::vector<std::string> dirs = CgroupDirsOf(HybridMounts(),
                                               "4:memory:/runtimetest-7/c\n"
                                               "3:cpu,cpuacct:/runtimetest-7/c\n"
                                               "2:name=systemd:/\n"
                                               "0::/runtimetest-7/c\n");
  EXPECT_EQ(dirs, (std::vector<std::string>{
                      "/sys/fs/cgroup/memory/runtimetest-7/c",
                      "/sys/fs/cgroup/cpu,cpuacct/runtimetest-7/c",
                      "/sys/fs/cgroup/unified/runtimetest-7/c",
                  }));
}

TEST(CgroupDirsOf, AMountOfASubtreeShowsPathsBelowItsRoot) {
  std::vector<sys::CgroupMount> mounts = {
      {.version = 1, .root = "/outer", .mount_point = "/sys/fs/cgroup/pids",
       .controllers = {"pids"}}};
  EXPECT_EQ(CgroupDirsOf(mounts, "5:pids:/outer/runtimetest-7/c\n"),
            (std::vector<std::string>{"/sys/fs/cgroup/pids/runtimetest-7/c"}));
  EXPECT_TRUE(CgroupDirsOf(mounts, "5:pids:/elsewhere/c\n").empty());
}

TEST(RemoveCgroupTree, AMissingDirIsFine) {
  EXPECT_TRUE(RemoveCgroupTree("/nonexistent/runtimetest-1", Deadline::In(std::chrono::seconds(1)))
                  .ok());
}

}  // namespace
}  // namespace rt::suite
