#include "checks/runner.h"

#include <exception>

namespace rt::checks {

std::vector<report::Assertion> RunChecks(const std::vector<const CheckDef*>& checks,
                                         const Context& ctx) {
  std::vector<report::Assertion> out;
  for (const CheckDef* c : checks) {
    Recorder rec(c->id, c->reference, c->level, out);
    try {
      c->run(ctx, rec);
    } catch (const std::exception& e) {
      rec.Error("", "internal error", Status::Error(e.what()));
    } catch (...) {
      rec.Error("", "internal error", Status::Error("unknown exception"));
    }
  }
  return out;
}

}  // namespace rt::checks
