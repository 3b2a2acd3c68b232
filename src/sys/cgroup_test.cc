#include "sys/cgroup.h"

#include <gtest/gtest.h>

#include "util/testdata.h"

namespace rt::sys {
namespace {

// Captured on a cgroup v1/v2 hybrid host (cgroup2 at /sys/fs/cgroup/unified, no controllers in
// it) from inside runc 1.1.5 and crun 1.8.1 containers of the default config, with and without a
// cgroup namespace; the container's memory cgroup under runc is nested below the one the
// runtime ran in (/outer/box).
std::vector<CgroupMount> ParseCgroupMounts(std::string_view mountinfo) {
  Result<std::vector<MountInfo>> table = ParseMountInfo(mountinfo);
  EXPECT_TRUE(table.ok()) << table.status().message();
  return table.ok() ? CgroupMounts(*table) : std::vector<CgroupMount>{};
}

std::string Dir(const std::string& capture, std::string_view controller) {
  Result<CgroupDir> dir =
      FindCgroupDir(controller, ParseProcCgroup(Testdata("cgroup/" + capture + ".cgroup")),
                    ParseCgroupMounts(Testdata("cgroup/" + capture + ".mountinfo")));
  if (!dir.ok()) return "error: " + dir.status().message();
  return "v" + std::to_string(dir->version) + " " + dir->path;
}

TEST(ProcCgroup, ParsesV1AndV2Lines) {
  auto lines = ParseProcCgroup(Testdata("cgroup/runc-hostns.cgroup"));
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_EQ(lines[0].hierarchy_id, "10");
  EXPECT_EQ(lines[0].controllers, std::vector<std::string>{"hugetlb"});
  EXPECT_EQ(lines[6].controllers, std::vector<std::string>{"memory"});
  EXPECT_EQ(lines[6].path, "/outer/box/w5b-dump");
  EXPECT_EQ(lines[10].hierarchy_id, "0");
  EXPECT_TRUE(lines[10].controllers.empty());
  EXPECT_EQ(lines[10].path, "/w5b-dump");

  auto comounted = ParseProcCgroup("2:cpu,cpuacct:/a:b\n");
  ASSERT_EQ(comounted.size(), 1u);
  EXPECT_EQ(comounted[0].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
  EXPECT_EQ(comounted[0].path, "/a:b");
}

TEST(CgroupMounts, KeepsOnlyCgroupFilesystems) {
  auto mounts = ParseCgroupMounts(Testdata("cgroup/host-hybrid.mountinfo"));
  ASSERT_EQ(mounts.size(), 11u);
  EXPECT_EQ(mounts[0].mount_point, "/sys/fs/cgroup/cpu");
  EXPECT_EQ(mounts[0].controllers, std::vector<std::string>{"cpu"});
  EXPECT_EQ(mounts[9].version, 2);
  EXPECT_EQ(mounts[9].mount_point, "/sys/fs/cgroup/unified");
}

TEST(CgroupMounts, PathsAreUnescaped) {
  auto mounts = ParseCgroupMounts(
      "75 74 0:29 /a\\040b /sys/fs/cgroup/my\\134cpu ro,relatime - cgroup cgroup rw,cpu\n");
  ASSERT_EQ(mounts.size(), 1u);
  EXPECT_EQ(mounts[0].root, "/a b");
  EXPECT_EQ(mounts[0].mount_point, "/sys/fs/cgroup/my\\cpu");
}

TEST(CgroupLayout, TellsV2HybridV1AndNone) {
  auto hybrid = LayoutOf(ParseCgroupMounts(Testdata("cgroup/host-hybrid.mountinfo")));
  EXPECT_EQ(hybrid, CgroupLayout::kHybrid);
  EXPECT_STREQ(DescribeLayout(hybrid), "cgroup v1/v2 hybrid");
  EXPECT_STREQ(LayoutName(hybrid), "hybrid");

  auto v2 = LayoutOf(ParseCgroupMounts(
      "30 25 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"));
  EXPECT_EQ(v2, CgroupLayout::kV2);
  EXPECT_STREQ(DescribeLayout(v2), "cgroup v2 only");
  EXPECT_STREQ(LayoutName(v2), "v2");

  auto v1 = LayoutOf(ParseCgroupMounts(
      "75 74 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
      "76 74 0:30 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"));
  EXPECT_EQ(v1, CgroupLayout::kV1);
  EXPECT_STREQ(LayoutName(v1), "v1");

  auto none = LayoutOf(ParseCgroupMounts("22 1 0:21 / /proc rw - proc proc rw\n"));
  EXPECT_EQ(none, CgroupLayout::kNone);
  EXPECT_STREQ(DescribeLayout(none), "no cgroup filesystem mounted");
}

TEST(FindCgroupDir, RuncWithoutCgroupNamespaceMountsTheContainersOwnCgroup) {
  EXPECT_EQ(Dir("runc-hostns", "memory"), "v1 /sys/fs/cgroup/memory");
  EXPECT_EQ(Dir("runc-hostns", "pids"), "v1 /sys/fs/cgroup/pids");
  EXPECT_EQ(Dir("runc-hostns", "cpuset"), "v1 /sys/fs/cgroup/cpuset");
}

TEST(FindCgroupDir, WorksInsideACgroupNamespace) {
  EXPECT_EQ(Dir("runc-cgroupns", "cpu"), "v1 /sys/fs/cgroup/cpu");
  EXPECT_EQ(Dir("crun-cgroupns", "memory"), "v1 /sys/fs/cgroup/memory");
  EXPECT_EQ(Dir("crun-hostns", "pids"), "v1 /sys/fs/cgroup/pids");
}

TEST(FindCgroupDir, OnTheHostTheCgroupIsBelowTheMountPoint) {
  EXPECT_EQ(Dir("host-hybrid", "memory"), "v1 /sys/fs/cgroup/memory/outer/box");
  EXPECT_EQ(Dir("host-hybrid", "cpu"), "v1 /sys/fs/cgroup/cpu");
}

TEST(FindCgroupDir, AControllerInNoV1HierarchyFallsToTheUnifiedOne) {
  EXPECT_EQ(Dir("host-hybrid", "io"), "v2 /sys/fs/cgroup/unified");
  // runc and crun do not mount the cgroup2 hierarchy of a hybrid host in the container.
  EXPECT_EQ(Dir("runc-hostns", "io"), "error: no cgroup2 hierarchy is mounted in the container");
}

TEST(FindCgroupDir, PureCgroupV2) {
  const std::string cgroup = "0::/system.slice/ctr.scope\n";
  const std::string mountinfo =
      "30 25 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";
  Result<CgroupDir> dir =
      FindCgroupDir("memory", ParseProcCgroup(cgroup), ParseCgroupMounts(mountinfo));
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_EQ(dir->version, 2);
  EXPECT_EQ(dir->path, "/sys/fs/cgroup/system.slice/ctr.scope");

  // A container that bind-mounts only its own cgroup (root = its path) at /sys/fs/cgroup.
  dir = FindCgroupDir("memory", ParseProcCgroup(cgroup),
                      ParseCgroupMounts("30 25 0:26 /system.slice/ctr.scope /sys/fs/cgroup ro - "
                                        "cgroup2 cgroup2 rw\n"));
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_EQ(dir->path, "/sys/fs/cgroup");
}

TEST(FindCgroupDir, SaysWhyTheCgroupIsNotVisible) {
  const auto membership = ParseProcCgroup("4:memory:/ctr\n0::/ctr\n");
  EXPECT_EQ(FindCgroupDir("memory", membership, {}).status().message(),
            "no cgroup v1 memory hierarchy is mounted in the container");
  // A mount of a sibling cgroup does not show this one.
  auto sibling = ParseCgroupMounts(
      "78 74 0:32 /other /sys/fs/cgroup/memory ro - cgroup cgroup "
      "rw,memory\n");
  EXPECT_EQ(FindCgroupDir("memory", membership, sibling).status().message(),
            "the cgroup v1 memory mounts in the container do not show this process's cgroup /ctr");
  // A longer root must end at a path component: /ctr2 is not below /ctr.
  auto prefix = ParseCgroupMounts(
      "78 74 0:32 /ctr /sys/fs/cgroup/memory ro - cgroup cgroup "
      "rw,memory\n");
  EXPECT_FALSE(FindCgroupDir("memory", ParseProcCgroup("4:memory:/ctr2\n"), prefix).ok());
  EXPECT_EQ(FindCgroupDir("rdma", ParseProcCgroup("4:memory:/ctr\n"), {}).status().message(),
            "/proc/self/cgroup names no hierarchy with the rdma controller");
}

TEST(FindCgroupDir, CoMountedControllersNeedAMountWithAllOfThem) {
  const auto membership = ParseProcCgroup("2:cpu,cpuacct:/ctr\n");
  auto mounts = ParseCgroupMounts(
      "75 74 0:29 /ctr /sys/fs/cgroup/cpu,cpuacct ro - cgroup cgroup rw,cpu,cpuacct\n");
  Result<CgroupDir> dir = FindCgroupDir("cpu", membership, mounts);
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_EQ(dir->path, "/sys/fs/cgroup/cpu,cpuacct");
}

}  // namespace
}  // namespace rt::sys
