// The meaning of mount options (config.md#linux-mount-options): which per-mount flag each sets,
// and how the kernel prints filesystem options back in mountinfo.
#include <algorithm>
#include <charconv>
#include <map>

#include "checks/mounts.h"

namespace rt::checks {
namespace {

using sys::MountOptionValue;

// A pair of options that set and clear one per-mount flag.
struct FlagOption {
  std::string_view set, clear;
  std::optional<bool> FlagWants::*field;
};

constexpr FlagOption kFlags[] = {
    {"ro", "rw", &FlagWants::read_only},
    {"nosuid", "suid", &FlagWants::nosuid},
    {"nodev", "dev", &FlagWants::nodev},
    {"noexec", "exec", &FlagWants::noexec},
    {"nodiratime", "diratime", &FlagWants::nodiratime},
    {"nosymfollow", "symfollow", &FlagWants::nosymfollow},
};

constexpr FlagOption kRecursiveFlags[] = {
    {"rro", "rrw", &FlagWants::read_only},
    {"rnosuid", "rsuid", &FlagWants::nosuid},
    {"rnodev", "rdev", &FlagWants::nodev},
    {"rnoexec", "rexec", &FlagWants::noexec},
    {"rnodiratime", "rdiratime", &FlagWants::nodiratime},
    {"rnosymfollow", "rsymfollow", &FlagWants::nosymfollow},
};

// Options that change no state mountinfo shows, or that only mount(8) itself reads. rnorelatime
// is here too: MOUNT_ATTR_RELATIME is 0, so clearing it asks for nothing the kernel can show.
constexpr std::string_view kUnverifiable[] = {
    "defaults", "async",     "nomand", "nolazytime", "iversion", "noiversion",  "loud", "silent",
    "remount",  "tmpcopyup", "acl",    "noacl",      "auto",     "noauto",      "user", "nouser",
    "users",    "owner",     "group",  "nofail",     "_netdev",  "rnorelatime",
};

std::string_view AtimeName(Atime a) {
  switch (a) {
    case Atime::kRelatime:
      return "relatime";
    case Atime::kNoatime:
      return "noatime";
    case Atime::kStrictatime:
      return "strictatime";
    case Atime::kNotNoatime:
      return "relatime|strictatime";
    case Atime::kNotStrictatime:
      return "relatime|noatime";
    case Atime::kUnset:
      break;
  }
  return "";
}

bool AtimeMatches(Atime want, Atime got) {
  if (want == Atime::kNotNoatime) return got != Atime::kNoatime;
  if (want == Atime::kNotStrictatime) return got != Atime::kStrictatime;
  return want == got;
}

template <typename T>
std::optional<T> ParseBase(std::string_view s, int base) {
  T v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<uint64_t> ParseOctal(std::string_view s) { return ParseBase<uint64_t>(s, 8); }
std::optional<uint64_t> ParseDecimal(std::string_view s) { return ParseBase<uint64_t>(s, 10); }

FsJudgement Judged(bool match, std::string found) {
  return {match ? FsVerdict::kMatch : FsVerdict::kMismatch, std::move(found), ""};
}

FsJudgement NotShown(std::string reason, std::string found = "") {
  return {FsVerdict::kNotShown, std::move(found), std::move(reason)};
}

// mode=, ptmxmode=: octal, compared as permission bits. `shown_default` is what an absent option
// means (tmpfs leaves out its default mode), or empty when the kernel always prints it.
FsJudgement JudgeMode(std::string_view key, std::string_view value,
                      const std::vector<std::string>& super, std::string_view shown_default) {
  std::optional<uint64_t> want = ParseOctal(value);
  if (!want) return NotShown("not an octal mode");
  std::optional<std::string> shown = MountOptionValue(super, key);
  std::string found;
  if (shown) {
    found = std::string(key) + "=" + *shown;
  } else if (!shown_default.empty()) {
    shown = std::string(shown_default);
    found = std::string(key) + "=" + *shown + " (not shown: the default)";
  } else {
    return NotShown("the kernel printed no " + std::string(key) + "=");
  }
  std::optional<uint64_t> got = ParseOctal(*shown);
  return Judged(got && (*got & 07777) == (*want & 07777), found);
}

// uid=, gid=, max=, nr_inodes=: a number, with what an absent option means (or none).
FsJudgement JudgeNumber(std::string_view key, std::optional<uint64_t> want,
                        const std::vector<std::string>& super, std::optional<uint64_t> absent_means,
                        std::string_view absent_reason) {
  if (!want) return NotShown("not a number the kernel accepts");
  std::optional<std::string> shown = MountOptionValue(super, key);
  if (shown) {
    std::optional<uint64_t> got = ParseDecimal(*shown);
    return Judged(got && *got == *want, std::string(key) + "=" + *shown);
  }
  if (!absent_means) return NotShown(std::string(absent_reason));
  return Judged(*absent_means == *want, std::string(key) + "=" + std::to_string(*absent_means) +
                                            " (not shown: " + std::string(absent_reason) + ")");
}

FsJudgement JudgeTmpfsSize(std::string_view value, const std::vector<std::string>& super,
                           const FsFacts& facts) {
  const uint64_t page = facts.page_size == 0 ? 4096 : facts.page_size;
  std::optional<uint64_t> bytes;
  if (!value.empty() && value.back() == '%') {
    std::optional<uint64_t> percent = ParseDecimal(value.substr(0, value.size() - 1));
    if (!percent) return NotShown("not a size the kernel accepts");
    if (!facts.mem_total_kb) return NotShown("a share of RAM, and MemTotal is unknown");
    // The kernel takes percent * RAM / 100, RAM being MemTotal.
    if (*percent > UINT64_MAX / (*facts.mem_total_kb * 1024 + 1)) return NotShown("too large");
    bytes = *percent * *facts.mem_total_kb * 1024 / 100;
  } else {
    bytes = MemParse(value);
  }
  if (!bytes) return NotShown("not a size the kernel accepts");
  const uint64_t want_kb = (*bytes / page + (*bytes % page != 0)) * (page / 1024);
  std::optional<std::string> shown = MountOptionValue(super, "size");
  if (shown) {
    // tmpfs prints "size=1024k"; any k/m/g/... suffix is read the same way as the config's.
    std::optional<uint64_t> got_bytes = MemParse(*shown);
    return Judged(got_bytes && *got_bytes == want_kb * 1024, "size=" + *shown);
  }
  if (!facts.mem_total_kb) {
    return NotShown(
        "the kernel shows no size=, so it is the default (half of RAM), and MemTotal "
        "is unknown");
  }
  const uint64_t default_kb = (*facts.mem_total_kb * 1024 / page / 2) * (page / 1024);
  return Judged(want_kb == default_kb,
                "size=" + std::to_string(default_kb) + "k (not shown: the default, half of RAM)");
}

FsJudgement JudgeGeneric(std::string_view fs_type, std::string_view option, std::string_view key,
                         bool has_value, std::string_view value,
                         const std::vector<std::string>& super) {
  if (sys::HasMountOption(super, option)) return Judged(true, std::string(option));
  if (has_value) {
    if (std::optional<std::string> shown = MountOptionValue(super, key)) {
      std::optional<uint64_t> want = ParseDecimal(value), got = ParseDecimal(*shown);
      if (want && got && *want == *got) return Judged(true, std::string(key) + "=" + *shown);
      return NotShown("the kernel shows " + std::string(key) + "=" + *shown + "; how " +
                          std::string(fs_type) + " prints this option is not known to runtimetest",
                      std::string(key) + "=" + *shown);
    }
  }
  return NotShown("the kernel does not show it in mountinfo");
}

std::string ProcHidepid(std::string_view v) {
  static const std::map<std::string_view, std::string_view> kNames = {
      {"0", "off"}, {"1", "noaccess"}, {"2", "invisible"}, {"4", "ptraceable"}};
  auto it = kNames.find(v);
  return std::string(it == kNames.end() ? v : it->second);
}

}  // namespace

std::optional<uint64_t> MemParse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string_view digits = text;
  uint64_t shift = 0;
  // Each suffix falls through to the next smaller one, adding 10 bits a step.
  // NOLINTBEGIN(bugprone-branch-clone)
  switch (digits.back()) {
    case 'e':
    case 'E':
      shift += 10;
      [[fallthrough]];
    case 'p':
    case 'P':
      shift += 10;
      [[fallthrough]];
    case 't':
    case 'T':
      shift += 10;
      [[fallthrough]];
    case 'g':
    case 'G':
      shift += 10;
      [[fallthrough]];
    case 'm':
    case 'M':
      shift += 10;
      [[fallthrough]];
    case 'k':
    case 'K':
      shift += 10;
      digits.remove_suffix(1);
      break;
    default:
      break;
  }
  // NOLINTEND(bugprone-branch-clone)
  std::optional<uint64_t> v;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    v = ParseBase<uint64_t>(digits.substr(2), 16);
  } else if (digits.size() > 1 && digits[0] == '0') {
    v = ParseOctal(digits.substr(1));
  } else {
    v = ParseDecimal(digits);
  }
  if (!v || (shift > 0 && *v > (UINT64_MAX >> shift))) return std::nullopt;
  return *v << shift;
}

MountOptionPlan PlanMountOptions(const spec::Mount& mount) {
  MountOptionPlan plan;
  plan.bind = mount.type && *mount.type == "bind";
  bool noatime = false, strict = false, relatime = false, atime_mentioned = false;
  for (const std::string& opt : mount.options) {
    bool known = false;
    for (const FlagOption& f : kFlags) {
      if (opt == f.set || opt == f.clear) {
        plan.flags.*f.field = opt == f.set;
        known = true;
      }
    }
    for (const FlagOption& f : kRecursiveFlags) {
      if (opt == f.set || opt == f.clear) {
        plan.recursive.*f.field = opt == f.set;
        known = true;
      }
    }
    if (known) continue;
    if (opt == "noatime" || opt == "atime") {
      noatime = opt == "noatime";
      atime_mentioned = true;
    } else if (opt == "strictatime" || opt == "nostrictatime") {
      strict = opt == "strictatime";
      atime_mentioned = true;
    } else if (opt == "relatime" || opt == "norelatime") {
      relatime = opt == "relatime";
      atime_mentioned = true;
    } else if (opt == "rrelatime") {
      plan.recursive.atime = Atime::kRelatime;
    } else if (opt == "rnoatime") {
      plan.recursive.atime = Atime::kNoatime;
    } else if (opt == "rstrictatime") {
      plan.recursive.atime = Atime::kStrictatime;
    } else if (opt == "ratime") {
      plan.recursive.atime = Atime::kNotNoatime;
    } else if (opt == "rnostrictatime") {
      plan.recursive.atime = Atime::kNotStrictatime;
    } else if (opt == "bind" || opt == "rbind") {
      plan.bind = true;
    } else if (opt == "idmap" || opt == "ridmap") {
      plan.idmap = true;
    } else if (opt == "shared" || opt == "slave" || opt == "private" || opt == "unbindable") {
      plan.propagation = opt;
    } else if (opt == "rshared" || opt == "rslave" || opt == "rprivate" || opt == "runbindable") {
      plan.propagation = opt.substr(1);
    } else if (std::find(std::begin(kUnverifiable), std::end(kUnverifiable), opt) !=
                   std::end(kUnverifiable) ||
               opt.rfind("x-", 0) == 0 || opt.rfind("X-", 0) == 0) {
      plan.unverifiable.push_back(opt);
    } else {
      plan.data.push_back(opt);
    }
  }
  // mount(2): MS_STRICTATIME clears noatime and relatime; without MS_NOATIME a new mount gets
  // relatime. A bind mount remounted without an atime flag keeps its source's atime, so the
  // clearing options alone (atime, norelatime, nostrictatime, diratime) promise nothing there.
  if (strict) {
    plan.flags.atime = Atime::kStrictatime;
  } else if (noatime) {
    plan.flags.atime = Atime::kNoatime;
  } else if (relatime || (atime_mentioned && !plan.bind)) {
    plan.flags.atime = Atime::kRelatime;
  }
  if (plan.bind && plan.flags.nodiratime == false) plan.flags.nodiratime.reset();
  return plan;
}

MountFlags ReadMountFlags(const std::vector<std::string>& mount_options) {
  MountFlags f;
  for (const std::string& o : mount_options) {
    if (o == "ro") f.read_only = true;
    if (o == "nosuid") f.nosuid = true;
    if (o == "nodev") f.nodev = true;
    if (o == "noexec") f.noexec = true;
    if (o == "nodiratime") f.nodiratime = true;
    if (o == "nosymfollow") f.nosymfollow = true;
    if (o == "noatime") f.atime = Atime::kNoatime;
    if (o == "relatime" && f.atime != Atime::kNoatime) f.atime = Atime::kRelatime;
  }
  return f;
}

FlagComparison CompareFlags(const FlagWants& want, const MountFlags& got) {
  FlagComparison c;
  auto add = [&c](bool match, std::string_view expected, std::string_view found) {
    if (!c.expected.empty()) {
      c.expected += ',';
      c.found += ',';
    }
    c.expected += expected;
    c.found += found;
    c.ok = c.ok && match;
  };
  auto pair = [&](const std::optional<bool>& w, bool g, std::string_view set,
                  std::string_view clear) {
    if (w) add(*w == g, *w ? set : clear, g ? set : clear);
  };
  pair(want.read_only, got.read_only, "ro", "rw");
  pair(want.nosuid, got.nosuid, "nosuid", "suid");
  pair(want.nodev, got.nodev, "nodev", "dev");
  pair(want.noexec, got.noexec, "noexec", "exec");
  if (want.atime != Atime::kUnset) {
    add(AtimeMatches(want.atime, got.atime), AtimeName(want.atime), AtimeName(got.atime));
  }
  pair(want.nodiratime, got.nodiratime, "nodiratime", "diratime");
  pair(want.nosymfollow, got.nosymfollow, "nosymfollow", "symfollow");
  return c;
}

FsJudgement JudgeFsOption(std::string_view fs_type, std::string_view option,
                          const std::vector<std::string>& super, const FsFacts& facts) {
  const size_t eq = option.find('=');
  const bool has_value = eq != std::string_view::npos;
  const std::string_view key = option.substr(0, eq);
  const std::string_view value = has_value ? option.substr(eq + 1) : std::string_view();
  const char* kUserNs =
      "inside a user namespace the kernel prints the host's id, not the container's";
  if (fs_type == "tmpfs" && has_value) {
    if (key == "mode") return JudgeMode(key, value, super, "1777");
    if (key == "size") return JudgeTmpfsSize(value, super, facts);
    if (key == "nr_inodes") {
      return JudgeNumber(key, MemParse(value), super, std::nullopt,
                         "the kernel shows no nr_inodes=, so it is the default, which depends "
                         "on memory");
    }
    if (key == "uid" || key == "gid") {
      if (facts.user_namespace) return NotShown(kUserNs);
      return JudgeNumber(key, ParseDecimal(value), super, 0, "the default");
    }
  }
  if (fs_type == "devpts") {
    if (key == "newinstance") {
      return NotShown(
          "every devpts mount is a new instance since Linux 4.7; mountinfo does not "
          "say so");
    }
    if (has_value && (key == "mode" || key == "ptmxmode")) return JudgeMode(key, value, super, "");
    if (has_value && (key == "uid" || key == "gid")) {
      if (facts.user_namespace) return NotShown(kUserNs);
      std::optional<uint64_t> want = ParseDecimal(value);
      std::optional<std::string> shown = MountOptionValue(super, key);
      if (!want) return NotShown("not a number the kernel accepts");
      if (!shown) return Judged(false, "no " + std::string(key) + "= (not set)");
      return Judged(ParseDecimal(*shown) == want, std::string(key) + "=" + *shown);
    }
    if (has_value && key == "max") {
      return JudgeNumber(key, ParseDecimal(value), super, uint64_t{1} << 20, "the default");
    }
  }
  if (fs_type == "proc" && has_value) {
    if (key == "hidepid") {
      std::optional<std::string> shown = MountOptionValue(super, key);
      std::string got = shown ? ProcHidepid(*shown) : "off";
      return Judged(ProcHidepid(value) == got,
                    "hidepid=" + got + (shown ? "" : " (not shown: the default)"));
    }
    if (key == "gid") {
      if (facts.user_namespace) return NotShown(kUserNs);
      return JudgeNumber(key, ParseDecimal(value), super, 0, "the default");
    }
    if (key == "subset") {
      std::optional<std::string> shown = MountOptionValue(super, key);
      if (!shown) return Judged(false, "no subset= (the whole of proc)");
      return Judged(*shown == value, "subset=" + *shown);
    }
  }
  return JudgeGeneric(fs_type, option, key, has_value, value, super);
}

}  // namespace rt::checks
