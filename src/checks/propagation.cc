// config-linux.md#rootfs-mount-propagation and config.md#root: the container's root mount, its
// propagation, and that nothing of the host is mounted beside or above it.
#include "checks/check.h"
#include "checks/mounts.h"
#include "checks/mounts_context.h"

namespace rt::checks {
namespace {

using sys::MountInfo;

// The root mount of `table`; nullptr, having recorded why, when the table or its root is missing.
const MountInfo* RootMount(const Result<sys::MountTable>& table, Recorder& rec) {
  if (!table.ok()) {
    rec.CannotObserve("", "", table.status());
    return nullptr;
  }
  const MountInfo* root = table->Root();
  if (root == nullptr) rec.Fail("", "/", "a root mount in /proc/self/mountinfo", "none");
  return root;
}

void CheckRootfsPropagation(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->rootfs_propagation) {
    rec.Skip("", "", "linux.rootfsPropagation is not set in the config");
    return;
  }
  std::string want = *ctx.config.linux_->rootfs_propagation;
  // rshared, rslave, rprivate, runbindable: runc's spellings; on the root they mean the same.
  if (want == "rshared" || want == "rslave" || want == "rprivate" || want == "runbindable") {
    want = want.substr(1);
  }
  if (want != "shared" && want != "slave" && want != "private" && want != "unbindable") {
    rec.Skip("", "",
             Quote(want) +
                 " is not a value the spec defines (shared, slave, private, "
                 "unbindable)");
    return;
  }
  const Result<sys::MountTable>& table = ReadMountTable(ctx.sys);
  const MountInfo* root = RootMount(table, rec);
  if (root == nullptr) return;
  sys::Propagation p = sys::ParsePropagation(root->optional_fields);
  bool ok = false;
  std::string expected;
  if (want == "shared") {
    ok = p.shared.has_value();
    expected = "shared (a shared:N peer group)";
  } else if (want == "slave") {
    // A slave of a private mount has no master to receive from: the kernel leaves it private.
    ok = !p.shared && !p.unbindable;
    expected = "slave (master:N, or no peer group at all)";
  } else if (want == "private") {
    ok = !p.shared && !p.master && !p.unbindable;
    expected = "private (no shared:, master: or unbindable)";
  } else {
    ok = p.unbindable;
    expected = "unbindable";
  }
  if (ok) {
    rec.Pass("", "/");
  } else {
    rec.Fail("", "/", expected, sys::DescribePropagation(p));
  }
}

void CheckRootPath(const Context& ctx, Recorder& rec) {
  if (!ctx.config.root || ctx.config.root->path.empty()) {
    rec.Skip("", "", "root.path is not set in the config");
    return;
  }
  const Result<sys::MountTable>& table = ReadMountTable(ctx.sys);
  const MountInfo* root = RootMount(table, rec);
  if (root == nullptr) return;
  const std::string& path = ctx.config.root->path;
  if (BindRootMatchesSource(root->root, path)) {
    rec.Pass("", "/ mount root");
  } else {
    rec.Fail("", "/ mount root", "the directory root.path " + Quote(path) + " names",
             Quote(root->root) + " of " + Quote(root->source));
  }
  // Every mount the process can see hangs below its root; one that does not is the host's (or
  // lies under the root it was stacked on).
  std::vector<std::string> outside;
  for (const MountInfo& m : table->mounts()) {
    if (!table->IsWithin(m, *root)) {
      outside.push_back(m.mount_point + " (" + m.fs_type + " " + Quote(m.source) + ")");
    }
  }
  if (outside.empty()) {
    rec.Pass("", "no mount outside the root");
    return;
  }
  const size_t total = outside.size();
  std::string found;
  for (size_t i = 0; i < total && i < 3; ++i) found += (i ? ", " : "") + outside[i];
  if (total > 3) found += " and " + std::to_string(total - 3) + " more";
  rec.Fail("", "mounts", "only the container's root and mounts below it", found);
}

constexpr CheckDef kChecks[] = {
    {"linux.rootfsPropagation", "config-linux.md#rootfs-mount-propagation", report::Level::kMust,
     "the propagation of the root mount (mountinfo optional fields) against rootfsPropagation",
     CheckRootfsPropagation},
    {"root.path", "config.md#root", report::Level::kMust,
     "the root mount shows the directory root.path names, and no mount lies outside it "
     "(no host mounts above the container's root)",
     CheckRootPath},
};

}  // namespace

std::span<const CheckDef> PropagationChecks() { return kChecks; }

}  // namespace rt::checks
