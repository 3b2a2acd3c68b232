#include "sys/witness.h"

#include <cerrno>
#include <optional>

#include "sys/proc.h"

namespace rt::sys {
namespace {

// What every witness said when none could answer: "a: why; b: why".
class Tried {
 public:
  void Add(const Status& s) { text_ += (text_.empty() ? "" : "; ") + s.message(); }
  Status AllFailed() const { return Status::Error(text_); }

 private:
  std::string text_;
};

// A field of /proc/self/status, or why there is none.
Result<std::string> ReadStatusField(System& sys, const std::string& key) {
  const Result<std::string>& text = sys.SelfStatus();
  if (!text.ok()) return text.status();
  return FindStatusField(*text, key);
}

// The highest n for which prctl(PR_CAPBSET_READ, n) does not fail with EINVAL.
Result<int> LastCapByProbe(System& sys) {
  constexpr int kBeyondAnyKernel = 64;  // capabilities are bits of a 64-bit set
  for (int cap = 0; cap < kBeyondAnyKernel; ++cap) {
    Result<bool> in_set = sys.CapabilityInBoundingSet(cap);
    if (in_set.ok()) continue;
    if (in_set.status().err() == EINVAL && cap > 0) return cap - 1;
    return in_set.status();
  }
  return Status::Error("prctl(PR_CAPBSET_READ) accepts every number up to 63");
}

// A probe's verdict: true (read-only) on EROFS, false when the write went through, nullopt when
// it cannot tell.
std::optional<bool> ProbeVerdict(const Status& probe) {
  if (probe.ok()) return false;
  if (probe.err() == EROFS) return true;
  return std::nullopt;
}

}  // namespace

Result<Observed<std::string>> ObserveCwd(System& sys) {
  Tried tried;
  Result<std::string> cwd = sys.Cwd();
  if (cwd.ok()) return Observed<std::string>{*cwd, "getcwd(2)"};
  tried.Add(cwd.status());
  Result<std::string> link = sys.ReadLink("/proc/self/cwd");
  if (link.ok()) return Observed<std::string>{*link, "/proc/self/cwd"};
  tried.Add(link.status());
  return tried.AllFailed();
}

Result<Observed<bool>> ObserveNoNewPrivs(System& sys) {
  Tried tried;
  Result<bool> bit = sys.GetNoNewPrivs();
  if (bit.ok()) return Observed<bool>{*bit, "prctl(PR_GET_NO_NEW_PRIVS)"};
  tried.Add(bit.status());
  Result<std::string> field = ReadStatusField(sys, "NoNewPrivs");
  if (field.ok() && (*field == "0" || *field == "1")) {
    return Observed<bool>{*field == "1", "NoNewPrivs in /proc/self/status"};
  }
  tried.Add(field.ok() ? Status::Error("NoNewPrivs in /proc/self/status is " + *field)
                       : field.status());
  return tried.AllFailed();
}

Result<Observed<int>> ObserveLastCap(System& sys) {
  Tried tried;
  Result<std::string> text = sys.ReadFile("/proc/sys/kernel/cap_last_cap");
  Result<uint64_t> last = text.ok() ? ParseUnsigned(*text) : text.status();
  if (last.ok() && *last < 64) {
    return Observed<int>{static_cast<int>(*last), "/proc/sys/kernel/cap_last_cap"};
  }
  tried.Add(last.ok() ? Status::Error("/proc/sys/kernel/cap_last_cap is " + *text)
                      : last.status());
  Result<int> probed = LastCapByProbe(sys);
  if (probed.ok()) return Observed<int>{*probed, "prctl(PR_CAPBSET_READ) up to EINVAL"};
  tried.Add(probed.status());
  return tried.AllFailed();
}

Result<Observed<mode_t>> ObserveUmask(System& sys) {
  Tried tried;
  Result<std::string> field = ReadStatusField(sys, "Umask");
  Result<uint64_t> mask = field.ok() ? ParseUnsigned(*field, 8) : field.status();
  if (mask.ok()) return Observed<mode_t>{static_cast<mode_t>(*mask), "Umask in /proc/self/status"};
  tried.Add(mask.status());
  Result<mode_t> probed = sys.ProbeUmask();
  if (probed.ok()) return Observed<mode_t>{*probed, "umask(2), set and restored"};
  tried.Add(probed.status());
  return tried.AllFailed();
}

Result<Observed<bool>> ObserveReadOnly(System& sys, const std::string& path, WriteProbe probe) {
  Tried tried;
  if (probe == WriteProbe::kDirectory) {
    Status unnamed = sys.ProbeCreate(path);
    if (auto ro = ProbeVerdict(unnamed)) return Observed<bool>{*ro, "O_TMPFILE probe"};
    tried.Add(unnamed);
    Status named = sys.ProbeCreateNamed(path);
    if (auto ro = ProbeVerdict(named)) return Observed<bool>{*ro, "create probe"};
    tried.Add(named);
  } else if (probe == WriteProbe::kFile) {
    Status open = sys.ProbeOpenWrite(path);
    if (auto ro = ProbeVerdict(open)) return Observed<bool>{*ro, "open(O_WRONLY) probe"};
    tried.Add(open);
  }
  Result<bool> flag = sys.IsReadOnlyMount(path);
  if (flag.ok()) return Observed<bool>{*flag, "statvfs ST_RDONLY"};
  tried.Add(flag.status());
  return tried.AllFailed();
}

}  // namespace rt::sys
