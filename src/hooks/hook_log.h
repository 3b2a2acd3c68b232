// The hook log: what `runtimetest hook record` saw, one JSON object per line, appended by each
// hook (and by the container's own process) to a file both the host and the container can write.
// Each line stands alone, so a runtime author can point any bundle's hooks at the recorder and
// read what the runtime passed:
//
//   {"kind":"createRuntime","argv":["hook-0","hook","record",...],"env":["K=v"],"pid":4242,
//    "ns":{"mnt":4026531841,"pid":4026531836,"net":4026531840},"root":{"dev":2049,"ino":2},
//    "state":{"ociVersion":"1.0.2","id":"c1","status":"creating","pid":4240,"bundle":"/b"},
//    "stateProblems":[],
//    "container":{"pid":4240,"exists":true,"runningUserProgram":false,
//                 "ns":{"mnt":4026532301,"pid":4026532304,"net":4026532306}},
//    "unobserved":["..."]}
//
// A value the recorder could not observe is absent (never 0 or false), and "unobserved" says why.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.h"
#include "util/status.h"

namespace rt::hooks {

// The six kinds in the order the lifecycle calls them (runtime.md#lifecycle), and the container's
// own process, which records itself when it is the recorder (kProcess, no state on stdin).
enum class Kind {
  kPrestart,
  kCreateRuntime,
  kCreateContainer,
  kStartContainer,
  kPoststart,
  kPoststop,
  kProcess,
};

inline constexpr Kind kHookKinds[] = {Kind::kPrestart,        Kind::kCreateRuntime,
                                      Kind::kCreateContainer, Kind::kStartContainer,
                                      Kind::kPoststart,       Kind::kPoststop};

// "prestart", "createRuntime", ... "process": the config's member names.
const char* KindName(Kind kind);
std::optional<Kind> ParseKind(std::string_view name);
// Whether hooks of this kind run in the container namespace (config.md#posix-platform-hooks):
// createContainer and startContainer (and the container's process); the others in the runtime's.
bool InContainerNamespace(Kind kind);

// A file's identity.
struct FileId {
  uint64_t dev = 0;
  uint64_t ino = 0;
  bool operator==(const FileId&) const = default;
};

// Inodes of the namespaces a process is in, by type ("mnt", "pid", "net"); a type that could not
// be read is absent.
using NamespaceIds = std::map<std::string, uint64_t>;

// What the recorder learnt about the container process from state.pid.
struct ContainerView {
  std::optional<int64_t> pid;
  std::optional<bool> exists;
  // Whether its executable is the user program (process.args[0] of the config, in the rootfs).
  std::optional<bool> running_user_program;
  NamespaceIds ns;
};

struct Record {
  Kind kind = Kind::kProcess;
  std::vector<std::string> argv;
  std::vector<std::string> env;
  int64_t pid = 0;
  NamespaceIds ns;
  std::optional<FileId> root;             // stat("/") of the recorder
  std::optional<nlohmann::json> state;    // what arrived on stdin, when it is JSON
  std::optional<std::string> state_text;  // what arrived on stdin, when it is not JSON
  std::vector<std::string> state_problems;
  ContainerView container;
  std::vector<std::string> unobserved;  // why a value is absent
};

// One line, without the newline. Strings are written as JSON strings (invalid UTF-8 replaced).
std::string FormatRecord(const Record& record);

// Parses a whole log. An error names the line (1-based) and what is wrong with it; an empty log
// is no records.
Result<std::vector<Record>> ParseHookLog(std::string_view text);

}  // namespace rt::hooks
