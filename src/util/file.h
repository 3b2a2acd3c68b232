// Reading a whole file, shared by the suite (its own files) and sys::LinuxSystem (the container's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace rt {

// The contents of the file at `path`, opened O_RDONLY | O_CLOEXEC | `extra_flags`. Reading stops
// at end of file or once `max_bytes` or more are in (reads go in 8 KiB chunks, so the last may
// overshoot by less than one). Errors read "open <path>: ..." or "read <path>: ...".
Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes = SIZE_MAX,
                                  int extra_flags = 0);

// The contents of the regular file at `path` (symlinks followed), for input that must be a whole
// document, like the config. Never blocks: a FIFO, socket or device is refused, before any read,
// with "<path>: not a regular file (a FIFO)"; a file of more than `max_bytes` bytes with
// "<path>: larger than N MiB (M bytes)", also when it grows past the cap while being read.
Result<std::string> ReadRegularFile(const std::string& path, size_t max_bytes);

// Writes `data` to a new file beside `path` (".<name>.tmp-<pid>", mode `mode`) and renames it to
// `path`: a reader sees the old file or the whole new one, never a part. Errors name the file.
Status WriteFileAtomically(const std::string& path, std::string_view data, unsigned mode);

// Writes all of `data` to `fd`, again after a short write or EINTR. The error reads
// "write <what>: ...".
Status WriteAll(int fd, std::string_view data, const std::string& what);

}  // namespace rt
