// The meaning of mount options (config.md#linux-mount-options): which per-mount flag each sets,
// and how the kernel prints filesystem options back in mountinfo.
#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "checks/mounts.h"
#include "util/word_index.h"

namespace rt::checks {
namespace {

using namespace std::string_view_literals;
using sys::MountOptionValue;

// The per-mount flags an option sets or clears, in FlagWants and in MountFlags.
enum Flag : uint8_t { kReadOnly, kNosuid, kNodev, kNoexec, kNodiratime, kNosymfollow };
constexpr std::optional<bool> FlagWants::*kWantField[] = {
    &FlagWants::read_only, &FlagWants::nosuid,     &FlagWants::nodev,
    &FlagWants::noexec,    &FlagWants::nodiratime, &FlagWants::nosymfollow};
constexpr bool MountFlags::*kShownField[] = {&MountFlags::read_only,  &MountFlags::nosuid,
                                             &MountFlags::nodev,      &MountFlags::noexec,
                                             &MountFlags::nodiratime, &MountFlags::nosymfollow};

// What an option word means: which part of the plan it goes to, and what it says there.
enum class Meaning : uint8_t {
  kFlag,                  // sets (value) or clears one per-mount flag: ro, rw, nosuid, ...
  kRecursiveFlag,         // the same with AT_RECURSIVE: rro, rrw, rnosuid, ...
  kAtime,                 // noatime/atime, strictatime/nostrictatime, relatime/norelatime
  kRecursiveAtime,        // rrelatime, rnoatime, ...: the mode in `atime`
  kBind,                  // bind, rbind
  kIdmap,                 // idmap, ridmap
  kPropagation,           // shared, slave, private, unbindable
  kRecursivePropagation,  // the same with an "r" before it
  kUnverifiable,          // changes nothing mountinfo shows (see below)
};
enum AtimeWord : uint8_t { kNoatimeWord, kStrictWord, kRelatimeWord };

struct OptionWord {
  std::string_view name;
  Meaning meaning;
  uint8_t which = 0;  // kFlag, kRecursiveFlag: a Flag; kAtime: an AtimeWord
  bool value = false;
  Atime atime = Atime::kUnset;  // kRecursiveAtime
};

// Every option word with a meaning of its own; any other is passed to the filesystem (unless it
// starts with x- or X-, mount(8)'s comments). kUnverifiable: options that change no state
// mountinfo shows, or that only mount(8) itself reads; rnorelatime is one too:
// MOUNT_ATTR_RELATIME is 0, so clearing it asks for nothing the kernel can show.
constexpr OptionWord kOptionWords[] = {
    {"ro", Meaning::kFlag, kReadOnly, true},
    {"rw", Meaning::kFlag, kReadOnly, false},
    {"nosuid", Meaning::kFlag, kNosuid, true},
    {"suid", Meaning::kFlag, kNosuid, false},
    {"nodev", Meaning::kFlag, kNodev, true},
    {"dev", Meaning::kFlag, kNodev, false},
    {"noexec", Meaning::kFlag, kNoexec, true},
    {"exec", Meaning::kFlag, kNoexec, false},
    {"nodiratime", Meaning::kFlag, kNodiratime, true},
    {"diratime", Meaning::kFlag, kNodiratime, false},
    {"nosymfollow", Meaning::kFlag, kNosymfollow, true},
    {"symfollow", Meaning::kFlag, kNosymfollow, false},
    {"rro", Meaning::kRecursiveFlag, kReadOnly, true},
    {"rrw", Meaning::kRecursiveFlag, kReadOnly, false},
    {"rnosuid", Meaning::kRecursiveFlag, kNosuid, true},
    {"rsuid", Meaning::kRecursiveFlag, kNosuid, false},
    {"rnodev", Meaning::kRecursiveFlag, kNodev, true},
    {"rdev", Meaning::kRecursiveFlag, kNodev, false},
    {"rnoexec", Meaning::kRecursiveFlag, kNoexec, true},
    {"rexec", Meaning::kRecursiveFlag, kNoexec, false},
    {"rnodiratime", Meaning::kRecursiveFlag, kNodiratime, true},
    {"rdiratime", Meaning::kRecursiveFlag, kNodiratime, false},
    {"rnosymfollow", Meaning::kRecursiveFlag, kNosymfollow, true},
    {"rsymfollow", Meaning::kRecursiveFlag, kNosymfollow, false},
    {"noatime", Meaning::kAtime, kNoatimeWord, true},
    {"atime", Meaning::kAtime, kNoatimeWord, false},
    {"strictatime", Meaning::kAtime, kStrictWord, true},
    {"nostrictatime", Meaning::kAtime, kStrictWord, false},
    {"relatime", Meaning::kAtime, kRelatimeWord, true},
    {"norelatime", Meaning::kAtime, kRelatimeWord, false},
    {"rrelatime", Meaning::kRecursiveAtime, 0, false, Atime::kRelatime},
    {"rnoatime", Meaning::kRecursiveAtime, 0, false, Atime::kNoatime},
    {"rstrictatime", Meaning::kRecursiveAtime, 0, false, Atime::kStrictatime},
    {"ratime", Meaning::kRecursiveAtime, 0, false, Atime::kNotNoatime},
    {"rnostrictatime", Meaning::kRecursiveAtime, 0, false, Atime::kNotStrictatime},
    {"bind", Meaning::kBind},
    {"rbind", Meaning::kBind},
    {"idmap", Meaning::kIdmap},
    {"ridmap", Meaning::kIdmap},
    {"shared", Meaning::kPropagation},
    {"slave", Meaning::kPropagation},
    {"private", Meaning::kPropagation},
    {"unbindable", Meaning::kPropagation},
    {"rshared", Meaning::kRecursivePropagation},
    {"rslave", Meaning::kRecursivePropagation},
    {"rprivate", Meaning::kRecursivePropagation},
    {"runbindable", Meaning::kRecursivePropagation},
    {"defaults", Meaning::kUnverifiable},
    {"async", Meaning::kUnverifiable},
    {"nomand", Meaning::kUnverifiable},
    {"nolazytime", Meaning::kUnverifiable},
    {"iversion", Meaning::kUnverifiable},
    {"noiversion", Meaning::kUnverifiable},
    {"loud", Meaning::kUnverifiable},
    {"silent", Meaning::kUnverifiable},
    {"remount", Meaning::kUnverifiable},
    {"tmpcopyup", Meaning::kUnverifiable},
    {"acl", Meaning::kUnverifiable},
    {"noacl", Meaning::kUnverifiable},
    {"auto", Meaning::kUnverifiable},
    {"noauto", Meaning::kUnverifiable},
    {"user", Meaning::kUnverifiable},
    {"nouser", Meaning::kUnverifiable},
    {"users", Meaning::kUnverifiable},
    {"owner", Meaning::kUnverifiable},
    {"group", Meaning::kUnverifiable},
    {"nofail", Meaning::kUnverifiable},
    {"_netdev", Meaning::kUnverifiable},
    {"rnorelatime", Meaning::kUnverifiable},
};

template <size_t N>
constexpr std::array<std::string_view, N> NamesOf(const OptionWord (&words)[N]) {
  std::array<std::string_view, N> names;
  for (size_t i = 0; i < N; ++i) names[i] = words[i].name;
  return names;
}
constexpr auto kOptionNames = NamesOf(kOptionWords);
constexpr WordIndex kOptionIndex(kOptionNames);

// The meaning of `word`, or null when it has none of its own.
const OptionWord* FindOptionWord(std::string_view word) {
  const int i = kOptionIndex.Find(word);
  return i < 0 ? nullptr : &kOptionWords[i];
}

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
  bool atime_words[3] = {false, false, false};  // the last of each AtimeWord pair
  bool atime_mentioned = false;
  for (const std::string& opt : mount.options) {
    const OptionWord* w = FindOptionWord(opt);
    if (w == nullptr) {
      if (opt.size() >= 2 && (opt[0] == 'x' || opt[0] == 'X') && opt[1] == '-') {
        plan.unverifiable.push_back(opt);
      } else {
        plan.data.push_back(opt);
      }
      continue;
    }
    switch (w->meaning) {
      case Meaning::kFlag:
        plan.flags.*kWantField[w->which] = w->value;
        break;
      case Meaning::kRecursiveFlag:
        plan.recursive.*kWantField[w->which] = w->value;
        break;
      case Meaning::kAtime:
        atime_words[w->which] = w->value;
        atime_mentioned = true;
        break;
      case Meaning::kRecursiveAtime:
        plan.recursive.atime = w->atime;
        break;
      case Meaning::kBind:
        plan.bind = true;
        break;
      case Meaning::kIdmap:
        plan.idmap = true;
        break;
      case Meaning::kPropagation:
        plan.propagation = opt;
        break;
      case Meaning::kRecursivePropagation:
        plan.propagation = opt.substr(1);
        break;
      case Meaning::kUnverifiable:
        plan.unverifiable.push_back(opt);
        break;
    }
  }
  const bool noatime = atime_words[kNoatimeWord], strict = atime_words[kStrictWord],
             relatime = atime_words[kRelatimeWord];
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
    const OptionWord* w = FindOptionWord(o);
    if (w == nullptr || !w->value) continue;
    if (w->meaning == Meaning::kFlag) f.*kShownField[w->which] = true;
    if (w->meaning == Meaning::kAtime && w->which == kNoatimeWord) f.atime = Atime::kNoatime;
    if (w->meaning == Meaning::kAtime && w->which == kRelatimeWord && f.atime != Atime::kNoatime) {
      f.atime = Atime::kRelatime;
    }
  }
  return f;
}

bool FlagsHold(const FlagWants& want, const MountFlags& got) {
  for (size_t f = 0; f < std::size(kWantField); ++f) {
    const std::optional<bool>& w = want.*kWantField[f];
    if (w && *w != got.*kShownField[f]) return false;
  }
  return want.atime == Atime::kUnset || AtimeMatches(want.atime, got.atime);
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
  if (fs_type == "tmpfs"sv && has_value) {
    if (key == "mode"sv) return JudgeMode(key, value, super, "1777");
    if (key == "size"sv) return JudgeTmpfsSize(value, super, facts);
    if (key == "nr_inodes"sv) {
      return JudgeNumber(key, MemParse(value), super, std::nullopt,
                         "the kernel shows no nr_inodes=, so it is the default, which depends "
                         "on memory");
    }
    if (key == "uid"sv || key == "gid"sv) {
      if (facts.user_namespace) return NotShown(kUserNs);
      return JudgeNumber(key, ParseDecimal(value), super, 0, "the default");
    }
  }
  if (fs_type == "devpts"sv) {
    if (key == "newinstance"sv) {
      return NotShown(
          "every devpts mount is a new instance since Linux 4.7; mountinfo does not "
          "say so");
    }
    if (has_value && (key == "mode"sv || key == "ptmxmode"sv))
      return JudgeMode(key, value, super, "");
    if (has_value && (key == "uid"sv || key == "gid"sv)) {
      if (facts.user_namespace) return NotShown(kUserNs);
      std::optional<uint64_t> want = ParseDecimal(value);
      std::optional<std::string> shown = MountOptionValue(super, key);
      if (!want) return NotShown("not a number the kernel accepts");
      if (!shown) return Judged(false, "no " + std::string(key) + "= (not set)");
      return Judged(ParseDecimal(*shown) == want, std::string(key) + "=" + *shown);
    }
    if (has_value && key == "max"sv) {
      return JudgeNumber(key, ParseDecimal(value), super, uint64_t{1} << 20, "the default");
    }
  }
  if (fs_type == "proc"sv && has_value) {
    if (key == "hidepid"sv) {
      std::optional<std::string> shown = MountOptionValue(super, key);
      std::string got = shown ? ProcHidepid(*shown) : "off";
      return Judged(ProcHidepid(value) == got,
                    "hidepid=" + got + (shown ? "" : " (not shown: the default)"));
    }
    if (key == "gid"sv) {
      if (facts.user_namespace) return NotShown(kUserNs);
      return JudgeNumber(key, ParseDecimal(value), super, 0, "the default");
    }
    if (key == "subset"sv) {
      std::optional<std::string> shown = MountOptionValue(super, key);
      if (!shown) return Judged(false, "no subset= (the whole of proc)");
      return Judged(*shown == value, "subset=" + *shown);
    }
  }
  return JudgeGeneric(fs_type, option, key, has_value, value, super);
}

}  // namespace rt::checks
