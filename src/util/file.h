// Reading a whole file, shared by the suite (its own files) and sys::LinuxSystem (the container's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "util/status.h"

namespace rt {

// The contents of the file at `path`, opened O_RDONLY | O_CLOEXEC | `extra_flags`. Reading stops
// at end of file or once `max_bytes` or more are in (reads go in 8 KiB chunks, so the last may
// overshoot by less than one). Errors read "open <path>: ..." or "read <path>: ...".
Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes = SIZE_MAX,
                                  int extra_flags = 0);

}  // namespace rt
