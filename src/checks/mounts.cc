// config.md#mounts and #linux-mount-options, config-linux.md#default-filesystems and
// #mount-label: what /proc/self/mountinfo shows of each mounts[] entry.
#include "checks/mounts.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <iterator>
#include <unordered_map>

#include "checks/check.h"
#include "checks/mounts_context.h"
#include "sys/proc.h"
#include "util/text.h"

namespace rt::checks {
namespace {

using sys::MountInfo;
using sys::MountTable;
using namespace std::string_view_literals;

constexpr std::string_view kOptionsRef = "config.md#linux-mount-options";

// Appends `part` to the list `out`, `sep` before it unless the list is still empty.
void AppendListed(std::string& out, std::string_view sep, std::string_view part) {
  if (!out.empty()) out.append(sep.data(), sep.size());
  out.append(part.data(), part.size());
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) AppendListed(out, sep, p);
  return out;
}

// "mounts[3] /data", and what follows it in the assertion's subject (" type", " options").
std::string Subject(const spec::Mount& m, size_t i, std::string_view what = {}) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, i);
  return Cat({"mounts["sv, std::string_view(digits, static_cast<size_t>(end - digits)), "] "sv,
              m.destination, what});
}

bool TypeMatches(const std::string& want, const MountInfo& m, bool cgroup_tree) {
  if (m.fs_type == want) return true;
  if (m.fs_type.rfind(want + ".", 0) == 0) return true;  // fuse.sshfs for fuse
  return want == "cgroup" && (m.fs_type == "cgroup2" || cgroup_tree);
}

// What mountinfo's optional fields must show for a propagation option (or rootfsPropagation).
// A "slave" of a private mount has no master to receive from: the kernel leaves it private, so
// only "does not propagate outwards" is demanded of it.
bool PropagationMatches(const std::string& want, const sys::Propagation& p) {
  if (want == "shared") return p.shared.has_value();
  if (want == "slave") return !p.shared && !p.unbindable;
  if (want == "private") return !p.shared && !p.master && !p.unbindable;
  if (want == "unbindable") return p.unbindable;
  return false;
}

std::string PropagationWanted(const std::string& want) {
  if (want == "shared") return "shared (a shared:N peer group)";
  if (want == "slave") return "slave (master:N, or no peer group at all)";
  if (want == "private") return "private (no shared:, master: or unbindable)";
  return want;
}

// The flags, filesystem options and propagation of one matched entry.
void JudgeOptions(const MountContext& mc, size_t i, const MountInfo& mi, const std::string& subject,
                  Recorder& rec) {
  const spec::Mount& m = mc.config.mounts[i];
  const MountOptionPlan& plan = mc.plans[i];
  const bool cgroup_tree =
      !plan.bind && m.type && *m.type == "cgroup" && IsCgroupV1Tree(mi, mc.table);
  Recorder::Scoped scope(rec, report::Level::kMust, kOptionsRef);

  // A cgroup v1 tree carries the flags on each controller's mount; the tmpfs holding them is
  // the runtime's scaffolding.
  std::vector<const MountInfo*> targets;
  if (cgroup_tree) {
    for (const MountInfo* c : mc.table.Children(mi)) {
      if (c->fs_type == "cgroup" || c->fs_type == "cgroup2") targets.push_back(c);
    }
  } else {
    targets.push_back(&mi);
  }
  FlagWants must = plan.flags;
  must.nosymfollow.reset();
  // The verdict first; the expected and found text only for a failure.
  bool judged = !must.empty(), ok = true;
  if (judged) {
    for (const MountInfo* t : targets) ok = ok && FlagsHold(must, ReadMountFlags(t->mount_options));
  }
  if (!plan.data.empty()) {
    if (plan.bind || cgroup_tree) {
      rec.Skip("", Cat({subject, " options "sv, Join(plan.data, ",")}),
               plan.bind ? "a bind mount takes no filesystem options"
                         : "cgroup controller options are not compared");
    } else {
      for (const std::string& opt : plan.data) {
        FsJudgement j = JudgeFsOption(mi.fs_type, opt, mi.super_options, mc.fs_facts);
        if (j.verdict == FsVerdict::kNotShown) {
          rec.Skip("", Cat({subject, " option "sv, opt}), std::move(j.reason));
          continue;
        }
        judged = true;
        ok = ok && j.verdict == FsVerdict::kMatch;
      }
    }
  }
  if (judged && ok) rec.Pass("", Cat({subject, " options"sv}));
  if (judged && !ok) {
    std::string expected, found;  // comma-separated
    if (!must.empty()) {
      FlagComparison first;
      for (const MountInfo* t : targets) {
        FlagComparison c = CompareFlags(must, ReadMountFlags(t->mount_options));
        if (t == targets.front() || (first.ok && !c.ok)) {
          first = c;
          if (cgroup_tree) first.found = t->mount_point + ": " + first.found;
        }
      }
      AppendListed(expected, ",", first.expected);
      AppendListed(found, ",", first.found);
    }
    if (!plan.bind && !cgroup_tree) {
      for (const std::string& opt : plan.data) {
        FsJudgement j = JudgeFsOption(mi.fs_type, opt, mi.super_options, mc.fs_facts);
        if (j.verdict == FsVerdict::kNotShown) continue;
        AppendListed(expected, ",", opt);
        AppendListed(found, ",", j.found);
      }
    }
    rec.Fail("", Cat({subject, " options"sv}), std::move(expected), std::move(found));
  }
  if (plan.flags.nosymfollow) {
    Recorder::Scoped should(rec, report::Level::kShould, kOptionsRef);
    FlagWants sym;
    sym.nosymfollow = plan.flags.nosymfollow;
    FlagComparison c = CompareFlags(sym, ReadMountFlags(mi.mount_options));
    if (c.ok) {
      rec.Pass("", subject + " " + c.expected);
    } else {
      rec.Fail("", subject + " options", c.expected, c.found);
    }
  }
  if (plan.propagation) {
    const std::string& root_prop = mc.RootPropagation();
    if (!root_prop.empty() && root_prop[0] == 'r') {
      rec.Skip("", subject + " propagation",
               "linux.rootfsPropagation " + root_prop + " applies to every mount below the root");
    } else {
      sys::Propagation p = sys::ParsePropagation(mi.optional_fields);
      if (PropagationMatches(*plan.propagation, p)) {
        rec.Pass("", subject + " propagation");
      } else {
        rec.Fail("", subject + " propagation", PropagationWanted(*plan.propagation),
                 sys::DescribePropagation(p));
      }
    }
  }
  if (!plan.unverifiable.empty()) {
    rec.Skip("", subject + " options " + Join(plan.unverifiable, ","),
             "mountinfo shows nothing of these options");
  }
}

// The mounts[] entries by destination, for JudgeOrder: which earlier entries lie on or above a
// destination, and which lie below it, without comparing every pair. Built in one walk up from
// each destination; each group is a chain of nodes in one array.
class DestinationIndex {
 public:
  explicit DestinationIndex(const MountContext& mc) {
    const size_t n = mc.destinations.size();
    at_.reserve(n);
    for (size_t k = 0; k < n; ++k) {
      if (Indexed(mc, k)) Push(at_, mc.destinations[k], k);
    }
    for (size_t k = 0; k < n; ++k) {
      if (!Indexed(mc, k)) continue;
      const std::string_view dest = mc.destinations[k];
      sys::ForSelfAndAncestors(dest, [&](std::string_view place) {
        if (place.size() != dest.size() && at_.count(place) != 0) Push(below_, place, k);
      });
    }
  }

  // The entries before `i` whose destination is `dest` or an ancestor of it, or lies below it;
  // ascending.
  std::vector<size_t> RelatedBefore(std::string_view dest, size_t i) const {
    std::vector<size_t> out;
    sys::ForSelfAndAncestors(dest,
                             [&](std::string_view place) { AppendBefore(at_, place, i, out); });
    AppendBefore(below_, dest, i, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  static constexpr uint32_t kEnd = UINT32_MAX;
  using Heads = std::unordered_map<std::string_view, uint32_t>;  // a group's first node
  struct Node {
    size_t entry;
    uint32_t next;
  };

  static bool Indexed(const MountContext& mc, size_t k) {
    return mc.matches[k] != nullptr && !mc.destinations[k].empty();
  }
  void Push(Heads& heads, std::string_view key, size_t entry) {
    auto [it, added] = heads.try_emplace(key, kEnd);
    nodes_.push_back({entry, it->second});
    it->second = static_cast<uint32_t>(nodes_.size() - 1);
  }
  void AppendBefore(const Heads& heads, std::string_view key, size_t i,
                    std::vector<size_t>& out) const {
    auto it = heads.find(key);
    if (it == heads.end()) return;
    for (uint32_t node = it->second; node != kEnd; node = nodes_[node].next) {
      if (nodes_[node].entry < i) out.push_back(nodes_[node].entry);
    }
  }

  Heads at_;     // entries at a destination
  Heads below_;  // entries strictly below a destination that is some entry's
  std::vector<Node> nodes_;
};

void JudgeOrder(const MountContext& mc, const DestinationIndex& index, size_t i, Recorder& rec) {
  const MountInfo* mi = mc.matches[i];
  const std::string& dest = mc.destinations[i];
  const std::vector<size_t> related = index.RelatedBefore(dest, i);
  if (related.empty()) return;
  std::vector<size_t> wrong;
  for (size_t k : related) {
    const MountInfo* mk = mc.matches[k];
    // On or inside an earlier mount: mounted on it.
    if (sys::PathWithin(dest, mc.destinations[k])) {
      if (!mc.table.IsWithin(*mi, *mk)) wrong.push_back(k);
    } else if (mc.table.IsWithin(*mk, *mi)) {  // above an earlier mount, and hiding it
      wrong.push_back(k);
    }
  }
  const std::string subject = Subject(mc.config.mounts[i], i) + " order";
  if (wrong.empty()) {
    rec.Pass("", subject);
    return;
  }
  auto names = [&mc](const std::vector<size_t>& ks) {
    std::string out;
    for (size_t k : ks) AppendListed(out, ", ", Subject(mc.config.mounts[k], k));
    return out;
  };
  rec.Fail("", subject, "mounted after " + names(related) + " (the listed order)",
           "mounted before " + names(wrong));
}

// Filesystems with no backing device: the source of their mount is a name the runtime chose.
bool IsPseudoFilesystem(std::string_view type) {
  static constexpr std::string_view kPseudo[] = {
      "proc",  "sysfs",     "tmpfs",      "devpts",      "mqueue",   "cgroup",     "cgroup2",
      "ramfs", "devtmpfs",  "securityfs", "debugfs",     "tracefs",  "configfs",   "pstore",
      "bpf",   "hugetlbfs", "fusectl",    "binfmt_misc", "efivarfs", "rpc_pipefs", "nsfs"};
  return std::find(std::begin(kPseudo), std::end(kPseudo), type) != std::end(kPseudo);
}

void CheckMounts(const Context& ctx, Recorder& rec) {
  if (ctx.config.mounts.empty()) {
    rec.Skip("", "", "mounts is not set in the config");
    return;
  }
  const Result<MountContext>& mc = MountContext::Load(ctx);
  if (!mc.ok()) {
    if (mc.status().err() == ENOENT && ConfigMountsProc(ctx.config)) {
      rec.FailMandatedObservation("", "", "/proc/self/mountinfo (the config mounts proc at /proc)",
                                  mc.status());
    } else {
      rec.CannotObserve("", "", mc.status());
    }
    return;
  }
  const DestinationIndex index(*mc);
  for (size_t i = 0; i < ctx.config.mounts.size(); ++i) {
    const spec::Mount& m = ctx.config.mounts[i];
    const std::string subject = Subject(m, i);
    if (mc->destinations[i].empty()) {
      const Status& why = mc->resolve_errors[i];
      if (why.err() == ENOENT || why.err() == ENOTDIR) {
        rec.Fail("", subject, "a mount there", "no such path in the container");
      } else {
        rec.CannotObserve("", subject, why);
      }
      continue;
    }
    const MountInfo* mi = mc->matches[i];
    if (mi == nullptr) {
      rec.Fail("", subject, "a mount at " + mc->destinations[i], "nothing mounted there");
      continue;
    }
    rec.Pass("", std::string(subject));
    const MountOptionPlan& plan = mc->plans[i];
    const bool cgroup_tree =
        !plan.bind && m.type && *m.type == "cgroup" && IsCgroupV1Tree(*mi, mc->table);
    if (!plan.bind && m.type && !m.type->empty()) {
      if (TypeMatches(*m.type, *mi, cgroup_tree)) {
        rec.Pass("", Cat({subject, " type"sv}));
      } else {
        rec.Fail("", Cat({subject, " type"sv}), *m.type, mi->fs_type);
      }
    }
    if (m.source && !m.source->empty()) {
      if (plan.bind) {
        if (BindRootMatchesSource(mi->root, *m.source)) {
          rec.Pass("", subject + " source");
        } else {
          rec.Fail("", subject + " source",
                   "a bind of " + Quote(*m.source) + " (mount root ending in that path)",
                   "mount root " + Quote(mi->root) + " of " + Quote(mi->source));
        }
      } else if (m.type && IsPseudoFilesystem(*m.type)) {
        // config.md#mounts: the source of such a mount is a dummy; the kernel ignores it.
        rec.Skip("", Cat({subject, " source"sv}),
                 Cat({"the source of a "sv, *m.type, " mount is a dummy (config.md#mounts)"sv}));
      } else {
        rec.Expect("", subject + " source", Quote(*m.source), Quote(mi->source));
      }
    }
    JudgeOptions(*mc, i, *mi, subject, rec);
    JudgeOrder(*mc, index, i, rec);
  }
}

// The mounts a recursive option covers: the entry's mount and what lies below it, less what the
// runtime mounts there afterwards (later entries, masked and read-only paths, devices).
// `last_entry` holds, per slot of the table, the last entry that mount realises (or kNoEntry).
constexpr size_t kNoEntry = SIZE_MAX;
std::vector<const MountInfo*> RecursiveTargets(const MountContext& mc, size_t i,
                                               const std::vector<size_t>& last_entry) {
  const MountTable& table = mc.table;
  const MountInfo* mi = mc.matches[i];
  std::vector<const MountInfo*> out = {mi};
  for (const MountInfo* d : table.Descendants(*mi)) {
    // On or below the mount of a later entry: one walk up from d (bounded, as IsWithin is).
    bool later = false;
    const MountInfo* cur = d;
    for (size_t guard = 0; cur != nullptr && guard <= table.mounts().size() && !later; ++guard) {
      const size_t k = last_entry[table.SlotOf(*cur)];
      later = k != kNoEntry && k > i;
      cur = table.Parent(*cur);
    }
    for (const std::string& p : mc.mounted_after)
      later = later || sys::PathWithin(d->mount_point, p);
    if (!later) out.push_back(d);
  }
  return out;
}

void CheckRecursive(const Context& ctx, Recorder& rec) {
  const std::vector<spec::Mount>& mounts = ctx.config.mounts;
  if (mounts.empty()) {
    rec.Skip("", "", "no mounts[] entry has a recursive option (rro, rnosuid, ...)");
    return;
  }
  // The plans of the shared context (the mounts check has made it) or, when it could not be
  // made, planned here.
  const Result<MountContext>& mc = MountContext::Load(ctx);
  bool any = false;
  for (size_t i = 0; i < mounts.size() && !any; ++i) {
    any =
        mc.ok() ? !mc->plans[i].recursive.empty() : !PlanMountOptions(mounts[i]).recursive.empty();
  }
  if (!any) {
    rec.Skip("", "", "no mounts[] entry has a recursive option (rro, rnosuid, ...)");
    return;
  }
  if (!mc.ok()) {
    if (mc.status().err() == ENOENT && ConfigMountsProc(ctx.config)) {
      rec.FailMandatedObservation("", "", "/proc/self/mountinfo (the config mounts proc at /proc)",
                                  mc.status());
    } else {
      rec.CannotObserve("", "", mc.status());
    }
    return;
  }
  std::vector<size_t> last_entry(mc->table.mounts().size(), kNoEntry);
  for (size_t j = 0; j < mc->matches.size(); ++j) {
    if (mc->matches[j] != nullptr) last_entry[mc->table.SlotOf(*mc->matches[j])] = j;
  }
  for (size_t i = 0; i < ctx.config.mounts.size(); ++i) {
    const spec::Mount& m = ctx.config.mounts[i];
    const MountOptionPlan& plan = mc->plans[i];
    if (plan.recursive.empty()) continue;
    std::string subject = Subject(m, i);
    if (mc->matches[i] == nullptr) {
      rec.Skip("", std::move(subject), "nothing is mounted there (the mounts check reports it)");
      continue;
    }
    const std::vector<const MountInfo*> targets = RecursiveTargets(*mc, i, last_entry);
    std::vector<std::string> wrong;
    for (const MountInfo* t : targets) {
      const MountFlags shown = ReadMountFlags(t->mount_options);
      if (!FlagsHold(plan.recursive, shown)) {
        wrong.push_back(t->mount_point + ": " + CompareFlags(plan.recursive, shown).found);
      }
    }
    if (wrong.empty()) {
      rec.Pass("", std::move(subject));
      continue;
    }
    // What is expected depends on the options alone.
    const std::string where = CompareFlags(plan.recursive, MountFlags{}).expected + " on " +
                              mc->matches[i]->mount_point + " and the " +
                              std::to_string(targets.size() - 1) + " mounts below it";
    const size_t total = wrong.size();
    if (wrong.size() > 4) wrong.resize(4);
    rec.Fail(
        "", std::move(subject), where,
        Join(wrong, "; ") + (total > 4 ? " (and " + std::to_string(total - 4) + " more)" : ""));
  }
}

// Whether the id the container sees, `shown`, is one the mount's mappings produce: a hostID of
// some mapping, seen through the container's own user namespace mappings when it has one.
bool IdFromMapping(uint32_t shown, const std::vector<spec::IdMapping>& mount_map,
                   const std::vector<spec::IdMapping>* userns_map) {
  uint64_t host = shown;
  if (userns_map != nullptr) {
    bool found = false;
    for (const spec::IdMapping& u : *userns_map) {
      if (shown >= u.container_id && uint64_t{shown} < uint64_t{u.container_id} + u.size) {
        host = uint64_t{u.host_id} + (shown - u.container_id);
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  for (const spec::IdMapping& mm : mount_map) {
    if (host >= mm.host_id && host < uint64_t{mm.host_id} + mm.size) return true;
  }
  return false;
}

std::string Ranges(const std::vector<spec::IdMapping>& map) {
  std::vector<std::string> parts;
  parts.reserve(map.size());
  for (const spec::IdMapping& m : map) {
    parts.push_back(std::to_string(m.host_id) + "-" +
                    std::to_string(uint64_t{m.host_id} + (m.size == 0 ? 0 : m.size - 1)));
  }
  return Join(parts, ",");
}

uint32_t OverflowId(sys::System& sys, const std::string& path) {
  Result<std::string> text = sys.ReadFile(path);
  if (text.ok()) {
    Result<uint64_t> v = sys::ParseUnsigned(*text);
    if (v.ok()) return static_cast<uint32_t>(*v);
  }
  return 65534;
}

void CheckIdmap(const Context& ctx, Recorder& rec) {
  bool any = false;
  for (const spec::Mount& m : ctx.config.mounts) {
    any = any || !m.uid_mappings.empty() || !m.gid_mappings.empty();
  }
  if (!any) {
    rec.Skip("", "", "no mounts[] entry has uidMappings or gidMappings");
    return;
  }
  const Result<MountContext>& mc = MountContext::Load(ctx);
  if (!mc.ok()) {
    rec.CannotObserve("", "", mc.status());
    return;
  }
  const spec::Linux* lx = ctx.config.linux_ ? &*ctx.config.linux_ : nullptr;
  const bool userns = mc->fs_facts.user_namespace;
  for (size_t i = 0; i < ctx.config.mounts.size(); ++i) {
    const spec::Mount& m = ctx.config.mounts[i];
    if (m.uid_mappings.empty() && m.gid_mappings.empty()) continue;
    const std::string subject = Subject(m, i);
    const MountInfo* mi = mc->matches[i];
    if (mi == nullptr) {
      rec.Skip("", subject, "nothing is mounted there (the mounts check reports it)");
      continue;
    }
    if (sys::HasMountOption(mi->mount_options, "idmapped")) {
      rec.Pass("", subject + " idmapped");
    } else {
      rec.Fail("", subject + " idmapped", "an idmapped mount",
               "per-mount options " + Join(mi->mount_options, ","));
    }
    Result<sys::FileInfo> st = ctx.sys.Stat(mc->destinations[i]);
    if (!st.ok()) {
      rec.CannotObserve("", subject + " owner", st.status());
      continue;
    }
    struct Side {
      const char* name;
      const std::vector<spec::IdMapping>& map;
      const std::vector<spec::IdMapping>* userns_map;
      uint32_t shown;
      uint32_t overflow;
    };
    const Side sides[] = {
        {"uid", m.uid_mappings, userns && lx ? &lx->uid_mappings : nullptr, st->uid,
         OverflowId(ctx.sys, "/proc/sys/kernel/overflowuid")},
        {"gid", m.gid_mappings, userns && lx ? &lx->gid_mappings : nullptr, st->gid,
         OverflowId(ctx.sys, "/proc/sys/kernel/overflowgid")},
    };
    for (const Side& s : sides) {
      if (s.map.empty()) continue;
      const std::string what = subject + " owner " + s.name;
      if (IdFromMapping(s.shown, s.map, s.userns_map)) {
        rec.Pass("", what);
      } else if (s.shown == s.overflow) {
        rec.Skip("", what,
                 "the mount's root is owned by an id outside the mapping (shown as the overflow "
                 "id " +
                     std::to_string(s.shown) + ")");
      } else {
        rec.Fail("", what,
                 std::string("a ") + s.name + " the mapping gives (hostID " + Ranges(s.map) + ")",
                 std::to_string(s.shown));
      }
    }
  }
}

void CheckDefaultFilesystems(const Context& ctx, Recorder& rec) {
  const Result<sys::MountTable>& table = ReadMountTable(ctx.sys);
  if (!table.ok()) {
    rec.CannotObserve("", "", table.status());
    return;
  }
  static constexpr std::pair<std::string_view, std::string_view> kDefaults[] = {
      {"/proc", "proc"}, {"/sys", "sysfs"}, {"/dev/pts", "devpts"}, {"/dev/shm", "tmpfs"}};
  for (const auto& [path, type] : kDefaults) {
    const MountInfo* m = table->VisibleAt(path);
    if (m == nullptr) {
      rec.Fail("", std::string(path), std::string(type), "nothing mounted there");
    } else {
      rec.Expect("", std::string(path), std::string(type), m->fs_type);
    }
  }
}

void CheckMountLabel(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->mount_label) {
    rec.Skip("", "", "linux.mountLabel is not set in the config");
    return;
  }
  const std::string& label = *ctx.config.linux_->mount_label;
  Result<std::string> filesystems = ctx.sys.ReadFile("/proc/filesystems");
  if (!filesystems.ok() || filesystems->find("selinuxfs") == std::string::npos) {
    rec.Skip("", "", "SELinux is not available on this kernel (no selinuxfs in /proc/filesystems)");
    return;
  }
  if (!ctx.sys.ReadFile("/sys/fs/selinux/enforce").ok()) {
    rec.Skip("", "", "SELinux is not enabled (/sys/fs/selinux/enforce cannot be read)");
    return;
  }
  const Result<MountContext>& mc = MountContext::Load(ctx);
  if (!mc.ok()) {
    rec.CannotObserve("", "", mc.status());
    return;
  }
  bool any = false;
  for (size_t i = 0; i < ctx.config.mounts.size(); ++i) {
    const spec::Mount& m = ctx.config.mounts[i];
    const MountInfo* mi = mc->matches[i];
    // The label goes to filesystems mounted with a context= option; bind mounts, proc and sysfs
    // keep the labels of their files.
    if (mi == nullptr || mc->plans[i].bind ||
        (mi->fs_type != "tmpfs" && mi->fs_type != "devpts" && mi->fs_type != "mqueue")) {
      continue;
    }
    any = true;
    std::optional<std::string> context = sys::MountOptionValue(mi->super_options, "context");
    rec.Expect("", Subject(m, i), Quote(label), context ? Quote(*context) : "no context= option");
  }
  if (!any) rec.Skip("", "", "no tmpfs, devpts or mqueue mount to carry the label");
}

constexpr CheckDef kChecks[] = {
    {"mounts", "config.md#mounts", report::Level::kMust,
     "each mounts[] entry against /proc/self/mountinfo: present at its destination in the listed "
     "order, type, source (bind: the mount root), the flags and filesystem options the kernel "
     "shows, propagation",
     CheckMounts},
    {"mounts.recursive", "config.md#linux-mount-options", report::Level::kShould,
     "rro, rnosuid, rnodev, rnoexec, rnoatime, ... hold on the mount and every mount below it",
     CheckRecursive},
    {"mounts.idmap", "config.md#posix-platform-mounts", report::Level::kMust,
     "a mount with uidMappings/gidMappings is idmapped and its root shows a mapped owner",
     CheckIdmap},
    {"linux.defaultFilesystems", "config-linux.md#default-filesystems", report::Level::kShould,
     "/proc proc, /sys sysfs, /dev/pts devpts and /dev/shm tmpfs are mounted",
     CheckDefaultFilesystems},
    {"linux.mountLabel", "config-linux.md#mount-label", report::Level::kMust,
     "tmpfs, devpts and mqueue mounts carry context=<mountLabel> (SKIP without SELinux)",
     CheckMountLabel},
};

}  // namespace

std::span<const CheckDef> MountChecks() { return kChecks; }

}  // namespace rt::checks
