#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

std::string Config(const std::string& affinity, bool pid_namespace = true) {
  return R"({"ociVersion":"1.2.0","process":{"execCPUAffinity":)" + affinity +
         R"(},"linux":{"namespaces":[)" + (pid_namespace ? R"({"type":"pid"})" : "") + "]}}";
}

TEST(ExecCpuAffinity, ComparesFinalInAnExecdProcess) {
  sys::FakeSystem fake;
  fake.pid = 42;
  fake.cpu_affinity = std::vector<uint64_t>{0x1};
  auto r = RunCheck("process.execCPUAffinity", Config(R"({"final":"0"})"), fake);
  EXPECT_EQ(Failures(r), "");
  fake.cpu_affinity = std::vector<uint64_t>{0xb};
  r = RunCheck("process.execCPUAffinity", Config(R"({"initial":"1","final":"0-1"})"), fake);
  EXPECT_EQ(Failures(r),
            "process.execCPUAffinity: final: expected 0-1, found 0-1,3 "
            "(config.md#linux-process, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);  // initial
}

TEST(ExecCpuAffinity, TheInitProcessIsOutOfScope) {
  sys::FakeSystem fake;  // pid 1
  fake.cpu_affinity = std::vector<uint64_t>{0x3};
  auto r = RunCheck("process.execCPUAffinity", Config(R"({"final":"0"})"), fake);
  EXPECT_EQ(Failures(r), "");
  ASSERT_EQ(Count(r, report::Outcome::kSkip), 1);
  EXPECT_NE(r[0].reason.find("init process"), std::string::npos);
  fake.pid = 42;
  r = RunCheck("process.execCPUAffinity", Config(R"({"final":"0"})", false), fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(ExecCpuAffinity, ABadListIsAFailureLine) {
  sys::FakeSystem fake;
  fake.pid = 7;
  auto r = RunCheck("process.execCPUAffinity", Config(R"({"final":"0-"})"), fake);
  EXPECT_EQ(Failures(r),
            "process.execCPUAffinity: final: expected a CPU list such as \"0-3,7\", found \"0-\" "
            "(config.md#linux-process, MUST)\n");
}

}  // namespace
}  // namespace rt::checks
