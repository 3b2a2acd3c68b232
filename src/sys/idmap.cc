#include "sys/idmap.h"

#include <string>

#include "sys/proc.h"

namespace rt::sys {

Result<std::vector<IdMapEntry>> ParseIdMap(std::string_view text) {
  std::vector<IdMapEntry> entries;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    std::string fields = NormalizeSpace(line);
    if (fields.empty()) continue;
    uint64_t values[3];
    size_t n = 0;
    std::string_view rest = fields;
    while (!rest.empty() && n < 3) {
      size_t space = rest.find(' ');
      Result<uint64_t> v = ParseUnsigned(rest.substr(0, space));
      if (!v.ok()) break;
      values[n++] = *v;
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    if (n != 3 || !rest.empty()) {
      return Status::Error("not an id map line (\"ID-inside ID-outside length\"): \"" +
                           std::string(line) + "\"");
    }
    entries.push_back({values[0], values[1], values[2]});
  }
  return entries;
}

}  // namespace rt::sys
