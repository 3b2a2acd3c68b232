// The runner against a fake runtime: a shell script that speaks the OCI runtime CLI without
// containers, told by environment variables what to print and how to exit.
#include "suite/runner.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "suite/files.h"
#include "util/json.h"

namespace rt::suite {
namespace {

// Logs every call to $FAKE_LOG. `run` and the container process of `create` run $FAKE_PROCESS;
// `state`, `delete` and `list` keep a state directory per container under $FAKE_STATE_DIR, so
// that the lifecycle is real: create starts a process waiting on a fifo, start releases it.
constexpr const char* kFakeRuntime = R"sh(#!/bin/sh
echo "$*" >> "$FAKE_LOG"
if [ "$1" = --version ]; then echo "fake version 0.1.0"; exit 0; fi
while [ $# -gt 0 ]; do case "$1" in --root) shift 2;; -*) shift;; *) break;; esac; done
cmd=$1; shift
case "$cmd" in
  run)
    while [ $# -gt 0 ] && [ "$1" != --bundle ]; do shift; done
    [ "$1" = --bundle ] || exit 9; eval "$FAKE_PROCESS";;
  create)
    [ "$1" = --bundle ] || exit 9
    [ -n "$FAKE_CREATE" ] && eval "$FAKE_CREATE"
    dir="$FAKE_STATE_DIR/$3"; mkdir "$dir" && mkfifo "$dir/fifo" || exit 1
    echo "$2" > "$dir/bundle"
    ( read go < "$dir/fifo"; eval "$FAKE_PROCESS" ) &
    echo $! > "$dir/pid";;
  start) dir="$FAKE_STATE_DIR/$1"; touch "$dir/started"; echo go > "$dir/fifo";;
  kill) kill -9 "$(cat "$FAKE_STATE_DIR/$1/pid")";;
  exec)
    [ "$1" = --process ] && [ -f "$2" ] || exit 9
    [ -d "$FAKE_STATE_DIR/$3" ] || { echo "container does not exist" >&2; exit 1; }
    eval "$FAKE_PROCESS";;
  state)
    dir="$FAKE_STATE_DIR/$1"
    [ -d "$dir" ] || { echo "container does not exist" >&2; exit 1; }
    pid=$(cat "$dir/pid"); status=created
    if [ -e "$dir/started" ]; then
      if kill -0 "$pid" 2>/dev/null; then status=running; else status=stopped; pid=0; fi
    fi
    printf '{"ociVersion":"1.0.2","id":"%s","pid":%s,"status":"%s","bundle":"%s"}\n' \
      "$1" "$pid" "$status" "$(cat "$dir/bundle")";;
  delete)
    [ "$1" = --force ] && shift && [ -f "$FAKE_STATE_DIR/$1/pid" ] && kill -9 "$(cat "$FAKE_STATE_DIR/$1/pid")" 2>/dev/null
    rm -rf "$FAKE_STATE_DIR/$1";;
  list) ls "$FAKE_STATE_DIR";;
  *) exit 9;;
esac
)sh";

constexpr const char* kPasses = "echo 'TAP version 13'; echo 1..0; exit 0";
constexpr const char* kHostnameFails =
    "echo 'TAP version 13'; echo 'hostname: expected \"a\", found \"b\" (config.md#hostname, "
    "MUST)' >&2; exit 1";
constexpr const char* kRuntimeRefuses = "echo 'invalid rlimit `RLIMIT_BOGUS`' >&2; exit 1";

const Scenario kPositive{.name = "hostname/set", .check_id = "hostname", .expect = Expect::kPass};
const Scenario kNegative{.name = "hostname/mismatch",
                         .check_id = "hostname",
                         .expect = Expect::kCheckFails,
                         .told = "\"a\""};
const Scenario kReject{.name = "process.rlimits/reject",
                       .check_id = "process.rlimits",
                       .expect = Expect::kRuntimeRejects};
const Scenario kUnsupported{.name = "linux.sysctl/x",
                            .check_id = "linux.sysctl",
                            .expect = Expect::kPass,
                            .unsupported = [] { return "no such sysctl here"; }};

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::string> dir = MakeTempDir(TempRoot(), "runner-test-");
    ASSERT_TRUE(dir.ok()) << dir.status().message();
    dir_ = *dir;
    ASSERT_TRUE(MakeDirs(dir_ + "/state", 0755).ok());
    ASSERT_TRUE(MakeDirs(dir_ + "/work", 0755).ok());
    ASSERT_TRUE(WriteFile(dir_ + "/fake-runtime", kFakeRuntime, 0755).ok());
    ASSERT_TRUE(WriteFile(dir_ + "/exe", "not really runtimetest", 0755).ok());
    ::setenv("FAKE_LOG", (dir_ + "/log").c_str(), 1);
    ::setenv("FAKE_STATE_DIR", (dir_ + "/state").c_str(), 1);
    ::unsetenv("FAKE_CREATE");
    Result<BinaryStore> binary = BinaryStore::Prepare(dir_ + "/exe", dir_ + "/work");
    ASSERT_TRUE(binary.ok()) << binary.status().message();
    binary_ = *binary;
  }
  void TearDown() override { RemoveTree(dir_); }

  ScenarioResult Run(const Scenario& s, const char* process, RunnerConfig config = {}) {
    ::setenv("FAKE_PROCESS", process, 1);
    RuntimeClient runtime(dir_ + "/fake-runtime", {"--root", dir_ + "/state"});
    Runner runner(runtime, binary_, dir_ + "/work", config, -1);
    EXPECT_TRUE(runner.Init().ok());
    return runner.Run(s);
  }
  std::string Log() { return ReadFile(dir_ + "/log").value(); }
  static bool Gone(const std::string& path) { return ::access(path.c_str(), F_OK) != 0; }
  // The subcommand of a recorded command line.
  std::string Verb(const CommandRecord& c) {
    std::string rest = c.command.substr((dir_ + "/fake-runtime --root " + dir_ + "/state ").size());
    return rest.substr(0, rest.find(' '));
  }

  std::string dir_;
  BinaryStore binary_;
};

TEST_F(RunnerTest, PositivePasses) {
  ScenarioResult r = Run(kPositive, kPasses);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  ASSERT_EQ(r.commands.size(), 1u);  // no `state` after a pass: nothing to suspect
  EXPECT_EQ(r.commands[0].command, dir_ + "/fake-runtime --root " + dir_ + "/state run --bundle " +
                                       dir_ + "/work/1-hostname-set " + r.container_id);
  EXPECT_TRUE(Gone(r.bundle));
}

TEST_F(RunnerTest, SubcommandFlagsGoBeforeTheBundle) {
  const Scenario no_pivot{.name = "root.path/no-pivot",
                          .check_id = "root.path",
                          .expect = Expect::kPass,
                          .preserve_fds = 1,
                          .launch_flag = "--no-pivot"};
  ScenarioResult r = Run(no_pivot, kPasses);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  ASSERT_EQ(r.commands.size(), 1u);
  EXPECT_NE(r.commands[0].command.find(" run --preserve-fds 1 --no-pivot --bundle "),
            std::string::npos)
      << r.commands[0].command;
}

TEST_F(RunnerTest, ExecRunsRuntimetestBesideTheBlockedInitThenKillsAndDeletes) {
  const Scenario exec{.name = "process.execCPUAffinity/x",
                      .check_id = "process.execCPUAffinity",
                      .expect = Expect::kPass,
                      .exec = [](nlohmann::json& p) {
                        p["execCPUAffinity"] = {{"final", "0"}};
                      }};
  ScenarioResult r = Run(exec, kPasses);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  std::vector<std::string> verbs;
  for (const CommandRecord& c : r.commands) verbs.push_back(Verb(c));
  EXPECT_EQ(verbs, (std::vector<std::string>{"create", "exec", "state", "kill", "delete"}));
  EXPECT_NE(r.commands[1].command.find("/process.json " + r.container_id), std::string::npos);
  EXPECT_NE(r.commands[3].command.find("kill " + r.container_id + " KILL"), std::string::npos);
  EXPECT_EQ(r.commands[4].command.find("--force"), std::string::npos);
  EXPECT_TRUE(Gone(r.bundle));
  EXPECT_TRUE(Gone(dir_ + "/state/" + r.container_id));
}

TEST_F(RunnerTest, ExecFailureOfTheCheckIsJudgedLikeRun) {
  const Scenario exec{.name = "hostname/exec",
                      .check_id = "hostname",
                      .expect = Expect::kCheckFails,
                      .told = "\"a\"",
                      .exec = [](nlohmann::json&) {}};
  ScenarioResult r = Run(exec, kHostnameFails);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  EXPECT_EQ(r.seen.container_exit->code, 1);
}

TEST_F(RunnerTest, NegativePassesWhenTheCheckFails) {
  ScenarioResult r = Run(kNegative, kHostnameFails);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  EXPECT_EQ(r.seen.container_exit->code, 1);
}

TEST_F(RunnerTest, RuntimeErrorsAreToldApartFromRuntimetestFailures) {
  ScenarioResult r = Run(kNegative, kRuntimeRefuses);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.message,
            "runtimetest never ran: the runtime failed (exit 1: invalid rlimit `RLIMIT_BOGUS`)");
  EXPECT_EQ(r.seen.runtime_stderr, "invalid rlimit `RLIMIT_BOGUS`\n");
  EXPECT_EQ(r.seen.container_stderr, "");
  // After a failure the runner checks that nothing is left.
  ASSERT_EQ(r.commands.size(), 2u);
  EXPECT_TRUE(r.commands[1].command.ends_with(" state " + r.container_id));
  EXPECT_TRUE(r.commands[1].failure_expected);
}

TEST_F(RunnerTest, MustRejectPassesWhenRefusedAndGoneFromStateAndList) {
  ScenarioResult r = Run(kReject, kRuntimeRefuses);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  EXPECT_NE(Log().find("state " + r.container_id), std::string::npos);
  EXPECT_NE(Log().find("list --quiet"), std::string::npos);
}

TEST_F(RunnerTest, MustRejectFailsWhenTheRuntimeRunsTheContainer) {
  ScenarioResult r = Run(kReject, kPasses);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.message,
            "expected the runtime to refuse the config, found it ran runtimetest (exit 0)");
}

TEST_F(RunnerTest, ALeftoverContainerFailsAndIsForceDeleted) {
  // `run` refuses but leaves a state directory behind.
  std::string leave =
      "mkdir \"$FAKE_STATE_DIR/$3\"; echo \"$2\" > \"$FAKE_STATE_DIR/$3/bundle\"; "
      "echo 1 > \"$FAKE_STATE_DIR/$3/pid\"; " +
      std::string(kRuntimeRefuses);
  ScenarioResult r = Run(kReject, leave.c_str());
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.message, "container " + r.container_id + " was left behind");
  EXPECT_NE(Log().find("delete --force " + r.container_id), std::string::npos);
  EXPECT_TRUE(Gone(dir_ + "/state/" + r.container_id));
}

TEST_F(RunnerTest, TimeoutKillsTheRuntimeAndCleansUp) {
  RunnerConfig config;
  config.timeout = std::chrono::milliseconds(100);
  ScenarioResult r = Run(kPositive, "echo 'TAP version 13'; exec sleep 1000", config);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.message, "timed out after 100 ms");
  EXPECT_TRUE(r.seen.timed_out);
  EXPECT_FALSE(r.seen.container_exit.has_value());  // the kill of `run` is not runtimetest's exit
  EXPECT_NE(Log().find("delete --force " + r.container_id), std::string::npos);
  EXPECT_TRUE(Gone(r.bundle));
}

TEST_F(RunnerTest, KeepFailedKeepsTheBundle) {
  RunnerConfig config;
  config.keep_failed = true;
  ScenarioResult r = Run(kPositive, kHostnameFails, config);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_TRUE(r.bundle_kept);
  EXPECT_EQ(::access((r.bundle + "/config.json").c_str(), F_OK), 0);
  EXPECT_EQ(::access((r.bundle + "/rootfs/spec.json").c_str(), F_OK), 0);
}

TEST_F(RunnerTest, UnsupportedIsASkipWithTheReason) {
  ScenarioResult r = Run(kUnsupported, kPasses);
  EXPECT_EQ(r.outcome, Outcome::kSkip);
  EXPECT_EQ(r.message, "no such sysctl here");
  EXPECT_TRUE(r.commands.empty());
}

TEST_F(RunnerTest, LifecycleCreateStateStartWaitStateDelete) {
  RunnerConfig config;
  config.mode = Mode::kLifecycle;
  ScenarioResult r = Run(kNegative, kHostnameFails, config);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  std::vector<std::string> verbs;
  for (const CommandRecord& c : r.commands) verbs.push_back(Verb(c));
  EXPECT_EQ(verbs, (std::vector<std::string>{"create", "state", "start", "state", "delete"}));
  EXPECT_EQ(r.seen.container_exit->Describe(), "exit 1");
  EXPECT_EQ(r.seen.container_stderr,
            "hostname: expected \"a\", found \"b\" (config.md#hostname, MUST)\n");
  EXPECT_EQ(r.seen.runtime_stderr, "");
  EXPECT_TRUE(Gone(dir_ + "/state/" + r.container_id));
}

TEST_F(RunnerTest, LifecycleCreateErrorsAreTheRuntimes) {
  RunnerConfig config;
  config.mode = Mode::kLifecycle;
  ::setenv("FAKE_CREATE", "echo 'create: no such rlimit' >&2; exit 1", 1);
  ScenarioResult r = Run(kReject, kPasses, config);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.message;
  EXPECT_EQ(r.seen.runtime_stderr, "create: no such rlimit\n");
}

TEST_F(RunnerTest, LifecycleTimeoutForceDeletesTheContainer) {
  RunnerConfig config;
  config.mode = Mode::kLifecycle;
  config.timeout = std::chrono::milliseconds(200);
  ScenarioResult r = Run(kPositive, "exec sleep 1000", config);
  EXPECT_EQ(r.outcome, Outcome::kFail);
  EXPECT_EQ(r.message, "timed out after 200 ms");
  EXPECT_NE(Log().find("delete --force " + r.container_id), std::string::npos);
  EXPECT_TRUE(Gone(dir_ + "/state/" + r.container_id));
}

}  // namespace
}  // namespace rt::suite

namespace rt::suite {
namespace {

TEST(Inexcusable, TimeoutsAndCrashedRuntimesAreNeverExpectedFailures) {
  ScenarioResult r;
  CommandRecord run;
  run.command = "runc run --bundle B x";
  run.exit = ExitStatus{.known = true, .code = 1};
  r.commands.push_back(run);
  EXPECT_EQ(Inexcusable(r), "") << "a runtime that exits 1 may be a known failure";

  r.seen.timed_out = true;
  EXPECT_EQ(Inexcusable(r), "a timeout");

  r.seen.timed_out = false;
  r.commands[0].exit = ExitStatus{.known = true, .code = -1, .signal = SIGSEGV};
  EXPECT_EQ(Inexcusable(r), "a runtime crash (`runc run --bundle B x` killed by SIGSEGV)");

  r.commands[0].end = WaitEnd::kTimedOut;  // killed by the suite: not a crash
  EXPECT_EQ(Inexcusable(r), "");
}

}  // namespace
}  // namespace rt::suite
