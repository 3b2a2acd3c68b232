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

Verdict Judge(const Scenario& scenario, const Observation& seen);

// The first line of `text` (for one-line messages), shortened to `max` bytes.
std::string FirstLine(std::string_view text, size_t max = 200);

// The last `lines` lines of `text`.
std::string Tail(std::string_view text, size_t lines);

}  // namespace rt::suite
