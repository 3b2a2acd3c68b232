#include "report/report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace rt::report {
namespace {

Assertion Failed(Level level) {
  Assertion a;
  a.id = "hostname";
  a.level = level;
  a.reference = "config.md#hostname";
  a.outcome = Outcome::kFail;
  a.expected = "\"web-1\"";
  a.found = "\"runc\"";
  return a;
}

TEST(FailureLine, NamesCheckExpectedFoundSectionAndLevel) {
  EXPECT_EQ(FailureLine(Failed(Level::kMust)),
            "hostname: expected \"web-1\", found \"runc\" (config.md#hostname, MUST)");
}

TEST(FailureLine, IncludesSubjectAndErrors) {
  Assertion a = Failed(Level::kMust);
  a.subject = "RLIMIT_NOFILE soft";
  EXPECT_EQ(FailureLine(a),
            "hostname: RLIMIT_NOFILE soft: expected \"web-1\", found \"runc\" "
            "(config.md#hostname, MUST)");
  a.expected = a.found = "";
  a.reason = "cannot verify: open /x: No such file or directory";
  EXPECT_EQ(FailureLine(a),
            "hostname: RLIMIT_NOFILE soft: cannot verify: open /x: No such file "
            "or directory (config.md#hostname, MUST)");
}

TEST(FailureLine, IsAlwaysOneLine) {
  Assertion a = Failed(Level::kMust);
  a.found = "a\nb";
  EXPECT_EQ(FailureLine(a).find('\n'), std::string::npos);
}

TEST(Tap, PassSkipFailAndPlan) {
  Assertion pass;
  pass.id = "process.cwd";
  Assertion skip;
  skip.id = "domainname";
  skip.outcome = Outcome::kSkip;
  skip.reason = "domainname is not set in the config";
  std::ostringstream out;
  WriteTap(out, {pass, skip, Failed(Level::kMust)}, Level::kMust);
  EXPECT_EQ(out.str(),
            "TAP version 13\n"
            "ok 1 - process.cwd\n"
            "ok 2 - domainname # SKIP domainname is not set in the config\n"
            "not ok 3 - hostname\n"
            "  ---\n"
            "  expected: \"\\\"web-1\\\"\"\n"
            "  actual: \"\\\"runc\\\"\"\n"
            "  level: MUST\n"
            "  reference: \"config.md#hostname\"\n"
            "  ...\n"
            "1..3\n");
}

TEST(Tap, DescriptionCannotStartADirective) {
  Assertion a;
  a.id = "x";
  a.subject = "a # TODO b";
  std::ostringstream out;
  WriteTap(out, {a}, Level::kMust);
  EXPECT_NE(out.str().find("ok 1 - x: a _ TODO b\n"), std::string::npos);
}

TEST(ComplianceLevel, FailureBelowTheLevelIsASkipAndStaysOffStderr) {
  std::vector<Assertion> results = {Failed(Level::kShould)};
  std::ostringstream out, err;
  WriteTap(out, results, Level::kMust);
  WriteFailures(err, results, Level::kMust);
  EXPECT_NE(out.str().find("ok 1 - hostname # SKIP SHOULD failure below the compliance level"),
            std::string::npos);
  EXPECT_EQ(err.str(), "");
  EXPECT_FALSE(AnyCountedFailure(results, Level::kMust));
  EXPECT_TRUE(AnyCountedFailure(results, Level::kShould));
  EXPECT_TRUE(AnyCountedFailure(results, Level::kMay));
}

TEST(ComplianceLevel, MustAlwaysCounts) {
  EXPECT_TRUE(Counts(Level::kMust, Level::kMust));
  EXPECT_TRUE(Counts(Level::kMust, Level::kMay));
  EXPECT_FALSE(Counts(Level::kMay, Level::kShould));
  EXPECT_TRUE(Counts(Level::kMay, Level::kMay));
}

}  // namespace
}  // namespace rt::report
