#include "checks/process.h"

#include <cerrno>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

TEST(NormalizePath, FoldsSlashesAndDots) {
  EXPECT_EQ(NormalizePath("/"), "/");
  EXPECT_EQ(NormalizePath("//a/./b/"), "/a/b");
  EXPECT_EQ(NormalizePath(""), "/");
}

TEST(ProcessCwd, ComparesNormalisedPaths) {
  sys::FakeSystem fake;
  fake.cwd = "/work";
  EXPECT_EQ(
      Failures(RunCheck("process.cwd", R"({"ociVersion":"1","process":{"cwd":"/work/"}})", fake)),
      "");
  fake.cwd = "/";
  EXPECT_EQ(
      Failures(RunCheck("process.cwd", R"({"ociVersion":"1","process":{"cwd":"/work"}})", fake)),
      "process.cwd: expected \"/work\", found \"/\" (config.md#process, MUST)\n");
}

TEST(ProcessEnv, EveryEntryMustBePresentWithItsExactValue) {
  sys::FakeSystem fake;
  fake.env = {"PATH=/bin", "HOME=/root", "FOO=other"};
  auto r =
      RunCheck("process.env",
               R"({"ociVersion":"1","process":{"env":["PATH=/bin","FOO=bar","MISSING=1"]}})", fake);
  EXPECT_EQ(
      Failures(r),
      "process.env: FOO: expected \"FOO=bar\", found [\"FOO=other\"] (config.md#process, "
      "MUST)\n"
      "process.env: MISSING: expected \"MISSING=1\", found unset (config.md#process, MUST)\n");
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(ProcessArgs, ComparesWithCmdline) {
  sys::FakeSystem fake;
  fake.files["/proc/self/cmdline"] = std::string("/bin/runtimetest\0--path=/\0", 26);
  EXPECT_EQ(Failures(RunCheck(
                "process.args",
                R"({"ociVersion":"1","process":{"args":["/bin/runtimetest","--path=/"]}})", fake)),
            "");
  EXPECT_EQ(
      Failures(RunCheck("process.args",
                        R"({"ociVersion":"1","process":{"args":["/bin/runtimetest"]}})", fake)),
      "process.args: expected [\"/bin/runtimetest\"], found [\"/bin/runtimetest\", "
      "\"--path=/\"] (config.md#process, MUST)\n");
}

TEST(ProcessArgs, UnreadableCmdlineIsASkipNamingThePath) {
  sys::FakeSystem fake;
  auto r = RunCheck("process.args", R"({"ociVersion":"1","process":{"args":["x"]}})", fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "process.args: cannot observe: open /proc/self/cmdline: No such file or directory\n");
}

TEST(ProcessArgs, MissingCmdlineIsAFailureWhenTheConfigMountsProc) {
  sys::FakeSystem fake;
  auto r = RunCheck("process.args", R"({"ociVersion":"1","process":{"args":["x"]},
      "mounts":[{"destination":"/proc","type":"proc","source":"proc"}]})",
                    fake);
  EXPECT_EQ(Failures(r),
            "process.args: expected /proc/self/cmdline (the config mounts proc at /proc), found "
            "open /proc/self/cmdline: No such file or directory (config.md#process, MUST)\n");
}

TEST(NoNewPrivileges, AskedAndSet) {
  sys::FakeSystem fake;
  fake.no_new_privs = true;
  const char* cfg = R"({"ociVersion":"1","process":{"noNewPrivileges":true}})";
  EXPECT_EQ(Failures(RunCheck("process.noNewPrivileges", cfg, fake)), "");
  fake.no_new_privs = false;
  EXPECT_EQ(Failures(RunCheck("process.noNewPrivileges", cfg, fake)),
            "process.noNewPrivileges: expected NoNewPrivs 1, found NoNewPrivs 0 "
            "(config.md#linux-process, MUST)\n");
}

TEST(NoNewPrivileges, StatusAnswersWhenPrctlFails) {
  sys::FakeSystem fake;
  fake.no_new_privs = Status::Errno("prctl(PR_GET_NO_NEW_PRIVS)", EPERM);
  fake.files["/proc/self/status"] = "NoNewPrivs:\t0\n";
  const char* cfg = R"({"ociVersion":"1","process":{"noNewPrivileges":true}})";
  EXPECT_EQ(Failures(RunCheck("process.noNewPrivileges", cfg, fake)),
            "process.noNewPrivileges: expected NoNewPrivs 1, found NoNewPrivs 0 "
            "(config.md#linux-process, MUST)\n");
  fake.files.clear();  // no witness left: nothing is known
  fake.DropSnapshots();
  auto r = RunCheck("process.noNewPrivileges", cfg, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "process.noNewPrivileges: cannot observe: prctl(PR_GET_NO_NEW_PRIVS): Operation not "
            "permitted; open /proc/self/status: No such file or directory\n");
}

TEST(ProcessCwd, ProcSelfCwdAnswersWhenGetcwdIsRefused) {
  sys::FakeSystem fake;
  fake.cwd_errno = EPERM;  // seccomp: getcwd returns EPERM
  fake.links["/proc/self/cwd"] = "/work";
  const char* cfg = R"({"ociVersion":"1","process":{"cwd":"/work/"}})";
  EXPECT_EQ(Failures(RunCheck("process.cwd", cfg, fake)), "");
  fake.links["/proc/self/cwd"] = "/";
  EXPECT_EQ(Failures(RunCheck("process.cwd", cfg, fake)),
            "process.cwd: expected \"/work\", found \"/\" (config.md#process, MUST)\n");
  fake.links.clear();
  auto r = RunCheck("process.cwd", cfg, fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(SkipReasons(r),
            "process.cwd: cannot observe: getcwd: Operation not permitted; readlink "
            "/proc/self/cwd: No such file or directory\n");
}

TEST(NoNewPrivileges, SetWithoutBeingAskedCannotBeJudged) {
  sys::FakeSystem fake;
  fake.no_new_privs = true;
  auto r = RunCheck("process.noNewPrivileges", R"({"ociVersion":"1","process":{}})", fake);
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

TEST(OomScoreAdj, ComparesTheProcValue) {
  sys::FakeSystem fake;
  fake.files["/proc/self/oom_score_adj"] = "-17\n";
  EXPECT_EQ(Failures(RunCheck("process.oomScoreAdj",
                              R"({"ociVersion":"1","process":{"oomScoreAdj":-17}})", fake)),
            "");
  EXPECT_EQ(Failures(RunCheck("process.oomScoreAdj",
                              R"({"ociVersion":"1","process":{"oomScoreAdj":100}})", fake)),
            "process.oomScoreAdj: expected 100, found -17 (config.md#linux-process, MUST)\n");
}

TEST(OomScoreAdj, UnsetMustBeTheRuntimesOwnValueWhenTheSuiteSaysIt) {
  sys::FakeSystem fake;
  fake.files["/proc/self/oom_score_adj"] = "500\n";
  EXPECT_EQ(Failures(RunCheck("process.oomScoreAdj",
                              R"({"ociVersion":"1","process":{},
                    "annotations":{"org.runtimetest.runtime-oom-score-adj":"500"}})",
                              fake)),
            "");
  EXPECT_EQ(Failures(RunCheck(
                "process.oomScoreAdj",
                R"({"ociVersion":"1","annotations":{"org.runtimetest.runtime-oom-score-adj":"0"}})",
                fake)),
            "process.oomScoreAdj: unset: the runtime's own: expected 0, found 500 "
            "(config.md#linux-process, MUST)\n");
  // Without the annotation (not run by the suite) nothing is known to compare with.
  auto r = RunCheck("process.oomScoreAdj", R"({"ociVersion":"1","process":{}})", fake);
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 1);
}

}  // namespace
}  // namespace rt::checks
