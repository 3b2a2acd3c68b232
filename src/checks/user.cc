// config.md#user: the POSIX identity of the process.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "checks/check.h"
#include "sys/proc.h"
#include "sys/witness.h"
#include "util/text.h"

namespace rt::checks {
namespace {

std::string Octal(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04llo", static_cast<unsigned long long>(v));
  return buf;
}

void CheckUser(const Context& ctx, Recorder& rec) {
  if (!ctx.config.process || !ctx.config.process->user) {
    rec.Skip("", "", "process.user is not set in the config");
    return;
  }
  const spec::User& want = *ctx.config.process->user;
  Result<sys::Ids> ids = ctx.sys.GetIds();
  if (!ids.ok()) {
    rec.CannotObserve("", "", ids.status());
    return;
  }
  rec.Expect("process.user.uid", "real", std::to_string(want.uid), std::to_string(ids->uid));
  rec.Expect("process.user.uid", "effective", std::to_string(want.uid), std::to_string(ids->euid));
  rec.Expect("process.user.gid", "real", std::to_string(want.gid), std::to_string(ids->gid));
  rec.Expect("process.user.gid", "effective", std::to_string(want.gid), std::to_string(ids->egid));

  if (want.additional_gids) {
    // Sets of any size report in a few words: a million gids must not make a megabyte line.
    std::vector<uint64_t> expected(want.additional_gids->begin(), want.additional_gids->end());
    std::vector<uint64_t> found(ids->groups.begin(), ids->groups.end());
    std::string difference = SummarizeSetDifference(expected, found);
    if (difference.empty()) {
      rec.Pass("process.user.additionalGids", "");
    } else {
      constexpr size_t kShown = 8;  // larger sets also get the difference spelled out
      std::string found_text = SummarizeSet(found, kShown);
      if (expected.size() > kShown || found.size() > kShown) found_text += " (" + difference + ")";
      rec.Fail("process.user.additionalGids", "", SummarizeSet(expected, kShown), found_text);
    }
  } else {
    rec.Skip("process.user.additionalGids", "", "additionalGids is not set in the config");
  }

  if (!want.umask) {
    rec.Skip("process.user.umask", "", "umask is not set in the config");
    return;
  }
  Result<sys::Observed<mode_t>> umask = sys::ObserveUmask(ctx.sys);
  if (!umask.ok()) {
    rec.CannotObserve("process.user.umask", "", umask.status());
    return;
  }
  rec.Expect("process.user.umask", "", Octal(*want.umask), Octal(umask->value));
}

constexpr CheckDef kChecks[] = {
    {"process.user", "config.md#user", report::Level::kMust,
     "uid and gid (real and effective), additionalGids as a set against getgroups(2), umask "
     "against /proc/self/status",
     CheckUser},
};

}  // namespace

std::span<const CheckDef> UserChecks() { return kChecks; }

}  // namespace rt::checks
