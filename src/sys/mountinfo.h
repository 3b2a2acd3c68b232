// /proc/self/mountinfo (proc(5)) as a table of mounts, and the questions the mount checks ask of
// it: which mount a path lookup reaches, which mounts sit below another, what propagation a mount
// has. Pure: built from the text, tested on samples captured under runc and crun.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace rt::sys {

// One line of mountinfo. Paths are unescaped (the kernel writes space, tab, newline and backslash
// as \040, \011, \012, \134).
struct MountInfo {
  int id = 0;
  int parent_id = 0;
  uint32_t major = 0, minor = 0;
  std::string root;         // the directory of its filesystem this mount shows ("/" or a subdir)
  std::string mount_point;  // where it is mounted, relative to the process root
  std::vector<std::string> mount_options;    // per-mount: "ro", "nosuid", "relatime", ...
  std::vector<std::string> optional_fields;  // "shared:5", "master:2", "unbindable", ...
  std::string fs_type;                       // "tmpfs", "cgroup", "fuse.sshfs"
  std::string source;                        // "tmpfs", "/dev/vda1", "none"
  std::vector<std::string> super_options;    // per-superblock: "rw", "size=65536k", "mode=755", ...
  size_t line = 0;                           // 0-based position in the file: creation order
};

// Parses the whole file. A malformed line is an error naming its number.
Result<std::vector<MountInfo>> ParseMountInfo(std::string_view text);

// Splits a mount option list at commas, keeping commas inside double quotes (SELinux
// context="system_u:object_r:x:s0:c1,c2") inside their option.
std::vector<std::string> SplitMountOptions(std::string_view text);

// Whether `options` holds `name` exactly.
bool HasMountOption(const std::vector<std::string>& options, std::string_view name);

// The value of "key=value" in `options` (the last one when repeated), without surrounding quotes.
std::optional<std::string> MountOptionValue(const std::vector<std::string>& options,
                                            std::string_view key);

// The propagation mountinfo's optional fields show.
struct Propagation {
  std::optional<int> shared;  // peer group, "shared:N"
  std::optional<int> master;  // "master:N": a slave of that peer group
  bool unbindable = false;
};
Propagation ParsePropagation(const std::vector<std::string>& optional_fields);

// "shared:3 master:1", "private", "unbindable": how a failure line shows a propagation.
std::string DescribePropagation(const Propagation& p);

// Lexically cleans an absolute path: no "//", no "." components, ".." resolved against its parent
// (never above "/"), no trailing slash. A relative path is taken relative to "/".
std::string CleanPath(std::string_view path);

// Whether `path` is `dir` or below it (both clean absolute paths).
bool PathWithin(std::string_view path, std::string_view dir);

// Calls `visit` with the clean absolute `path` and then each of its ancestors, nearest first:
// "/a/b", "/a", "/". A path without a '/' is visited alone.
template <typename Visit>
void ForSelfAndAncestors(std::string_view path, Visit visit) {
  for (;;) {
    visit(path);
    const size_t slash = path.rfind('/');
    if (path.size() <= 1 || slash == std::string_view::npos) return;
    path = path.substr(0, slash == 0 ? 1 : slash);
  }
}

// The mounts of the calling process as a tree (parent ids), for the questions the checks ask.
// Indexed once when built, in linear time (by id, by parent, by mount point, by parent and mount
// point): each question costs one hash probe per path component or per answer, never a scan of
// the whole table, so asking it of every one of n mounts stays linear in n.
class MountTable {
 public:
  explicit MountTable(std::vector<MountInfo> mounts);
  // The indexes hold positions in the table, not pointers: copies and moves keep them valid (and a
  // move keeps pointers to the mounts valid).
  MountTable(const MountTable&) = default;
  MountTable(MountTable&&) noexcept = default;
  MountTable& operator=(const MountTable&) = default;
  MountTable& operator=(MountTable&&) noexcept = default;

  const std::vector<MountInfo>& mounts() const { return mounts_; }
  const MountInfo* ById(int id) const;
  const MountInfo* Parent(const MountInfo& m) const;  // null for the root of what is shown

  // The position in mounts() that stands for `m`, a mount of this table, and every line with its
  // id (the last of them: ids are unique but for a malformed file). Marks kept per mount in a
  // vector of mounts().size() use it.
  size_t SlotOf(const MountInfo& m) const {
    return static_cast<size_t>(ById(m.id) - mounts_.data());
  }

  // The mount a lookup of the absolute `path` ends on (following mounts stacked at the same place
  // to the top), or null when nothing is mounted exactly at `path`. `path` is cleaned first.
  const MountInfo* VisibleAt(std::string_view path) const;

  // The mount whose filesystem holds `path` (what VisibleAt finds at `path` or its nearest
  // ancestor that is a mount point); null only when the table has no root.
  const MountInfo* Containing(std::string_view path) const;

  // The root the process sees: the top of what is stacked at "/" below no listed parent.
  const MountInfo* Root() const { return root_ == kNone ? nullptr : &mounts_[root_]; }

  // Whether `m` is `ancestor` or mounted somewhere below it (following parent ids).
  bool IsWithin(const MountInfo& m, const MountInfo& ancestor) const;

  // Every mount below `m` (children, their children, ...), in file order.
  std::vector<const MountInfo*> Descendants(const MountInfo& m) const;

  // The mounts directly on `m`, in file order.
  std::vector<const MountInfo*> Children(const MountInfo& m) const;

  // Every mount whose mount point is exactly the clean `path`, in file order.
  std::vector<const MountInfo*> AtMountPoint(std::string_view path) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Positions in the table grouped by a 64-bit key, each group in file order: a hash table whose
  // chains are threaded through one array (no allocation per mount). Keys of different groups
  // may share a chain, so a walk compares the key.
  class LineIndex {
   public:
    void Build(std::vector<uint64_t> keys);
    // Calls `visit(position)` for each position with `key`, in file order, until it returns false.
    template <typename Visit>
    void ForEach(uint64_t key, Visit visit) const;

   private:
    std::vector<uint64_t> keys_;  // per position
    std::vector<uint32_t> head_;  // per bucket: the first position in it, or kNone
    std::vector<uint32_t> next_;  // per position: the next one in its bucket, or kNone
  };

  void BuildIndexes();
  const MountInfo* TopOfStack(const MountInfo* m) const;
  // The last mount (in file order) on the mount with id `parent_id` whose mount point is `path`
  // (of hash `path_hash`), itself excluded.
  const MountInfo* ChildAt(int parent_id, std::string_view path, uint64_t path_hash,
                           int self_id) const;
  // Containing for a clean absolute path.
  const MountInfo* ContainingClean(std::string_view path) const;

  std::vector<MountInfo> mounts_;
  LineIndex by_id_;                // the last position with an id is its mount
  LineIndex by_parent_;            // parent id
  LineIndex by_point_;             // hash of the mount point
  LineIndex by_parent_and_point_;  // parent id and hash of the mount point
  uint32_t root_ = kNone;
};

}  // namespace rt::sys
