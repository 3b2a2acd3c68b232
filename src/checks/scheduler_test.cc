#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

std::string Config(const std::string& scheduler) {
  return R"({"ociVersion":"1.2.0","process":{"scheduler":)" + scheduler + "}}";
}

TEST(Scheduler, BatchWithNicePasses) {
  sys::FakeSystem fake;
  fake.sched_attr = sys::SchedAttr{.policy = 3, .nice = 5};
  auto r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_BATCH","nice":5})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 4);  // policy, flags, nice, priority
}

TEST(Scheduler, AnIgnoredPolicyIsOneFailureLine) {
  sys::FakeSystem fake;  // SCHED_OTHER, nice 0: what a runtime that ignores the field leaves
  auto r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_BATCH","nice":5})"), fake);
  EXPECT_EQ(Failures(r),
            "process.scheduler: policy: expected SCHED_BATCH, found SCHED_OTHER "
            "(config.md#linux-process, MUST)\n");
}

TEST(Scheduler, UnsetNiceAndPriorityMeanZero) {
  sys::FakeSystem fake;
  fake.sched_attr = sys::SchedAttr{.policy = 0, .nice = -3};
  auto r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_OTHER"})"), fake);
  EXPECT_EQ(Failures(r),
            "process.scheduler: nice: expected 0, found -3 (config.md#linux-process, MUST)\n");
}

TEST(Scheduler, RealTimePriority) {
  sys::FakeSystem fake;
  fake.sched_attr = sys::SchedAttr{.policy = 2, .priority = 10};
  auto r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_RR","priority":20})"), fake);
  EXPECT_EQ(Failures(r),
            "process.scheduler: priority: expected 20, found 10 (config.md#linux-process, MUST)\n");
}

TEST(Scheduler, DeadlinePeriodDefaultsToTheDeadline) {
  sys::FakeSystem fake;
  fake.sched_attr =
      sys::SchedAttr{.policy = 6, .runtime = 10000000, .deadline = 30000000, .period = 30000000};
  auto r = RunCheck("process.scheduler",
                    Config(R"({"policy":"SCHED_DEADLINE","runtime":10000000,"deadline":30000000})"),
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 6);  // policy, flags, priority, and the three times
}

TEST(Scheduler, ResetOnForkIsReportedBackOtherFlagsAreSkipped) {
  sys::FakeSystem fake;
  fake.sched_attr = sys::SchedAttr{.policy = 0};
  auto r = RunCheck(
      "process.scheduler",
      Config(
          R"({"policy":"SCHED_OTHER","flags":["SCHED_FLAG_RESET_ON_FORK","SCHED_FLAG_KEEP_POLICY","SCHED_FLAG_RECLAIM"]})"),
      fake);
  EXPECT_EQ(Failures(r),
            "process.scheduler: flags: expected SCHED_FLAG_RESET_ON_FORK, found none "
            "(config.md#linux-process, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 2);  // KEEP_POLICY; RECLAIM outside SCHED_DEADLINE
  fake.sched_attr = sys::SchedAttr{.policy = 0, .flags = 0x1};
  r = RunCheck("process.scheduler",
               Config(R"({"policy":"SCHED_OTHER","flags":["SCHED_FLAG_RESET_ON_FORK"]})"), fake);
  EXPECT_EQ(Failures(r), "");
}

TEST(Scheduler, TheFairSliceIsNotADeadlineRuntime) {
  sys::FakeSystem fake;
  // Linux 6.12+ reports the default slice as sched_runtime of a SCHED_OTHER task.
  fake.sched_attr = sys::SchedAttr{.policy = 0, .runtime = 1400000};
  auto r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_OTHER"})"), fake);
  EXPECT_EQ(Failures(r), "");
  r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_OTHER","runtime":5})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(Scheduler, UnknownPolicyAndSyscallErrors) {
  sys::FakeSystem fake;
  auto r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_FAST"})"), fake);
  EXPECT_EQ(Failures(r),
            "process.scheduler: policy: expected a policy the spec lists (SCHED_OTHER ... "
            "SCHED_DEADLINE), found \"SCHED_FAST\" (config.md#linux-process, MUST)\n");
  fake.sched_attr = Status::Errno("sched_getattr", ENOSYS);
  r = RunCheck("process.scheduler", Config(R"({"policy":"SCHED_OTHER"})"), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r), "process.scheduler: cannot observe: sched_getattr: Function not implemented\n");
}

TEST(Scheduler, AbsentIsASkip) {
  sys::FakeSystem fake;
  auto r = RunCheck("process.scheduler", R"({"ociVersion":"1.2.0","process":{}})", fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
  EXPECT_EQ(Failures(r), "");
}

}  // namespace
}  // namespace rt::checks
