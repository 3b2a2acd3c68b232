#include "suite/judge.h"

#include <gtest/gtest.h>

namespace rt::suite {
namespace {

const Scenario kPositive{.name = "hostname/set", .check_id = "hostname", .expect = Expect::kPass};
const Scenario kNegative{.name = "process.capabilities/x",
                         .check_id = "process.capabilities",
                         .expect = Expect::kCheckFails,
                         .told = "CAP_SYS_ADMIN"};
const Scenario kReject{
    .name = "process.rlimits/r", .check_id = "process.rlimits", .expect = Expect::kRuntimeRejects};

ExitStatus Exit(int code) { return ExitStatus{.known = true, .code = code}; }

Observation Ran(int code, std::string stderr_text) {
  Observation o;
  o.launch_exit = Exit(code);
  o.container_exit = Exit(code);
  o.container_stdout = "TAP version 13\nok 1 - x\n1..1\n";
  o.container_stderr = std::move(stderr_text);
  return o;
}

Observation RuntimeFailed(std::string runtime_stderr) {
  Observation o;
  o.launch_exit = Exit(1);
  o.container_exit = Exit(1);
  o.runtime_stderr = std::move(runtime_stderr);
  return o;
}

TEST(RuntimetestRanTest, LooksForTheTapHeaderLine) {
  EXPECT_TRUE(RuntimetestRan("TAP version 13\n"));
  EXPECT_TRUE(RuntimetestRan("noise\nTAP version 13\r\nok 1\n"));
  EXPECT_TRUE(RuntimetestRan("TAP version 13"));
  EXPECT_FALSE(RuntimetestRan(""));
  EXPECT_FALSE(RuntimetestRan("TAP version 12\n"));
  EXPECT_FALSE(RuntimetestRan("# TAP version 13\n"));
}

TEST(HasFailureLineTest, TheCheckIdOrASubIdStartsALine) {
  const char* err =
      "process.capabilities.bounding: CAP_KILL: expected set, found unset (config.md#x, MUST)\n"
      "hostname: expected \"a\", found \"b\" (config.md#hostname, MUST)\n";
  EXPECT_TRUE(HasFailureLine(err, "process.capabilities"));
  EXPECT_TRUE(HasFailureLine(err, "process.capabilities.bounding"));
  EXPECT_TRUE(HasFailureLine(err, "hostname"));
  EXPECT_TRUE(HasFailureLine("process.rlimits RLIMIT_NOFILE soft: expected 1, found 2\n",
                             "process.rlimits"));
  EXPECT_FALSE(HasFailureLine(err, "domainname"));
  EXPECT_FALSE(HasFailureLine("hostnames: x\n", "hostname"));
  EXPECT_FALSE(HasFailureLine("  hostname: indented\n", "hostname"));
  EXPECT_FALSE(HasFailureLine("hostname", "hostname"));
}

TEST(JudgeTest, PositivePassesOnExitZeroAndSilence) {
  EXPECT_TRUE(Judge(kPositive, Ran(0, "")).passed);
  Verdict noisy = Judge(kPositive, Ran(0, "hostname: expected \"a\", found \"b\"\n"));
  EXPECT_FALSE(noisy.passed);
  EXPECT_EQ(noisy.message,
            "expected exit 0 and empty stderr, found exit 0 and stderr \"hostname: expected "
            "\"a\", found \"b\"\"");
  EXPECT_EQ(Judge(kPositive, Ran(1, "")).message,
            "expected exit 0 and empty stderr, found exit 1 and empty stderr");
}

// What runtimetest prints for a real finding of the negative's check, naming the told value.
constexpr const char* kFinding =
    "process.capabilities.bounding: expected CAP_CHOWN CAP_SYS_ADMIN, found CAP_CHOWN "
    "(config.md#linux-process, MUST)";

TEST(JudgeTest, NegativeNeedsExitOneAndARealFindingOfItsCheck) {
  EXPECT_TRUE(Judge(kNegative, Ran(1, std::string("hostname: x\n") + kFinding + "\n")).passed);
  EXPECT_EQ(Judge(kNegative, Ran(0, "")).message,
            "expected exit 1 and a failure line of process.capabilities, found exit 0 and empty "
            "stderr");
  EXPECT_FALSE(Judge(kNegative, Ran(2, kFinding)).passed);  // 2: runtimetest could not run
}

TEST(JudgeTest, NegativeRefusesACannotObserveLine) {
  Verdict v = Judge(kNegative, Ran(1,
                                   "process.capabilities: CAP_SYS_ADMIN: cannot verify: read "
                                   "/proc/self/status: EACCES (config.md#linux-process, MUST)\n"));
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.message,
            "no definite failure line of process.capabilities (expected X, found Y), only "
            "\"process.capabilities: CAP_SYS_ADMIN: cannot verify: read /proc/self/status: "
            "EACCES (config.md#linux-process, MUST)\"");
  // Even when the words "expected ... found" come inside it.
  EXPECT_FALSE(Judge(kNegative, Ran(1,
                                    "process.capabilities: CAP_SYS_ADMIN: cannot observe: "
                                    "expected a, found b (config.md#x, MUST)\n"))
                   .passed);
}

TEST(JudgeTest, NegativeRefusesAnotherChecksLine) {
  Verdict v = Judge(kNegative, Ran(1,
                                   "process.user: expected CAP_SYS_ADMIN, found x "
                                   "(config.md#user, MUST)\n"));
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.message,
            "no failure line of process.capabilities, only \"process.user: expected "
            "CAP_SYS_ADMIN, found x (config.md#user, MUST)\"");
  // A longer id sharing the prefix is another check.
  EXPECT_FALSE(Judge(kNegative, Ran(1,
                                    "process.capabilitiesX: expected CAP_SYS_ADMIN, found x "
                                    "(config.md#x, MUST)\n"))
                   .passed);
}

TEST(JudgeTest, NegativeRefusesALineWithoutTheToldValue) {
  // The kind of line a positive run can print too: it does not name what /spec.json was told.
  Verdict v = Judge(kNegative, Ran(1,
                                   "process.capabilities.ambient: expected CAP_KILL, found "
                                   "(none) (config.md#linux-process, MUST)\n"));
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.message,
            "no failure line of process.capabilities names the told value CAP_SYS_ADMIN, only "
            "\"process.capabilities.ambient: expected CAP_KILL, found (none) "
            "(config.md#linux-process, MUST)\"");
  // The told value must be in what was expected, not only in what was found.
  EXPECT_FALSE(Judge(kNegative, Ran(1,
                                    "process.capabilities: expected (none), found CAP_SYS_ADMIN "
                                    "(config.md#linux-process, MUST)\n"))
                   .passed);
}

TEST(JudgeTest, NegativeWithoutAToldValueNeverPasses) {
  Scenario untold = kNegative;
  untold.told = nullptr;
  EXPECT_EQ(Judge(untold, Ran(1, kFinding)).message,
            "the scenario does not say what it told (Scenario::told)");
}

TEST(FailureLineShapeTest, DefiniteDisagreementsAndTheirExpectedPart) {
  EXPECT_TRUE(IsDefiniteDisagreement(kFinding));
  EXPECT_TRUE(IsDefiniteDisagreement(
      "hostname: expected \"a\", found \"b\" (a note) (config.md#hostname, SHOULD)"));
  EXPECT_FALSE(IsDefiniteDisagreement("hostname: expected \"a\", found \"b\""));
  EXPECT_FALSE(IsDefiniteDisagreement("hostname: cannot verify: x (config.md#hostname, MUST)"));
  EXPECT_EQ(ExpectedPart("mounts: /m: expected nosuid, found rw (config.md#mounts, MUST)"),
            "mounts: /m: expected nosuid");
  EXPECT_EQ(ExpectedPart("no such shape"), "");
  EXPECT_TRUE(IsLineOfCheck("linux.resources.memory.limit: x", "linux.resources"));
  EXPECT_FALSE(IsLineOfCheck("linux.resourcesX: x", "linux.resources"));
}

TEST(ScenarioCheckLineTest, TheDefiniteLineOfTheCheckElseItsFirstElseTheFirst) {
  const std::string cannot =
      "process.capabilities: cannot verify: x (config.md#linux-process, MUST)";
  const std::string other = "hostname: expected \"a\", found \"b\" (config.md#hostname, MUST)";
  EXPECT_EQ(ScenarioCheckLine(kNegative, other + "\n" + cannot + "\n" + kFinding + "\n"), kFinding);
  EXPECT_EQ(ScenarioCheckLine(kNegative, other + "\n" + cannot + "\n"), cannot);
  EXPECT_EQ(ScenarioCheckLine(kNegative, other + "\n"), other);
  EXPECT_EQ(ScenarioCheckLine(kNegative, ""), "");
}

TEST(JudgeBlindedTest, PassesExactlyWhenTheJudgeRefusesForWhatRuntimetestSaid) {
  // Blinded, the check only SKIPs: exit 0, nothing on stderr. The judge refuses: ok.
  Verdict refused = JudgeBlinded(kNegative, Ran(0, ""));
  EXPECT_TRUE(refused.passed);
  EXPECT_EQ(refused.message,
            "refused: expected exit 1 and a failure line of process.capabilities, found exit 0 "
            "and empty stderr");
  // A finding that still reaches the judge means the negative never needed its check.
  Verdict hollow = JudgeBlinded(kNegative, Ran(1, std::string(kFinding) + "\n"));
  EXPECT_FALSE(hollow.passed);
  EXPECT_EQ(hollow.message, std::string("a blinded negative still passed: \"") + kFinding + "\"");
  // A run that went wrong proves nothing either way.
  Observation timed_out = Ran(0, "");
  timed_out.timed_out = true;
  EXPECT_FALSE(JudgeBlinded(kNegative, timed_out).passed);
  EXPECT_FALSE(JudgeBlinded(kNegative, RuntimeFailed("runc: error\n")).passed);
}

TEST(JudgeTest, RuntimeErrorsAreNotRuntimetestFailures) {
  Verdict v = Judge(kNegative, RuntimeFailed("time=\"...\" level=error msg=\"runc run failed\"\n"));
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.message,
            "runtimetest never ran: the runtime failed (exit 1: time=\"...\" level=error "
            "msg=\"runc run failed\")");
}

TEST(JudgeTest, MustRejectPassesWhenTheRuntimeRefusesAndLeavesNothing) {
  EXPECT_TRUE(Judge(kReject, RuntimeFailed("invalid rlimit `RLIMIT_BOGUS`\n")).passed);

  Observation leftover = RuntimeFailed("invalid rlimit\n");
  leftover.problems.push_back("container c1 was left behind");
  EXPECT_EQ(Judge(kReject, leftover).message, "container c1 was left behind");

  EXPECT_EQ(Judge(kReject, Ran(0, "")).message,
            "expected the runtime to refuse the config, found it ran runtimetest (exit 0)");
  Observation silent_success;
  silent_success.launch_exit = Exit(0);
  EXPECT_EQ(Judge(kReject, silent_success).message,
            "expected the runtime to refuse the config, found it succeeded");
}

TEST(JudgeTest, TimeoutsAndLifecycleProblemsFailEverything) {
  Observation timed_out = Ran(0, "");
  timed_out.timed_out = true;
  EXPECT_EQ(Judge(kPositive, timed_out).message, "timed out");
  Observation bad_state = Ran(0, "");
  bad_state.problems = {"`state` after `create`: expected status created, found running"};
  EXPECT_EQ(Judge(kPositive, bad_state).message,
            "`state` after `create`: expected status created, found running");
}

TEST(JudgeTest, HostFindingsCountLikeRuntimetestsOwn) {
  const Scenario positive{.name = "linux.resources/host-x",
                          .check_id = "linux.resources",
                          .expect = Expect::kPass,
                          .host_cgroups = true};
  const Scenario negative{.name = "linux.resources/host-x-mismatch",
                          .check_id = "linux.resources",
                          .expect = Expect::kCheckFails,
                          .told = "expected 78",
                          .host_cgroups = true};
  const std::string line =
      "linux.resources.pids.limit: /sys/fs/cgroup/pids/ctr/pids.max: expected 78, found 77 "
      "(config-linux.md#pids, MUST)\n";
  Observation clean = Ran(0, "");
  EXPECT_TRUE(Judge(positive, clean).passed);
  Observation found = Ran(0, "");
  found.host_stderr = line;
  Verdict v = Judge(positive, found);
  EXPECT_FALSE(v.passed);
  EXPECT_NE(v.message.find("expected no finding from the host"), std::string::npos);
  // A negative passes on the host's finding, whether runtimetest inside saw it (exit 1) or not.
  EXPECT_TRUE(Judge(negative, found).passed);
  Observation both = Ran(1, line);
  both.host_stderr = line;
  EXPECT_TRUE(Judge(negative, both).passed);
  EXPECT_FALSE(Judge(negative, clean).passed);
  // Without host_cgroups, exit 0 never satisfies a negative.
  Scenario inside_only = negative;
  inside_only.host_cgroups = false;
  EXPECT_FALSE(Judge(inside_only, found).passed);
  EXPECT_EQ(FindingLines(both), line + line);
}

TEST(TextTest, FirstLineAndTail) {
  EXPECT_EQ(FirstLine("\n  first\nsecond\n"), "first");
  EXPECT_EQ(FirstLine(""), "");
  EXPECT_EQ(FirstLine("abcdef", 3), "abc...");
  EXPECT_EQ(Tail("a\nb\nc\n", 2), "b\nc\n");
  EXPECT_EQ(Tail("a\nb\nc", 2), "b\nc");
  EXPECT_EQ(Tail("a\nb\n", 5), "a\nb\n");
  EXPECT_EQ(Tail("", 3), "");
}

}  // namespace
}  // namespace rt::suite
