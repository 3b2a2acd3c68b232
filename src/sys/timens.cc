#include "sys/timens.h"

#include <vector>

#include "sys/proc.h"
#include "util/text.h"

namespace rt::sys {

Result<std::map<std::string, ClockOffset>> ParseTimensOffsets(std::string_view text) {
  std::map<std::string, ClockOffset> offsets;
  for (std::string_view line : Lines(text)) {
    std::vector<std::string_view> words = Words(line);
    if (words.empty()) continue;
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
