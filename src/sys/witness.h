// Witnesses, not guesses: where the kernel shows a thing in several ways, these functions ask
// each way in order (the syscall that answers directly, then procfs/sysfs, then a harmless probe
// that leaves nothing behind) and return the first answer with the witness that gave it. When no
// witness answers, the Status lists what was tried, each with its errno text, so that a check
// reports "cannot observe: ..." and never turns "could not read" into "wrong".
#pragma once

#include <sys/types.h>

#include <string>

#include "sys/system.h"

namespace rt::sys {

// The working directory: getcwd(2), then readlink /proc/self/cwd.
Result<Observed<std::string>> ObserveCwd(System& sys);

// The no_new_privs bit: prctl(PR_GET_NO_NEW_PRIVS), then NoNewPrivs in /proc/self/status.
Result<Observed<bool>> ObserveNoNewPrivs(System& sys);

// The highest capability number the kernel knows: /proc/sys/kernel/cap_last_cap, then
// prctl(PR_CAPBSET_READ, n) for n = 0, 1, ... until EINVAL.
Result<Observed<int>> ObserveLastCap(System& sys);

// The umask: Umask in /proc/self/status (Linux 4.7+), then umask(2) set and restored.
Result<Observed<mode_t>> ObserveUmask(System& sys);

// What a write probe may do at a path whose read-only-ness is asked.
enum class WriteProbe {
  kNone,       // device nodes and other special files: opening some has effects
  kDirectory,  // create a file in it: O_TMPFILE, then O_CREAT|O_EXCL of a unique name + unlink
  kFile,       // open(O_WRONLY) without O_TRUNC, writing nothing
};

// Whether writes at `path` fail because its mount is read-only. Witnesses: statvfs ST_RDONLY,
// and a write probe. A probe that writes proves writable and one that fails with EROFS proves
// read-only, whatever the flag says; a probe that cannot tell (EACCES, EOPNOTSUPP, ...) leaves
// the flag to answer.
Result<Observed<bool>> ObserveReadOnly(System& sys, const std::string& path, WriteProbe probe);

}  // namespace rt::sys
