#include "suite/options.h"

#include <gtest/gtest.h>

namespace rt::suite {
namespace {

Result<SuiteOptions> Parse(std::vector<std::string> args) { return ParseSuiteOptions(args); }

TEST(SuiteOptionsTest, DefaultsNeedOnlyTheRuntime) {
  Result<SuiteOptions> o = Parse({"--runtime", "/usr/sbin/runc"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->runtimes, (std::vector<RuntimeOption>{{.path = "/usr/sbin/runc"}}));
  EXPECT_EQ(o->mode, Mode::kRun);
  EXPECT_EQ(o->timeout, std::chrono::milliseconds(10000));
  EXPECT_FALSE(o->keep_failed);
  EXPECT_FALSE(o->list);
  EXPECT_TRUE(o->filter.empty());
}

TEST(SuiteOptionsTest, EveryFlagInBothSpellings) {
  Result<SuiteOptions> o =
      Parse({"--runtime=crun", "--runtime-arg", "--root", "--runtime-arg=/tmp/state",
             "--runtime-arg=--systemd-cgroup=false", "--filter=^hostname/", "--timeout", "2.5",
             "--keep-failed", "--expected-failures", "suite/expected-failures.txt",
             "--mode=lifecycle", "--verify-cleanup"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->runtimes,
            (std::vector<RuntimeOption>{
                {"crun", {"--root", "/tmp/state", "--systemd-cgroup=false"}}}));
  EXPECT_EQ(o->filter, "^hostname/");
  EXPECT_EQ(o->timeout, std::chrono::milliseconds(2500));
  EXPECT_TRUE(o->keep_failed);
  EXPECT_EQ(o->expected_failures, "suite/expected-failures.txt");
  EXPECT_EQ(o->mode, Mode::kLifecycle);
  EXPECT_TRUE(o->verify_cleanup);
}

TEST(SuiteOptionsTest, ARuntimeArgBelongsToTheRuntimeBeforeIt) {
  Result<SuiteOptions> o =
      Parse({"--runtime-arg=--debug", "--runtime", "runc", "--runtime-arg=--root=/a", "--runtime",
             "crun", "--runtime", "/opt/crun", "--runtime-arg", "--root=/b"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->runtimes, (std::vector<RuntimeOption>{{"runc", {"--debug", "--root=/a"}},
                                                     {"crun", {}},
                                                     {"/opt/crun", {"--root=/b"}}}));
  EXPECT_EQ(Parse({"--runtime-arg=--debug"}).status().message(),
            "--runtime-arg without a --runtime");
  EXPECT_EQ(Parse({"--runtime", "runc", "--runtime=runc"}).status().message(),
            "--runtime runc given twice with the same --runtime-arg flags");
  EXPECT_TRUE(Parse({"--runtime", "runc", "--runtime=runc", "--runtime-arg=--root=/b"}).ok());
}

TEST(SuiteOptionsTest, SelfTestsAndRecovery) {
  Result<SuiteOptions> o = Parse({"--runtime=runc", "--blind-negatives",
                                  "--runtimetest-binary", "build/runtimetest"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_TRUE(o->blind_negatives);
  EXPECT_EQ(o->runtimetest_binary, "build/runtimetest");
  EXPECT_EQ(Parse({"--runtime=runc", "--runtimetest-binary="}).status().message(),
            "--runtimetest-binary: empty path");
  Result<SuiteOptions> cleanup = Parse({"--cleanup"});
  ASSERT_TRUE(cleanup.ok()) << cleanup.status().message();
  EXPECT_TRUE(cleanup->cleanup);
}

TEST(SuiteOptionsTest, ListAndHelpNeedNoRuntime) {
  EXPECT_TRUE(Parse({"--list"}).ok());
  EXPECT_TRUE(Parse({"--help"}).ok());
  Result<SuiteOptions> none = Parse({});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(), "--runtime PATH is required");
}

TEST(SuiteOptionsTest, RejectsBadValuesNamingTheFlag) {
  EXPECT_EQ(Parse({"--runtime", "runc", "--mode", "exec"}).status().message(),
            "--mode: expected run or lifecycle, found \"exec\"");
  EXPECT_EQ(Parse({"--runtime", "runc", "--timeout", "0"}).status().message(),
            "--timeout: expected seconds > 0, found \"0\"");
  EXPECT_EQ(Parse({"--runtime", "runc", "--timeout", "ten"}).status().message(),
            "--timeout: expected seconds > 0, found \"ten\"");
  EXPECT_EQ(Parse({"--runtime"}).status().message(), "--runtime: missing value");
  EXPECT_EQ(Parse({"--runtime", "runc", "--bogus"}).status().message(), "unknown flag --bogus");
  EXPECT_EQ(Parse({"--runtime", "runc", "extra"}).status().message(),
            "unexpected argument \"extra\"");
  EXPECT_EQ(Parse({"--runtime", "runc", "--list=yes"}).status().message(),
            "--list: takes no value");
}

}  // namespace
}  // namespace rt::suite
