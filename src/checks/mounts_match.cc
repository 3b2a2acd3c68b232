// Which mountinfo entry realises which mounts[] entry (config.md#mounts: "in the listed order").
#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "checks/mounts.h"

namespace rt::checks {
namespace {

using sys::MountInfo;

std::vector<std::string_view> Components(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    if (end > i) out.push_back(path.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

}  // namespace

std::vector<const MountInfo*> MatchMounts(const std::vector<std::string>& destinations,
                                          const std::vector<std::string>& mounted_after,
                                          const sys::MountTable& table) {
  const size_t n = destinations.size();
  std::vector<const MountInfo*> match(n, nullptr);
  // Claimed mounts, by slot (an id a malformed file repeats is claimed once for all its lines).
  std::vector<bool> claimed(table.mounts().size(), false);
  auto free = [&](const MountInfo* m) { return m != nullptr && !claimed[table.SlotOf(*m)]; };
  const std::unordered_set<std::string_view> overlays(mounted_after.begin(), mounted_after.end());
  // Walking from the last entry back: the first matched entry at each destination seen so far.
  std::unordered_map<std::string_view, size_t> nearest_matched;
  nearest_matched.reserve(n);
  for (size_t k = n; k-- > 0;) {
    const std::string& dest = destinations[k];
    if (dest.empty()) continue;
    // The nearest later entry mounted at this place or above it, if any.
    size_t cover_index = n;
    sys::ForSelfAndAncestors(dest, [&](std::string_view place) {
      auto it = nearest_matched.find(place);
      if (it != nearest_matched.end()) cover_index = std::min(cover_index, it->second);
    });
    const MountInfo* cover = cover_index < n ? match[cover_index] : nullptr;
    const bool same_place = cover != nullptr && destinations[cover_index] == dest;
    const MountInfo* pick = nullptr;
    if (cover == nullptr) {
      pick = table.VisibleAt(dest);
      const bool runtime_overlay = overlays.count(dest) > 0;
      if (pick != nullptr && runtime_overlay) {
        const MountInfo* below = table.Parent(*pick);
        if (below != nullptr && below->mount_point == dest) pick = below;
      }
    } else if (same_place) {
      pick = table.Parent(*cover);
      if (pick != nullptr && pick->mount_point != dest) pick = nullptr;
    }
    if (!free(pick)) {
      // What else is mounted at this place: preferably where the listed order puts it (beneath
      // a later entry at the same place, outside one at a parent), else anywhere, so that the
      // order check can name what is wrong.
      const MountInfo* fitting = nullptr;
      const MountInfo* any = nullptr;
      for (const MountInfo* m : table.AtMountPoint(dest)) {
        if (!free(m)) continue;
        any = m;
        if (cover == nullptr ||
            (same_place ? table.IsWithin(*cover, *m) && cover != m : !table.IsWithin(*m, *cover))) {
          fitting = m;
        }
      }
      pick = fitting != nullptr ? fitting : any;
    }
    if (pick != nullptr) {
      match[k] = pick;
      claimed[table.SlotOf(*pick)] = true;
      nearest_matched[dest] = k;
    }
  }
  return match;
}

bool BindRootMatchesSource(std::string_view root, std::string_view source) {
  std::string_view r = root;
  constexpr std::string_view kDeleted = "//deleted";
  if (r.size() > kDeleted.size() && r.substr(r.size() - kDeleted.size()) == kDeleted) {
    r.remove_suffix(kDeleted.size());
  }
  const std::string clean_root = sys::CleanPath(r);
  if (clean_root == "/") return true;  // the whole filesystem: any source that is its mount point
  const std::string clean_source = sys::CleanPath(source);
  std::vector<std::string_view> rc = Components(clean_root), sc = Components(clean_source);
  auto ends = [](const std::vector<std::string_view>& whole,
                 const std::vector<std::string_view>& tail) {
    return tail.size() <= whole.size() &&
           std::equal(tail.begin(), tail.end(),
                      whole.end() - static_cast<std::ptrdiff_t>(tail.size()));
  };
  // An absolute source is the root's path seen from the host's "/": the root ends it. A source
  // relative to the bundle ends the root's path, unless the bundle's filesystem starts below it.
  if (!source.empty() && source[0] == '/') return ends(sc, rc);
  return ends(rc, sc) || ends(sc, rc);
}

bool IsCgroupV1Tree(const MountInfo& m, const sys::MountTable& table) {
  if (m.fs_type != "tmpfs") return false;
  for (const MountInfo* c : table.Children(m)) {
    if (c->fs_type == "cgroup") return true;
  }
  return false;
}

}  // namespace rt::checks
