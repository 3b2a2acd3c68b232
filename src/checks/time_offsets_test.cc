#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr const char* kConfig = R"({"ociVersion":"1.0.2","linux":{
    "namespaces":[{"type":"time"}],
    "timeOffsets":{"monotonic":{"secs":86400,"nanosecs":500}}}})";

TEST(TimeOffsets, ConfiguredOffsetAndZeroForTheOtherClockPass) {
  sys::FakeSystem fake;
  fake.files["/proc/self/timens_offsets"] =
      "monotonic       86400       500\nboottime            0         0\n";
  auto r = RunCheck("linux.timeOffsets", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 2);
}

TEST(TimeOffsets, WrongOffsetFails) {
  sys::FakeSystem fake;
  fake.files["/proc/self/timens_offsets"] =
      "monotonic           0         0\nboottime          100         0\n";
  auto r = RunCheck("linux.timeOffsets", kConfig, fake);
  EXPECT_EQ(Failures(r),
            "linux.timeOffsets: monotonic: expected 86400 s 500 ns, found 0 s 0 ns "
            "(config-linux.md#offset-for-time-namespace, MUST)\n"
            "linux.timeOffsets: boottime (not in linux.timeOffsets, in a new time namespace): "
            "expected 0 s 0 ns, found 100 s 0 ns (config-linux.md#offset-for-time-namespace, "
            "MUST)\n");
}

TEST(TimeOffsets, UnknownClockFails) {
  sys::FakeSystem fake;
  fake.files["/proc/self/timens_offsets"] =
      "monotonic           0         0\nboottime            0         0\n";
  auto r = RunCheck("linux.timeOffsets", R"({"ociVersion":"1.0.2","linux":{
      "timeOffsets":{"realtime":{"secs":1}}}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "linux.timeOffsets: realtime: expected a clock with a time namespace offset "
            "(monotonic, boottime), found \"realtime\" (config-linux.md#offset-for-time-namespace, "
            "MUST)\n");
}

TEST(TimeOffsets, NoTimeNamespacesInTheKernelIsASkip) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.timeOffsets", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(TimeOffsets, TimeOffsetsAliasSelectsTheCheck) {
  auto r = SelectChecks({"time_offsets"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0]->id, "linux.timeOffsets");
}

}  // namespace
}  // namespace rt::checks
