// A client of the OCI runtime command line (runtime-spec runtime.md and the runc-compatible CLI
// that runc, crun and youki share): create, start, state, kill, delete, run, list, --version.
// Every call returns what happened as a CommandRecord for the report; `state` output is parsed
// and validated against the spec's state rules.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "suite/process.h"
#include "util/status.h"

namespace rt::suite {

// One runtime invocation as the report shows it.
struct CommandRecord {
  std::vector<std::string> argv;
  std::string command;  // argv as one line, quoted where needed (FormatCommand)
  ExitStatus exit;
  WaitEnd end = WaitEnd::kDone;  // kTimedOut / kInterrupted: the command was killed
  std::string out, err;
  Status spawn_error;             // the command could not be started at all
  bool failure_expected = false;  // e.g. `state` of a container that must be gone

  bool Succeeded() const { return spawn_error.ok() && end == WaitEnd::kDone && exit.Success(); }
  std::string Describe() const;  // "exit 1", "timed out (killed)", "could not start: ..."
};

// The state of a container (runtime.md#state), validated.
struct ContainerState {
  std::string oci_version;
  std::string id;
  std::string status;  // creating, created, running, stopped
  int pid = 0;         // > 0 when created or running
  std::string bundle;
  std::map<std::string, std::string> annotations;  // absent: empty
};

// Parses `state` output and checks it against schema/state-schema.json and runtime.md#state:
// ociVersion a non-empty string, id == expected_id, status one of the four, pid an integer >= 0
// and > 0 when created or running, bundle == expected_bundle, annotations (when present) an
// object of strings.
Result<ContainerState> ParseState(std::string_view json_text, std::string_view expected_id,
                                  std::string_view expected_bundle);

// Container ids from `list --quiet` output, one a line.
std::vector<std::string> ParseListQuiet(std::string_view text);

// "runc version 1.1.5+ds1" -> name "runc", version "1.1.5+ds1" (the first line of --version).
struct RuntimeVersion {
  std::string line;     // the whole first line
  std::string name;     // its first word
  std::string version;  // the word after "version", else the last word
};
RuntimeVersion ParseVersion(std::string_view text);

class RuntimeClient {
 public:
  // `path`: the runtime executable; `global_args`: flags placed before every subcommand
  // (e.g. --root DIR).
  RuntimeClient(std::string path, std::vector<std::string> global_args);

  const std::string& path() const { return path_; }
  const std::vector<std::string>& global_args() const { return global_args_; }
  std::string Basename() const;

  // Command lines, for spawning and for tests.
  std::vector<std::string> Argv(std::initializer_list<std::string_view> subcommand) const;

  // Starts `create --bundle B ID` / `run --bundle B ID` without waiting: the caller owns the
  // child (its stdout/stderr are the container's when the runtime hands its stdio on).
  Result<Child> SpawnCreate(const std::string& bundle, const std::string& id) const;
  Result<Child> SpawnRun(const std::string& bundle, const std::string& id) const;

  // Commands run to completion (exit and end of output) within `deadline`; interrupted when
  // `interrupt_fd` becomes readable (then the command is killed).
  CommandRecord Start(const std::string& id, const Deadline& deadline, int interrupt_fd) const;
  CommandRecord State(const std::string& id, const Deadline& deadline, int interrupt_fd) const;
  CommandRecord Kill(const std::string& id, const std::string& signal, const Deadline& deadline,
                     int interrupt_fd) const;
  CommandRecord Delete(const std::string& id, bool force, const Deadline& deadline,
                       int interrupt_fd) const;
  CommandRecord ListQuiet(const Deadline& deadline, int interrupt_fd) const;
  CommandRecord Version(const Deadline& deadline) const;  // `--version`, no global flags

  // Runs any argv to completion, as the commands above do.
  static CommandRecord RunToEnd(const std::vector<std::string>& argv, const Deadline& deadline,
                                int interrupt_fd);

 private:
  std::string path_;
  std::vector<std::string> global_args_;
};

// Waits for a spawned command to exit and close its output, killing it on timeout or interrupt,
// and records the result.
CommandRecord Finish(Child& child, const std::vector<std::string>& argv, const Deadline& deadline,
                     int interrupt_fd);

}  // namespace rt::suite
