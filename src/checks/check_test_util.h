// Test helpers: run one check of the table on a config given as JSON text and a FakeSystem.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/registry.h"
#include "checks/runner.h"
#include "report/report.h"
#include "sys/fake_system.h"

namespace rt::checks {

inline std::vector<report::Assertion> RunCheck(const std::string& id, const std::string& json,
                                               sys::FakeSystem& fake) {
  Result<spec::Config> config = spec::ParseConfig(json);
  EXPECT_TRUE(config.ok()) << config.status().message();
  if (!config.ok()) return {};
  Result<std::vector<const CheckDef*>> chosen = SelectChecks({id});
  EXPECT_TRUE(chosen.ok()) << chosen.status().message();
  if (!chosen.ok()) return {};
  return RunChecks(*chosen, Context{*config, fake});
}

// The stderr a run would print: one failure line each.
inline std::string Failures(const std::vector<report::Assertion>& results) {
  std::string out;
  for (const report::Assertion& a : results) {
    if (a.outcome == report::Outcome::kFail) out += report::FailureLine(a) + "\n";
  }
  return out;
}

// The reasons of the skips, one "<id>[ subject]: reason" line each.
inline std::string SkipReasons(const std::vector<report::Assertion>& results) {
  std::string out;
  for (const report::Assertion& a : results) {
    if (a.outcome != report::Outcome::kSkip) continue;
    out.append(a.id) += (a.subject.empty() ? "" : " " + a.subject) + ": " + a.reason + "\n";
  }
  return out;
}

inline int Count(const std::vector<report::Assertion>& results, report::Outcome outcome) {
  int n = 0;
  for (const report::Assertion& a : results) n += a.outcome == outcome;
  return n;
}

}  // namespace rt::checks
