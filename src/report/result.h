// The result model shared by the checks and the reporters.
#pragma once

#include <string>
#include <string_view>

namespace rt::report {

enum class Level { kMust, kShould, kMay };
enum class Outcome { kPass, kFail, kSkip };

std::string_view LevelName(Level level);  // "MUST", "SHOULD", "MAY"

struct Assertion {
  std::string id;       // check id, or a sub-id below it
  std::string subject;  // what exactly was compared, e.g. "RLIMIT_NOFILE soft"; may be empty
  Level level = Level::kMust;
  std::string reference;  // "config.md#hostname"
  Outcome outcome = Outcome::kPass;
  std::string expected;  // failures: as written in the failure line
  std::string found;
  std::string reason;  // skips: why; errors: the error text
};

}  // namespace rt::report
