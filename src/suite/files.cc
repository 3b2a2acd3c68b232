#include "suite/files.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
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

Status WriteAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Errno("write " + path, errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Removes everything below the directory open at `dir_fd` (on device `dev`); closes dir_fd.
Status RemoveContents(UniqueFd dir_fd, dev_t dev, const std::string& path) {
  DIR* dir = ::fdopendir(dir_fd.get());
  if (dir == nullptr) return Status::Errno("opendir " + path, errno);
  dir_fd.Release();  // the DIR owns it now
  struct Entry {
    std::string name;
    unsigned char type;
  };
  std::vector<Entry> entries;
  errno = 0;
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") entries.push_back({std::move(name), entry->d_type});
  }
  int read_err = errno;
  Status first_error;
  auto note = [&first_error](Status s) {
    if (first_error.ok()) first_error = std::move(s);
  };
  if (read_err != 0) note(Status::Errno("readdir " + path, read_err));

  const int fd = ::dirfd(dir);
  for (const Entry& e : entries) {
    std::string child = path + "/" + e.name;
    bool is_dir = e.type == DT_DIR;
    if (e.type == DT_UNKNOWN) {  // some filesystems do not say: ask
      struct stat st;
      if (::fstatat(fd, e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno != ENOENT) note(Status::Errno("stat " + child, errno));
        continue;
      }
      is_dir = S_ISDIR(st.st_mode);
    }
    if (!is_dir) {
      if (::unlinkat(fd, e.name.c_str(), 0) != 0 && errno != ENOENT) {
        note(Status::Errno("unlink " + child, errno));
      }
      continue;
    }
    UniqueFd child_fd(
        ::openat(fd, e.name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    struct stat st;
    if (!child_fd.valid() || ::fstat(child_fd.get(), &st) != 0) {
      note(Status::Errno("open " + child, errno));
      continue;
    }
    if (st.st_dev != dev) {
      note(Status::Error("not removing " + child +
                         ": another filesystem is mounted there (left behind by the runtime?)"));
      continue;
    }
    Status s = RemoveContents(std::move(child_fd), dev, child);
    if (!s.ok()) {
      note(s);
      continue;
    }
    if (::unlinkat(fd, e.name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
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
  Status s = WriteAll(fd.get(), data.data(), data.size(), path);
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

Status RemoveTree(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return Status::Errno("stat " + path, errno);
  }
  if (!S_ISDIR(st.st_mode)) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      return Status::Errno("unlink " + path, errno);
    return Status::Ok();
  }
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) return Status::Errno("open " + path, errno);
  Status s = RemoveContents(std::move(fd), st.st_dev, path);
  if (!s.ok()) return s;
  if (::rmdir(path.c_str()) != 0 && errno != ENOENT) return Status::Errno("rmdir " + path, errno);
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
      Status s = WriteAll(out.get(), buf, static_cast<size_t>(n), to);
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
