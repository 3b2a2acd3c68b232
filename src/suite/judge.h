// Judging one scenario from what was observed: pure, so every rule is a unit test.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suite/process.h"
#include "suite/scenario.h"

namespace rt::suite {

// What a scenario run produced, whatever the mode.
struct Observation {
  bool timed_out = false;
  // The runtime command that launches the container (`run`, or `create` in lifecycle mode);
  // unset when it could not be started.
  std::optional<ExitStatus> launch_exit;
  // runtimetest's exit: `run`'s exit status, or the container process's in lifecycle mode.
  std::optional<ExitStatus> container_exit;
  std::string container_stdout;  // stdout of runtimetest (TAP) or of `run`
  std::string container_stderr;  // stderr of runtimetest, or of the runtime when it never ran
  std::string runtime_stderr;    // the runtime's own complaints (`create`, state, start, ...)
  // Failure lines of the suite's own check from the host (Scenario::host_cgroups), in
  // runtimetest's format.
  std::string host_stderr;
  // Lifecycle and cleanup findings that fail any scenario: a bad `state`, a failed `start` or
  // `delete`, a container left behind.
  std::vector<std::string> problems;
};

struct Verdict {
  bool passed = false;
  std::string message;  // why it failed (one line), empty when it passed
};

// Whether runtimetest ran: its stdout has the line "TAP version 13". Without it, whatever came on
// stderr is the runtime's.
bool RuntimetestRan(std::string_view stdout_text);

// Whether `stderr_text` has a failure line of check `check_id`: a line starting with the id,
// followed by ':', ' ' or '.' (a sub-id) .
bool HasFailureLine(std::string_view stderr_text, std::string_view check_id);

// Whether `line` is of check `check_id` or a sub-id below it ("process.capabilities.bounding"
// is of "process.capabilities"): it starts with the id, followed by ':', ' ' or '.'.
bool IsLineOfCheck(std::string_view line, std::string_view check_id);

// Whether `line` is a definite disagreement, "<id>[: subject]: expected X, found Y (ref,
// LEVEL)", rather than a check saying it could not look ("... cannot verify: ...", "... cannot
// observe ...").
bool IsDefiniteDisagreement(std::string_view line);

// The part of a definite line that says what was asked: from the start up to ", found ".
std::string_view ExpectedPart(std::string_view line);

// The line of `stderr_text` that speaks for the scenario: a definite disagreement of its check
// (one naming `told` first), else the first line of its check, else the first line; "" when
// stderr is empty.
std::string ScenarioCheckLine(const Scenario& scenario, std::string_view stderr_text);

// The failure lines a scenario is judged on: the host check's, then runtimetest's.
std::string FindingLines(const Observation& seen);

// Positive: exit 0 and empty stderr (and no failure line of the host check). Must-reject: the runtime refused and left nothing. Negative:
// exit 1 and a definite disagreement of check_id (or a sub-id) whose expected part names `told`,
// so neither a "cannot verify" line nor a line the positive run also prints can satisfy it.
Verdict Judge(const Scenario& scenario, const Observation& seen);

// `--blind-negatives`: a negative scenario run with its check blinded (annotation
// org.runtimetest.blind in /spec.json, every failure of the check becomes a SKIP) passes exactly
// when Judge refuses it, and its message says why Judge refused; it fails when Judge accepts it
// (the negative's pass never needed the check to look) or when the run itself went wrong
// (timeout, runtimetest never ran, lifecycle problems), which proves nothing.
Verdict JudgeBlinded(const Scenario& scenario, const Observation& seen);

// The first line of `text` (for one-line messages), shortened to `max` bytes.
std::string FirstLine(std::string_view text, size_t max = 200);

// The last `lines` lines of `text`.
std::string Tail(std::string_view text, size_t lines);

}  // namespace rt::suite
