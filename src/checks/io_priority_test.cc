#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

std::string Config(const std::string& io) {
  return R"({"ociVersion":"1.2.0","process":{"ioPriority":)" + io + "}}";
}

TEST(IoPriority, ClassAndLevelFromOneKernelValue) {
  sys::FakeSystem fake;
  fake.io_priority = (3 << 13) | 4;  // what ioprio_get returned here after IDLE, 4
  auto r =
      RunCheck("process.ioPriority", Config(R"({"class":"IOPRIO_CLASS_IDLE","priority":4})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(IoPriority, UnsetPriorityShowsAsClassNone) {
  sys::FakeSystem fake;  // ioprio_get of a process nobody set: 0
  auto r =
      RunCheck("process.ioPriority", Config(R"({"class":"IOPRIO_CLASS_RT","priority":0})"), fake);
  EXPECT_EQ(Failures(r),
            "process.ioPriority: expected IOPRIO_CLASS_RT priority 0, found IOPRIO_CLASS_NONE "
            "priority 0 (config.md#linux-process, MUST)\n");
}

TEST(IoPriority, HintBitsAboveTheLevelAreNotTheLevel) {
  sys::FakeSystem fake;
  fake.io_priority = (2 << 13) | (1 << 3) | 7;
  auto r =
      RunCheck("process.ioPriority", Config(R"({"class":"IOPRIO_CLASS_BE","priority":7})"), fake);
  EXPECT_EQ(Failures(r), "");
}

TEST(IoPriority, UnknownClassIsAFailureLine) {
  sys::FakeSystem fake;
  auto r =
      RunCheck("process.ioPriority", Config(R"({"class":"IOPRIO_CLASS_NONE","priority":0})"), fake);
  EXPECT_EQ(Failures(r),
            "process.ioPriority: class: expected IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or "
            "IOPRIO_CLASS_IDLE, found \"IOPRIO_CLASS_NONE\" (config.md#linux-process, MUST)\n");
}

}  // namespace
}  // namespace rt::checks
