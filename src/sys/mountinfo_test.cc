#include "sys/mountinfo.h"

#include <gtest/gtest.h>

#include "util/testdata.h"

namespace rt::sys {
namespace {

MountTable Table(const std::string& text) {
  Result<std::vector<MountInfo>> mounts = ParseMountInfo(text);
  EXPECT_TRUE(mounts.ok()) << mounts.status().message();
  return MountTable(mounts.ok() ? *mounts : std::vector<MountInfo>{});
}

TEST(MountInfo, ParsesEveryFieldOfACapturedLine) {
  // runc 1.1.5, default config: /dev/pts.
  auto mounts = ParseMountInfo(Testdata("mountinfo_runc_default.txt"));
  ASSERT_TRUE(mounts.ok()) << mounts.status().message();
  ASSERT_EQ(mounts->size(), 26u);
  const MountInfo& pts = (*mounts)[3];
  EXPECT_EQ(pts.id, 70);
  EXPECT_EQ(pts.parent_id, 69);
  EXPECT_EQ(pts.major, 0u);
  EXPECT_EQ(pts.minor, 43u);
  EXPECT_EQ(pts.root, "/");
  EXPECT_EQ(pts.mount_point, "/dev/pts");
  EXPECT_EQ(pts.mount_options, (std::vector<std::string>{"rw", "nosuid", "noexec", "relatime"}));
  EXPECT_TRUE(pts.optional_fields.empty());
  EXPECT_EQ(pts.fs_type, "devpts");
  EXPECT_EQ(pts.source, "devpts");
  EXPECT_EQ(pts.super_options,
            (std::vector<std::string>{"rw", "gid=5", "mode=620", "ptmxmode=666"}));
  EXPECT_EQ(pts.line, 3u);
  EXPECT_EQ((*mounts)[0].root.substr(0, 14), "/tmp/mntprobe/");
  EXPECT_EQ((*mounts)[0].major, 254u);
}

TEST(MountInfo, OptionalFieldsAndEscapes) {
  auto mounts = ParseMountInfo(
      "36 35 98:0 /mnt\\0401 /mnt/with\\040space rw,noatime master:1 shared:7 - ext3 /dev/root "
      "rw,errors=continue\n"
      "37 36 0:5 / /a\\134b ro unbindable - tmpfs none rw,context=\"u:r:t:s0:c1,c2\",mode=755\n");
  ASSERT_TRUE(mounts.ok()) << mounts.status().message();
  EXPECT_EQ((*mounts)[0].root, "/mnt 1");
  EXPECT_EQ((*mounts)[0].mount_point, "/mnt/with space");
  EXPECT_EQ((*mounts)[0].optional_fields, (std::vector<std::string>{"master:1", "shared:7"}));
  Propagation p = ParsePropagation((*mounts)[0].optional_fields);
  EXPECT_EQ(p.shared, 7);
  EXPECT_EQ(p.master, 1);
  EXPECT_FALSE(p.unbindable);
  EXPECT_EQ(DescribePropagation(p), "shared:7 master:1");
  EXPECT_EQ((*mounts)[1].mount_point, "/a\\b");
  EXPECT_EQ(DescribePropagation(ParsePropagation((*mounts)[1].optional_fields)), "unbindable");
  EXPECT_EQ((*mounts)[1].super_options,
            (std::vector<std::string>{"rw", "context=\"u:r:t:s0:c1,c2\"", "mode=755"}));
  EXPECT_EQ(MountOptionValue((*mounts)[1].super_options, "context"), "u:r:t:s0:c1,c2");
  EXPECT_EQ(MountOptionValue((*mounts)[1].super_options, "mode"), "755");
  EXPECT_EQ(MountOptionValue((*mounts)[1].super_options, "size"), std::nullopt);
  EXPECT_EQ(DescribePropagation(Propagation{}), "private");
}

TEST(MountInfo, MalformedLineIsAnErrorNamingIt) {
  auto r = ParseMountInfo("22 27 0:21 / /proc rw,relatime - proc proc rw\n22 27 0:21 / /x rw\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2"), std::string::npos) << r.status().message();
  EXPECT_FALSE(ParseMountInfo("x 27 0:21 / /proc rw - proc proc rw\n").ok());
  EXPECT_FALSE(ParseMountInfo("1 2 021 / /proc rw - proc proc rw\n").ok());
  // No super options at all is still a mount.
  EXPECT_TRUE(ParseMountInfo("1 2 0:21 / /proc rw - proc proc\n").ok());
  // Numbers: whole fields of decimal digits in range, as std::from_chars reads them.
  for (const char* numbers : {"1a 2 0:21", "1 2 0:x", "+1 2 0:21", " - 2 0:21", "1 2 :21",
                              "1 2 0:", "1 2 4294967296:0", "2147483648 2 0:21", "1 2 0:-1"}) {
    EXPECT_FALSE(ParseMountInfo(std::string(numbers) + " / /p rw - proc proc rw\n").ok())
        << numbers;
  }
  auto edge = ParseMountInfo("2147483647 -2 4294967295:0 / /p rw - proc proc rw");
  ASSERT_TRUE(edge.ok()) << edge.status().message();
  EXPECT_EQ((*edge)[0].id, 2147483647);
  EXPECT_EQ((*edge)[0].parent_id, -2);
  EXPECT_EQ((*edge)[0].major, 4294967295u);
  // Runs of spaces separate one field; a line without its newline is a line; "" has none.
  auto spaced =
      ParseMountInfo("1  2 0:21 /   /p rw  master:3 -  proc proc  rw,a\n\n1 2 0:2 / / rw - x y");
  ASSERT_TRUE(spaced.ok()) << spaced.status().message();
  ASSERT_EQ(spaced->size(), 2u);
  EXPECT_EQ((*spaced)[0].optional_fields, std::vector<std::string>{"master:3"});
  EXPECT_EQ((*spaced)[0].super_options, (std::vector<std::string>{"rw", "a"}));
  EXPECT_EQ((*spaced)[1].line, 1u);
  EXPECT_TRUE(ParseMountInfo("")->empty());
  EXPECT_EQ(SplitMountOptions(",a,,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(SplitMountOptions("rw"), (std::vector<std::string>{"rw"}));
  EXPECT_TRUE(SplitMountOptions(",").empty());
  EXPECT_TRUE(SplitMountOptions("").empty());
  EXPECT_TRUE(SplitMountOptions(std::string_view()).empty());  // no data at all
  EXPECT_TRUE(ParseMountInfo(std::string_view())->empty());
  EXPECT_EQ(SplitMountOptions(",a,,b,\"c,d\","), (std::vector<std::string>{"a", "b", "\"c,d\""}));
}

TEST(MountInfo, CleanPathAndPathWithin) {
  EXPECT_EQ(CleanPath("/dev//pts/"), "/dev/pts");
  EXPECT_EQ(CleanPath("dev/./shm"), "/dev/shm");
  EXPECT_EQ(CleanPath("/a/../../b"), "/b");
  EXPECT_EQ(CleanPath(""), "/");
  // Clean paths come back as they are; every way of being unclean is cleaned.
  for (const char* clean : {"/", "/a", "/a/b", "/.a", "/..a", "/a.", "/a..", "/a/.b/c..", "/..."}) {
    EXPECT_EQ(CleanPath(clean), clean);
  }
  EXPECT_EQ(CleanPath("//"), "/");
  EXPECT_EQ(CleanPath("/."), "/");
  EXPECT_EQ(CleanPath("/.."), "/");
  EXPECT_EQ(CleanPath("/a/."), "/a");
  EXPECT_EQ(CleanPath("/a/.."), "/");
  EXPECT_EQ(CleanPath("/a/./b"), "/a/b");
  EXPECT_EQ(CleanPath("/a/b/../c"), "/a/c");
  EXPECT_EQ(CleanPath("/a//b"), "/a/b");
  EXPECT_EQ(CleanPath("/a/"), "/a");
  EXPECT_EQ(CleanPath("a"), "/a");
  EXPECT_EQ(CleanPath("."), "/");
  EXPECT_EQ(CleanPath("../x/./y/"), "/x/y");
  EXPECT_TRUE(PathWithin("/dev/pts", "/dev"));
  EXPECT_TRUE(PathWithin("/dev", "/dev"));
  EXPECT_FALSE(PathWithin("/devices", "/dev"));
  EXPECT_TRUE(PathWithin("/anything", "/"));
}

TEST(MountInfo, ForSelfAndAncestorsNearestFirst) {
  auto walk = [](std::string_view path) {
    std::string out;
    ForSelfAndAncestors(path, [&out](std::string_view p) { out += std::string(p) + " "; });
    return out;
  };
  EXPECT_EQ(walk("/a/b/c"), "/a/b/c /a/b /a / ");
  EXPECT_EQ(walk("/a"), "/a / ");
  EXPECT_EQ(walk("/"), "/ ");
  EXPECT_EQ(walk("a"), "a ");
}

TEST(MountTable, LooksUpWhatAPathReaches) {
  MountTable t = Table(Testdata("mountinfo_runc_default.txt"));
  ASSERT_NE(t.Root(), nullptr);
  EXPECT_EQ(t.Root()->id, 67);
  EXPECT_EQ(t.VisibleAt("/dev/shm")->id, 71);
  EXPECT_EQ(t.VisibleAt("/dev/shm/")->id, 71);
  EXPECT_EQ(t.VisibleAt("/dev/nothing"), nullptr);
  EXPECT_EQ(t.Containing("/dev/nothing")->id, 69);
  EXPECT_EQ(t.Containing("/bin/runtimetest")->id, 67);
  EXPECT_EQ(t.VisibleAt("/proc/keys")->fs_type, "tmpfs");  // runc masks with /dev/null's bind
  const MountInfo* cgroup = t.VisibleAt("/sys/fs/cgroup");
  ASSERT_NE(cgroup, nullptr);
  EXPECT_EQ(t.Children(*cgroup).size(), 10u);
  EXPECT_EQ(t.Descendants(*t.VisibleAt("/sys")).size(), 12u);  // tmpfs, 10 controllers, firmware
  EXPECT_TRUE(t.IsWithin(*t.VisibleAt("/sys/fs/cgroup/cpu"), *t.VisibleAt("/sys")));
  EXPECT_FALSE(t.IsWithin(*t.VisibleAt("/sys"), *t.VisibleAt("/sys/fs/cgroup/cpu")));
}

TEST(MountTable, FollowsStacksAndHiddenMounts) {
  // Captured under runc: two tmpfs stacked at /mnt/s; /mnt/o/in mounted before /mnt/o.
  MountTable t = Table(
      "67 44 254:0 /b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "86 67 0:48 / /mnt/s rw,relatime - tmpfs tmpfs rw,size=1024k\n"
      "87 86 0:49 / /mnt/s rw - tmpfs second rw,size=2048k\n"
      "88 67 0:50 / /mnt/o/in rw,relatime - tmpfs in rw\n"
      "89 67 0:51 / /mnt/o ro,relatime - tmpfs out rw\n");
  EXPECT_EQ(t.VisibleAt("/mnt/s")->id, 87);
  EXPECT_EQ(t.VisibleAt("/mnt/o")->id, 89);
  EXPECT_EQ(t.VisibleAt("/mnt/o/in"), nullptr);  // hidden by /mnt/o, mounted after it
  EXPECT_EQ(t.Containing("/mnt/o/in")->id, 89);
}

TEST(MountTable, ParentsListedAfterTheirChildren) {
  // crun mounts idmapped binds before the root is pivoted: the child comes first in the file.
  MountTable t = Table(Testdata("mountinfo_crun_rro_idmap.txt"));
  ASSERT_NE(t.Root(), nullptr);
  EXPECT_EQ(t.Root()->id, 68);
  const MountInfo* id = t.VisibleAt("/mnt/id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->line, 0u);
  EXPECT_TRUE(HasMountOption(id->mount_options, "idmapped"));
  EXPECT_TRUE(t.IsWithin(*id, *t.Root()));
}

TEST(MountTable, ManyMountsEachFoundAndCopiesKeepTheirIndexes) {
  // 2,000 mounts: 1,000 at their own place, and 1,000 stacked on one another at /s (each on the
  // one before), so that the index's chains and stacks are exercised at size.
  std::string text = "1 0 254:0 / / rw - ext4 /dev/vda rw\n";
  for (int i = 0; i < 1000; ++i) {
    text += std::to_string(100 + i) + " 1 0:1 / /m/" + std::to_string(i) + " rw - tmpfs t rw\n";
  }
  for (int i = 0; i < 1000; ++i) {
    text += std::to_string(2000 + i) + " " + std::to_string(i == 0 ? 1 : 1999 + i) +
            " 0:2 / /s rw - tmpfs s" + std::to_string(i) + " rw\n";
  }
  MountTable original = Table(text);
  MountTable t = original;  // a copy answers as the original does
  for (int i = 0; i < 1000; ++i) {
    const MountInfo* m = t.VisibleAt("/m/" + std::to_string(i));
    ASSERT_NE(m, nullptr) << i;
    EXPECT_EQ(m->id, 100 + i);
    EXPECT_EQ(t.ById(100 + i), m);
    EXPECT_EQ(t.Containing("/m/" + std::to_string(i) + "/file"), m);
  }
  EXPECT_EQ(t.VisibleAt("/m"), nullptr);
  EXPECT_EQ(t.VisibleAt("/m/1000"), nullptr);
  EXPECT_EQ(t.VisibleAt("/s")->id, 2999);
  EXPECT_EQ(t.AtMountPoint("/s").size(), 1000u);
  EXPECT_EQ(t.AtMountPoint("/s").front()->id, 2000);
  EXPECT_EQ(t.Children(*t.Root()).size(), 1001u);
  EXPECT_EQ(t.Descendants(*t.Root()).size(), 2000u);
  EXPECT_TRUE(t.IsWithin(*t.ById(2999), *t.ById(2000)));
  EXPECT_EQ(&t.mounts()[0], t.Root());
  EXPECT_NE(t.Root(), original.Root());  // the copy's own mounts
}

TEST(MountTable, ACycleInParentIdsDoesNotHang) {
  MountTable t = Table("1 2 0:1 / / rw - tmpfs a rw\n2 1 0:2 / / rw - tmpfs b rw\n");
  EXPECT_EQ(t.Root(), nullptr);  // every "/" has a listed parent
  EXPECT_EQ(t.Containing("/x"), nullptr);
  EXPECT_FALSE(t.IsWithin(t.mounts()[0], MountInfo{}));
  EXPECT_EQ(t.Descendants(t.mounts()[0]).size(), 1u);
}

}  // namespace
}  // namespace rt::sys
