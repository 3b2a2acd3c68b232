// The command line of the in-container face, compatible with runtime-tools' runtimetest
// (--path, --compliance-level, --log-level) and youki's (test names as positional arguments).
#pragma once

#include <string>
#include <vector>

#include "report/result.h"
#include "util/status.h"

namespace rt {

struct Options {
  std::string spec_path;  // empty: /spec.json, else /config.json
  report::Level compliance = report::Level::kMust;
  std::vector<std::string> names;  // checks or youki test names; empty: all
  bool list = false;
  bool help = false;
  bool version = false;
  std::string json_report;  // --report json:FILE: the assertions as JSON (report/json_report.h)
};

Result<Options> ParseOptions(const std::vector<std::string>& args);

std::string UsageText();

// The validator face; returns the exit status (0 pass, 1 fail, 2 cannot run).
int ValidateMain(const std::vector<std::string>& args);

}  // namespace rt
