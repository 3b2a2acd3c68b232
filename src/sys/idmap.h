// /proc/PID/uid_map and gid_map (user_namespaces(7)).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace rt::sys {

// One line: `inside` is the first id in the namespace of the process, `outside` the first id it
// maps to in the parent namespace (when the reader is in the same namespace), `count` the length.
struct IdMapEntry {
  uint64_t inside = 0, outside = 0, count = 0;
  bool operator==(const IdMapEntry&) const = default;
};

// "         0     100000      65536\n..." into entries, in the order written. Empty text (a
// user namespace whose map was never written) is no entries; a malformed line is an error.
Result<std::vector<IdMapEntry>> ParseIdMap(std::string_view text);

}  // namespace rt::sys
