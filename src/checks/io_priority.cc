// config.md#linux-process: process.ioPriority (runtime-spec 1.2) against ioprio_get(2) of this
// process. The kernel keeps class and level as one value, class << 13 | data, the level being
// the low three bits of data.
#include <algorithm>
#include <string>

#include "checks/check.h"

namespace rt::checks {
namespace {

constexpr std::string_view kClasses[] = {"IOPRIO_CLASS_NONE", "IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE",
                                         "IOPRIO_CLASS_IDLE"};

std::string ClassName(int io_class) {
  if (io_class >= 0 && io_class < static_cast<int>(std::size(kClasses))) {
    return std::string(kClasses[io_class]);
  }
  return "class " + std::to_string(io_class);
}

std::string Describe(std::string_view io_class, int64_t level) {
  return std::string(io_class) + " priority " + std::to_string(level);
}

void CheckIoPriority(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->io_priority) {
    rec.Skip("", "", "process.ioPriority is not set in the config");
    return;
  }
  const spec::IoPriority& want = *ctx.config.process->io_priority;
  if (want.io_class == kClasses[0] ||
      std::find(std::begin(kClasses), std::end(kClasses), want.io_class) == std::end(kClasses)) {
    rec.Fail("", "class", "IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE",
             Quote(want.io_class));
    return;
  }
  Result<int> found = ctx.sys.GetIoPriority();
  if (!found.ok()) {
    rec.CannotObserve("", "", found.status());
    return;
  }
  const int io_class = (*found >> 13) & 0x7;
  const int level = *found & 0x7;
  rec.Expect("", "", Describe(want.io_class, want.priority), Describe(ClassName(io_class), level));
}

constexpr CheckDef kChecks[] = {
    {"process.ioPriority", "config.md#linux-process", report::Level::kMust,
     "I/O scheduling class and priority against ioprio_get(2)", CheckIoPriority},
};

}  // namespace

std::span<const CheckDef> IoPriorityChecks() { return kChecks; }

}  // namespace rt::checks
