// The suite's report: TAP 13 on stdout, one test point per scenario ("ok 3 - runc hostname/set"),
// a YAML block with the evidence under each failure, the plan, and the closing line
// "N passed, N failed, N skipped" that CI counts. Expected failures (TODO) count as skipped and
// do not fail the run; an expected failure that passed counts as passed.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "suite/expected_failures.h"
#include "suite/runner.h"

namespace rt::suite {

struct RuntimeInfo {
  std::string path;
  std::string basename;  // names the test points
  RuntimeVersion version;
  Mode mode = Mode::kRun;
};

enum class Reported { kPass, kFail, kSkip, kExpectedFailure, kUnexpectedPass };

// How a result is reported once the expected failures are taken into account.
Reported Classify(Outcome outcome, const ExpectedFailure* known);

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int expected_failures = 0;  // also counted in skipped
  int unexpected_passes = 0;  // also counted in passed
  int total() const { return passed + failed + skipped; }
  void Add(Reported reported);
};

// "3 passed, 1 failed, 2 skipped"
std::string FormatSummary(const Tally& tally);

// A YAML mapping as a TAP 13 diagnostic block ("  ---" ... "  ..."); multi-line values become
// literal block scalars, others double-quoted strings.
std::string FormatYamlBlock(const std::vector<std::pair<std::string, std::string>>& fields);

// The YAML fields of a failed operation scenario: the failing step, why, its commands with their
// exit and output, what the container printed, then every command of the scenario.
std::vector<std::pair<std::string, std::string>> OpFields(const ScenarioResult& result,
                                                          const RuntimeInfo& runtime);

// The test point (and its YAML block where there is something to show) for one result.
std::string FormatTestPoint(int number, const ScenarioResult& result, Reported reported,
                            const ExpectedFailure* known, const RuntimeInfo& runtime);

// Writes the report as the suite goes, flushing after every test point.
class TapReport {
 public:
  TapReport(std::FILE* out, RuntimeInfo runtime);
  void Header();
  void Add(const ScenarioResult& result, const ExpectedFailure* known);
  void Comment(std::string_view text);  // "# text"
  void BailOut(std::string_view reason);
  void Finish();  // the plan and the closing summary line
  const Tally& tally() const { return tally_; }

 private:
  void Write(const std::string& text);
  std::FILE* out_;
  RuntimeInfo runtime_;
  Tally tally_;
  int number_ = 0;
};

}  // namespace rt::suite
