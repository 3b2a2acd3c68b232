// The flags of `runtimetest suite`.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "suite/runner.h"
#include "util/status.h"

namespace rt::suite {

// --report FORMAT:FILE
struct ReportSpec {
  std::string format;  // "tap", "junit", "json", "matrix" (FILE.md or FILE.html)
  std::string path;
};

// The formats --report takes.
inline constexpr const char* kReportFormats[] = {"tap", "junit", "json", "matrix"};

// "json:out/run.json" -> {json, out/run.json}; an unknown format or an empty path is an error.
Result<ReportSpec> ParseReportSpec(std::string_view text);

// One --runtime and the --runtime-arg flags that belong to it.
struct RuntimeOption {
  std::string path;               // --runtime PATH (a bare name is looked up in $PATH)
  std::vector<std::string> args;  // --runtime-arg ARG, repeatable: global flags
  bool operator==(const RuntimeOption&) const = default;
};

struct SuiteOptions {
  // --runtime, repeatable: run one after the other, in this order. A --runtime-arg belongs to
  // the --runtime before it (those before the first --runtime to the first).
  std::vector<RuntimeOption> runtimes;
  std::string filter;                     // --filter REGEX (name_filter.h, searched in the name)
  bool list = false;                      // --list: print the scenarios and exit
  bool help = false;
  std::chrono::milliseconds timeout{10000};  // --timeout SECS, per scenario
  bool keep_failed = false;                  // --keep-failed
  std::string expected_failures;             // --expected-failures FILE
  Mode mode = Mode::kRun;                    // --mode run|lifecycle
  bool verify_cleanup = false;               // --verify-cleanup: `state ID` after passes too
  // --runtimetest-binary PATH: what goes into each rootfs as /bin/runtimetest (must be static);
  // empty: this executable. Lets a sanitized (dynamic) build judge while a static one checks.
  std::string runtimetest_binary;
  bool cleanup = false;  // --cleanup: remove what killed runs left, then exit
  bool blind_negatives = false;              // --blind-negatives (runner.h RunnerConfig::blind)
  std::vector<ReportSpec> reports;           // --report FORMAT:FILE, repeatable
};

// Parses the arguments after "suite". Both "--flag VALUE" and "--flag=VALUE" are accepted.
Result<SuiteOptions> ParseSuiteOptions(const std::vector<std::string>& args);

std::string SuiteUsage();

}  // namespace rt::suite
