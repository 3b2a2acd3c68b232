// The few filesystem operations the host side needs, each failure a Status naming the path and
// the errno text.
#pragma once

#include <sys/types.h>

#include <string>

#include "util/status.h"

namespace rt::suite {

Result<std::string> ReadFile(const std::string& path);

// Creates or truncates `path` and writes `data`; the file gets `mode` (not masked by the umask).
Status WriteFile(const std::string& path, const std::string& data, mode_t mode);

// mkdir -p: creates `path` and its missing parents with `mode`; existing directories are fine.
Status MakeDirs(const std::string& path, mode_t mode);

// rm -rf that never enters a mount: whatever is mounted at or below `path` (another filesystem,
// or a bind mount of the same one, told apart by mount id, not by device) is refused and
// reported, or, with `detach_mounts` (only for a directory whose mounts the suite or the runtime
// it drives made, such as a runtime's state dir), unmounted with MNT_DETACH first. Everything
// below `path` is reached through directory descriptors (openat/unlinkat, O_NOFOLLOW), so a
// symlink or a rename meanwhile cannot lead it elsewhere. A missing `path` is fine.
Status RemoveTree(const std::string& path, bool detach_mounts = false);

// Copies the contents of `from` into a new file `to` with `mode`, by copy_file_range (falling
// back to read/write where the kernel cannot copy between the two filesystems).
Status CopyFile(const std::string& from, const std::string& to, mode_t mode);

// A new private directory `<parent>/<prefix>XXXXXX`, as an absolute path without symlinks.
Result<std::string> MakeTempDir(const std::string& parent, const std::string& prefix);

// The absolute path without symlinks, "." or "..".
Result<std::string> RealPath(const std::string& path);

// The directory $TMPDIR names, else /tmp.
std::string TempRoot();

// Where bundles go: $TMPDIR when set; else /dev/shm when it is a tmpfs that allows exec (a bundle
// there costs no disk writes: creating and removing its dozen inodes takes ~0.3 ms instead of
// ~3 ms on a disk filesystem); else /tmp.
std::string BundleRoot();

}  // namespace rt::suite
