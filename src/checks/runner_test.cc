#include "checks/runner.h"

#include <gtest/gtest.h>

#include "checks/check_test_util.h"

namespace rt::checks {
namespace {

constexpr const char* kWrongHostname = R"({"ociVersion":"1","hostname":"web-1",
    "process":{"cwd":"/"},"annotations":{"org.runtimetest.blind":"%s"}})";

std::vector<report::Assertion> RunBlinded(const std::string& blind) {
  sys::FakeSystem fake;
  fake.uts.nodename = "runc";
  fake.cwd = "/tmp";
  std::string config = kWrongHostname;
  config.replace(config.find("%s"), 2, blind);
  Result<spec::Config> parsed = spec::ParseConfig(config);
  EXPECT_TRUE(parsed.ok());
  Result<std::vector<const CheckDef*>> chosen = SelectChecks({"hostname", "process.cwd"});
  EXPECT_TRUE(chosen.ok());
  return RunChecks(*chosen, Context{*parsed, fake});
}

TEST(Runner, BlindTurnsTheFailuresOfTheNamedChecksIntoSkips) {
  auto r = RunBlinded("hostname");
  EXPECT_EQ(Failures(r),
            "process.cwd: expected \"/\", found \"/tmp\" (config.md#process, MUST)\n");
  EXPECT_EQ(SkipReasons(r), "hostname: cannot observe (blinded by org.runtimetest.blind)\n");
}

TEST(Runner, BlindTakesACommaSeparatedList) {
  auto r = RunBlinded(" process.cwd , hostname,");
  EXPECT_EQ(Failures(r), "");
  EXPECT_EQ(Count(r, report::Outcome::kSkip), 2);
}

TEST(Runner, BlindLeavesPassesAlone) {
  sys::FakeSystem fake;
  fake.uts.nodename = "web-1";
  auto r = RunCheck("hostname", R"({"ociVersion":"1","hostname":"web-1",
      "annotations":{"org.runtimetest.blind":"hostname"}})",
                    fake);
  EXPECT_EQ(Count(r, report::Outcome::kPass), 1);
}

TEST(Runner, WithoutTheAnnotationNothingIsBlinded) {
  auto r = RunBlinded("uts");
  EXPECT_EQ(Count(r, report::Outcome::kFail), 2);
}

}  // namespace
}  // namespace rt::checks
