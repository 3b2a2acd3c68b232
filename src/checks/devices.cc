// config-linux.md#devices and #default-devices, runtime-linux.md#dev-symbolic-links: the device
// nodes and /dev symlinks the container gets.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>

#include "checks/check.h"
#include "sys/mountinfo.h"

namespace rt::checks {
namespace {

std::string DescribeType(mode_t mode) {
  if (S_ISCHR(mode)) return "character device";
  if (S_ISBLK(mode)) return "block device";
  if (S_ISFIFO(mode)) return "fifo";
  if (S_ISDIR(mode)) return "directory";
  if (S_ISREG(mode)) return "regular file";
  if (S_ISLNK(mode)) return "symlink";
  if (S_ISSOCK(mode)) return "socket";
  return "file of type " + std::to_string(mode & S_IFMT);
}

std::string Node(mode_t mode, uint64_t major, uint64_t minor) {
  std::string s = DescribeType(mode);
  if (S_ISCHR(mode) || S_ISBLK(mode))
    s += " " + std::to_string(major) + ":" + std::to_string(minor);
  return s;
}

std::string OctalMode(uint32_t mode) {
  char buf[8];
  snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

struct DefaultDevice {
  const char* path;
  uint64_t major, minor;
};

constexpr DefaultDevice kDefaultDevices[] = {
    {"/dev/null", 1, 3},   {"/dev/zero", 1, 5},    {"/dev/full", 1, 7},
    {"/dev/random", 1, 8}, {"/dev/urandom", 1, 9}, {"/dev/tty", 5, 0},
};

// /dev/ptmx: "a bind-mount or symlink of the container's /dev/pts/ptmx".
void CheckPtmx(const Context& ctx, Recorder& rec) {
  Result<sys::FileInfo> l = ctx.sys.Lstat("/dev/ptmx");
  if (!l.ok()) {
    if (l.status().err() == ENOENT) {
      rec.Fail("", "/dev/ptmx", "a symlink to or bind mount of /dev/pts/ptmx", "no such file");
    } else {
      rec.CannotObserve("", "/dev/ptmx", l.status());
    }
    return;
  }
  if (S_ISLNK(l->mode)) {
    Result<std::string> target = ctx.sys.ReadLink("/dev/ptmx");
    if (!target.ok()) {
      rec.CannotObserve("", "/dev/ptmx", target.status());
      return;
    }
    const std::string resolved =
        sys::CleanPath(!target->empty() && (*target)[0] == '/' ? *target : "/dev/" + *target);
    rec.Expect("", "/dev/ptmx", "a symlink to /dev/pts/ptmx",
               resolved == "/dev/pts/ptmx" ? "a symlink to /dev/pts/ptmx"
                                           : "a symlink to " + Quote(*target));
    return;
  }
  Result<sys::FileInfo> pts = ctx.sys.Stat("/dev/pts/ptmx");
  if (!pts.ok()) {
    rec.CannotObserve("", "/dev/ptmx", pts.status());
    return;
  }
  const bool same = l->dev == pts->dev && l->inode == pts->inode;
  rec.Expect(
      "", "/dev/ptmx", "a symlink to or bind mount of /dev/pts/ptmx",
      same ? "a symlink to or bind mount of /dev/pts/ptmx"
           : "a " + Node(l->mode, l->rdev_major, l->rdev_minor) + " that is not /dev/pts/ptmx");
}

void CheckDevSymlinks(const Context& ctx, Recorder& rec) {
  Recorder::Scoped scope(rec, report::Level::kMust, "runtime-linux.md#dev-symbolic-links");
  static constexpr std::pair<const char*, const char*> kLinks[] = {
      {"/dev/fd", "/proc/self/fd"},
      {"/dev/stdin", "/proc/self/fd/0"},
      {"/dev/stdout", "/proc/self/fd/1"},
      {"/dev/stderr", "/proc/self/fd/2"},
  };
  for (const auto& [link, source] : kLinks) {
    // "if the source file exists after processing mounts": without /proc there is nothing to
    // link to.
    if (!ctx.sys.Lstat(source).ok()) {
      rec.Skip("", link, std::string(source) + " does not exist in the container");
      continue;
    }
    Result<sys::FileInfo> st = ctx.sys.Lstat(link);
    if (!st.ok()) {
      if (st.status().err() == ENOENT) {
        rec.Fail("", link, "a symlink to " + Quote(source), "no such file");
      } else {
        rec.CannotObserve("", link, st.status());
      }
      continue;
    }
    if (!S_ISLNK(st->mode)) {
      rec.Fail("", link, "a symlink to " + Quote(source), "a " + DescribeType(st->mode));
      continue;
    }
    Result<std::string> target = ctx.sys.ReadLink(link);
    if (!target.ok()) {
      rec.CannotObserve("", link, target.status());
      continue;
    }
    rec.Expect("", link, "a symlink to " + Quote(source), "a symlink to " + Quote(*target));
  }
}

void CheckDefaultDevices(const Context& ctx, Recorder& rec) {
  for (const DefaultDevice& d : kDefaultDevices) {
    Result<sys::FileInfo> st = ctx.sys.Stat(d.path);
    const std::string want =
        "character device " + std::to_string(d.major) + ":" + std::to_string(d.minor);
    if (!st.ok()) {
      if (st.status().err() == ENOENT) {
        rec.Fail("", d.path, want, "no such file");
      } else {
        rec.CannotObserve("", d.path, st.status());
      }
      continue;
    }
    rec.Expect("", d.path, want, Node(st->mode, st->rdev_major, st->rdev_minor));
  }
  CheckPtmx(ctx, rec);
  if (ctx.config.process && ctx.config.process->terminal.value_or(false)) {
    // /dev/console: the pseudoterminal's slave, bind-mounted (a UNIX 98 pty: majors 136-143).
    Result<sys::FileInfo> st = ctx.sys.Stat("/dev/console");
    if (!st.ok() && st.status().err() == ENOENT) {
      rec.Fail("", "/dev/console", "the terminal's pseudoterminal (character device 136-143:N)",
               "no such file");
    } else if (!st.ok()) {
      rec.CannotObserve("", "/dev/console", st.status());
    } else {
      const bool pty = S_ISCHR(st->mode) && st->rdev_major >= 136 && st->rdev_major <= 143;
      rec.Expect("", "/dev/console", "the terminal's pseudoterminal (character device 136-143:N)",
                 pty ? "the terminal's pseudoterminal (character device 136-143:N)"
                     : Node(st->mode, st->rdev_major, st->rdev_minor));
    }
  } else {
    rec.Skip("", "/dev/console", "process.terminal is not true");
  }
  CheckDevSymlinks(ctx, rec);
}

void CheckDevices(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || ctx.config.linux_->devices.empty()) {
    rec.Skip("", "", "linux.devices is not set in the config");
    return;
  }
  for (const spec::Device& d : ctx.config.linux_->devices) {
    const std::string& path = d.path;
    Result<sys::FileInfo> st = ctx.sys.Stat(path);
    if (!st.ok()) {
      if (st.status().err() == ENOENT) {
        rec.Fail("", path, "a device of type " + Quote(d.type), "no such file");
      } else {
        rec.CannotObserve("", path, st.status());
      }
      continue;
    }
    mode_t want_type = 0;
    if (d.type == "c" || d.type == "u") want_type = S_IFCHR;
    if (d.type == "b") want_type = S_IFBLK;
    if (d.type == "p") want_type = S_IFIFO;
    if (want_type == 0) {
      rec.Skip("", path, "type " + Quote(d.type) + " is not one of c, b, u, p");
      continue;
    }
    const mode_t got_type = st->mode & S_IFMT;
    if (want_type != S_IFIFO) {
      if (!d.major || !d.minor) {
        rec.Skip("", path, "major and minor are required for type " + d.type + " and missing");
        continue;
      }
      const std::string want =
          Node(want_type, static_cast<uint64_t>(*d.major), static_cast<uint64_t>(*d.minor));
      rec.Expect("", path, want, Node(st->mode, st->rdev_major, st->rdev_minor));
    } else {
      rec.Expect("", path, DescribeType(want_type), DescribeType(got_type));
    }
    if (d.file_mode) {
      rec.Expect("", path + " fileMode", OctalMode(*d.file_mode), OctalMode(st->mode));
    }
    if (d.uid) rec.Expect("", path + " uid", std::to_string(*d.uid), std::to_string(st->uid));
    if (d.gid) rec.Expect("", path + " gid", std::to_string(*d.gid), std::to_string(st->gid));
  }
}

constexpr CheckDef kChecks[] = {
    {"linux.defaultDevices", "config-linux.md#default-devices", report::Level::kMust,
     "/dev/null, zero, full, random, urandom, tty are the right character devices; /dev/ptmx is "
     "/dev/pts/ptmx; /dev/console with a terminal; /dev/fd, stdin, stdout, stderr symlinks",
     CheckDefaultDevices},
    {"linux.devices", "config-linux.md#devices", report::Level::kMust,
     "each linux.devices entry exists with its type, major:minor, fileMode, uid and gid",
     CheckDevices},
};

}  // namespace

std::span<const CheckDef> DeviceChecks() { return kChecks; }

}  // namespace rt::checks
