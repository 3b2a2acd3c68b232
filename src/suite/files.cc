#include "suite/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <vector>

#include "suite/unique_fd.h"
#include "util/file.h"

namespace rt::suite {
namespace {

// The process umask, read once (the suite is single-threaded and never changes it).
mode_t CurrentUmask() {
  static const mode_t mask = [] {
    mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return mask;
}

// mkdir(2) and open(2) mask the mode with the umask; the caller asked for exactly `mode`.
Status FixMode(const std::string& path, mode_t mode) {
  if ((mode & CurrentUmask()) == 0) return Status::Ok();
  if (::chmod(path.c_str(), mode) != 0) return Status::Errno("chmod " + path, errno);
  return Status::Ok();
}

// What removal needs to know of a directory entry: its type and whether something is mounted on
// it (the root of a mount, or on another mount than its parent directory).
struct EntryInfo {
  int error = 0;  // errno of statx, else 0
  mode_t mode = 0;
  uint64_t mount_id = 0;  // 0 when the kernel does not say
  bool mount_root = false;
};

EntryInfo StatEntry(int dir_fd, const char* name, int flags) {
  EntryInfo info;
  struct statx stx;
  if (::statx(dir_fd, name, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | flags,
              STATX_TYPE | STATX_MNT_ID, &stx) != 0) {
    info.error = errno;
    return info;
  }
  info.mode = stx.stx_mode;
  if (stx.stx_mask & STATX_MNT_ID) info.mount_id = stx.stx_mnt_id;
  info.mount_root = (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) != 0 &&
                    (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
  return info;
}

bool IsMountPoint(const EntryInfo& entry, uint64_t parent_mount_id) {
  return entry.mount_root || (entry.mount_id != 0 && parent_mount_id != 0 &&
                              entry.mount_id != parent_mount_id);
}

// Lazily unmounts whatever is mounted on `name` in `dir_fd`, reached through a descriptor (no
// path resolved again). Stacked mounts take one call each.
Status DetachAt(int dir_fd, const std::string& name, const std::string& path) {
  UniqueFd target(::openat(dir_fd, name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
  if (!target.valid()) return Status::Errno("open " + path, errno);
  std::string via = "/proc/self/fd/" + std::to_string(target.get());
  if (::umount2(via.c_str(), MNT_DETACH) != 0) return Status::Errno("umount " + path, errno);
  return Status::Ok();
}

// Makes `name` in `dir_fd` (on mount `parent_mount_id`) an ordinary entry of that mount: with
// `detach`, unmounts what is on it; else refuses. Fills `info` with what is there afterwards.
Status ClearMounts(int dir_fd, const std::string& name, uint64_t parent_mount_id, bool detach,
                   const std::string& path, EntryInfo& info) {
  for (int layer = 0; IsMountPoint(info, parent_mount_id); ++layer) {
    if (!detach) {
      return Status::Error("not removing " + path + ": something is mounted there (mount id " +
                           std::to_string(info.mount_id) +
                           "), and the suite removes no mount it did not make");
    }
    if (layer == 64) return Status::Error("umount " + path + ": mounts keep coming back");
    Status s = DetachAt(dir_fd, name, path);
    if (!s.ok()) return s;
    info = StatEntry(dir_fd, name.c_str(), 0);
    if (info.error != 0) return Status::Errno("stat " + path, info.error);
  }
  return Status::Ok();
}

// Removes everything below the directory open at `dir_fd` (on mount `mount_id`); closes dir_fd.
// Every name is looked up relative to its directory's descriptor and never through a symlink.
Status RemoveContents(UniqueFd dir_fd, uint64_t mount_id, const std::string& path, bool detach) {
  DIR* dir = ::fdopendir(dir_fd.get());
  if (dir == nullptr) return Status::Errno("opendir " + path, errno);
  dir_fd.Release();  // the DIR owns it now
  std::vector<std::string> names;
  errno = 0;
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  int read_err = errno;
  Status first_error;
  auto note = [&first_error](Status s) {
    if (first_error.ok()) first_error = std::move(s);
  };
  if (read_err != 0) note(Status::Errno("readdir " + path, read_err));

  const int fd = ::dirfd(dir);
  for (const std::string& name : names) {
    std::string child = path + "/" + name;
    EntryInfo info = StatEntry(fd, name.c_str(), 0);
    if (info.error != 0) {
      if (info.error != ENOENT) note(Status::Errno("stat " + child, info.error));
      continue;
    }
    Status cleared = ClearMounts(fd, name, mount_id, detach, child, info);
    if (!cleared.ok()) {
      note(cleared);
      continue;
    }
    if (!S_ISDIR(info.mode)) {
      if (::unlinkat(fd, name.c_str(), 0) != 0 && errno != ENOENT) {
        note(Status::Errno("unlink " + child, errno));
      }
      continue;
    }
    UniqueFd child_fd(::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!child_fd.valid()) {
      note(Status::Errno("open " + child, errno));
      continue;
    }
    // What was opened must be what was looked at: not a mount that appeared meanwhile.
    EntryInfo opened = StatEntry(child_fd.get(), "", AT_EMPTY_PATH);
    if (opened.error != 0 || IsMountPoint(opened, mount_id)) {
      note(Status::Error("not removing " + child + ": it changed while being removed"));
      continue;
    }
    Status s = RemoveContents(std::move(child_fd), mount_id, child, detach);
    if (!s.ok()) {
      note(s);
      continue;
    }
    if (::unlinkat(fd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
      note(Status::Errno("rmdir " + child, errno));
    }
  }
  ::closedir(dir);
  return first_error;
}

}  // namespace

Result<std::string> ReadFile(const std::string& path) { return ReadWholeFile(path); }

Status WriteFile(const std::string& path, const std::string& data, mode_t mode) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (!fd.valid()) return Status::Errno("create " + path, errno);
  // A file that existed keeps its mode, a new one lost the umask's bits: set it either way.
  if (::fchmod(fd.get(), mode) != 0) return Status::Errno("chmod " + path, errno);
  Status s = WriteAll(fd.get(), data, path);
  if (!s.ok()) return s;
  if (::close(fd.Release()) != 0) return Status::Errno("close " + path, errno);
  return Status::Ok();
}

Status MakeDirs(const std::string& path, mode_t mode) {
  // The common case first: the parent exists, one mkdir does it.
  if (::mkdir(path.c_str(), mode) == 0) return FixMode(path, mode);
  int err = errno;
  if (err == ENOENT) {
    size_t slash = path.find_last_of('/');
    while (slash != std::string::npos && slash > 0 && path[slash - 1] == '/') --slash;
    if (slash == std::string::npos || slash == 0) return Status::Errno("mkdir " + path, err);
    Status parent = MakeDirs(path.substr(0, slash), mode);
    if (!parent.ok()) return parent;
    if (::mkdir(path.c_str(), mode) == 0) return FixMode(path, mode);
    err = errno;
  }
  if (err != EEXIST) return Status::Errno("mkdir " + path, err);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::Errno("stat " + path, errno);
  if (!S_ISDIR(st.st_mode)) return Status::Error("mkdir " + path + ": exists, not a directory");
  return Status::Ok();
}

Status RemoveTree(const std::string& path, bool detach_mounts) {
  // The parent is resolved once; everything below it is reached through descriptors.
  size_t slash = path.find_last_of('/');
  std::string parent = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty() || name == "." || name == "..") {
    return Status::Error("not removing " + path + ": not a plain name");
  }
  UniqueFd parent_fd(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!parent_fd.valid()) {
    if (errno == ENOENT) return Status::Ok();
    return Status::Errno("open " + parent, errno);
  }
  EntryInfo parent_info = StatEntry(parent_fd.get(), "", AT_EMPTY_PATH);
  EntryInfo info = StatEntry(parent_fd.get(), name.c_str(), 0);
  if (info.error == ENOENT) return Status::Ok();
  if (info.error != 0) return Status::Errno("stat " + path, info.error);
  Status cleared =
      ClearMounts(parent_fd.get(), name, parent_info.mount_id, detach_mounts, path, info);
  if (!cleared.ok()) return cleared;
  if (!S_ISDIR(info.mode)) {
    if (::unlinkat(parent_fd.get(), name.c_str(), 0) != 0 && errno != ENOENT) {
      return Status::Errno("unlink " + path, errno);
    }
    return Status::Ok();
  }
  UniqueFd fd(
      ::openat(parent_fd.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) return Status::Errno("open " + path, errno);
  EntryInfo opened = StatEntry(fd.get(), "", AT_EMPTY_PATH);
  if (opened.error != 0 || IsMountPoint(opened, parent_info.mount_id)) {
    return Status::Error("not removing " + path + ": it changed while being removed");
  }
  Status s = RemoveContents(std::move(fd), opened.mount_id, path, detach_mounts);
  if (!s.ok()) return s;
  if (::unlinkat(parent_fd.get(), name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    return Status::Errno("rmdir " + path, errno);
  }
  return Status::Ok();
}

Status CopyFile(const std::string& from, const std::string& to, mode_t mode) {
  UniqueFd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in.valid()) return Status::Errno("open " + from, errno);
  UniqueFd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (!out.valid()) return Status::Errno("create " + to, errno);
  if (::fchmod(out.get(), mode) != 0) return Status::Errno("chmod " + to, errno);
  bool use_read_write = false;
  for (;;) {
    ssize_t n = ::copy_file_range(in.get(), nullptr, out.get(), nullptr, 1 << 30, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP) {
        use_read_write = true;
        break;
      }
      return Status::Errno("copy_file_range " + from + " to " + to, errno);
    }
    if (n == 0) break;
  }
  if (use_read_write) {
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(in.get(), buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::Errno("read " + from, errno);
      }
      if (n == 0) break;
      Status s = WriteAll(out.get(), std::string_view(buf, static_cast<size_t>(n)), to);
      if (!s.ok()) return s;
    }
  }
  if (::close(out.Release()) != 0) return Status::Errno("close " + to, errno);
  return Status::Ok();
}

Result<std::string> MakeTempDir(const std::string& parent, const std::string& prefix) {
  std::string tmpl = parent + "/" + prefix + "XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) return Status::Errno("mkdtemp " + tmpl, errno);
  return RealPath(buf.data());
}

Result<std::string> RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return Status::Errno("realpath " + path, errno);
  return std::string(buf);
}

std::string TempRoot() {
  const char* dir = std::getenv("TMPDIR");
  if (dir != nullptr && dir[0] == '/') return dir;
  return "/tmp";
}

std::string BundleRoot() {
  const char* dir = std::getenv("TMPDIR");
  if (dir != nullptr && dir[0] == '/') return dir;
  struct statfs fs;
  struct statvfs vfs;
  if (::statfs("/dev/shm", &fs) == 0 && fs.f_type == TMPFS_MAGIC &&
      ::statvfs("/dev/shm", &vfs) == 0 && (vfs.f_flag & (ST_NOEXEC | ST_RDONLY)) == 0 &&
      ::access("/dev/shm", W_OK | X_OK) == 0) {
    return "/dev/shm";
  }
  return "/tmp";
}

}  // namespace rt::suite
