// Walks the chosen entries of the check table and collects their assertions.
#pragma once

#include <string_view>
#include <vector>

#include "checks/check.h"

namespace rt::checks {

// The annotation that blinds checks, a test hook of the suite: its value is a comma-separated
// list of check ids, and every failure those checks record becomes a SKIP "cannot observe
// (blinded by org.runtimetest.blind)". A negative scenario run blinded must then not fail with
// the same finding, which shows that its failure came from a real measurement.
inline constexpr std::string_view kBlindAnnotation = "org.runtimetest.blind";

// Runs each check in order. A check cannot throw: the program has no exceptions, and a broken
// invariant of ours ends the run through util/fatal.h.
std::vector<report::Assertion> RunChecks(const std::vector<const CheckDef*>& checks,
                                         const Context& ctx);

}  // namespace rt::checks
