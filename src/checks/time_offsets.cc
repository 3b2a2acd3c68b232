// config-linux.md#offset-for-time-namespace: /proc/self/timens_offsets holds the configured
// offset of every clock linux.timeOffsets names; in a time namespace the runtime created, the
// clocks it does not name keep offset 0.
#include <cerrno>
#include <string>

#include "checks/check.h"
#include "sys/timens.h"

namespace rt::checks {
namespace {

constexpr std::string_view kClocks[] = {"monotonic", "boottime"};

std::string FormatOffset(const sys::ClockOffset& o) {
  return std::to_string(o.secs) + " s " + std::to_string(o.nanosecs) + " ns";
}

// Whether linux.namespaces asks for a new time namespace (an entry of type time without path).
bool NewTimeNamespace(const spec::Linux& linux) {
  for (const spec::Namespace& ns : linux.namespaces) {
    if (ns.type == "time") return !ns.path;
  }
  return false;
}

void CheckTimeOffsets(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || ctx.config.linux_->time_offsets.empty()) {
    rec.Skip("", "", "linux.timeOffsets is not set in the config");
    return;
  }
  const spec::Linux& linux = *ctx.config.linux_;
  Result<std::string> text = ctx.sys.ReadFile("/proc/self/timens_offsets");
  if (!text.ok()) {
    if (text.status().err() == ENOENT) {
      rec.Skip("", "",
               "no /proc/self/timens_offsets: this kernel has no time namespaces, or there is no "
               "proc filesystem at /proc");
    } else {
      rec.CannotObserve("", "", text.status());
    }
    return;
  }
  Result<std::map<std::string, sys::ClockOffset>> found = sys::ParseTimensOffsets(*text);
  if (!found.ok()) {
    rec.CannotObserve("", "/proc/self/timens_offsets", found.status());
    return;
  }
  for (const auto& [clock, want] : linux.time_offsets) {
    bool known = false;
    for (std::string_view k : kClocks) known = known || k == clock;
    if (!known) {
      rec.Fail("", clock, "a clock with a time namespace offset (monotonic, boottime)",
               Quote(clock));
      continue;
    }
    auto it = found->find(clock);
    if (it == found->end()) {
      rec.Fail("", clock, FormatOffset({want.secs, want.nanosecs}),
               "no " + clock + " line in /proc/self/timens_offsets");
      continue;
    }
    rec.Expect("", clock, FormatOffset({want.secs, want.nanosecs}), FormatOffset(it->second));
  }
  if (!NewTimeNamespace(linux)) return;
  for (std::string_view clock : kClocks) {
    if (linux.time_offsets.count(std::string(clock)) > 0) continue;
    auto it = found->find(std::string(clock));
    if (it == found->end()) continue;
    rec.Expect("", std::string(clock) + " (not in linux.timeOffsets, in a new time namespace)",
               FormatOffset({}), FormatOffset(it->second));
  }
}

constexpr CheckDef kChecks[] = {
    {"linux.timeOffsets", "config-linux.md#offset-for-time-namespace", report::Level::kMust,
     "/proc/self/timens_offsets: each listed clock's secs and nanosecs; clocks not listed 0 in a "
     "new time namespace",
     CheckTimeOffsets},
};

}  // namespace

std::span<const CheckDef> TimeOffsetChecks() { return kChecks; }

}  // namespace rt::checks
