#include "sys/timens.h"

#include <vector>

#include "sys/proc.h"

namespace rt::sys {

Result<std::map<std::string, ClockOffset>> ParseTimensOffsets(std::string_view text) {
  std::map<std::string, ClockOffset> offsets;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    std::string fields = NormalizeSpace(line);
    if (fields.empty()) continue;
    std::vector<std::string_view> words;
    std::string_view rest = fields;
    while (!rest.empty()) {
      size_t space = rest.find(' ');
      words.push_back(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    Result<int64_t> secs = words.size() == 3 ? ParseSigned(words[1]) : Status::Error("");
    Result<int64_t> nanosecs = words.size() == 3 ? ParseSigned(words[2]) : Status::Error("");
    if (!secs.ok() || !nanosecs.ok()) {
      return Status::Error("not a timens_offsets line (\"clock secs nanosecs\"): \"" +
                           std::string(line) + "\"");
    }
    std::string clock(words[0]);
    if (clock == "1") clock = "monotonic";
    if (clock == "7") clock = "boottime";
    offsets[clock] = {*secs, *nanosecs};
  }
  return offsets;
}

}  // namespace rt::sys
