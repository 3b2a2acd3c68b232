// Pure parsers of the text the kernel prints in procfs; tested on captured samples.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace rt::sys {

// The value of one "Key:\tvalue" line of /proc/self/status (or /proc/meminfo, same format),
// trimmed; an error naming the field when there is none. One pass over the lines, nothing built
// (the validator reads a handful of fields).
Result<std::string> FindStatusField(std::string_view text, std::string_view key);

// "000001ffffffffff" (CapEff and friends) into a mask.
Result<uint64_t> ParseHexMask(std::string_view text);

// An unsigned decimal ("40\n"), or an octal one with base 8 ("0022" from Umask).
Result<uint64_t> ParseUnsigned(std::string_view text, int base = 10);
Result<int64_t> ParseSigned(std::string_view text);

// /proc/self/cmdline: NUL-terminated arguments.
std::vector<std::string> SplitCmdline(std::string_view text);

// Trims and folds every run of white space into one space ("32768\t60999\n" -> "32768 60999").
std::string NormalizeSpace(std::string_view text);

}  // namespace rt::sys
