#include "report/report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "util/text.h"

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
  EXPECT_EQ(TapText({pass, skip, Failed(Level::kMust)}, Level::kMust),
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
  EXPECT_NE(TapText({a}, Level::kMust).find("ok 1 - x: a _ TODO b\n"), std::string::npos);
}

// Flatten scans eight bytes at a time: newlines, carriage returns and '#' are replaced at every
// offset within a word and in the tail, other control bytes, UTF-8 and the rest are kept.
TEST(Tap, EveryNewlineAndHashIsReplacedWhereverItStands) {
  for (size_t at = 0; at < 20; ++at) {
    for (char c : {'\n', '\r', '#'}) {
      Assertion a;
      a.id = "x";
      a.subject = std::string(at, 'a') + c + "\t\x01\xc3\xa9z";
      a.outcome = Outcome::kSkip;
      a.reason = std::string(at, 'r') + c + "\x1f#";  // reasons keep '#'
      const std::string want_subject = std::string(at, 'a') + (c == '#' ? '_' : ' ') +
                                       "\t\x01\xc3\xa9z";
      const std::string want_reason = std::string(at, 'r') + (c == '#' ? '#' : ' ') + "\x1f#";
      EXPECT_EQ(TapText({a}, Level::kMust),
                "TAP version 13\nok 1 - x: " + want_subject + " # SKIP " + want_reason + "\n1..1\n")
          << "at " << at << " char " << static_cast<int>(c);
    }
  }
}

TEST(ComplianceLevel, FailureBelowTheLevelIsASkipAndStaysOffStderr) {
  std::vector<Assertion> results = {Failed(Level::kShould)};
  const std::string out = TapText(results, Level::kMust);
  EXPECT_NE(out.find("ok 1 - hostname # SKIP SHOULD failure below the compliance level"),
            std::string::npos);
  EXPECT_EQ(FailuresText(results, Level::kMust), "");
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

// A check comparing huge values (a million additionalGids, a long path) still writes short lines:
// no stderr line and no TAP line beyond kMaxReportLine bytes, and the end of each line, the
// reference and level or the SKIP directive, survives the cut.
TEST(LineCap, EveryLineStaysWithinTheCap) {
  Assertion a = Failed(Level::kMust);
  a.subject = std::string(100000, 's');
  a.expected = std::string(8 << 20, 'e');
  a.found = std::string(100000, '\x01');  // escaped to four bytes each in YAML
  a.reason = std::string(100000, 'r');
  const std::string line = FailureLine(a);
  EXPECT_LE(line.size(), kMaxReportLine);
  EXPECT_TRUE(line.ends_with("(config.md#hostname, MUST)")) << line.substr(line.size() - 80);
  EXPECT_NE(line.find("… (8387685 more bytes)"), std::string::npos);

  Assertion skipped = a;
  skipped.outcome = Outcome::kSkip;
  Assertion below = a;
  below.level = Level::kShould;
  const std::string tap = TapText({a, skipped, below}, Level::kMust);
  std::istringstream lines(tap);
  int skips = 0;
  for (std::string l; std::getline(lines, l);) {
    EXPECT_LE(l.size(), kMaxReportLine) << l.substr(0, 80);
    if (l.starts_with("ok ")) {
      EXPECT_NE(l.find(" more bytes) # SKIP "), std::string::npos) << l.substr(0, 80);
      ++skips;
    }
  }
  EXPECT_EQ(skips, 2);
  EXPECT_NE(tap.find("  actual: \"\\x01\\x01"), std::string::npos);
  EXPECT_NE(tap.find(" more bytes)\"\n"), std::string::npos);
}

}  // namespace
}  // namespace rt::report
