// The validator's report file (`runtimetest --report json:FILE`): the assertions of one run as a
// JSON document (suite/assertions.schema.json), for harnesses that would rather not parse TAP.
// stdout and stderr stay as they are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/result.h"

namespace rt::report {

inline constexpr const char* kAssertionsFormat = "runtimetest-assertions/1";

struct RunFacts {
  std::string config_path;  // the config read; empty when none was
  std::string error;        // why it could not run (exit status 2); empty when it ran
  int exit_status = 0;
};

// The document, pretty-printed with a final newline; a failure below `threshold` is a skip, as
// TAP shows it (`counted` false). Bytes that are not UTF-8 become U+FFFD.
std::string AssertionsJson(const std::vector<Assertion>& assertions, Level threshold,
                           const RunFacts& facts);

}  // namespace rt::report
