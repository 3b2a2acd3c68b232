#include "report/json_report.h"

#include "report/report.h"
#include "util/json_text.h"

namespace rt::report {

std::string AssertionsJson(const std::vector<Assertion>& assertions, Level threshold,
                           const RunFacts& facts) {
  nlohmann::json list = nlohmann::json::array();
  int passed = 0, failed = 0, skipped = 0;
  for (const Assertion& a : assertions) {
    const bool counted = a.outcome == Outcome::kFail && Counts(a.level, threshold);
    const char* outcome = a.outcome == Outcome::kPass ? "pass" : counted ? "fail" : "skip";
    (a.outcome == Outcome::kPass ? passed : counted ? failed : skipped)++;
    list.push_back({{"id", a.id},
                    {"subject", a.subject},
                    {"level", LevelName(a.level)},
                    {"reference", a.reference},
                    {"outcome", outcome},
                    {"failed_below_level", a.outcome == Outcome::kFail && !counted},
                    {"expected", a.expected},
                    {"found", a.found},
                    {"reason", a.reason},
                    {"line", a.outcome == Outcome::kFail ? FailureLine(a) : std::string()}});
  }
  nlohmann::json j = {{"format", kAssertionsFormat},
                      {"tool_version", RUNTIMETEST_VERSION},
                      {"config", facts.config_path},
                      {"compliance_level", LevelName(threshold)},
                      {"error", facts.error},
                      {"exit_status", facts.exit_status},
                      {"summary",
                       {{"passed", passed},
                        {"failed", failed},
                        {"skipped", skipped},
                        {"total", passed + failed + skipped}}},
                      {"assertions", std::move(list)}};
  return DumpJson(j, 2) + "\n";
}

}  // namespace rt::report
