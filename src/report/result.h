// The result model shared by the checks and the reporters.
#pragma once

#include <string>
#include <string_view>

namespace rt::report {

enum class Level { kMust, kShould, kMay };
enum class Outcome { kPass, kFail, kSkip };

std::string_view LevelName(Level level);  // "MUST", "SHOULD", "MAY"

struct Assertion {
  // The check's id, or a sub-id below it, and the spec section: views of static text (the check
  // table's, or literals), never of a string that is built: an assertion is made hundreds of
  // times per run, and these two were a third of its allocations.
  std::string_view id;
  std::string subject;  // what exactly was compared, e.g. "RLIMIT_NOFILE soft"; may be empty
  Level level = Level::kMust;
  std::string_view reference;  // "config.md#hostname"
  Outcome outcome = Outcome::kPass;
  std::string expected;  // failures: as written in the failure line
  std::string found;
  std::string reason;  // skips: why; errors: the error text
};

}  // namespace rt::report
