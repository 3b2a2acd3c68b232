// config.md#linux-process: process.apparmorProfile and process.selinuxLabel are the labels the
// process runs with (/proc/self/attr/...). Where the LSM is not enabled the label cannot exist:
// a skip naming what showed it.
#include <algorithm>
#include <cerrno>
#include <optional>
#include <string>

#include "checks/check.h"

namespace rt::checks {
namespace {

// Drops the trailing NUL and newline the kernel may append to an attr file.
std::string TrimLabel(std::string s) {
  while (!s.empty() && (s.back() == '\0' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Whether `lsm` is in the kernel's list of active LSMs (/sys/kernel/security/lsm, "a,b,c");
// nullopt when that file cannot be read (securityfs is rarely mounted in a container).
std::optional<bool> InLsmList(const Context& ctx, std::string_view lsm, std::string& list) {
  Result<std::string> text = ctx.sys.ReadFile("/sys/kernel/security/lsm");
  if (!text.ok()) return std::nullopt;
  list = TrimLabel(*text);
  std::string_view rest = list;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    if (rest.substr(0, comma) == lsm) return true;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return false;
}

// "profile (enforce)" -> "profile"; "unconfined" stays.
std::string AppArmorProfileName(std::string label) {
  label = TrimLabel(std::move(label));
  size_t mode = label.rfind(" (");
  if (mode != std::string::npos && label.back() == ')') label.resize(mode);
  return label;
}

void CheckAppArmorProfile(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->apparmor_profile ||
      ctx.config.process->apparmor_profile->empty()) {
    rec.Skip("", "", "process.apparmorProfile is not set in the config");
    return;
  }
  const std::string& want = *ctx.config.process->apparmor_profile;
  std::string list;
  std::optional<bool> enabled = InLsmList(ctx, "apparmor", list);
  if (!enabled) {
    Result<std::string> param = ctx.sys.ReadFile("/sys/module/apparmor/parameters/enabled");
    if (param.ok()) enabled = !param->empty() && (*param)[0] == 'Y';
  }
  if (enabled == false) {
    rec.Skip("", "",
             list.empty() ? "AppArmor is not enabled in this kernel"
                          : "AppArmor is not enabled in this kernel (active LSMs: " + list + ")");
    return;
  }
  // Kernels since 5.8 give AppArmor its own attr directory; before, it owns attr/current.
  Result<std::string> label = ctx.sys.ReadFile("/proc/self/attr/apparmor/current");
  if (!label.ok() && label.status().err() == ENOENT && enabled == true) {
    label = ctx.sys.ReadFile("/proc/self/attr/current");
  }
  if (!label.ok()) {
    if (enabled == true) {
      rec.CannotObserve("", "", label.status());
    } else {
      rec.Skip("", "",
               "cannot tell whether AppArmor is enabled (no /sys/kernel/security/lsm, no "
               "/sys/module/apparmor) and " +
                   label.status().message());
    }
    return;
  }
  rec.Expect("", "/proc/self/attr/apparmor/current", Quote(want),
             Quote(AppArmorProfileName(*label)));
}

// An SELinux context has the form user:role:type[:level], without spaces.
bool LooksLikeSelinuxContext(std::string_view label) {
  return label.find(' ') == std::string_view::npos &&
         std::count(label.begin(), label.end(), ':') >= 2;
}

void CheckSelinuxLabel(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->selinux_label ||
      ctx.config.process->selinux_label->empty()) {
    rec.Skip("", "", "process.selinuxLabel is not set in the config");
    return;
  }
  const std::string& want = *ctx.config.process->selinux_label;
  std::string list;
  std::optional<bool> enabled = InLsmList(ctx, "selinux", list);
  if (enabled == false) {
    rec.Skip("", "", "SELinux is not enabled in this kernel (active LSMs: " + list + ")");
    return;
  }
  if (!enabled && ctx.sys.Stat("/sys/fs/selinux/enforce").ok()) enabled = true;
  Result<std::string> label = ctx.sys.ReadFile("/proc/self/attr/current");
  if (!label.ok()) {
    if (enabled == true) {
      rec.CannotObserve("", "", label.status());
    } else {
      rec.Skip("", "",
               "no LSM gives this process a label (" + label.status().message() +
                   "): SELinux is not enabled");
    }
    return;
  }
  std::string found = TrimLabel(*label);
  if (!enabled && !LooksLikeSelinuxContext(found)) {
    rec.Skip("", "",
             "SELinux does not appear enabled: /proc/self/attr/current holds " + Quote(found) +
                 ", not an SELinux context (another LSM's label)");
    return;
  }
  rec.Expect("", "/proc/self/attr/current", Quote(want), Quote(found));
}

constexpr CheckDef kChecks[] = {
    {"process.apparmorProfile", "config.md#linux-process", report::Level::kMust,
     "the AppArmor profile in /proc/self/attr/apparmor/current (or attr/current), mode dropped",
     CheckAppArmorProfile},
    {"process.selinuxLabel", "config.md#linux-process", report::Level::kMust,
     "the SELinux context in /proc/self/attr/current", CheckSelinuxLabel},
};

}  // namespace

std::span<const CheckDef> LsmChecks() { return kChecks; }

}  // namespace rt::checks
