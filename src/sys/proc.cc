#include "sys/proc.h"

#include <cctype>
#include <charconv>

#include "util/text.h"

namespace rt::sys {

Result<std::string> FindStatusField(std::string_view text, std::string_view key) {
  // Jumps from one occurrence of the key to the next (memchr for its first byte) instead of
  // splitting every line: /proc/self/status has some 55 lines and a check wants one of them.
  for (size_t at = text.find(key); !key.empty() && at != std::string_view::npos;
       at = text.find(key, at + 1)) {
    if (at != 0 && text[at - 1] != '\n') continue;  // inside a line
    std::string_view line = text.substr(at + key.size());
    line = line.substr(0, line.find('\n'));
    std::string_view rest = Trim(line);
    if (rest.empty() || rest.front() != ':') continue;  // "CapInh" is not "Cap"
    return std::string(Trim(rest.substr(1)));
  }
  return Status::Error("/proc/self/status has no " + std::string(key) + " field");
}

Result<uint64_t> ParseHexMask(std::string_view text) { return ParseUnsigned(text, 16); }

Result<uint64_t> ParseUnsigned(std::string_view text, int base) {
  std::string_view t = Trim(text);
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v, base);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
    return Status::Error("not an unsigned number: \"" + std::string(t) + "\"");
  }
  return v;
}

Result<int64_t> ParseSigned(std::string_view text) {
  std::string_view t = Trim(text);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
    return Status::Error("not a number: \"" + std::string(t) + "\"");
  }
  return v;
}

std::vector<std::string> SplitCmdline(std::string_view text) {
  std::vector<std::string> args;
  while (!text.empty()) {
    size_t nul = text.find('\0');
    args.emplace_back(text.substr(0, nul));
    if (nul == std::string_view::npos) break;
    text.remove_prefix(nul + 1);
  }
  return args;
}

std::string NormalizeSpace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : Trim(text)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace rt::sys
