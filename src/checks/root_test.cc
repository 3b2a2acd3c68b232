#include <cerrno>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr char kReadonly[] = R"({"ociVersion":"1.0.2","root":{"path":"rootfs","readonly":true}})";
constexpr char kWritable[] = R"({"ociVersion":"1.0.2","root":{"path":"rootfs"}})";

TEST(RootReadonly, ReadOnlyMountAndRefusedProbePasses) {
  sys::FakeSystem fake;
  fake.readonly_mounts.insert("/");
  fake.probe_errors["/"] = EROFS;
  EXPECT_EQ(Failures(RunCheck("root.readonly", kReadonly, fake)), "");
}

TEST(RootReadonly, WritableRootFailsWhenReadOnlyWasAsked) {
  sys::FakeSystem fake;
  EXPECT_EQ(Failures(RunCheck("root.readonly", kReadonly, fake)),
            "root.readonly: expected read-only, found writable (O_TMPFILE probe) (config.md#root, "
            "MUST)\n");
}

TEST(RootReadonly, ASuccessfulWriteOutweighsTheFlag) {
  sys::FakeSystem fake;
  fake.readonly_mounts.insert("/");  // flag says ro, but the probe wrote
  EXPECT_NE(Failures(RunCheck("root.readonly", kReadonly, fake)), "");
}

TEST(RootReadonly, AbsentMeansWritable) {
  sys::FakeSystem fake;
  fake.probe_errors["/"] = EROFS;
  EXPECT_EQ(Failures(RunCheck("root.readonly", kWritable, fake)),
            "root.readonly: expected writable, found read-only (O_TMPFILE probe) (config.md#root, "
            "MUST)\n");
}

TEST(RootReadonly, ACreateProbeAnswersWhereOTmpfileIsUnsupported) {
  sys::FakeSystem fake;  // statvfs shows no ST_RDONLY
  fake.probe_errors["/"] = EOPNOTSUPP;
  fake.create_errors["/"] = EROFS;
  EXPECT_EQ(Failures(RunCheck("root.readonly", kReadonly, fake)), "");
  EXPECT_EQ(Failures(RunCheck("root.readonly", kWritable, fake)),
            "root.readonly: expected writable, found read-only (create probe) (config.md#root, "
            "MUST)\n");
}

TEST(RootReadonly, NoWitnessIsASkip) {
  sys::FakeSystem fake;
  fake.statvfs_errors["/"] = ENOSYS;
  fake.probe_errors["/"] = EOPNOTSUPP;
  fake.create_errors["/"] = EACCES;
  auto r = RunCheck("root.readonly", kReadonly, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "root.readonly: cannot observe: open(O_TMPFILE) in /: Operation not supported; "
            "create /.runtimetest-probe: Permission denied; statvfs /: Function not "
            "implemented\n");
}

TEST(RootReadonly, PermissionDeniedFallsBackToTheFlag) {
  sys::FakeSystem fake;
  fake.probe_errors["/"] = EACCES;  // not root: the probe cannot tell
  EXPECT_EQ(Failures(RunCheck("root.readonly", kWritable, fake)), "");
}

}  // namespace
}  // namespace rt::checks
