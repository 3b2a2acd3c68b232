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

// rm -rf that stays on one filesystem: a directory on another device below `path` (a mount left
// behind) is reported, not entered. A missing `path` is fine.
Status RemoveTree(const std::string& path);

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
