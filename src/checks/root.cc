// config.md#root: the root filesystem is read-only exactly when root.readonly asks for it.
#include "checks/check.h"
#include "sys/witness.h"

namespace rt::checks {
namespace {

void CheckRootReadonly(const Context& ctx, Recorder& rec) {
  const bool want_ro = ctx.config.root && ctx.config.root->readonly.value_or(false);
  // Write probes (O_TMPFILE, else a named file created and unlinked) say whether a write really
  // goes through; when neither can tell (not root, no O_TMPFILE), statvfs's flag answers.
  Result<sys::Observed<bool>> ro = sys::ObserveReadOnly(ctx.sys, "/", sys::WriteProbe::kDirectory);
  if (!ro.ok()) {
    rec.CannotObserve("", "", ro.status());
    return;
  }
  auto name = [](bool read_only) { return std::string(read_only ? "read-only" : "writable"); };
  if (want_ro == ro->value) {
    rec.Pass("", "");
  } else {
    rec.Fail("", "", name(want_ro), name(ro->value) + " (" + ro->witness + ")");
  }
}

constexpr CheckDef kChecks[] = {
    {"root.readonly", "config.md#root", report::Level::kMust,
     "the root filesystem is read-only if root.readonly is true, writable otherwise "
     "(write probes: O_TMPFILE, then a named file created and unlinked; else statvfs ST_RDONLY)",
     CheckRootReadonly},
};

}  // namespace

std::span<const CheckDef> RootChecks() { return kChecks; }

}  // namespace rt::checks
