#include "suite/expected_failures.h"

#include <gtest/gtest.h>

namespace rt::suite {
namespace {

TEST(ExpectedFailuresTest, ParsesEntriesSkippingCommentsAndBlankLines) {
  Result<std::vector<ExpectedFailure>> entries = ParseExpectedFailures(
      "# reviewed list\n"
      "\n"
      "runc 1.1 process.rlimits/reject-duplicate-type  accepts duplicates  # since 1.0\n"
      "crun\t*\tprocess.user/umask\tumask not applied\n",
      "x.txt");
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 2u);
  const ExpectedFailure& first = (*entries)[0];
  EXPECT_EQ(first.runtime, "runc");
  EXPECT_EQ(first.version_prefix, "1.1");
  EXPECT_EQ(first.scenario, "process.rlimits/reject-duplicate-type");
  EXPECT_EQ(first.reason, "accepts duplicates");
  EXPECT_EQ(first.line, 3);
  EXPECT_EQ((*entries)[1].version_prefix, "*");
  EXPECT_EQ((*entries)[1].reason, "umask not applied");
}

TEST(ExpectedFailuresTest, ACgroupConditionLimitsAnEntryToThatLayout) {
  Result<std::vector<ExpectedFailure>> entries = ParseExpectedFailures(
      "crun 1.8 a cgroup=v2 leaves its cgroup on v2\n"
      "crun 1.8 a cgroup=hybrid another reason\n"
      "crun 1.8 b cgroup=v2-ish is a reason, not a condition\n",
      "x.txt");
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.status().message(), "x.txt:3: unknown cgroup layout \"v2-ish\" (v1, v2 or hybrid)");

  entries = ParseExpectedFailures(
      "crun 1.8 a cgroup=v2 leaves its cgroup on v2\n"
      "crun 1.8 a cgroup=hybrid another reason\n"
      "crun 1.8 b cgroups are fine\n",
      "x.txt");
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].cgroup, "v2");
  EXPECT_EQ((*entries)[0].reason, "leaves its cgroup on v2");
  EXPECT_EQ((*entries)[2].cgroup, "");
  EXPECT_EQ((*entries)[2].reason, "cgroups are fine");

  const ExpectedFailure* v2 = FindExpectedFailure(*entries, "crun", "crun", "1.8.1", "a", "v2");
  ASSERT_NE(v2, nullptr);
  EXPECT_EQ(v2->line, 1);
  const ExpectedFailure* hybrid =
      FindExpectedFailure(*entries, "crun", "crun", "1.8.1", "a", "hybrid");
  ASSERT_NE(hybrid, nullptr);
  EXPECT_EQ(hybrid->line, 2);
  EXPECT_EQ(FindExpectedFailure(*entries, "crun", "crun", "1.8.1", "a", "v1"), nullptr);
  EXPECT_EQ(FindExpectedFailure(*entries, "crun", "crun", "1.8.1", "a"), nullptr);
  EXPECT_NE(FindExpectedFailure(*entries, "crun", "crun", "1.8.1", "b", "v1"), nullptr);
  EXPECT_NE(FindExpectedFailure(*entries, "crun", "crun", "1.8.1", "b"), nullptr);
}

TEST(ExpectedFailuresTest, ErrorsNameTheLine) {
  EXPECT_EQ(ParseExpectedFailures("\nrunc 1.1 hostname/set\n", "x.txt").status().message(),
            "x.txt:2: expected <runtime-name> <version-prefix> <scenario-name> [cgroup=<layout>] "
            "<reason...>");
  EXPECT_EQ(ParseExpectedFailures("runc 1 a r\nrunc 1 a again\n", "x.txt").status().message(),
            "x.txt:2: duplicate of line 1");
}

TEST(ExpectedFailuresTest, MatchesNameOrBasenameAndVersionAtAComponentBoundary) {
  std::vector<ExpectedFailure> entries = {
      {.runtime = "runc", .version_prefix = "1.1", .scenario = "a", .reason = "r"},
      {.runtime = "*", .version_prefix = "*", .scenario = "b", .reason = "r"},
  };
  EXPECT_NE(FindExpectedFailure(entries, "runc", "runc", "1.1.5+ds1", "a"), nullptr);
  EXPECT_NE(FindExpectedFailure(entries, "runc", "runc", "1.1", "a"), nullptr);
  EXPECT_NE(FindExpectedFailure(entries, "other", "runc", "1.1.0", "a"), nullptr);
  EXPECT_EQ(FindExpectedFailure(entries, "runc", "runc", "1.10.0", "a"), nullptr);
  EXPECT_EQ(FindExpectedFailure(entries, "runc", "runc", "1.2.0", "a"), nullptr);
  EXPECT_EQ(FindExpectedFailure(entries, "crun", "crun", "1.1.5", "a"), nullptr);
  EXPECT_NE(FindExpectedFailure(entries, "youki", "youki", "0.3.0", "b"), nullptr);
  EXPECT_EQ(FindExpectedFailure(entries, "runc", "runc", "1.1.5", "c"), nullptr);
}

}  // namespace
}  // namespace rt::suite

#ifdef RT_SOURCE_DIR
#include "suite/files.h"
#include "suite/op_scenario.h"
#include "suite/scenario.h"

namespace rt::suite {
namespace {

TEST(ExpectedFailuresTest, TheReviewedFileParsesAndNamesRealScenarios) {
  const std::string path = RT_SOURCE_DIR "/suite/expected-failures.txt";
  Result<std::string> text = ReadFile(path);
  ASSERT_TRUE(text.ok()) << text.status().message();
  Result<std::vector<ExpectedFailure>> entries = ParseExpectedFailures(*text, path);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  for (const ExpectedFailure& e : *entries) {
    bool known = false;
    for (const Scenario* s : AllScenarios()) known = known || e.scenario == s->name;
    for (const OpScenario* s : AllOpScenarios()) known = known || e.scenario == s->name;
    EXPECT_TRUE(known) << path << ":" << e.line << ": no scenario " << e.scenario;
  }
}

}  // namespace
}  // namespace rt::suite
#endif
