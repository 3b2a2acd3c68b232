// The data model of one suite run: one runtime on one host, every scenario with its verdict,
// evidence and timing. The report files (JSON, JUnit, and later the matrix) are made from it, and
// a JSON report read back (ParseRunRecord) is the same model, so reports of separate runs or
// machines can be combined. Its JSON form is described by suite/report.schema.json.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "util/status.h"

namespace rt::suite {

// The identifier and version of the JSON document's shape ("format" in the document). A reader
// refuses another; a change that old readers cannot read gets a new number.
inline constexpr const char* kRunRecordFormat = "runtimetest-run/1";

// What the runtime's `features` subcommand declares (runtime-spec features.md), in short.
struct FeaturesSummary {
  std::string oci_version_min, oci_version_max;
  std::vector<std::string> namespaces;  // linux.namespaces
  std::vector<std::string> cgroup;      // linux.cgroup keys that are true: "v1", "v2", "systemd"
  std::optional<bool> seccomp, apparmor, selinux;  // linux.<x>.enabled, when declared
};

struct RuntimeRecord {
  std::string path;                         // resolved executable
  std::string name;                         // basename; names the TAP test points ("runc")
  std::string version_line;                 // first line of `--version`
  std::string version;                      // "1.1.5"
  std::vector<std::string> args;            // --runtime-arg, in order
  std::optional<FeaturesSummary> features;  // none: the runtime has no `features` subcommand
};

struct HostRecord {
  std::string kernel;         // uname release
  std::string arch;           // uname machine
  std::string cgroup_layout;  // sys::LayoutName: "v1", "v2", "hybrid", ...
  std::vector<std::string> lsms;
  std::string lsms_source;  // where `lsms` came from ("/sys/kernel/security/lsm", or the probes)
};

enum class Reported { kPass, kFail, kSkip, kExpectedFailure, kUnexpectedPass };
const char* ReportedName(Reported reported);  // "pass", "fail", "skip", "expected-failure", ...

// One runtime command of a scenario.
struct CommandRun {
  std::vector<std::string> argv;
  std::string command;  // argv as one shell-quoted line
  std::string result;  // "exit 0", "killed by SIGKILL", "timed out (killed)", "could not start: .."
  std::optional<int> exit_code;
  int signal = 0;  // the signal that ended it, 0 when none
  bool failure_expected = false;
  std::string out, err;  // what it printed (for `run`/`exec`: in Outputs instead)
};

// What the container's process and the runtime printed, as the judge saw it.
struct Outputs {
  std::string container_stdout;   // runtimetest's TAP (or the helper's output)
  std::string container_stderr;   // runtimetest's failure lines
  std::string runtime_stderr;     // the runtime's own complaints
  std::string host_check_stderr;  // the suite's own checks from the host
};

using Details = std::vector<std::pair<std::string, std::string>>;

struct ScenarioRecord {
  std::string name;      // "hostname/set"
  std::string kind;      // "config" or "op"
  std::string check_id;  // the check exercised ("hostname"; "ops/state" for operations)
  std::string spec_ref;  // "config.md#hostname"; empty when it has none
  std::string level;     // "MUST", "SHOULD", "MAY", "convention" (a CLI convention); or empty
  std::string expect;    // "pass", "check-fails", "runtime-rejects", "ops", "ops-negative"
  Reported verdict = Reported::kFail;
  // The headline: for a failure, the YAML block's message (the scenario's own check line); for a
  // skip, the reason; for a pass, what TAP shows after the name (often empty).
  std::string message;
  std::string known_reason;  // expected failure / unexpected pass: the entry's reason
  int known_line = 0;        // ... and its line in the expected-failures file
  Details details;           // failures: the fields of TAP's YAML block, in order
  int64_t duration_us = 0;
  std::string container_id;
  std::string bundle_kept;  // --keep-failed: where its bundle is
  std::string rerun;        // --keep-failed: the command line that reruns it
  std::vector<CommandRun> commands;
  Outputs outputs;
};

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int expected_failures = 0;  // also counted in skipped
  int unexpected_passes = 0;  // also counted in passed
  int total() const { return passed + failed + skipped; }
  void Add(Reported reported);
};

struct RunRecord {
  std::string format = kRunRecordFormat;
  std::string tool_version;  // runtimetest's version
  RuntimeRecord runtime;
  HostRecord host;
  std::string mode;  // "run" or "lifecycle"
  bool blind_negatives = false;
  std::string filter;       // --filter, empty: every scenario
  std::string started;      // UTC, RFC 3339 ("2026-12-03T03:29:33Z")
  int64_t duration_us = 0;  // the whole run
  int planned = 0;          // scenarios selected (an interrupted run has fewer records)
  std::string interrupted;  // "" or why the run stopped early ("interrupted by SIGINT during ...")
  std::vector<std::string> notes;  // comments of the run (cleanup problems)
  std::vector<ScenarioRecord> scenarios;

  Tally tally() const;
};

// The JSON document (suite/report.schema.json), pretty-printed with a final newline. Bytes that
// are not UTF-8 (a runtime's output may hold any) are replaced by U+FFFD.
std::string ToJson(const RunRecord& run);

// Reads a document ToJson wrote. Errors name the field: "scenarios[3].verdict: expected one of
// pass, fail, skip, expected-failure, unexpected-pass, found \"ok\"".
Result<RunRecord> ParseRunRecord(std::string_view json_text);

// The JSON report of a call: one run's document (ToJson) alone, or, for a call that drove several
// runtimes, an array of them, in run order.
std::string RunsToJson(std::span<const RunRecord> runs);

// Reads a document RunsToJson wrote: one run, or an array of runs (errors then start with
// "[i].").
Result<std::vector<RunRecord>> ParseRunRecords(std::string_view json_text);

// "2026-12-03T03:29:33Z" for a time in seconds since the epoch.
std::string Rfc3339Utc(int64_t seconds_since_epoch);

}  // namespace rt::suite
