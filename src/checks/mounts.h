// Pure parts of the mount checks (config.md#mounts, config.md#linux-mount-options): what the
// options of a mounts[] entry ask of the kernel, what mountinfo shows of it, and which mountinfo
// entry realises which mounts[] entry. mounts.cc turns them into checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/spec.h"
#include "sys/mountinfo.h"

namespace rt::checks {

// The atime behaviour of a mount. kNot* are what the clearing options (ratime, rnostrictatime,
// rnorelatime) leave: anything but that mode.
enum class Atime { kUnset, kRelatime, kNoatime, kStrictatime, kNotNoatime, kNotStrictatime };

// What a list of options asks of the per-mount flags; unset when the options say nothing.
struct FlagWants {
  std::optional<bool> read_only, nosuid, nodev, noexec, nodiratime, nosymfollow;
  Atime atime = Atime::kUnset;
  bool empty() const {
    return !read_only && !nosuid && !nodev && !noexec && !nodiratime && !nosymfollow &&
           atime == Atime::kUnset;
  }
};

// The options of one mounts[] entry, sorted by what can judge them.
struct MountOptionPlan {
  bool bind = false;    // "bind" or "rbind" in the options, or type "bind"
  FlagWants flags;      // mount(2) flags: ro, nosuid, noatime, ... (the last of a pair wins)
  FlagWants recursive;  // mount_setattr(2) with AT_RECURSIVE: rro, rnosuid, rnoatime, ...
  std::optional<std::string> propagation;  // shared, slave, private, unbindable (r* folded in)
  bool idmap = false;                      // "idmap" / "ridmap"
  std::vector<std::string> data;           // passed to the filesystem: "mode=755", "newinstance"
  std::vector<std::string> unverifiable;   // flags mountinfo never shows: "defaults", "async"
};
MountOptionPlan PlanMountOptions(const spec::Mount& mount);

// The per-mount flags mountinfo shows ("ro,nosuid,nodev,relatime"): unknown words are ignored.
struct MountFlags {
  bool read_only = false, nosuid = false, nodev = false, noexec = false, nodiratime = false,
       nosymfollow = false;
  Atime atime = Atime::kStrictatime;  // neither noatime nor relatime shown
};
MountFlags ReadMountFlags(const std::vector<std::string>& mount_options);

// Compares the wanted flags with those shown, naming only the flags the options asked about, in
// mount(8) words: expected "ro,nosuid,noatime", found "rw,nosuid,noatime".
struct FlagComparison {
  bool ok = true;
  std::string expected, found;
};
FlagComparison CompareFlags(const FlagWants& want, const MountFlags& got);
// CompareFlags(want, got).ok, without the text.
bool FlagsHold(const FlagWants& want, const MountFlags& got);

// What runtimetest knows of the kernel to judge filesystem options that have a default.
struct FsFacts {
  uint64_t page_size = 4096;
  std::optional<uint64_t> mem_total_kb;  // /proc/meminfo MemTotal: tmpfs's default size
  bool user_namespace = false;           // uid=/gid= are printed as host ids then
};

// A filesystem option judged against the superblock options mountinfo prints for the mount.
// tmpfs (mode, size, nr_inodes, uid, gid), devpts (mode, ptmxmode, gid, uid, max) and proc
// (hidepid, gid, subset) are compared by value with their defaults known (mode=0620 equals
// mode=620; tmpfs mode=1777 is not printed); for other filesystems an option printed as written
// matches and anything else is not shown: never guessed.
enum class FsVerdict { kMatch, kMismatch, kNotShown };
struct FsJudgement {
  FsVerdict verdict = FsVerdict::kNotShown;
  std::string found;  // what the kernel shows for it ("mode=700", "mode=1777 (not shown: default)")
  std::string reason;  // kNotShown: why it cannot be checked
};
FsJudgement JudgeFsOption(std::string_view fs_type, std::string_view option,
                          const std::vector<std::string>& super_options, const FsFacts& facts);

// A number as the kernel's memparse() reads it: base prefix (0x, 0) and a k/m/g/t/p/e suffix.
std::optional<uint64_t> MemParse(std::string_view text);

// For each mounts[] entry (by its destination after symlinks are resolved; empty when it could
// not be resolved), the mountinfo entry that realises it, or null. The runtime mounts in the
// listed order, so a later entry at the same place is stacked on an earlier one and a later entry
// at a parent directory hides an earlier one below it: the top of each stack goes to the last
// entry, what lies below to the entries before. `mounted_after` lists the paths the runtime mounts
// over once the mounts are done (maskedPaths, readonlyPaths): a mount stacked there on an entry's
// destination is not the entry's.
std::vector<const sys::MountInfo*> MatchMounts(const std::vector<std::string>& destinations,
                                               const std::vector<std::string>& mounted_after,
                                               const sys::MountTable& table);

// Whether a bind mount's root in its filesystem ("/srv/data", or "/" for a whole filesystem) can
// be the source the config names: an absolute source ("/srv/data") ends with the root's path
// components (the filesystem may be mounted below "/", and symlinks in the source's parents are
// allowed for); a source relative to the bundle ("rootfs", "data") ends the root's path.
bool BindRootMatchesSource(std::string_view root, std::string_view source);

// Whether `m` is how a cgroup v1 or hybrid host realises a `cgroup` mount: a tmpfs with one
// cgroup (or cgroup2) mount per controller below it.
bool IsCgroupV1Tree(const sys::MountInfo& m, const sys::MountTable& table);

}  // namespace rt::checks
