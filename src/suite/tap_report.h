// The suite's report: TAP 13 on stdout, one test point per scenario ("ok 3 - runc hostname/set"),
// a YAML block with the evidence under each failure, the plan, and the closing line
// "N passed, N failed, N skipped" that CI counts. Expected failures (TODO) count as skipped and
// do not fail the run; an expected failure that passed counts as passed.
#pragma once

#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "suite/expected_failures.h"
#include "suite/run_record.h"
#include "suite/runner.h"

namespace rt::suite {

struct RuntimeInfo {
  std::string path;
  std::string basename;  // names the test points
  RuntimeVersion version;
  Mode mode = Mode::kRun;
};

// How a result is reported once the expected failures are taken into account.
Reported Classify(Outcome outcome, const ExpectedFailure* known);

// "3 passed, 1 failed, 2 skipped"
std::string FormatSummary(const Tally& tally);

// A YAML mapping as a TAP 13 diagnostic block ("  ---" ... "  ..."); multi-line values become
// literal block scalars, others double-quoted strings.
std::string FormatYamlBlock(const std::vector<std::pair<std::string, std::string>>& fields);

// The YAML fields of a failed operation scenario: the failing step, why, its commands with their
// exit and output, what the container printed, then every command of the scenario.
std::vector<std::pair<std::string, std::string>> OpFields(const ScenarioResult& result,
                                                          const RuntimeInfo& runtime);

// The model's record of one result: verdict, headline, the YAML fields TAP shows under a failure
// (expected failures too), commands with their output, timing, and the scenario's check, spec
// section and level.
ScenarioRecord MakeScenarioRecord(const ScenarioResult& result, Reported reported,
                                  const ExpectedFailure* known, const RuntimeInfo& runtime);

// The test point (and its YAML block where there is something to show) for one record;
// `runtime_name` names it ("ok 3 - runc hostname/set").
std::string FormatTestPoint(int number, std::string_view runtime_name, const ScenarioRecord& s);
// The same, made from a result.
std::string FormatTestPoint(int number, const ScenarioResult& result, Reported reported,
                            const ExpectedFailure* known, const RuntimeInfo& runtime);

// The report files and the TAP stream are made from the run model through this interface: the
// suite calls Begin once a run's facts are known, Add after each scenario (the record is
// run.scenarios.back()), Note for a comment of the run, and, once all runs (one per runtime, in
// order) are done, Finish with them all, also after an interruption (with what ran; the last
// run's `interrupted` says why it stopped).
class RunReport {
 public:
  virtual ~RunReport() = default;
  virtual void Begin(const RunRecord& run) = 0;
  virtual void Add(const RunRecord& run, const ScenarioRecord& scenario) = 0;
  virtual void Note(const RunRecord& run, std::string_view text) = 0;
  virtual Status Finish(std::span<const RunRecord> runs) = 0;
};

// TAP 13 as the suite goes: to a stream, flushed after every test point, or collected and
// written to a file at Finish. Several runs make one stream: one version line, one plan, the
// test points numbered on; each run opens with its runtime's comment and, when there are
// several, closes with "# <runtime>: N passed, N failed, N skipped".
class TapReport : public RunReport {
 public:
  explicit TapReport(std::FILE* out);         // streams
  explicit TapReport(std::string file_path);  // a file, written at Finish (atomically)
  void Begin(const RunRecord& run) override;
  void Add(const RunRecord& run, const ScenarioRecord& scenario) override;
  void Note(const RunRecord& run, std::string_view text) override;
  // The last run's summary comment (several runs), Bail out (if interrupted), plan, summary.
  Status Finish(std::span<const RunRecord> runs) override;
  const Tally& tally() const { return tally_; }

 private:
  void Write(const std::string& text);
  std::FILE* out_ = nullptr;
  std::string file_path_;
  std::string text_;  // the file's contents so far
  void RunSummary();  // "# <runtime>: ..." of the run that began last
  Tally tally_;
  Tally run_start_;    // tally_ when the last run began
  std::string runtime_;  // its runtime's name
  int runs_ = 0;         // begun so far
  int number_ = 0;
};

}  // namespace rt::suite
