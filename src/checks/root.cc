// config.md#root: the root filesystem is read-only exactly when root.readonly asks for it.
#include <cerrno>

#include "checks/check.h"

namespace rt::checks {
namespace {

void CheckRootReadonly(const Context& ctx, Recorder& rec) {
  const bool want_ro = ctx.config.root && ctx.config.root->readonly.value_or(false);
  Result<bool> ro_flag = ctx.sys.IsReadOnlyMount("/");
  if (!ro_flag.ok()) {
    rec.Error("", "", ro_flag.status());
    return;
  }
  // The flag says what the mount is; the probe (an unnamed O_TMPFILE, gone when closed) says
  // whether a write really goes through. EACCES and friends (not root, no O_TMPFILE support)
  // leave the flag as the only witness.
  Status probe = ctx.sys.ProbeCreate("/");
  bool read_only = *ro_flag;
  if (probe.ok()) read_only = false;
  if (probe.err() == EROFS) read_only = true;
  auto name = [](bool ro) { return std::string(ro ? "read-only" : "writable"); };
  rec.Expect("", "", name(want_ro), name(read_only));
}

constexpr CheckDef kChecks[] = {
    {"root.readonly", "config.md#root", report::Level::kMust,
     "the root filesystem is read-only if root.readonly is true, writable otherwise "
     "(statvfs ST_RDONLY and an O_TMPFILE probe)",
     CheckRootReadonly},
};

}  // namespace

std::span<const CheckDef> RootChecks() { return kChecks; }

}  // namespace rt::checks
