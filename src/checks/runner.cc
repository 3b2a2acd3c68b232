#include "checks/runner.h"

#include <set>
#include <string>

namespace rt::checks {
namespace {

// The check ids named by the annotation org.runtimetest.blind (comma-separated, blanks ignored).
std::set<std::string, std::less<>> BlindedChecks(const spec::Config& config) {
  std::set<std::string, std::less<>> ids;
  auto it = config.annotations.find(std::string(kBlindAnnotation));
  if (it == config.annotations.end()) return ids;
  std::string_view list = it->second;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view id = list.substr(0, comma);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (!id.empty()) ids.emplace(id);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return ids;
}

// Turns every failure among `assertions` into a skip: the check was told not to look.
void Blind(std::span<report::Assertion> assertions) {
  for (report::Assertion& a : assertions) {
    if (a.outcome != report::Outcome::kFail) continue;
    a.outcome = report::Outcome::kSkip;
    a.expected.clear();
    a.found.clear();
    a.reason = "cannot observe (blinded by " + std::string(kBlindAnnotation) + ")";
  }
}

}  // namespace

std::vector<report::Assertion> RunChecks(const std::vector<const CheckDef*>& checks,
                                         const Context& ctx) {
  const auto blinded = BlindedChecks(ctx.config);
  std::vector<report::Assertion> out;
  // The default config makes about six per check (233 for 39 checks on 2026-12-03). Reserved
  // pages are not touched until written, so a generous guess costs nothing, while a regrowth
  // copied every assertion and left 27 KB of touched heap behind.
  out.reserve(checks.size() * 10);
  for (const CheckDef* c : checks) {
    const size_t first = out.size();
    Recorder rec(c->id, c->reference, c->level, out);
    c->run(ctx, rec);
    if (blinded.contains(c->id)) Blind(std::span(out).subspan(first));
  }
  return out;
}

}  // namespace rt::checks
