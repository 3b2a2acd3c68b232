// Reporters: they only format assertions. TAP 13 goes to stdout for tools; one line per counted
// failure goes to stderr for people (and for harnesses that treat empty stderr as a pass).
#pragma once

#include <string>
#include <vector>

#include "report/result.h"

namespace rt::report {

// Whether a failure at `level` counts under `--compliance-level threshold`: MUST counts always,
// SHOULD under should and may, MAY under may only.
bool Counts(Level level, Level threshold);

// "hostname: expected "web-1", found "runc" (config.md#hostname, MUST)". One line of at most
// kMaxReportLine bytes (util/text.h): subject, expected, found and reason are abbreviated first,
// so the reference and level stay.
std::string FailureLine(const Assertion& a);

// The whole TAP 13 stream: version line, one test line per assertion (failures below the
// threshold become "# SKIP"), a YAML block under each counted failure, the plan line last. No
// line is longer than kMaxReportLine bytes: descriptions, reasons and YAML values are
// abbreviated ("… (N more bytes)").
std::string TapText(const std::vector<Assertion>& assertions, Level threshold);

// FailureLine and a newline for every counted failure: what goes to stderr.
std::string FailuresText(const std::vector<Assertion>& assertions, Level threshold);

// Whether any failure counts.
bool AnyCountedFailure(const std::vector<Assertion>& assertions, Level threshold);

}  // namespace rt::report
