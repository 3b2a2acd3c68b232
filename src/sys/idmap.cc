#include "sys/idmap.h"

#include <string>

#include "sys/proc.h"
#include "util/text.h"

namespace rt::sys {

Result<std::vector<IdMapEntry>> ParseIdMap(std::string_view text) {
  std::vector<IdMapEntry> entries;
  for (std::string_view line : Lines(text)) {
    std::vector<std::string_view> words = Words(line);
    if (words.empty()) continue;
    uint64_t values[3] = {};
    bool ok = words.size() == 3;
    for (size_t i = 0; ok && i < 3; ++i) {
      Result<uint64_t> v = ParseUnsigned(words[i]);
      ok = v.ok();
      if (ok) values[i] = *v;
    }
    if (!ok) {
      return Status::Error("not an id map line (\"ID-inside ID-outside length\"): \"" +
                           std::string(line) + "\"");
    }
    entries.push_back({values[0], values[1], values[2]});
  }
  return entries;
}

}  // namespace rt::sys
