// Judging the steps of operation scenarios (op_scenario.h) from what was observed: pure, so
// every rule is a unit test. Each function returns "" when the step met its expectation, else
// one line saying why not, written for the runtime's developer.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "suite/runtime_client.h"

namespace rt::suite {

// A container as `state` showed it at one moment: present with its state, or absent (`state`
// failed; `why` holds its complaint).
struct StateSnapshot {
  bool present = false;
  std::string status;
  int pid = 0;
  std::string bundle;
  std::string why;  // absent: how `state` failed; present but unparsable: the parse error
};

// From one `state ID` call.
StateSnapshot SnapshotOf(const CommandRecord& state, std::string_view id);

// "created, pid 42" / "absent (`state` exit 1)".
std::string Describe(const StateSnapshot& snapshot);

// A step that must generate an error (runtime.md#errors): a non-zero exit, and the container's
// state as it was before (absent both times, or the same status, pid and bundle).
std::string JudgeError(const CommandRecord& step, const StateSnapshot& before,
                       const StateSnapshot& after);

// A step whose error stops the container (a failing hook, runtime.md#lifecycle): a non-zero exit;
// the state is not compared.
std::string JudgeStopped(const CommandRecord& step);

// A step that must succeed: exit 0.
std::string JudgeSuccess(const CommandRecord& step);

// `state` output: valid (ParseState), `status` as wanted (null: any), every annotation of the
// config echoed with its value (runtime.md#state).
std::string JudgeState(std::string_view state_json, std::string_view id, std::string_view bundle,
                       const std::map<std::string, std::string>& config_annotations,
                       const char* want_status);

// A file the container wrote: exactly `want` ("ready\nUSR1\n"); says which line differs.
std::string JudgeFileText(std::string_view text, std::string_view want);

// Whether `text` has `line` as one of its lines.
bool HasLine(std::string_view text, std::string_view line);

}  // namespace rt::suite
