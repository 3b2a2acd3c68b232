// The reviewed list of known failures (suite/expected-failures.txt): one per line,
//   <runtime-name> <version-prefix> <scenario-name> [cgroup=<layout>] <reason...>
// with '#' starting a comment. `cgroup=v2` (or v1, hybrid) limits an entry to hosts of that
// cgroup layout (sys::LayoutName): a deviation seen only where the kernel shows cgroup v2 alone. A runtime name matches the first word of `<runtime> --version` or
// the runtime executable's basename; a version prefix matches at a component boundary ("1.1"
// matches 1.1.5, not 1.10.0); "*" matches any name or version. A listed failure shows in the
// report (TAP TODO) and does not fail the run; a listed scenario that passes is reported too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace rt::suite {

struct ExpectedFailure {
  std::string runtime;
  std::string version_prefix;
  std::string scenario;
  std::string cgroup;  // "" for any layout, else "v1", "v2" or "hybrid"
  std::string reason;
  int line = 0;
};

// Errors name the line: "expected-failures.txt:3: expected <runtime> <version-prefix> <scenario>
// <reason>".
Result<std::vector<ExpectedFailure>> ParseExpectedFailures(std::string_view text,
                                                           std::string_view file_name);

// The entry for `scenario` under this runtime on a host of this cgroup layout ("v2", ...; an
// unknown layout "" matches only entries without a condition), or null.
const ExpectedFailure* FindExpectedFailure(const std::vector<ExpectedFailure>& entries,
                                           std::string_view runtime_name,
                                           std::string_view runtime_basename,
                                           std::string_view version, std::string_view scenario,
                                           std::string_view cgroup_layout = "");

}  // namespace rt::suite
