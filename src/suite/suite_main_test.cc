// The `suite` face end to end, through the built binary: its command line, and (as root, where
// runc is installed) a few scenarios against runc that must pass and leave nothing behind.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "suite/files.h"
#include "suite/process.h"
#include "suite/run_record.h"

#ifdef RT_BINARY

namespace rt::suite {
namespace {

struct Ran {
  pid_t pid = -1;  // the suite's: its container ids are "runtimetest-<pid>-<n>"
  ExitStatus exit;
  std::string out, err;
};

// `runtimetest <command> args...` through the built binary.
Ran RunBinary(std::vector<std::string> args, const char* command = "suite") {
  args.insert(args.begin(), {RT_BINARY, command});
  Ran ran;
  Result<Child> spawned = Spawn(args);
  EXPECT_TRUE(spawned.ok()) << spawned.status().message();
  if (!spawned.ok()) return ran;
  Child& child = spawned.value();
  ran.pid = child.process.pid;
  Capture* pipes[] = {&child.out, &child.err};
  Wait(WaitFor{.process = &child.process, .pipes = pipes, .until_eof = true}, Deadline::Never(),
       -1);
  ran.exit = child.process.status.value_or(ExitStatus{});
  ran.out = child.out.data;
  ran.err = child.err.data;
  return ran;
}

TEST(SuiteMainTest, ListPrintsNamesAndExpectations) {
  Ran ran = RunBinary({"--list", "--filter", "^hostname/"});
  EXPECT_EQ(ran.exit.Describe(), "exit 0");
  EXPECT_EQ(ran.out,
            "hostname/set\tpass\nhostname/longest\tpass\nhostname/mismatch\tcheck-fails\n");
}

TEST(SuiteMainTest, ListShowsOperationScenariosWithTheirSpecSection) {
  Ran ran = RunBinary({"--list", "--filter", "^ops/state/"});
  EXPECT_EQ(ran.exit.Describe(), "exit 0");
  EXPECT_NE(ran.out.find("ops/state/lifecycle\tops\truntime.md#state\tMUST\t"), std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("ops/state/told-running\tops-negative\truntime.md#state\tMUST\t"),
            std::string::npos)
      << ran.out;
}

TEST(SuiteMainTest, UsageErrorsExitTwo) {
  Ran ran = RunBinary({"--mode", "sideways", "--runtime", "runc"});
  EXPECT_EQ(ran.exit.Describe(), "exit 2");
  EXPECT_EQ(ran.err.substr(0, ran.err.find('\n')),
            "runtimetest suite: --mode: expected run or lifecycle, found \"sideways\"");
  EXPECT_EQ(RunBinary({"--runtime", "/nonexistent/runc"}).exit.Describe(), "exit 2");
  EXPECT_EQ(RunBinary({"--list", "--filter", "(["}).exit.Describe(), "exit 2");
}

// A TMPDIR whose path is not UTF-8 cannot hold bundles (config.json could not name their paths):
// the suite says so and cannot run, rather than blame the runtime for paths it never got.
TEST(SuiteMainTest, AWorkDirThatIsNotUtf8CannotRun) {
  const char* runc = "/usr/sbin/runc";
  if (::access(runc, X_OK) != 0) GTEST_SKIP() << "needs " << runc;
  Result<std::string> parent = MakeTempDir(TempRoot(), "rt-utf8-test-");
  ASSERT_TRUE(parent.ok()) << parent.status().message();
  const std::string bad = *parent + "/\xff";
  ASSERT_EQ(::mkdir(bad.c_str(), 0755), 0);
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("TMPDIR", bad.c_str(), 1);
  Ran ran = RunBinary({"--runtime", runc, "--filter", "^hostname/set$"});
  if (old != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  EXPECT_EQ(ran.exit.Describe(), "exit 2");
  EXPECT_NE(ran.err.find("is not UTF-8, so config.json cannot name paths below it"),
            std::string::npos)
      << ran.err;
  EXPECT_EQ(::rmdir(bad.c_str()), 0) << "the work dir made in it was left";
  EXPECT_TRUE(RemoveTree(*parent).ok());
}

// runc's containers whose id starts with "runtimetest-<pid>-".
std::string RuncLeftovers(pid_t suite_pid) {
  Result<Child> list = Spawn({"/usr/sbin/runc", "list", "--quiet"});
  if (!list.ok()) return "runc list: " + list.status().message();
  Child& child = list.value();
  Capture* pipes[] = {&child.out, &child.err};
  Wait(WaitFor{.process = &child.process, .pipes = pipes, .until_eof = true}, Deadline::Never(),
       -1);
  std::string prefix = "runtimetest-" + std::to_string(suite_pid) + "-";
  return child.out.data.find(prefix) == std::string::npos ? "" : child.out.data;
}

TEST(SuiteMainTest, RuncPassesAndNothingIsLeftBehind) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<pid_t> pids;
  std::vector<std::string> inside;  // what goes into the rootfs: this binary unless sanitized
#ifdef RT_SANITIZED
  // A sanitized runtimetest links dynamically and cannot start in a bundle's empty rootfs; it
  // judges from outside while the static release binary checks inside (scripts/sanitize.sh).
  const char* static_binary = std::getenv("RT_STATIC_BINARY");
  if (static_binary == nullptr) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  inside = {"--runtimetest-binary", static_binary};
#endif
  for (const char* mode : {"run", "lifecycle"}) {
    std::vector<std::string> args = {
        "--runtime", runc, "--mode", mode, "--filter",
        "^(default|hostname/mismatch|process.rlimits/reject-unknown-type)$"};
    args.insert(args.end(), inside.begin(), inside.end());
    Ran ran = RunBinary(args);
    EXPECT_EQ(ran.exit.Describe(), "exit 0") << ran.out << ran.err;
    EXPECT_TRUE(ran.out.starts_with("TAP version 13\n# host: kernel ")) << ran.out;
    EXPECT_NE(ran.out.find(", cgroup "), std::string::npos) << ran.out;
    EXPECT_TRUE(ran.out.ends_with("\n1..3\n3 passed, 0 failed, 0 skipped\n")) << ran.out;
    EXPECT_EQ(ran.err, "");
    pids.push_back(ran.pid);
  }
  for (pid_t pid : pids) EXPECT_EQ(RuncLeftovers(pid), "");
}

// The flags that put a static runtimetest into the bundles: none, unless this build is sanitized
// (then the static release binary, from RT_STATIC_BINARY; false without it).
bool InsideBinary(std::vector<std::string>& args) {
#ifdef RT_SANITIZED
  const char* static_binary = std::getenv("RT_STATIC_BINARY");
  if (static_binary == nullptr) return false;
  args = {"--runtimetest-binary", static_binary};
#else
  (void)args;
#endif
  return true;
}

// A runtime that breaks one promise of runtime.md: a shell script around runc. The scenarios
// about that promise, and only they, must go red.
struct Wrapper {
  std::string dir, path;
  explicit Wrapper(const std::string& body) {
    char tmpl[] = "/tmp/runtimetest-wrapper-XXXXXX";
    dir = ::mkdtemp(tmpl);
    path = dir + "/runc";  // `--version` still says runc: the same expected failures apply
    FILE* f = std::fopen(path.c_str(), "w");
    std::fprintf(f, "#!/bin/sh\n%s\nexec /usr/sbin/runc \"$@\"\n", body.c_str());
    std::fclose(f);
    ::chmod(path.c_str(), 0755);
  }
  ~Wrapper() {
    ::unlink(path.c_str());
    ::rmdir(dir.c_str());
  }
};

// The names of the test points that are `not ok`.
std::vector<std::string> Red(const std::string& tap) {
  std::vector<std::string> red;
  size_t pos = 0;
  while ((pos = tap.find("\nnot ok ", pos)) != std::string::npos) {
    size_t name = tap.find(" runc ", pos) + 6;
    red.push_back(tap.substr(name, tap.find_first_of(" \n", name) - name));
    pos = name;
  }
  return red;
}

TEST(SuiteMainTest, AWrapperThatAlwaysStartsTurnsOnlyTheStartErrorScenariosRed) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  // `start` reports success whatever runc said.
  Wrapper w("for a in \"$@\"; do [ \"$a\" = start ] && { /usr/sbin/runc \"$@\"; exit 0; }; done");
  std::vector<std::string> args = {"--runtime", w.path, "--filter", "^ops/(start|state)/"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out),
            (std::vector<std::string>{"ops/start/running-is-error", "ops/start/stopped-is-error",
                                      "ops/start/unknown-id", "ops/start/empty-id"}))
      << ran.out;
}

// The body of a wrapper whose `create` fails when the bundle's config.json holds `text`.
std::string RefuseCreateOfConfigWith(const std::string& text) {
  return "prev=; for a in \"$@\"; do\n"
         "  [ \"$prev\" = --bundle ] && grep -q '" +
         text +
         "' \"$a/config.json\" &&\n"
         "    { echo 'refused' >&2; exit 1; }\n"
         "  prev=$a\n"
         "done";
}

TEST(SuiteMainTest, AWrapperThatRefusesUnknownPropertiesTurnsOnlyTheExtensibilityScenarioRed) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  // `create` of a bundle whose config.json holds a property the spec does not define fails.
  Wrapper w(RefuseCreateOfConfigWith("org.runtimetest.unknown"));
  std::vector<std::string> args = {"--runtime", w.path, "--filter", "^ops/create/"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out), (std::vector<std::string>{"ops/create/unknown-properties"})) << ran.out;
}

TEST(SuiteMainTest, AWrapperThatRefusesAConsoleSizeTurnsOnlyTheSizeWithoutTerminalScenarioRed) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  // A runtime that does not ignore consoleSize without a terminal, but refuses it.
  Wrapper w(RefuseCreateOfConfigWith("consoleSize"));
  std::vector<std::string> args = {"--runtime", w.path, "--filter", "^ops/console/"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out), (std::vector<std::string>{"ops/console/size-without-terminal"}))
      << ran.out;
}

TEST(SuiteMainTest, AWrapperThatRaisesOomScoreAdjTurnsOnlyTheUnsetScenarioRed) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  // The runtime changes oom_score_adj though the config does not ask (the suite's stays as it is).
  Wrapper w("echo 777 >/proc/self/oom_score_adj");
  std::vector<std::string> args = {"--runtime", w.path, "--filter", "^process.oomScoreAdj/"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out), (std::vector<std::string>{"process.oomScoreAdj/unset-inherited"}))
      << ran.out;
  EXPECT_NE(ran.out.find("found 777"), std::string::npos) << ran.out;
}

TEST(SuiteMainTest, AWrapperThatAlwaysForcesDeleteTurnsTheDeleteErrorScenariosRed) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  // `delete ID` becomes `delete --force ID`, which deletes a running container and succeeds for
  // an unknown id. Without expected failures, runc 1.1's own two deviations (created-is-error,
  // existing-cgroup-kept: suite/expected-failures.txt) stay red beside them.
  Wrapper w(
      "[ \"$1\" = delete ] && [ \"$2\" != --force ] && exec /usr/sbin/runc delete --force \"$2\"");
  std::vector<std::string> args = {"--runtime", w.path, "--filter", "^ops/delete/"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out),
            (std::vector<std::string>{"ops/delete/running-is-error", "ops/delete/created-is-error",
                                      "ops/delete/unknown-id", "ops/delete/existing-cgroup-kept"}))
      << ran.out;
}

TEST(SuiteMainTest, AWrapperThatChangesAHooksEnvTurnsOnlyTheArgsEnvScenarioRed) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
#ifdef RT_SANITIZED
  GTEST_SKIP() << "the sanitized runtimetest cannot be the container's process";
#endif
  // At create, the first poststop hook's env is changed in config.json: what a runtime that
  // passes a hook another environment does.
  Wrapper w(
      "prev=; for a in \"$@\"; do [ \"$prev\" = --bundle ] && "
      "sed -i 's/\"RT_HOOK=poststop-0\"/\"RT_HOOK=changed\"/' \"$a/config.json\"; prev=$a; done");
  Ran ran =
      RunBinary({"--runtime", w.path, "--filter", "^hooks/(args-env|order/array|state/poststop)"});
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out), std::vector<std::string>{"hooks/args-env/exact"}) << ran.out;
  EXPECT_NE(ran.out.find("hooks.env: poststop[0]: expected ["), std::string::npos)
      << ran.out;
}

TEST(SuiteMainTest, AWrapperThatIgnoresThePidsLimitTurnsOnlyThePidsScenariosRed) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  if (::access("/sys/fs/cgroup/pids", F_OK) != 0 &&
      ::access("/sys/fs/cgroup/pids.max", F_OK) != 0 &&
      ::access("/sys/fs/cgroup/cgroup.controllers", F_OK) != 0) {
    GTEST_SKIP() << "no pids cgroup controller";
  }
#ifdef RT_SANITIZED
  GTEST_SKIP() << "the sanitized runtimetest cannot be the container's process";
#endif
  // At create and run, linux.resources.pids becomes a property runc does not know, which it
  // ignores: what a runtime that ignores the pids limit does. The other fields, and the
  // scenarios that cannot tell a missing limit, stay green: -1 is no limit; 0 is a SHOULD, which
  // the default compliance level does not count; a negative told another value finds the default
  // as surely as 77.
  Wrapper w(
      "prev=; for a in \"$@\"; do [ \"$prev\" = --bundle ] && "
      "sed -i 's/\"pids\": {/\"x-ignored-pids\": {/' \"$a/config.json\"; prev=$a; done");
  Ran ran = RunBinary({"--runtime", w.path, "--filter",
                       "^linux\\.resources/(memory-limit|cpu|pids-limit|pids-mismatch|cgroupns|"
                       "host-cpu|host-default-path|host-pids-(unlimited|zero)|host-update)$"});
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out), (std::vector<std::string>{
                              "linux.resources/pids-limit", "linux.resources/cgroupns",
                              "linux.resources/host-default-path", "linux.resources/host-update"}))
      << ran.out;
  EXPECT_NE(ran.out.find("linux.resources.pids.limit: "), std::string::npos) << ran.out;
}

TEST(SuiteMainTest, TheDeclaredSpecVersionChoosesThePoststartFailureRule) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
#ifdef RT_SANITIZED
  GTEST_SKIP() << "the sanitized runtimetest cannot be the container's process";
#endif
  // runc that claims runtime-spec 1.3 in `features`: the 1.3 rule (a failing poststart fails
  // start) applies, and runc 1.1, which fails `create` instead, goes red there.
  Wrapper w("[ \"$1\" = features ] && { echo '{\"ociVersionMax\": \"1.3.0\"}'; exit 0; }");
  Ran ran = RunBinary({"--runtime", w.path, "--filter", "^hooks/fail/poststart"});
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_EQ(Red(ran.out), std::vector<std::string>{"hooks/fail/poststart"}) << ran.out;
  EXPECT_NE(ran.out.find("hooks/fail/poststart-before-1.3 # SKIP for runtimes of runtime-spec "
                         "<1.3.0; this one declares 1.3.0"),
            std::string::npos)
      << ran.out;
}

TEST(SuiteMainTest, ATimeoutInTheMiddleOfASequenceNamesTheStepAndLeavesNothing) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  // `start` hangs: the container stays created while the scenario times out. The timeout leaves
  // create and state (steps 1 and 2) time to end on a loaded host: at 1 s, one run out of
  // several timed out in `create` under a load of 12.
  Wrapper w("[ \"$1\" = start ] && exec sleep 60");
  std::vector<std::string> args = {"--runtime", w.path, "--filter", "^ops/state/lifecycle$",
                                   "--timeout", "5"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_NE(ran.out.find("message: \"timed out after 5000 ms in step 3/9 (start)\""),
            std::string::npos)
      << ran.out;
  EXPECT_EQ(ran.out.find("nothing-left-behind"), std::string::npos) << ran.out;
  EXPECT_EQ(RuncLeftovers(ran.pid), "");
}

// A scratch directory for report files, removed with what is in it.
struct ReportDir {
  std::string path;
  ReportDir() {
    char tmpl[] = "/tmp/runtimetest-reports-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~ReportDir() { RemoveTree(path); }
};

// scripts/check-reports.py on `files`: "" when each is valid, else what it printed.
std::string CheckReports(const std::vector<std::string>& files) {
  std::vector<std::string> argv = {"/usr/bin/python3",
                                   std::string(RT_SOURCE_DIR) + "/scripts/check-reports.py"};
  argv.insert(argv.end(), files.begin(), files.end());
  Result<Child> spawned = Spawn(argv);
  if (!spawned.ok()) return spawned.status().message();
  Child& child = spawned.value();
  Capture* pipes[] = {&child.out, &child.err};
  Wait(WaitFor{.process = &child.process, .pipes = pipes, .until_eof = true}, Deadline::Never(),
       -1);
  if (child.process.status && child.process.status->Success()) return "";
  return child.out.data + child.err.data +
         " (needs python3-jsonschema and libxml2-utils: scripts/install-deps.sh)";
}

TEST(SuiteMainTest, TheReportFilesOfARealRunAreValidAndAgreeWithTheTapStream) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  // The runtime sets another hostname than config.json asks: hostname/set fails, with evidence
  // that the JUnit file must carry as text; the negative still passes.
  Wrapper w(
      "prev=; for a in \"$@\"; do [ \"$prev\" = --bundle ] && sed -i "
      "'s/\"hostname\": *\"[^\"]*\"/\"hostname\": \"wrapped<\\&>\"/' \"$a/config.json\"; "
      "prev=$a; done");
  ReportDir dir;
  const std::string json = dir.path + "/run.json", junit = dir.path + "/run.xml",
                    tap = dir.path + "/run.tap";
  std::vector<std::string> args = {"--runtime",
                                   w.path,
                                   "--filter",
                                   "^hostname/(set|mismatch)$",
                                   "--report",
                                   "json:" + json,
                                   "--report=junit:" + junit,
                                   "--report",
                                   "tap:" + tap};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out << ran.err;
  EXPECT_EQ(Red(ran.out), std::vector<std::string>{"hostname/set"}) << ran.out;
  EXPECT_EQ(CheckReports({json, junit}), "");

  Result<std::string> tap_text = ReadFile(tap);
  ASSERT_TRUE(tap_text.ok()) << tap_text.status().message();
  EXPECT_EQ(*tap_text, ran.out);
  Result<std::string> json_text = ReadFile(json);
  ASSERT_TRUE(json_text.ok()) << json_text.status().message();
  Result<RunRecord> run = ParseRunRecord(*json_text);
  ASSERT_TRUE(run.ok()) << run.status().message();
  ASSERT_EQ(run->scenarios.size(), 2u);
  EXPECT_EQ(run->runtime.path, w.path);
  EXPECT_EQ(run->planned, 2);
  EXPECT_EQ(run->scenarios[0].name, "hostname/set");
  EXPECT_EQ(run->scenarios[0].verdict, Reported::kFail);
  EXPECT_EQ(run->scenarios[0].spec_ref, "config.md#hostname");
  EXPECT_EQ(run->scenarios[0].level, "MUST");
  EXPECT_NE(run->scenarios[0].message.find("wrapped<&>"), std::string::npos)
      << run->scenarios[0].message;
  EXPECT_EQ(run->scenarios[1].verdict, Reported::kPass);
  ASSERT_FALSE(run->scenarios[0].commands.empty());
  EXPECT_EQ(run->scenarios[0].commands[0].argv[1], "run");
  Result<std::string> junit_text = ReadFile(junit);
  ASSERT_TRUE(junit_text.ok()) << junit_text.status().message();
  EXPECT_NE(junit_text->find("<testcase classname=\"runc.hostname\" name=\"hostname/set\""),
            std::string::npos)
      << *junit_text;
  EXPECT_NE(junit_text->find("found &quot;wrapped&lt;&amp;&gt;&quot;"), std::string::npos)
      << *junit_text;
}

TEST(SuiteMainTest, AnInterruptedRunStillWritesItsReportFiles) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> inside;
  if (!InsideBinary(inside)) GTEST_SKIP() << "sanitized build and no RT_STATIC_BINARY";
  Wrapper w("[ \"$1\" = run ] && exec sleep 60");  // the first scenario hangs until SIGTERM
  ReportDir dir;
  const std::string json = dir.path + "/run.json", junit = dir.path + "/run.xml";
  std::vector<std::string> args = {RT_BINARY,  "suite",         "--runtime", w.path,
                                   "--filter", "^hostname/",    "--report",  "json:" + json,
                                   "--report", "junit:" + junit};
  args.insert(args.end(), inside.begin(), inside.end());
  Result<Child> spawned = Spawn(args);
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  // The TAP header is written before the first scenario starts.
  std::string out;
  char buf[4096];
  while (out.find(", mode run\n") == std::string::npos) {
    ssize_t n = ::read(child.out.fd.get(), buf, sizeof buf);
    ASSERT_GT(n, 0) << out;
    out.append(buf, n);
  }
  ::kill(child.process.pid, SIGTERM);
  Capture* pipes[] = {&child.out, &child.err};
  Wait(WaitFor{.process = &child.process, .pipes = pipes, .until_eof = true}, Deadline::Never(),
       -1);
  out += child.out.data;
  EXPECT_EQ(child.process.status->Describe(), "exit 143") << out;
  EXPECT_NE(out.find("Bail out! interrupted by SIGTERM"), std::string::npos) << out;
  EXPECT_EQ(CheckReports({json, junit}), "");
  Result<std::string> json_text = ReadFile(json);
  ASSERT_TRUE(json_text.ok()) << json_text.status().message();
  Result<RunRecord> run = ParseRunRecord(*json_text);
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_TRUE(run->interrupted.starts_with("interrupted by SIGTERM")) << run->interrupted;
  EXPECT_EQ(run->planned, 3);
  EXPECT_TRUE(run->scenarios.empty());
}

TEST(SuiteMainTest, AReportIntoADirectoryThatIsNotThereIsRefusedBeforeTheRun) {
  Ran ran = RunBinary({"--runtime", "runc", "--report", "json:/nonexistent/dir/run.json"});
  EXPECT_EQ(ran.exit.Describe(), "exit 2");
  EXPECT_EQ(ran.err,
            "runtimetest suite: --report json:/nonexistent/dir/run.json: /nonexistent/dir/: No "
            "such file or directory\n");
  ran = RunBinary({"--runtime", "runc", "--report", "xml:run.xml"});
  EXPECT_EQ(ran.exit.Describe(), "exit 2");
  EXPECT_TRUE(
      ran.err.starts_with("runtimetest suite: --report \"xml:run.xml\": unknown format "
                          "\"xml\", expected one of tap, junit, json, matrix\n"))
      << ran.err;
}

// Why runc and crun cannot both run here ("" when they can); `inside` as InsideBinary sets it.
std::string CannotRunBoth(const char* runc, const char* crun, std::vector<std::string>& inside) {
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0 || ::access(crun, X_OK) != 0) {
    return std::string("needs root, ") + runc + " and " + crun;
  }
  if (!InsideBinary(inside)) return "sanitized build and no RT_STATIC_BINARY";
  return "";
}

TEST(SuiteMainTest, SeveralRuntimesShareOneStreamAndTheWorstExit) {
  const char* runc = "/usr/sbin/runc";
  const char* crun = "/usr/bin/crun";
  std::vector<std::string> inside;
  if (std::string why = CannotRunBoth(runc, crun, inside); !why.empty()) GTEST_SKIP() << why;
  // The first runtime is fine, the second (runc whose `start` always succeeds) is not: the
  // exit is the worst of the two, and only the second's test points are red.
  Wrapper w("for a in \"$@\"; do [ \"$a\" = start ] && { /usr/sbin/runc \"$@\"; exit 0; }; done");
  std::vector<std::string> args = {"--runtime", crun, "--runtime", w.path,
                                   "--filter",  "^(default|ops/start/unknown-id)$"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 1") << ran.out;
  EXPECT_TRUE(ran.out.starts_with("TAP version 13\n# host: kernel ")) << ran.out;
  EXPECT_EQ(ran.out.find("TAP version 13", 1), std::string::npos) << ran.out;  // one stream
  EXPECT_NE(ran.out.find("\n# crun version "), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("\nok 1 - crun default\nok 2 - crun ops/start/unknown-id\n"
                         "# crun: 2 passed, 0 failed, 0 skipped\n# runc version "),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("\nok 3 - runc default\nnot ok 4 - runc ops/start/unknown-id\n"),
            std::string::npos)
      << ran.out;
  EXPECT_TRUE(ran.out.ends_with("# runc: 1 passed, 1 failed, 0 skipped\n1..4\n"
                                "3 passed, 1 failed, 0 skipped\n"))
      << ran.out;
  EXPECT_EQ(RuncLeftovers(ran.pid), "");
}

TEST(SuiteMainTest, AnInterruptStopsTheRuntimesStillToCome) {
  const char* runc = "/usr/sbin/runc";
  const char* crun = "/usr/bin/crun";
  std::vector<std::string> inside;
  if (std::string why = CannotRunBoth(runc, crun, inside); !why.empty()) GTEST_SKIP() << why;
  // The first runtime's `run` sends the suite (its parent) SIGINT, then runs.
  Wrapper w("[ \"$1\" = run ] && kill -INT $PPID");
  std::vector<std::string> args = {"--runtime", w.path, "--runtime", crun,
                                   "--filter",  "^hostname/"};
  args.insert(args.end(), inside.begin(), inside.end());
  Ran ran = RunBinary(args);
  EXPECT_EQ(ran.exit.Describe(), "exit 130") << ran.out;
  EXPECT_NE(ran.out.find("\nBail out! interrupted by SIGINT during hostname/set (its container "
                         "and bundle were removed)\n1..0\n"),
            std::string::npos)
      << ran.out;
  EXPECT_EQ(ran.out.find("crun"), std::string::npos) << ran.out;  // it never ran
  EXPECT_EQ(RuncLeftovers(ran.pid), "");
}

// `runtimetest report merge`, through the built binary.
Ran RunReportMerge(std::vector<std::string> args) {
  args.insert(args.begin(), "merge");
  return RunBinary(args, "report");
}

// The matrix up to its details (which hold container ids and durations of each run).
std::string MatrixTable(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status().message();
  return text->substr(0, text->find("\n## Details\n"));
}

TEST(SuiteMainTest, OneCallOnTwoRuntimesAndAMergeOfTwoCallsGiveTheSameMatrix) {
  const char* runc = "/usr/sbin/runc";
  const char* crun = "/usr/bin/crun";
  std::vector<std::string> inside;
  if (std::string why = CannotRunBoth(runc, crun, inside); !why.empty()) GTEST_SKIP() << why;
  ReportDir dir;
  const std::string expected = std::string(RT_SOURCE_DIR) + "/suite/expected-failures.txt";
  // A pass, a negative, an expected failure of both runtimes.
  std::vector<std::string> common = {
      "--filter", "^(hostname/(set|mismatch)|ops/delete/created-is-error)$",
      "--expected-failures", expected};
  common.insert(common.end(), inside.begin(), inside.end());
  std::vector<std::string> both = {"--runtime", runc, "--runtime", crun,
                                   "--report", "json:" + dir.path + "/both.json",
                                   "--report", "matrix:" + dir.path + "/both.md"};
  both.insert(both.end(), common.begin(), common.end());
  Ran ran = RunBinary(both);
  EXPECT_EQ(ran.exit.Describe(), "exit 0") << ran.out << ran.err;
  for (const char* runtime : {runc, crun}) {
    std::string name = std::string(runtime).substr(std::string(runtime).rfind('/') + 1);
    std::vector<std::string> one = {"--runtime", runtime, "--report",
                                    "json:" + dir.path + "/" + name + ".json"};
    one.insert(one.end(), common.begin(), common.end());
    ran = RunBinary(one);
    EXPECT_EQ(ran.exit.Describe(), "exit 0") << ran.out << ran.err;
  }
  Ran merged = RunReportMerge({"--report", "matrix:" + dir.path + "/merged.md", "--report",
                               "json:" + dir.path + "/merged.json", dir.path + "/runc.json",
                               dir.path + "/crun.json"});
  EXPECT_EQ(merged.exit.Describe(), "exit 0") << merged.err;
  EXPECT_EQ(merged.err, "");
  std::string table = MatrixTable(dir.path + "/both.md");
  EXPECT_EQ(MatrixTable(dir.path + "/merged.md"), table);
  EXPECT_NE(table.find("| | runc 1."), std::string::npos) << table;
  EXPECT_NE(table.find(" | crun 1."), std::string::npos) << table;
  EXPECT_NE(table.find("| ops/delete/created-is-error | [expected-failure](#r3c1) | "
                       "[expected-failure](#r3c2) |"),
            std::string::npos)
      << table;
  // The JSON of the call on two runtimes is an array of two runs, like the merge's.
  Result<std::string> json = ReadFile(dir.path + "/both.json");
  ASSERT_TRUE(json.ok()) << json.status().message();
  Result<std::vector<RunRecord>> runs = ParseRunRecords(*json);
  ASSERT_TRUE(runs.ok()) << runs.status().message();
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].runtime.name, "runc");
  EXPECT_EQ((*runs)[1].runtime.name, "crun");
  EXPECT_EQ(CheckReports({dir.path + "/both.json", dir.path + "/merged.json"}), "");
}

TEST(SuiteMainTest, ReportMergeRefusesWhatItCannotRead) {
  Ran ran = RunReportMerge({"--report", "matrix:/tmp/x.txt", "a.json"});
  EXPECT_EQ(ran.exit.Describe(), "exit 2");
  EXPECT_EQ(ran.err, "runtimetest report: --report matrix:/tmp/x.txt: the file name must end in "
                     ".md or .html\n");
  ran = RunReportMerge({"--report", "matrix:/tmp/x.md", "/nonexistent.json"});
  EXPECT_EQ(ran.exit.Describe(), "exit 2");
  EXPECT_TRUE(ran.err.starts_with("runtimetest report: ")) << ran.err;
  EXPECT_NE(ran.err.find("/nonexistent.json"), std::string::npos) << ran.err;
  ran = RunReportMerge({"/tmp/a.json"});
  EXPECT_EQ(ran.err, "runtimetest report: nothing to write: give --report FORMAT:FILE\n");
}

}  // namespace
}  // namespace rt::suite

#endif  // RT_BINARY
