// config-linux.md#masked-paths and #readonly-paths: what the process can read of and write to each
// listed path. The probes never change a file: a write probe is an open(2) without O_TRUNC that
// writes nothing, or an unnamed O_TMPFILE that vanishes when closed.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "checks/check.h"
#include "sys/witness.h"

namespace rt::checks {
namespace {

bool Missing(const Status& s) { return s.err() == ENOENT || s.err() == ENOTDIR; }
bool Denied(const Status& s) { return s.err() == EACCES || s.err() == EPERM; }

std::string FirstNames(std::vector<std::string> names) {
  const size_t total = names.size();
  std::sort(names.begin(), names.end());
  std::string out = std::to_string(total) + (total == 1 ? " entry (" : " entries (");
  for (size_t i = 0; i < total && i < 3; ++i) out += (i ? ", " : "") + names[i];
  return out + (total > 3 ? ", ...)" : ")");
}

void CheckMaskedPaths(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || ctx.config.linux_->masked_paths.empty()) {
    rec.Skip("", "", "linux.maskedPaths is not set in the config");
    return;
  }
  for (const std::string& path : ctx.config.linux_->masked_paths) {
    Result<sys::FileInfo> st = ctx.sys.Stat(path);
    if (!st.ok()) {
      if (Missing(st.status()) || Denied(st.status())) {
        rec.Pass("", path);  // nothing there to read, or nothing the process may reach
      } else {
        rec.CannotObserve("", path, st.status());
      }
      continue;
    }
    // Reading must show nothing (MUST); writing must not reach the file underneath. The spec
    // asks only that masked paths "cannot be read"; the write side is a SHOULD of ours.
    Status write_probe;
    bool write_probed = false;
    if (S_ISDIR(st->mode)) {
      Result<std::vector<std::string>> entries = ctx.sys.ListDir(path);
      if (entries.ok() && !entries->empty()) {
        rec.Fail("", path, "an empty directory (masked)", FirstNames(*entries));
      } else if (entries.ok() || Denied(entries.status())) {
        rec.Pass("", path);
      } else {
        rec.CannotObserve("", path, entries.status());
      }
      write_probe = ctx.sys.ProbeCreate(path);
      write_probed = true;
    } else if (S_ISCHR(st->mode) && st->rdev_major == 1 && st->rdev_minor == 3) {
      rec.Pass("", path);  // /dev/null: reads nothing, swallows writes
    } else if (S_ISREG(st->mode)) {
      Result<std::string> content = ctx.sys.ReadFile(path);
      if (content.ok() && !content->empty()) {
        rec.Fail("", path, "no content (masked)", std::to_string(content->size()) + " bytes read");
      } else {
        rec.Pass("", path);  // empty, or the read fails: nothing can be read
      }
      write_probe = ctx.sys.ProbeOpenWrite(path);
      write_probed = true;
    } else {
      const bool dev = S_ISCHR(st->mode) || S_ISBLK(st->mode);
      rec.Fail("", path, "masked (an empty directory, an empty file or /dev/null)",
               std::string(dev ? "a device " : "a special file ") + std::to_string(st->rdev_major) +
                   ":" + std::to_string(st->rdev_minor));
    }
    if (write_probed) {
      Recorder::Scoped should(rec, report::Level::kShould, "config-linux.md#masked-paths");
      if (write_probe.ok()) {
        rec.Fail("", path + " write", "no write reaches it",
                 S_ISDIR(st->mode) ? "a file can be created in it" : "it opens for writing");
      } else {
        rec.Pass("", path + " write");
      }
    }
  }
}

// How a path was seen writable, for the failure line.
std::string WritableBy(const std::string& witness) {
  if (witness == "statvfs ST_RDONLY") return "writable (statvfs shows no ST_RDONLY)";
  if (witness == "open(O_WRONLY) probe") return "writable (it opens for writing)";
  return "writable (a file can be created in it)";
}

void CheckReadonlyPaths(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || ctx.config.linux_->readonly_paths.empty()) {
    rec.Skip("", "", "linux.readonlyPaths is not set in the config");
    return;
  }
  const std::vector<std::string>& masked = ctx.config.linux_->masked_paths;
  for (const std::string& path : ctx.config.linux_->readonly_paths) {
    if (std::find(masked.begin(), masked.end(), path) != masked.end()) {
      rec.Skip("", path, "also in maskedPaths: masked, not read-only");
      continue;
    }
    Result<sys::FileInfo> st = ctx.sys.Stat(path);
    if (!st.ok()) {
      if (Missing(st.status())) {
        rec.Pass("", path);  // nothing there to write to
      } else {
        rec.CannotObserve("", path, st.status());
      }
      continue;
    }
    // Witnesses: a write probe (directories: O_TMPFILE, else a named file created and unlinked;
    // regular files: open for writing), then statvfs's ST_RDONLY. Device nodes are not opened:
    // writes to them ignore the mount's flags and opening some has effects.
    const sys::WriteProbe kind = S_ISDIR(st->mode)   ? sys::WriteProbe::kDirectory
                                 : S_ISREG(st->mode) ? sys::WriteProbe::kFile
                                                     : sys::WriteProbe::kNone;
    Result<sys::Observed<bool>> ro = sys::ObserveReadOnly(ctx.sys, path, kind);
    if (!ro.ok()) {
      rec.CannotObserve("", path, ro.status());
      continue;
    }
    const std::string want = "read-only (writes fail with EROFS)";
    rec.Expect("", path, want, ro->value ? want : WritableBy(ro->witness));
    if (S_ISDIR(st->mode)) {
      // Read-only, not hidden: the directory still lists.
      Result<std::vector<std::string>> entries = ctx.sys.ListDir(path);
      if (entries.ok()) {
        rec.Pass("", path + " readable");
      } else if (!Denied(entries.status())) {
        rec.CannotObserve("", path + " readable", entries.status());
      }
    }
  }
}

constexpr CheckDef kChecks[] = {
    {"linux.maskedPaths", "config-linux.md#masked-paths", report::Level::kMust,
     "each existing path reads as empty (empty directory, empty file, /dev/null); writes do not "
     "reach it (SHOULD)",
     CheckMaskedPaths},
    {"linux.readonlyPaths", "config-linux.md#readonly-paths", report::Level::kMust,
     "each existing path is on a read-only mount: statvfs ST_RDONLY and write probes failing "
     "with EROFS; directories still list",
     CheckReadonlyPaths},
};

}  // namespace

std::span<const CheckDef> PathChecks() { return kChecks; }

}  // namespace rt::checks
