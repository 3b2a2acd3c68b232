// config.md#posix-process: every rlimit the config names holds with its soft and hard value.
#include "checks/rlimits.h"

#include <sys/resource.h>

#include <cstdint>

#include "checks/check.h"

namespace rt::checks {
namespace {

struct RlimitName {
  std::string_view name;
  int resource;
};

constexpr RlimitName kRlimits[] = {
    {"RLIMIT_CPU", RLIMIT_CPU},           {"RLIMIT_FSIZE", RLIMIT_FSIZE},
    {"RLIMIT_DATA", RLIMIT_DATA},         {"RLIMIT_STACK", RLIMIT_STACK},
    {"RLIMIT_CORE", RLIMIT_CORE},         {"RLIMIT_RSS", RLIMIT_RSS},
    {"RLIMIT_NPROC", RLIMIT_NPROC},       {"RLIMIT_NOFILE", RLIMIT_NOFILE},
    {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},   {"RLIMIT_AS", RLIMIT_AS},
    {"RLIMIT_LOCKS", RLIMIT_LOCKS},       {"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
    {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE}, {"RLIMIT_NICE", RLIMIT_NICE},
    {"RLIMIT_RTPRIO", RLIMIT_RTPRIO},     {"RLIMIT_RTTIME", RLIMIT_RTTIME},
};

std::string FormatLimit(uint64_t v) { return v == UINT64_MAX ? "unlimited" : std::to_string(v); }

void CheckRlimits(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->rlimits) {
    rec.Skip("", "", "process.rlimits is not set in the config");
    return;
  }
  for (const spec::Rlimit& want : *ctx.config.process->rlimits) {
    std::optional<int> resource = RlimitResource(want.type);
    if (!resource) {
      rec.Fail("", want.type, "an rlimit type this platform knows (RLIMIT_CPU ... RLIMIT_RTTIME)",
               Quote(want.type));
      continue;
    }
    Result<sys::RlimitValue> got = ctx.sys.GetRlimit(*resource);
    if (!got.ok()) {
      rec.CannotObserve("", want.type, got.status());
      continue;
    }
    rec.Expect("", want.type + " soft", FormatLimit(want.soft), FormatLimit(got->soft));
    rec.Expect("", want.type + " hard", FormatLimit(want.hard), FormatLimit(got->hard));
  }
}

constexpr CheckDef kChecks[] = {
    {"process.rlimits", "config.md#posix-process", report::Level::kMust,
     "soft and hard value of every listed rlimit against getrlimit(2)", CheckRlimits},
};

}  // namespace

std::optional<int> RlimitResource(std::string_view name) {
  for (const RlimitName& r : kRlimits) {
    if (r.name == name) return r.resource;
  }
  return std::nullopt;
}

std::span<const CheckDef> RlimitChecks() { return kChecks; }

}  // namespace rt::checks
