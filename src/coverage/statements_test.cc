// The spec coverage index: the one compiled in holds together with the check and scenario
// tables, and the parser and the validator refuse what would make the map dishonest.
#include "coverage/statements.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <deque>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "checks/check.h"
#include "util/file.h"
#include "util/text.h"

namespace rt::coverage {
namespace {

constexpr const char* kRow =
    "cfg.root.1\tconfig.md\t43\troot\tMUST\troot.readonly\t-\tread-only root\n";

Names FakeNames() {
  return {.checks = {"root.readonly", "hostname"},
          .scenarios = {"hostname/set", "ops/kill/term", "ops/kill/created"}};
}

// Statements are views into their text: the texts of a test stay alive for the whole run.
std::vector<Statement> ParseOk(std::string tsv) {
  static std::deque<std::string> texts;
  Result<std::vector<Statement>> r = ParseStatements(texts.emplace_back(std::move(tsv)));
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : std::vector<Statement>{};
}

std::string ParseError(const std::string& tsv) {
  Result<std::vector<Statement>> r = ParseStatements(tsv);
  EXPECT_FALSE(r.ok()) << tsv;
  return r.ok() ? "" : r.status().message();
}

// Compiled in gzipped, read back whole: spec/statements.tsv without its comment lines.
TEST(CoverageIndexTest, TheEmbeddedIndexIsTheIndexFileWithoutComments) {
  Result<std::string> file = ReadWholeFile(std::string(RT_SOURCE_DIR) + "/spec/statements.tsv");
  ASSERT_TRUE(file.ok()) << file.status().message();
  std::string expected;
  for (std::string_view line : Lines(*file)) {
    if (!line.starts_with("#")) expected.append(line).append("\n");
  }
  EXPECT_EQ(EmbeddedIndex(), expected);
}

TEST(CoverageIndexTest, TheEmbeddedIndexNamesOnlyExistingChecksAndScenarios) {
  Result<std::vector<Statement>> statements = ParseStatements(EmbeddedIndex());
  ASSERT_TRUE(statements.ok()) << statements.status().message();
  EXPECT_GT(statements->size(), 300u);
  for (const std::string& problem : Validate(*statements, KnownNames())) ADD_FAILURE() << problem;
}

TEST(CoverageIndexTest, EveryStatementIsCoveredOrSaysWhyNot) {
  Result<std::vector<Statement>> statements = ParseStatements(EmbeddedIndex());
  ASSERT_TRUE(statements.ok()) << statements.status().message();
  for (const Statement& s : *statements) {
    if (s.kind == Kind::kCovered) {
      EXPECT_FALSE(s.covered_by.empty()) << s.id;
    } else {
      EXPECT_FALSE(s.reason.empty()) << s.id;
    }
  }
}

// A new check must say which statement it tests. Two checks verify rules the spec states without
// an RFC 2119 keyword, so no indexed statement is theirs: fd_control (runtime-linux.md#file-
// descriptors) and process.execCPUAffinity (config.md#linux-process: what `final` means; its
// one keyword, a SHOULD NOT for an omitted `final`, no scenario tests).
TEST(CoverageIndexTest, EveryCheckCoversAStatement) {
  Result<std::vector<Statement>> statements = ParseStatements(EmbeddedIndex());
  ASSERT_TRUE(statements.ok()) << statements.status().message();
  std::set<std::string_view> named;
  for (const Statement& s : *statements) named.insert(s.covered_by.begin(), s.covered_by.end());
  for (const checks::CheckDef& c : checks::AllChecks()) {
    if (c.id == "fd_control" || c.id == "process.execCPUAffinity") continue;
    EXPECT_TRUE(named.count(c.id)) << c.id << " covers no statement of spec/statements.tsv";
  }
}

TEST(CoverageIndexTest, ParsesCoveredAndUncoveredStatements) {
  const std::vector<Statement> s = ParseOk(
      std::string("# a comment\n") + kRow +
      "rt.kill.1\truntime.md\t134\tkill\tMUST\t-\tnot testable: no id\tkill needs an id\n"
      "rt.kill.2\truntime.md\t135\tkill\tMUST\t-\tnot yet covered\tkill of a stopped one\n"
      "cfg.root.2\tconfig.md\t30\troot\tREQUIRED\t-\tn/a: Windows only\troot on Windows\n"
      "rt.kill.3\truntime.md\t136\tkill\tMUST\tops/kill/term, ops/kill/*\t-\tsignal sent\n");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].id, "cfg.root.1");
  EXPECT_EQ(s[0].line, 43);
  EXPECT_EQ(s[0].kind, Kind::kCovered);
  EXPECT_EQ(s[1].kind, Kind::kNotTestable);
  EXPECT_EQ(s[2].kind, Kind::kNotYetCovered);
  EXPECT_EQ(s[3].kind, Kind::kNotApplicable);
  EXPECT_EQ(s[4].covered_by, (std::vector<std::string_view>{"ops/kill/term", "ops/kill/*"}));
  EXPECT_TRUE(Validate(s, FakeNames()).empty());
}

TEST(CoverageIndexTest, AStatementWithNeitherCoverageNorReasonIsRefused) {
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\t134\tkill\tMUST\t-\t-\tkill needs an id\n")
                .find("rt.kill.1: give either the checks/scenarios that test it or a reason, "
                      "not neither"),
            std::string::npos);
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\t134\tkill\tMUST\t\t\tkill needs an id\n")
                .find("not neither"),
            std::string::npos);
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\t134\tkill\tMUST\tops/kill/term\tnot yet covered\t"
                       "kill\n")
                .find("not both"),
            std::string::npos);
}

TEST(CoverageIndexTest, RefusesMalformedRows) {
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\t134\tkill\tMUST\t-\tbecause\tx\n")
                .find("a reason starts with"),
            std::string::npos);
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\t134\tkill\tMAY\t-\tnot yet covered\tx\n")
                .find("level \"MAY\""),
            std::string::npos);
  EXPECT_NE(ParseError("rt.kill.1\tbundle.md\t1\tkill\tMUST\t-\tnot yet covered\tx\n")
                .find("not indexed"),
            std::string::npos);
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\tx\tkill\tMUST\t-\tnot yet covered\tx\n")
                .find("not a line number"),
            std::string::npos);
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\t134\tkill\tMUST\t-\tnot yet covered\n")
                .find("spec/statements.tsv:1: 8 tab-separated fields expected, found 7"),
            std::string::npos);
  EXPECT_NE(ParseError("rt.kill.1\truntime.md\t134\tkill\tMUST\t-\tnot yet covered\t\n")
                .find("must not be empty"),
            std::string::npos);
}

TEST(CoverageIndexTest, ANameOfNoCheckOrScenarioIsAProblem) {
  const std::vector<Statement> s = ParseOk(
      "a.1\tconfig.md\t1\ta\tMUST\troot.readonly,hostname/set,no.such.check\t-\tx\n"
      "a.2\tconfig.md\t2\ta\tMUST\tops/kill/*,ops/nothing/*\t-\tx\n"
      "a.1\tconfig.md\t3\ta\tMUST\thostname\t-\tx\n");
  EXPECT_EQ(Validate(s, FakeNames()),
            (std::vector<std::string>{"a.1: \"no.such.check\" names no check or scenario",
                                      "a.2: \"ops/nothing/*\" names no check or scenario",
                                      "a.1: duplicated id"}));
}

TEST(CoverageIndexTest, RendersStatementsAndTotalsPerFileAndLevel) {
  const std::vector<Statement> s = ParseOk(
      std::string(kRow) +
      "rt.kill.1\truntime.md\t134\tkill\tMUST\t-\tnot yet covered\tkill of a stopped one\n"
      "rt.kill.2\truntime.md\t136\tkill\tMUST\tops/kill/term,ops/kill/created\t-\tsignal sent\n"
      "rt.kill.3\truntime.md\t137\tkill\tMUST NOT\t-\tn/a: a rule for the config's author\tx\n");
  const std::string text = Render(s, {.scenarios_per_check = {{"root.readonly", 4}}});
  EXPECT_NE(text.find("cfg.root.1  config.md#root  MUST: read-only root\n"
                      "    covered by root.readonly (4 scenarios)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("rt.kill.1  runtime.md#kill  MUST: kill of a stopped one\n"
                      "    not yet covered\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    covered by ops/kill/term, ops/kill/created\n"), std::string::npos);
  // file, level, statements, n/a, covered, share (of all but n/a), not testable, not yet covered
  EXPECT_NE(text.find("config.md         MUST                      1    0        1   100%"
                      "             0                0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("runtime.md        all                       3    1        1    50%"
                      "             0                1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("runtime.md        MUST NOT                  1    1        0      -"
                      "             0                0\n"),
            std::string::npos)
      << text;

  const std::string uncovered = Render(s, {.uncovered_only = true});
  EXPECT_EQ(uncovered.find("cfg.root.1"), std::string::npos);
  EXPECT_NE(uncovered.find("rt.kill.1"), std::string::npos);

  const std::string tsv = Render(s, {.tsv = true});
  EXPECT_NE(tsv.find("rt.kill.2\truntime.md#kill\t136\tMUST\tcovered\tops/kill/term,"
                     "ops/kill/created\t\tsignal sent\n"),
            std::string::npos)
      << tsv;

  const std::string totals = Render(s, {.totals_only = true});
  EXPECT_EQ(totals.find("rt.kill"), std::string::npos);
  EXPECT_EQ(totals.rfind("file ", 0), 0u);
}

// README's "Spec coverage" table is what `runtimetest coverage --totals` prints, row for row.
TEST(CoverageIndexTest, TheReadmeShowsTheTotalsOfTheIndex) {
  Result<std::vector<Statement>> statements = ParseStatements(EmbeddedIndex());
  ASSERT_TRUE(statements.ok()) << statements.status().message();
  std::vector<std::string> want;
  const std::string totals = Render(*statements, {.totals_only = true});
  for (std::string_view line : Lines(totals)) {
    // "config-linux.md   NOT RECOMMENDED    2    2 ...": the file, the level (maybe two words),
    // then the numbers.
    const std::vector<std::string_view> words = Words(line);
    if (words.empty() || words[0] == "file") continue;
    std::string row = "| " + std::string(words[0]) + " | ";
    size_t i = 1;
    std::string level;
    for (; i < words.size() && !std::isdigit(static_cast<unsigned char>(words[i][0])) &&
           words[i] != "-";
         ++i) {
      level += (level.empty() ? "" : " ") + std::string(words[i]);
    }
    row += level;
    for (; i < words.size(); ++i) row += " | " + std::string(words[i]);
    want.push_back(row + " |");
  }
  Result<std::string> readme = ReadWholeFile(std::string(RT_SOURCE_DIR) + "/README.md");
  ASSERT_TRUE(readme.ok()) << readme.status().message();
  const std::string header =
      "| file | level | statements | n/a | covered | share | not testable | not yet covered |\n"
      "|---|---|---|---|---|---|---|---|\n";
  const size_t at = readme->find(header);
  ASSERT_NE(at, std::string::npos) << "README has no Spec coverage table";
  std::vector<std::string> got;
  for (std::string_view line : Lines(std::string_view(*readme).substr(at + header.size()))) {
    if (line.empty() || line[0] != '|') break;
    got.emplace_back(line);
  }
  EXPECT_EQ(got, want)
      << "update README's Spec coverage table from `runtimetest coverage --totals`";
}

// Runs the product with `args`; its exit status and its stdout and stderr together.
std::pair<int, std::string> RunBinary(const std::string& args) {
  FILE* p = popen((std::string(RT_BINARY) + " " + args + " 2>&1").c_str(), "r");
  if (p == nullptr) return {-1, "popen failed"};
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// The subcommand of the product: the embedded index is sound, so it prints and exits 0.
TEST(CoverageIndexTest, TheBinaryPrintsTheMap) {
  auto [status, out] = RunBinary("coverage --totals");
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("config-linux.md   MUST "), std::string::npos) << out;
  EXPECT_NE(out.find("runtime-linux.md  MUST "), std::string::npos) << out;

  std::tie(status, out) = RunBinary("coverage --bogus");
  EXPECT_EQ(status, 2) << out;
  EXPECT_NE(out.find("unknown argument \"--bogus\""), std::string::npos) << out;
}

}  // namespace
}  // namespace rt::coverage
