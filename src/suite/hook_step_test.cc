#include "suite/hook_step.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace rt::suite {
namespace {

namespace fs = std::filesystem;
using hooks::Kind;
using nlohmann::json;

class HookStep : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rt_hook_step_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    in_.log_path = (dir_ / kHookLogName).string();
    in_.told = {{"ociVersion", "1.3.0"},
                {"hooks",
                 {{"createRuntime", nlohmann::json::array({RuntimetestHook(
                                        Kind::kCreateRuntime, 0, "/rt", in_.log_path, "hang")})},
                  {"poststop", nlohmann::json::array(
                                   {RuntimetestHook(Kind::kPoststop, 0, "/rt", in_.log_path)})}}}};
    in_.ids = {"hooks.order", "hooks.timeout", "hooks.cleanup"};
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A log line of hook `index` of `kind` of told, recorded by process `pid`.
  void Log(Kind kind, int index, int64_t pid) {
    hooks::Record r;
    r.kind = kind;
    r.argv =
        in_.told["hooks"][hooks::KindName(kind)][index]["args"].get<std::vector<std::string>>();
    r.env = in_.told["hooks"][hooks::KindName(kind)][index]["env"].get<std::vector<std::string>>();
    r.pid = pid;
    std::ofstream(in_.log_path, std::ios::app) << hooks::FormatRecord(r) << "\n";
  }

  fs::path dir_;
  HookLogInput in_;
};

TEST_F(HookStep, RuntimetestHooksAreNamedByKindAndIndex) {
  const json hook = RuntimetestHook(Kind::kStartContainer, 1, "/bin/runtimetest", "/out/l", "fail");
  EXPECT_EQ(hook["path"], "/bin/runtimetest");
  EXPECT_EQ(hook["args"], json({"startContainer-1", "hook", "fail", "--log", "/out/l", "--name",
                                "startContainer"}));
  EXPECT_EQ(hook["env"], json({"RT_HOOK=startContainer-1"}));
}

TEST_F(HookStep, AConformingFailedCreatePasses) {
  // The hang hook's pid: a process that has ended (this test's parent stays; use a reaped child).
  const pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  int status;
  waitpid(child, &status, 0);
  Log(Kind::kCreateRuntime, 0, child);
  Log(Kind::kPoststop, 0, 1);
  EXPECT_EQ(JudgeHookLogStep(in_), "");
}

TEST_F(HookStep, NoLogIsNoHookRun) {
  EXPECT_EQ(JudgeHookLogStep(in_),
            "hooks.order: expected createRuntime[0], poststop[0], found none "
            "(runtime.md#lifecycle, MUST)");
}

TEST_F(HookStep, AHookPastItsTimeoutMustBeGone) {
  Log(Kind::kCreateRuntime, 0, getpid());  // "still running": this test
  Log(Kind::kPoststop, 0, 1);
  EXPECT_EQ(JudgeHookLogStep(in_), "hooks.timeout: createRuntime[0]: expected the hook (pid " +
                                       std::to_string(getpid()) +
                                       ") killed at its timeout, found it still running "
                                       "(config.md#posix-platform-hooks, MUST)");
}

TEST_F(HookStep, ACgroupLeftAfterAFailedCreateIsAFinding) {
  in_.gone_dirs = {dir_.string()};
  in_.ids = {"hooks.cleanup"};
  EXPECT_EQ(JudgeHookLogStep(in_),
            "hooks.cleanup: expected no cgroup of the container after the "
            "failed create, found " +
                dir_.string() + " (runtime.md#errors, MUST)");
}

TEST_F(HookStep, OnlyTheAskedFindingsCount) {
  in_.ids = {"hooks.state"};
  EXPECT_EQ(JudgeHookLogStep(in_), "");  // the order finding of an empty log is not asked
}

TEST_F(HookStep, ABrokenLogNamesItsLine) {
  std::ofstream(in_.log_path) << "{\n";
  EXPECT_EQ(JudgeHookLogStep(in_), "hook log line 1: not valid JSON");
}

TEST_F(HookStep, FailingPoststartHooksNeedTheSpecVersion) {
  EXPECT_FALSE(HasFailingPoststart(in_.told));
  // json::array: a braced single json is a copy of it under clang, an array of one under g++.
  in_.told["hooks"]["poststart"] =
      nlohmann::json::array({RuntimetestHook(Kind::kPoststart, 0, "/rt", "/l", "fail")});
  EXPECT_TRUE(HasFailingPoststart(in_.told));
}

TEST_F(HookStep, OwnNamespacesAreThoseOfProcSelf) { EXPECT_EQ(OwnNamespaces().size(), 3u); }

}  // namespace
}  // namespace rt::suite
