// Walks the chosen entries of the check table and collects their assertions.
#pragma once

#include <vector>

#include "checks/check.h"

namespace rt::checks {

// Runs each check in order. A check that throws (it should not) yields one failure assertion
// with the exception text instead of ending the run.
std::vector<report::Assertion> RunChecks(const std::vector<const CheckDef*>& checks,
                                         const Context& ctx);

}  // namespace rt::checks
