// config-linux.md#sysctl: each key reads back as configured under /proc/sys.
#include <string>

#include "checks/check.h"
#include "sys/proc.h"

namespace rt::checks {
namespace {

// "net.ipv4.ip_forward" -> "/proc/sys/net/ipv4/ip_forward". Keys written with slashes are kept.
std::string SysctlPath(const std::string& key) {
  std::string path = "/proc/sys/";
  for (char c : key) path += c == '.' ? '/' : c;
  return path;
}

void CheckSysctl(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || ctx.config.linux_->sysctl.empty()) {
    rec.Skip("", "", "linux.sysctl is not set in the config");
    return;
  }
  for (const auto& [key, want] : ctx.config.linux_->sysctl) {
    if (key.find("..") != std::string::npos) {
      rec.Fail("", key, "a sysctl name", Quote(key));
      continue;
    }
    Result<std::string> got = ctx.sys.ReadFile(SysctlPath(key));
    if (!got.ok()) {
      rec.CannotObserve("", key, got.status());
      continue;
    }
    rec.Expect("", key, Quote(sys::NormalizeSpace(want)), Quote(sys::NormalizeSpace(*got)));
  }
}

constexpr CheckDef kChecks[] = {
    {"linux.sysctl", "config-linux.md#sysctl", report::Level::kMust,
     "every key's value against /proc/sys, white space normalised", CheckSysctl},
};

}  // namespace

std::span<const CheckDef> SysctlChecks() { return kChecks; }

}  // namespace rt::checks
