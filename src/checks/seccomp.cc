// config-linux.md#seccomp: with linux.seccomp set, the process runs under a seccomp filter
// (Seccomp: 2 in /proc/self/status), and the filter does what the rules say. That is seen by
// calling system calls that are harmless to call (sys/syscall_probe.h): each probe the rules name
// must meet its rule's action, each probe they do not name the defaultAction. Actions that kill,
// trap or wait for a listener are not provoked; rules with argument conditions are not judged.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "sys/proc.h"
#include "sys/syscall_probe.h"

namespace rt::checks {
namespace {

constexpr uint32_t kMaxErrno = 4095;  // the kernel caps SECCOMP_RET_ERRNO data here

std::string ErrnoName(int err) {
  const char* name = strerrorname_np(err);
  return name != nullptr ? std::string(name) : "errno " + std::to_string(err);
}

// What a probe governed by `action` must come back with, as the failure line words it; nullopt
// (with `why`) when the probe must not be made or its outcome cannot be told.
struct Outcome {
  enum Kind { kSucceeds, kReturnsZero, kFails } kind;
  int err = 0;
};

std::optional<Outcome> ExpectedOutcome(const std::string& action, std::optional<uint32_t> errno_ret,
                                       std::string& why) {
  if (action == "SCMP_ACT_ALLOW" || action == "SCMP_ACT_LOG") return Outcome{Outcome::kSucceeds};
  if (action == "SCMP_ACT_ERRNO") {
    uint32_t err = errno_ret.value_or(EPERM);
    if (err == 0) return Outcome{Outcome::kReturnsZero};
    if (err > kMaxErrno) {
      why = "errnoRet " + std::to_string(err) + " is beyond the largest errno a filter returns (" +
            std::to_string(kMaxErrno) + ")";
      return std::nullopt;
    }
    return Outcome{Outcome::kFails, static_cast<int>(err)};
  }
  if (action == "SCMP_ACT_TRACE") {
    // Without a tracer attached the kernel fails the call with ENOSYS (seccomp_filter docs).
    return Outcome{Outcome::kFails, ENOSYS};
  }
  if (action == "SCMP_ACT_KILL" || action == "SCMP_ACT_KILL_PROCESS" ||
      action == "SCMP_ACT_KILL_THREAD" || action == "SCMP_ACT_TRAP" ||
      action == "SCMP_ACT_NOTIFY") {
    why = action + " would kill, signal or stop runtimetest: not provoked";
    return std::nullopt;
  }
  why = "unknown action " + Quote(action);
  return std::nullopt;
}

std::string Describe(const Outcome& o) {
  switch (o.kind) {
    case Outcome::kSucceeds:
      return "succeeds";
    case Outcome::kReturnsZero:
      return "returns 0 (errnoRet 0)";
    case Outcome::kFails:
      return "fails with " + ErrnoName(o.err);
  }
  return "";
}

bool Meets(const Outcome& o, const Result<long>& got) {
  switch (o.kind) {
    case Outcome::kSucceeds:
      return got.ok();
    case Outcome::kReturnsZero:
      return got.ok() && *got == 0;
    case Outcome::kFails:
      return !got.ok() && got.status().err() == o.err;
  }
  return false;
}

std::string DescribeFound(const Result<long>& got) {
  if (got.ok()) return "succeeds (returns " + std::to_string(*got) + ")";
  if (got.status().err() != 0) return "fails with " + ErrnoName(got.status().err());
  return got.status().message();
}

void CheckMode(const Context& ctx, Recorder& rec) {
  const Result<std::string>& status = ctx.sys.SelfStatus();
  if (!status.ok()) {
    rec.CannotObserve("", "Seccomp mode", status.status());
    return;
  }
  Result<std::string> mode = sys::FindStatusField(*status, "Seccomp");
  if (!mode.ok()) {
    rec.Skip("", "Seccomp mode", "this kernel has no seccomp (" + mode.status().message() + ")");
    return;
  }
  const std::string found = *mode == "0"   ? "0 (disabled)"
                            : *mode == "1" ? "1 (strict)"
                            : *mode == "2" ? "2 (filter)"
                                           : Quote(*mode);
  rec.Expect("", "Seccomp mode in /proc/self/status", "2 (filter)", found);
}

void CheckSeccomp(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->seccomp) {
    rec.Skip("", "", "linux.seccomp is not set in the config");
    return;
  }
  const spec::Seccomp& seccomp = *ctx.config.linux_->seccomp;
  CheckMode(ctx, rec);

  std::vector<std::string> not_probed;
  for (const spec::SeccompSyscall& rule : seccomp.syscalls) {
    for (const std::string& name : rule.names) {
      if (!sys::IsProbeSyscall(name) &&
          std::find(not_probed.begin(), not_probed.end(), name) == not_probed.end()) {
        not_probed.push_back(name);
      }
    }
  }
  if (!not_probed.empty()) {
    std::string names;
    for (size_t i = 0; i < not_probed.size() && i < 10; ++i)
      names += (i ? ", " : "") + not_probed[i];
    if (not_probed.size() > 10) names += ", ...";
    rec.Skip("", "syscalls not probed",
             std::to_string(not_probed.size()) +
                 " named by rules are not among those runtimetest can call harmlessly (" + names +
                 ")");
  }

  for (std::string_view probe : sys::ProbeSyscallNames()) {
    const std::string name(probe);
    // The rules that name the probe; without one, defaultAction governs it.
    std::vector<size_t> rules;
    for (size_t i = 0; i < seccomp.syscalls.size(); ++i) {
      const auto& names = seccomp.syscalls[i].names;
      if (std::find(names.begin(), names.end(), name) != names.end()) rules.push_back(i);
    }
    std::string action = seccomp.default_action;
    std::optional<uint32_t> errno_ret = seccomp.default_errno_ret;
    std::string origin = "defaultAction " + seccomp.default_action;
    if (!rules.empty()) {
      const spec::SeccompSyscall& first = seccomp.syscalls[rules[0]];
      bool conditional = false, conflicting = false;
      for (size_t i : rules) {
        const spec::SeccompSyscall& r = seccomp.syscalls[i];
        conditional = conditional || !r.args.empty();
        conflicting = conflicting || r.action != first.action ||
                      r.errno_ret.value_or(EPERM) != first.errno_ret.value_or(EPERM);
      }
      if (conditional) {
        rec.Skip("", name, "a rule naming it has argument conditions, which are not judged");
        continue;
      }
      if (conflicting) {
        rec.Skip("", name, "named by several rules with different actions");
        continue;
      }
      action = first.action;
      errno_ret = first.errno_ret;
      origin = "syscalls[" + std::to_string(rules[0]) + "] " + first.action;
    }
    std::string why;
    std::optional<Outcome> want = ExpectedOutcome(action, errno_ret, why);
    const std::string subject = name + " (" + origin + ")";
    if (!want) {
      rec.Skip("", subject, why);
      continue;
    }
    Result<long> got = ctx.sys.ProbeSyscall(name);
    if (Meets(*want, got)) {
      rec.Pass("", subject);
    } else {
      rec.Fail("", subject, Describe(*want), DescribeFound(got));
    }
  }
}

constexpr CheckDef kChecks[] = {
    {"linux.seccomp", "config-linux.md#seccomp", report::Level::kMust,
     "Seccomp: 2 in /proc/self/status; harmless probe syscalls meet their rule's action "
     "(errnoRet, default EPERM) or the defaultAction",
     CheckSeccomp},
};

}  // namespace

std::span<const CheckDef> SeccompChecks() { return kChecks; }

}  // namespace rt::checks
