#include <sys/stat.h>

#include <cerrno>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

using report::Outcome;

constexpr const char* kMasked = R"({"ociVersion":"1.0.2","linux":{"maskedPaths":[
  "/proc/acpi","/proc/kcore","/proc/keys","/proc/cpuinfo","/sys/firmware"]}})";

// runc 1.1.5: directories get an empty read-only tmpfs, files /dev/null bound over them.
sys::FakeSystem RuncMasked() {
  sys::FakeSystem fake;
  fake.stats["/proc/acpi"] = {.mode = S_IFDIR | 0755};
  fake.dirs["/proc/acpi"] = {};
  fake.probe_errors["/proc/acpi"] = EROFS;
  fake.stats["/proc/keys"] = {.mode = S_IFCHR | 0666, .rdev_major = 1, .rdev_minor = 3};
  fake.stats["/proc/cpuinfo"] = {.mode = S_IFREG | 0444};
  fake.files["/proc/cpuinfo"] = "";
  fake.open_write_errors["/proc/cpuinfo"] = EROFS;
  fake.stats["/sys/firmware"] = {.mode = S_IFDIR | 0755};
  fake.dirs["/sys/firmware"] = {};
  fake.probe_errors["/sys/firmware"] = EROFS;
  return fake;
}

TEST(MaskedPaths, EmptyDirNullDeviceAndMissingPathPass) {
  sys::FakeSystem fake = RuncMasked();
  auto r = RunCheck("linux.maskedPaths", kMasked, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kFail), 0);
  EXPECT_EQ(Count(r, Outcome::kPass), 8);  // 5 paths, 3 write probes (dirs and the regular file)
}

TEST(MaskedPaths, ContentLeftReadableFails) {
  sys::FakeSystem fake = RuncMasked();
  fake.files["/proc/cpuinfo"] = "processor\t: 0\n";
  fake.open_write_errors["/proc/cpuinfo"] = EACCES;
  fake.dirs["/sys/firmware"] = {"acpi", "efi", "memmap", "dmi"};
  fake.probe_errors.erase("/sys/firmware");
  fake.stats["/proc/kcore"] = {.mode = S_IFCHR | 0400, .rdev_major = 1, .rdev_minor = 1};
  auto r = RunCheck("linux.maskedPaths", kMasked, fake);
  EXPECT_EQ(Failures(r),
            "linux.maskedPaths: /proc/kcore: expected masked (an empty directory, an empty file or "
            "/dev/null), found a device 1:1 (config-linux.md#masked-paths, MUST)\n"
            "linux.maskedPaths: /proc/cpuinfo: expected no content (masked), found 14 bytes read "
            "(config-linux.md#masked-paths, MUST)\n"
            "linux.maskedPaths: /sys/firmware: expected an empty directory (masked), found 4 "
            "entries (acpi, dmi, efi, ...) (config-linux.md#masked-paths, MUST)\n"
            "linux.maskedPaths: /sys/firmware write: expected no write reaches it, found a file "
            "can be created in it (config-linux.md#masked-paths, SHOULD)\n");
}

TEST(MaskedPaths, UnreadableCountsAsMasked) {
  sys::FakeSystem fake;
  fake.stats["/proc/kmsg"] = {.mode = S_IFREG | 0400};  // ReadFile fails: nothing can be read
  fake.open_write_errors["/proc/kmsg"] = EACCES;
  auto r = RunCheck("linux.maskedPaths",
                    R"({"ociVersion":"1","linux":{"maskedPaths":["/proc/kmsg"]}})", fake);
  EXPECT_EQ(Failures(r), "");
}

constexpr const char* kReadonly = R"({"ociVersion":"1.0.2","linux":{
  "readonlyPaths":["/proc/sys","/proc/sysrq-trigger","/bin","/spec.json","/dev/null"]}})";

TEST(ReadonlyPaths, FlagAndProbesAgree) {
  sys::FakeSystem fake;
  fake.stats["/proc/sys"] = {.mode = S_IFDIR | 0555};
  fake.dirs["/proc/sys"] = {"kernel", "net"};
  fake.readonly_mounts = {"/proc/sys", "/bin", "/spec.json", "/dev/null"};
  fake.probe_errors["/proc/sys"] = EROFS;
  fake.stats["/bin"] = {.mode = S_IFDIR | 0755};
  fake.dirs["/bin"] = {"runtimetest"};
  fake.probe_errors["/bin"] = EACCES;  // inconclusive: the flag decides
  fake.stats["/spec.json"] = {.mode = S_IFREG | 0644};
  fake.open_write_errors["/spec.json"] = EROFS;
  fake.stats["/dev/null"] = {.mode = S_IFCHR | 0666, .rdev_major = 1, .rdev_minor = 3};
  auto r = RunCheck("linux.readonlyPaths", kReadonly, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kPass), 7);  // 5 paths, 2 directories that list

  fake.readonly_mounts = {"/proc/sys"};
  fake.probe_errors.erase("/bin");
  fake.open_write_errors["/spec.json"] = ETXTBSY;
  r = RunCheck("linux.readonlyPaths", kReadonly, fake);
  EXPECT_EQ(Failures(r),
            "linux.readonlyPaths: /bin: expected read-only (writes fail with EROFS), found "
            "writable (a file can be created in it) (config-linux.md#readonly-paths, MUST)\n"
            "linux.readonlyPaths: /spec.json: expected read-only (writes fail with EROFS), found "
            "writable (statvfs shows no ST_RDONLY) (config-linux.md#readonly-paths, MUST)\n"
            "linux.readonlyPaths: /dev/null: expected read-only (writes fail with EROFS), found "
            "writable (statvfs shows no ST_RDONLY) (config-linux.md#readonly-paths, MUST)\n");
}

TEST(ReadonlyPaths, TheWriteProbeAnswersWhenStatvfsFails) {
  sys::FakeSystem fake;
  fake.stats["/etc"] = {.mode = S_IFDIR | 0755};
  fake.dirs["/etc"] = {"hosts"};
  fake.statvfs_errors["/etc"] = ENOSYS;
  fake.probe_errors["/etc"] = EROFS;
  fake.stats["/spec.json"] = {.mode = S_IFREG | 0644};
  fake.statvfs_errors["/spec.json"] = ENOSYS;
  const char* cfg = R"({"ociVersion":"1","linux":{"readonlyPaths":["/etc","/spec.json"]}})";
  auto r = RunCheck("linux.readonlyPaths", cfg, fake);
  EXPECT_EQ(Failures(r),
            "linux.readonlyPaths: /spec.json: expected read-only (writes fail with EROFS), found "
            "writable (it opens for writing) (config-linux.md#readonly-paths, MUST)\n");
  fake.open_write_errors["/spec.json"] = EACCES;  // no witness can tell
  r = RunCheck("linux.readonlyPaths", cfg, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "linux.readonlyPaths /spec.json: cannot observe: open /spec.json for writing: "
            "Permission denied; statvfs /spec.json: Function not implemented\n");
}

TEST(ReadonlyPaths, EroFsProbeWinsOverAMissingFlagAndMaskedPathsAreLeftAlone) {
  sys::FakeSystem fake;
  fake.stats["/proc/fs"] = {.mode = S_IFDIR | 0555};
  fake.dirs["/proc/fs"] = {};
  fake.probe_errors["/proc/fs"] = EROFS;
  auto r = RunCheck("linux.readonlyPaths", R"({"ociVersion":"1","linux":{
      "readonlyPaths":["/proc/fs","/proc/kcore"],"maskedPaths":["/proc/kcore"]}})",
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, Outcome::kSkip), 1);
}

}  // namespace
}  // namespace rt::checks
