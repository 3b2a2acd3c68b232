// config-linux.md#user-namespace-mappings: /proc/self/uid_map and gid_map hold exactly the
// configured linux.uidMappings and linux.gidMappings. Read from inside the namespace, the first
// column is the container id and the second the id in the parent (the runtime's) namespace.
#include "sys/idmap.h"

#include <algorithm>
#include <string>
#include <vector>

#include "checks/check.h"

namespace rt::checks {
namespace {

// "0 100000 65536, 65536 1000 1" in containerID order (the kernel may sort what it was given).
std::string FormatMappings(std::vector<sys::IdMapEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const sys::IdMapEntry& a, const sys::IdMapEntry& b) {
    return a.inside != b.inside ? a.inside < b.inside : a.outside < b.outside;
  });
  std::string out;
  for (const sys::IdMapEntry& e : entries) {
    if (!out.empty()) out += ", ";
    out +=
        std::to_string(e.inside) + " " + std::to_string(e.outside) + " " + std::to_string(e.count);
  }
  return out.empty() ? "no mappings" : out;
}

void CheckMappings(const Context& ctx, Recorder& rec, bool uid) {
  const char* field = uid ? "linux.uidMappings" : "linux.gidMappings";
  const std::string path = uid ? "/proc/self/uid_map" : "/proc/self/gid_map";
  if (!ctx.config.linux_ ||
      (uid ? ctx.config.linux_->uid_mappings : ctx.config.linux_->gid_mappings).empty()) {
    rec.Skip("", "", std::string(field) + " is not set in the config");
    return;
  }
  std::vector<sys::IdMapEntry> want;
  for (const spec::IdMapping& m :
       uid ? ctx.config.linux_->uid_mappings : ctx.config.linux_->gid_mappings) {
    want.push_back({m.container_id, m.host_id, m.size});
  }
  Result<std::string> text = ctx.sys.ReadFile(path);
  if (!text.ok()) {
    rec.CannotObserve("", path, text.status());
    return;
  }
  Result<std::vector<sys::IdMapEntry>> found = sys::ParseIdMap(*text);
  if (!found.ok()) {
    rec.CannotObserve("", path, found.status());
    return;
  }
  rec.Expect("", path, FormatMappings(want), FormatMappings(*found));
}

void CheckUidMappings(const Context& ctx, Recorder& rec) { CheckMappings(ctx, rec, true); }
void CheckGidMappings(const Context& ctx, Recorder& rec) { CheckMappings(ctx, rec, false); }

constexpr CheckDef kChecks[] = {
    {"linux.uidMappings", "config-linux.md#user-namespace-mappings", report::Level::kMust,
     "/proc/self/uid_map lines (containerID hostID size) equal linux.uidMappings",
     CheckUidMappings},
    {"linux.gidMappings", "config-linux.md#user-namespace-mappings", report::Level::kMust,
     "/proc/self/gid_map lines (containerID hostID size) equal linux.gidMappings",
     CheckGidMappings},
};

}  // namespace

std::span<const CheckDef> IdMapChecks() { return kChecks; }

}  // namespace rt::checks
