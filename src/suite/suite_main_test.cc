// The `suite` face end to end, through the built binary: its command line, and (as root, where
// runc is installed) a few scenarios against runc that must pass and leave nothing behind.
#include <gtest/gtest.h>

#include <cstdlib>
#include <unistd.h>

#include "suite/process.h"

#ifdef RT_BINARY

namespace rt::suite {
namespace {

struct Ran {
  pid_t pid = -1;  // the suite's: its container ids are "runtimetest-<pid>-<n>"
  ExitStatus exit;
  std::string out, err;
};

Ran RunBinary(std::vector<std::string> args) {
  args.insert(args.begin(), {RT_BINARY, "suite"});
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

TEST(SuiteMainTest, UsageErrorsExitTwo) {
  Ran ran = RunBinary({"--mode", "sideways", "--runtime", "runc"});
  EXPECT_EQ(ran.exit.Describe(), "exit 2");
  EXPECT_EQ(ran.err.substr(0, ran.err.find('\n')),
            "runtimetest suite: --mode: expected run or lifecycle, found \"sideways\"");
  EXPECT_EQ(RunBinary({"--runtime", "/nonexistent/runc"}).exit.Describe(), "exit 2");
  EXPECT_EQ(RunBinary({"--list", "--filter", "(["}).exit.Describe(), "exit 2");
}

TEST(SuiteMainTest, RuncPassesAndNothingIsLeftBehind) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  std::vector<std::string> prefixes;
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
    EXPECT_TRUE(ran.out.starts_with("TAP version 13\n")) << ran.out;
    EXPECT_TRUE(ran.out.ends_with("\n1..3\n3 passed, 0 failed, 0 skipped\n")) << ran.out;
    EXPECT_EQ(ran.err, "");
    prefixes.push_back("runtimetest-" + std::to_string(ran.pid) + "-");
  }
  Result<Child> list = Spawn({runc, "list", "--quiet"});
  ASSERT_TRUE(list.ok()) << list.status().message();
  Child& child = list.value();
  Capture* pipes[] = {&child.out, &child.err};
  Wait(WaitFor{.process = &child.process, .pipes = pipes, .until_eof = true}, Deadline::Never(),
       -1);
  for (const std::string& prefix : prefixes) {
    EXPECT_EQ(child.out.data.find(prefix), std::string::npos) << child.out.data;
  }
}

}  // namespace
}  // namespace rt::suite

#endif  // RT_BINARY
