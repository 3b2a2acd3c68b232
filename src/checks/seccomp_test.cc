#include <cerrno>

#include "checks/check_test_util.h"
#include "sys/syscall_probe.h"

namespace rt::checks {
namespace {

constexpr const char* kConfig = R"({"ociVersion":"1.0.2","linux":{"seccomp":{
    "defaultAction":"SCMP_ACT_ALLOW",
    "syscalls":[
      {"names":["getpriority","sysinfo"],"action":"SCMP_ACT_ERRNO"},
      {"names":["getrusage"],"action":"SCMP_ACT_ERRNO","errnoRet":13},
      {"names":["getsid"],"action":"SCMP_ACT_TRACE"},
      {"names":["getpgid"],"action":"SCMP_ACT_KILL"},
      {"names":["mkdir","chmod"],"action":"SCMP_ACT_ERRNO"}]}}})";

// What the kernel does under kConfig's filter.
sys::FakeSystem Filtered() {
  sys::FakeSystem fake;
  fake.files["/proc/self/status"] = "Name:\truntimetest\nSeccomp:\t2\nSeccomp_filters:\t1\n";
  fake.syscall_results["getpriority"] = -EPERM;
  fake.syscall_results["sysinfo"] = -EPERM;
  fake.syscall_results["getrusage"] = -EACCES;
  fake.syscall_results["getsid"] = -ENOSYS;
  return fake;
}

TEST(Seccomp, FilterThatDoesWhatTheRulesSayPasses) {
  sys::FakeSystem fake = Filtered();
  auto r = RunCheck("linux.seccomp", kConfig, fake);
  EXPECT_EQ(Failures(r), "");
  const int probes = static_cast<int>(sys::ProbeSyscallNames().size());
  // the mode, and every probe but getpgid (SCMP_ACT_KILL is not provoked)
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1 + probes - 1);
  // getpgid, and one line for mkdir and chmod which are not probes
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 2);
}

TEST(Seccomp, NoFilterFailsTheModeAndEveryErrnoRule) {
  sys::FakeSystem fake;
  fake.files["/proc/self/status"] = "Name:\truntimetest\nSeccomp:\t0\n";
  auto r = RunCheck("linux.seccomp", kConfig, fake);
  EXPECT_EQ(Failures(r),
            "linux.seccomp: Seccomp mode in /proc/self/status: expected 2 (filter), found 0 "
            "(disabled) (config-linux.md#seccomp, MUST)\n"
            "linux.seccomp: getpriority (syscalls[0] SCMP_ACT_ERRNO): expected fails with EPERM, "
            "found succeeds (returns 0) (config-linux.md#seccomp, MUST)\n"
            "linux.seccomp: getsid (syscalls[2] SCMP_ACT_TRACE): expected fails with ENOSYS, found "
            "succeeds (returns 0) (config-linux.md#seccomp, MUST)\n"
            "linux.seccomp: sysinfo (syscalls[0] SCMP_ACT_ERRNO): expected fails with EPERM, found "
            "succeeds (returns 0) (config-linux.md#seccomp, MUST)\n"
            "linux.seccomp: getrusage (syscalls[1] SCMP_ACT_ERRNO): expected fails with EACCES, "
            "found succeeds (returns 0) (config-linux.md#seccomp, MUST)\n");
}

TEST(Seccomp, WrongErrnoAndOverBlockingFail) {
  sys::FakeSystem fake = Filtered();
  fake.syscall_results["getrusage"] = -EPERM;  // errnoRet 13 ignored
  fake.syscall_results["getresuid"] = -EPERM;  // defaultAction ALLOW not honoured
  fake.syscall_results["sched_getparam"] = -ENOSYS;
  auto r = RunCheck("linux.seccomp", kConfig, fake);
  EXPECT_EQ(
      Failures(r),
      "linux.seccomp: getresuid (defaultAction SCMP_ACT_ALLOW): expected succeeds, found "
      "fails with EPERM (config-linux.md#seccomp, MUST)\n"
      "linux.seccomp: getrusage (syscalls[1] SCMP_ACT_ERRNO): expected fails with EACCES, "
      "found fails with EPERM (config-linux.md#seccomp, MUST)\n"
      "linux.seccomp: sched_getparam (defaultAction SCMP_ACT_ALLOW): expected succeeds, found "
      "fails with ENOSYS (config-linux.md#seccomp, MUST)\n");
}

TEST(Seccomp, DefaultErrnoRetGovernsUnnamedProbes) {
  sys::FakeSystem fake;
  fake.files["/proc/self/status"] = "Seccomp:\t2\n";
  for (std::string_view name : sys::ProbeSyscallNames()) {
    fake.syscall_results[std::string(name)] = -ENOSYS;
  }
  fake.syscall_results["getpgid"] = 1;
  auto r = RunCheck("linux.seccomp", R"({"ociVersion":"1.0.2","linux":{"seccomp":{
      "defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,
      "syscalls":[{"names":["getpgid"],"action":"SCMP_ACT_ALLOW"}]}}})",
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass),
            1 + static_cast<int>(sys::ProbeSyscallNames().size()));
}

TEST(Seccomp, ErrnoRetZeroMeansReturnZero) {
  sys::FakeSystem fake;
  fake.files["/proc/self/status"] = "Seccomp:\t2\n";
  fake.syscall_results["getpriority"] = 20;  // what the call returns when it really runs
  auto r = RunCheck("linux.seccomp", R"({"ociVersion":"1.0.2","linux":{"seccomp":{
      "defaultAction":"SCMP_ACT_ALLOW",
      "syscalls":[{"names":["getpriority"],"action":"SCMP_ACT_ERRNO","errnoRet":0}]}}})",
                    fake);
  EXPECT_EQ(Failures(r),
            "linux.seccomp: getpriority (syscalls[0] SCMP_ACT_ERRNO): expected returns 0 (errnoRet "
            "0), found succeeds (returns 20) (config-linux.md#seccomp, MUST)\n");
}

TEST(Seccomp, ArgumentConditionsAndConflictsAreSkips) {
  sys::FakeSystem fake;
  fake.files["/proc/self/status"] = "Seccomp:\t2\n";
  auto r = RunCheck("linux.seccomp", R"({"ociVersion":"1.0.2","linux":{"seccomp":{
      "defaultAction":"SCMP_ACT_ALLOW",
      "syscalls":[
        {"names":["getpriority"],"action":"SCMP_ACT_ERRNO",
         "args":[{"index":0,"value":5,"op":"SCMP_CMP_EQ"}]},
        {"names":["sysinfo"],"action":"SCMP_ACT_ERRNO"},
        {"names":["sysinfo"],"action":"SCMP_ACT_ALLOW"}]}}})",
                    fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 2);
}

TEST(Seccomp, UnsetIsASkipAndKillDefaultProvokesNothing) {
  sys::FakeSystem fake;
  auto r = RunCheck("linux.seccomp", R"({"ociVersion":"1.0.2"})", fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
  fake.files["/proc/self/status"] = "Seccomp:\t2\n";
  r = RunCheck("linux.seccomp",
               R"({"ociVersion":"1.0.2","linux":{"seccomp":{"defaultAction":"SCMP_ACT_KILL"}}})",
               fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), static_cast<int>(sys::ProbeSyscallNames().size()));
}

TEST(Seccomp, SeccompAliasSelectsTheCheck) {
  auto r = SelectChecks({"seccomp"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0]->id, "linux.seccomp");
}

}  // namespace
}  // namespace rt::checks
