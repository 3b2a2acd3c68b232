// Choosing checks by name: check ids, and the test names of youki's runtimetest as aliases.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "util/status.h"

namespace rt::checks {

struct Alias {
  std::string_view name;                 // youki test name, e.g. "set_host_name"
  std::vector<std::string_view> checks;  // check ids it runs
};

const std::vector<Alias>& Aliases();

// Check ids that spec areas still to come will provide; an alias naming one is refused clearly.
bool IsPlannedCheck(std::string_view id);

// The checks the positional names select, in table order, each once. No names: all checks.
// An unknown name, or an alias whose checks do not exist yet, is an error that says so.
Result<std::vector<const CheckDef*>> SelectChecks(const std::vector<std::string>& names);

}  // namespace rt::checks
