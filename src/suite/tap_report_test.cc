#include "suite/tap_report.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "suite/files.h"

namespace rt::suite {
namespace {

const Scenario kScenario{.name = "hostname/set", .check_id = "hostname", .expect = Expect::kPass};

RuntimeInfo Runc() {
  return RuntimeInfo{.path = "/usr/sbin/runc",
                     .basename = "runc",
                     .version = ParseVersion("runc version 1.1.5+ds1\n"),
                     .mode = Mode::kRun};
}

ScenarioResult Result(Outcome outcome, std::string message) {
  ScenarioResult r;
  r.scenario = &kScenario;
  r.outcome = outcome;
  r.message = std::move(message);
  r.container_id = "runtimetest-1-1";
  return r;
}

TEST(TapReportTest, PassAndSkipAreOneLine) {
  EXPECT_EQ(FormatTestPoint(1, Result(Outcome::kPass, ""), Reported::kPass, nullptr, Runc()),
            "ok 1 - runc hostname/set\n");
  EXPECT_EQ(FormatTestPoint(2, Result(Outcome::kSkip, "no uts namespace"), Reported::kSkip, nullptr,
                            Runc()),
            "ok 2 - runc hostname/set # SKIP no uts namespace\n");
}

TEST(TapReportTest, APassWithAMessageShowsItEscaped) {
  EXPECT_EQ(FormatTestPoint(1, Result(Outcome::kPass, "refused: see config.md#x"), Reported::kPass,
                            nullptr, Runc()),
            "ok 1 - runc hostname/set - refused: see config.md\\#x\n");
}

TEST(TapReportTest, TheMessageIsTheScenariosOwnCheckLineAndEveryStderrLineFollows) {
  static const Scenario kNegative{.name = "hostname/mismatch",
                                  .check_id = "hostname",
                                  .expect = Expect::kCheckFails,
                                  .told = "\"web-2\""};
  ScenarioResult r = Result(Outcome::kFail, "the judge's reason");
  r.scenario = &kNegative;
  r.seen.container_exit = ExitStatus{.known = true, .code = 1};
  r.seen.container_stdout = "TAP version 13\n";
  std::string err;
  for (int i = 0; i < 50; ++i) err += "process.env: X" + std::to_string(i) + ": expected a, found b\n";
  err += "hostname: cannot verify: uname failed (config.md#hostname, MUST)\n";
  r.seen.container_stderr = err;
  std::string text = FormatTestPoint(4, r, Reported::kFail, nullptr, Runc());
  EXPECT_NE(text.find("  message: \"hostname: cannot verify: uname failed (config.md#hostname, "
                      "MUST)\"\n  judge: \"the judge's reason\"\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    process.env: X0: expected a, found b\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("left out"), std::string::npos) << text;
}

TEST(TapReportTest, FailureCarriesTheEvidence) {
  ScenarioResult r = Result(Outcome::kFail, "expected exit 0 and empty stderr, found exit 1");
  CommandRecord run;
  run.command = "/usr/sbin/runc run --bundle /tmp/b runtimetest-1-1";
  run.exit = ExitStatus{.known = true, .code = 1};
  r.commands.push_back(run);
  r.seen.container_exit = run.exit;
  r.seen.container_stdout = "TAP version 13\nnot ok 1 - hostname\n1..1\n";
  r.seen.container_stderr =
      "hostname: expected \"web-1\", found \"runc\" (config.md#hostname, MUST)\n";
  EXPECT_EQ(FormatTestPoint(3, r, Reported::kFail, nullptr, Runc()),
            "not ok 3 - runc hostname/set\n"
            "  ---\n"
            "  message: \"hostname: expected \\\"web-1\\\", found \\\"runc\\\" "
            "(config.md#hostname, MUST)\"\n"
            "  judge: \"expected exit 0 and empty stderr, found exit 1\"\n"
            "  runtime: \"/usr/sbin/runc\"\n"
            "  runtime_version: \"runc version 1.1.5+ds1\"\n"
            "  mode: \"run\"\n"
            "  container_id: \"runtimetest-1-1\"\n"
            "  commands: \"/usr/sbin/runc run --bundle /tmp/b runtimetest-1-1  => exit 1\"\n"
            "  runtimetest_exit: \"exit 1\"\n"
            "  runtimetest_stdout_tail: |\n"
            "    TAP version 13\n"
            "    not ok 1 - hostname\n"
            "    1..1\n"
            "  runtimetest_stderr: \"hostname: expected \\\"web-1\\\", found \\\"runc\\\" "
            "(config.md#hostname, MUST)\"\n"
            "  ...\n");
}

TEST(TapReportTest, AKeptBundleComesWithTheRunnersRerunLine) {
  ScenarioResult r = Result(Outcome::kFail, "expected exit 0 and empty stderr, found exit 1");
  r.bundle = "/dev/shm/w/b";
  r.bundle_kept = true;
  r.rerun = "/usr/sbin/runc --root /tmp/state run --bundle /dev/shm/w/b runtimetest-1-1";
  std::string text = FormatTestPoint(3, r, Reported::kFail, nullptr, Runc());
  EXPECT_NE(text.find("  rerun: \"/usr/sbin/runc --root /tmp/state run --bundle /dev/shm/w/b "
                      "runtimetest-1-1\"\n"),
            std::string::npos)
      << text;
}

TEST(TapReportTest, ExpectedFailuresAreTodo) {
  ExpectedFailure known{.runtime = "runc",
                        .version_prefix = "1.1",
                        .scenario = "hostname/set",
                        .reason = "not implemented"};
  std::string xfail =
      FormatTestPoint(4, Result(Outcome::kFail, "x"), Reported::kExpectedFailure, &known, Runc());
  EXPECT_EQ(xfail.substr(0, xfail.find('\n')),
            "not ok 4 - runc hostname/set # TODO expected failure: not implemented");
  EXPECT_EQ(
      FormatTestPoint(5, Result(Outcome::kPass, ""), Reported::kUnexpectedPass, &known, Runc()),
      "ok 5 - runc hostname/set # TODO unexpectedly passed (listed as expected failure: not "
      "implemented)\n");
}

TEST(TapReportTest, ClassifyAndCount) {
  ExpectedFailure known;
  EXPECT_EQ(Classify(Outcome::kFail, &known), Reported::kExpectedFailure);
  EXPECT_EQ(Classify(Outcome::kPass, &known), Reported::kUnexpectedPass);
  EXPECT_EQ(Classify(Outcome::kSkip, &known), Reported::kSkip);
  EXPECT_EQ(Classify(Outcome::kFail, nullptr), Reported::kFail);
  Tally t;
  for (Reported r : {Reported::kPass, Reported::kPass, Reported::kFail, Reported::kSkip,
                     Reported::kExpectedFailure, Reported::kUnexpectedPass}) {
    t.Add(r);
  }
  EXPECT_EQ(FormatSummary(t), "3 passed, 1 failed, 2 skipped");
  EXPECT_EQ(t.expected_failures, 1);
  EXPECT_EQ(t.unexpected_passes, 1);
  EXPECT_EQ(t.total(), 6);
}

TEST(TapReportTest, YamlBlockScalarsKeepLeadingSpacesAndEscapeControlBytes) {
  EXPECT_EQ(FormatYamlBlock({{"a", "  indented\nnext\n"}, {"b", "bell\x07"}, {"c", ""}}),
            "  ---\n"
            "  a: |2\n"
            "      indented\n"
            "    next\n"
            "  b: \"bell\\x07\"\n"
            "  c: \"\"\n"
            "  ...\n");
}

RunRecord ARun() {
  RunRecord run;
  run.runtime = {.path = "/usr/sbin/runc", .name = "runc", .version_line = "runc version 1.1.5"};
  run.host = {.kernel = "6.1.0", .cgroup_layout = "v2"};
  run.mode = "run";
  return run;
}

// Runs a report through the calls the suite makes: two results, a note, then Finish.
void Drive(RunReport& report, RunRecord& run) {
  report.Begin(run);
  for (auto [outcome, message] :
       {std::pair{Outcome::kPass, ""}, std::pair{Outcome::kSkip, "why"}}) {
    ScenarioResult r = Result(outcome, message);
    run.scenarios.push_back(MakeScenarioRecord(r, Classify(outcome, nullptr), nullptr, Runc()));
    report.Add(run, run.scenarios.back());
  }
  report.Note(run, "cleanup: something");
  EXPECT_TRUE(report.Finish(std::span<const RunRecord>(&run, 1)).ok());
}

std::string ReadAll(std::FILE* f) {
  std::rewind(f);
  std::string text;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, f)) text.append(buf, n);
  return text;
}

TEST(TapReportTest, WholeReportOnAStreamAndTheSameInAFile) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  RunRecord run = ARun();
  TapReport report(out);
  Drive(report, run);
  std::string streamed = ReadAll(out);
  std::fclose(out);
  EXPECT_EQ(streamed,
            "TAP version 13\n"
            "# host: kernel 6.1.0, cgroup v2 only\n"
            "# runc version 1.1.5, mode run\n"
            "ok 1 - runc hostname/set\n"
            "ok 2 - runc hostname/set # SKIP why\n"
            "# cleanup: something\n"
            "1..2\n"
            "1 passed, 0 failed, 1 skipped\n");
  EXPECT_EQ(report.tally().failed, 0);

  char dir[] = "/tmp/tap_report_test.XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);
  const std::string path = std::string(dir) + "/report.tap";
  RunRecord again = ARun();
  TapReport file(path);
  Drive(file, again);
  rt::Result<std::string> written = ReadFile(path);
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(*written, streamed);
  RemoveTree(dir);
}

TEST(TapReportTest, AnInterruptedRunBailsOutBeforeThePlan) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  RunRecord run = ARun();
  run.interrupted = "interrupted by SIGINT";
  TapReport report(out);
  report.Begin(run);
  EXPECT_TRUE(report.Finish(std::span<const RunRecord>(&run, 1)).ok());
  std::string text = ReadAll(out);
  std::fclose(out);
  EXPECT_TRUE(
      text.ends_with("Bail out! interrupted by SIGINT\n1..0\n0 passed, 0 failed, 0 skipped\n"))
      << text;
}

TEST(TapReportTest, AFailedOperationScenarioShowsItsStepCommandsAndOutput) {
  static const OpScenario kOp{.name = "ops/start/running-is-error",
                              .ref = "runtime.md#start",
                              .level = "MUST",
                              .proves = "p"};
  ScenarioResult r;
  r.op = &kOp;
  r.outcome = Outcome::kFail;
  r.message = "step 4/7 (start, must fail): expected an error (a non-zero exit), found exit 0";
  r.container_id = "runtimetest-1-6";
  CommandRecord state;
  state.command = "runc state runtimetest-1-6";
  state.exit = ExitStatus{.known = true, .code = 0};
  state.out = "{\n  \"status\": \"running\"\n}\n";
  CommandRecord start;
  start.command = "runc start runtimetest-1-6";
  start.exit = ExitStatus{.known = true, .code = 0};
  start.err = "level=error msg=\"cannot start an already running container\"\n";
  r.step_failure = StepFailure{.number = 4,
                               .total = 7,
                               .step = "start, must fail",
                               .why = "expected an error",
                               .commands = {state, start},
                               .container_output = "helper said\n"};
  r.commands = {start};
  std::string text = FormatTestPoint(6, r, Reported::kFail, nullptr, Runc());
  EXPECT_TRUE(
      text.starts_with("not ok 6 - runc ops/start/running-is-error\n  ---\n  message: "
                       "\"step 4/7 (start, must fail): expected an error"))
      << text;
  EXPECT_NE(
      text.find("  spec: \"runtime.md#start (MUST)\"\n  failed_step: \"4/7: start, must "
                "fail\"\n  step_commands: |\n    $ runc state runtimetest-1-6\n    => exit "
                "0\n    stdout: {\"status\":\"running\"}\n    $ runc start runtimetest-1-6\n"
                "    => exit 0\n    stderr: level=error msg=\"cannot start an already running "
                "container\"\n  container_output: \"helper said\"\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("  commands: \"runc start runtimetest-1-6  => exit 0\"\n"), std::string::npos)
      << text;
}

// A `state` output of a megabyte of nested arrays is shown as text: read as a tree, its dump on
// one line would recurse once per level and overflow the stack.
TEST(TapReportTest, DeeplyNestedStepOutputIsShownAsText) {
  static const OpScenario kOp{.name = "ops/state/x", .ref = "runtime.md#state", .level = "MUST"};
  ScenarioResult r;
  r.op = &kOp;
  r.outcome = Outcome::kFail;
  CommandRecord state;
  state.command = "runc state x";
  state.exit = ExitStatus{.known = true, .code = 0};
  state.out = std::string(1 << 19, '[') + std::string(1 << 19, ']');
  r.step_failure = StepFailure{.number = 1, .total = 1, .step = "state", .commands = {state}};
  std::string text = FormatTestPoint(1, r, Reported::kFail, nullptr, Runc());
  EXPECT_NE(text.find("    stdout: \n    [[[["), std::string::npos) << text.substr(0, 2000);
}

TEST(TapReportTest, SeveralRunsMakeOneStreamWithASummaryPerRuntime) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  std::vector<RunRecord> runs = {ARun(), ARun()};
  runs[1].runtime = {.name = "crun", .version_line = "crun version 1.8.1"};
  runs[1].interrupted = "interrupted by SIGTERM during hostname/set";
  TapReport report(out);
  for (RunRecord& run : runs) {
    report.Begin(run);
    ScenarioResult r = Result(Outcome::kPass, "");
    run.scenarios.push_back(MakeScenarioRecord(r, Reported::kPass, nullptr, Runc()));
    report.Add(run, run.scenarios.back());
  }
  EXPECT_TRUE(report.Finish(runs).ok());
  std::string text = ReadAll(out);
  std::fclose(out);
  EXPECT_EQ(text,
            "TAP version 13\n"
            "# host: kernel 6.1.0, cgroup v2 only\n"
            "# runc version 1.1.5, mode run\n"
            "ok 1 - runc hostname/set\n"
            "# runc: 1 passed, 0 failed, 0 skipped\n"
            "# crun version 1.8.1, mode run\n"
            "ok 2 - crun hostname/set\n"
            "# crun: 1 passed, 0 failed, 0 skipped\n"
            "Bail out! interrupted by SIGTERM during hostname/set\n"
            "1..2\n"
            "2 passed, 0 failed, 0 skipped\n");
}

}  // namespace
}  // namespace rt::suite
