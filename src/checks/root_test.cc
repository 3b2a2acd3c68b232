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
            "root.readonly: expected read-only, found writable (config.md#root, MUST)\n");
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
            "root.readonly: expected writable, found read-only (config.md#root, MUST)\n");
}

TEST(RootReadonly, PermissionDeniedFallsBackToTheFlag) {
  sys::FakeSystem fake;
  fake.probe_errors["/"] = EACCES;  // not root: the probe cannot tell
  EXPECT_EQ(Failures(RunCheck("root.readonly", kWritable, fake)), "");
}

}  // namespace
}  // namespace rt::checks
