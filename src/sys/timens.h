// /proc/PID/timens_offsets (time_namespaces(7)).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "util/status.h"

namespace rt::sys {

struct ClockOffset {
  int64_t secs = 0;
  int64_t nanosecs = 0;
  bool operator==(const ClockOffset&) const = default;
};

// "monotonic           0         0\nboottime         3600       500\n" into offsets by clock
// name. Clocks written by number (1 = CLOCK_MONOTONIC, 7 = CLOCK_BOOTTIME) get their name; a
// malformed line is an error.
Result<std::map<std::string, ClockOffset>> ParseTimensOffsets(std::string_view text);

}  // namespace rt::sys
