
#include "checks/check_test_util.h"
#include "util/testdata.h"

namespace rt::checks {
namespace {

using report::Outcome;

sys::FakeSystem RootLine(const std::string& optional) {
  sys::FakeSystem fake;
  fake.files["/proc/self/mountinfo"] = "67 44 254:0 /tmp/b/rootfs / ro,relatime " + optional +
                                       (optional.empty() ? "" : " ") +
                                       "- ext4 /dev/vda rw\n"
                                       "68 67 0:41 / /proc rw,relatime - proc proc rw\n";
  return fake;
}

std::string Config(const std::string& propagation) {
  return R"({"ociVersion":"1.0.2","root":{"path":"rootfs"},"linux":{"rootfsPropagation":")" +
         propagation + R"("}})";
}

// What crun 1.8.1 shows for each value (runc 1.1.5 leaves the root private for shared).
TEST(RootfsPropagation, EachValueAgainstTheRootsOptionalFields) {
  struct Case {
    const char* want;
    const char* fields;
    bool ok;
  };
  const Case cases[] = {
      {"shared", "shared:1", true},
      {"shared", "", false},
      {"slave", "master:3", true},
      {"slave", "", true},  // slave of a private mount
      {"slave", "shared:2 master:3", false},
      {"private", "", true},
      {"private", "master:3", false},
      {"unbindable", "unbindable", true},
      {"unbindable", "", false},
      {"rshared", "shared:1", true},
  };
  for (const Case& c : cases) {
    sys::FakeSystem fake = RootLine(c.fields);
    auto r = RunCheck("linux.rootfsPropagation", Config(c.want), fake);
    EXPECT_EQ(Count(r, Outcome::kFail), c.ok ? 0 : 1) << c.want << " / " << c.fields;
  }
  sys::FakeSystem fake = RootLine("");
  EXPECT_EQ(Failures(RunCheck("linux.rootfsPropagation", Config("shared"), fake)),
            "linux.rootfsPropagation: /: expected shared (a shared:N peer group), found private "
            "(config-linux.md#rootfs-mount-propagation, MUST)\n");
}

TEST(RootfsPropagation, UnsetAndUnknownValuesAreSkips) {
  sys::FakeSystem fake = RootLine("");
  EXPECT_EQ(
      Count(RunCheck("linux.rootfsPropagation", R"({"ociVersion":"1"})", fake), Outcome::kSkip), 1);
  EXPECT_EQ(Count(RunCheck("linux.rootfsPropagation", Config("sideways"), fake), Outcome::kSkip),
            1);
}

TEST(RootPath, RuncAndCrunRootsPass) {
  for (const char* f : {"mountinfo_runc_default.txt", "mountinfo_crun_default.txt",
                        "mountinfo_crun_rro_idmap.txt"}) {
    sys::FakeSystem fake;
    fake.files["/proc/self/mountinfo"] = Testdata(f);
    auto r = RunCheck("root.path", R"({"ociVersion":"1.0.2","root":{"path":"rootfs"}})", fake);
    EXPECT_EQ(Failures(r), "") << f;
    EXPECT_EQ(Count(r, Outcome::kPass), 2) << f;
  }
}

TEST(RootPath, OtherDirectoryAndHostMountsFail) {
  sys::FakeSystem fake = RootLine("");
  // A second tree the process can see: the host's root with the container's stacked on it.
  fake.files["/proc/self/mountinfo"] =
      "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
      "67 27 254:0 /tmp/b/rootfs / ro,relatime - ext4 /dev/vda rw\n"
      "70 27 0:25 / /mnt/host ro,nosuid - tmpfs host ro\n"
      "68 67 0:41 / /proc rw,relatime - proc proc rw\n";
  auto r = RunCheck("root.path", R"({"ociVersion":"1.0.2","root":{"path":"otherfs"}})", fake);
  EXPECT_EQ(Failures(r),
            "root.path: / mount root: expected the directory root.path \"otherfs\" names, found "
            "\"/tmp/b/rootfs\" of \"/dev/vda\" (config.md#root, MUST)\n"
            "root.path: mounts: expected only the container's root and mounts below it, found / "
            "(ext4 \"/dev/vda\"), /mnt/host (tmpfs \"host\") (config.md#root, MUST)\n");
}

}  // namespace
}  // namespace rt::checks
