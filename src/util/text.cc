#include "util/text.h"

#include <algorithm>

namespace rt {
namespace {

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// "1, 2, 3 … 9": at most `shown` values of sorted `v`, the first shown-1 and the last.
std::string ListSome(const std::vector<uint64_t>& v, size_t shown) {
  if (shown < 2) shown = 2;
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v.size() > shown && i == shown - 1) {
      out += " … " + std::to_string(v.back());
      break;
    }
    if (i) out += ", ";
    out += std::to_string(v[i]);
  }
  return out;
}

}  // namespace

std::string_view Trim(std::string_view s, std::string_view chars) {
  size_t begin = s.find_first_not_of(chars);
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(chars);
  return s.substr(begin, end - begin + 1);
}

std::string QuoteC(std::string_view s, bool escape_del) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || (escape_del && u == 0x7f)) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    lines.push_back(text.substr(0, eol));
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
  return lines;
}

std::vector<std::string_view> Words(std::string_view text, std::string_view separators) {
  // A table instead of find_first_of: that searches the separators once per byte of text.
  bool is_separator[256] = {};
  for (char c : separators) is_separator[static_cast<unsigned char>(c)] = true;
  std::vector<std::string_view> words;
  words.reserve(12);  // a mountinfo line has 10 or 11; most callers fewer
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    while (p != end && is_separator[static_cast<unsigned char>(*p)]) ++p;
    if (p == end) break;
    const char* begin = p;
    while (p != end && !is_separator[static_cast<unsigned char>(*p)]) ++p;
    words.emplace_back(begin, static_cast<size_t>(p - begin));
  }
  return words;
}

size_t Utf8PrefixLength(std::string_view s, size_t max_bytes) {
  size_t keep = max_bytes < s.size() ? max_bytes : s.size();
  // Back up to the start of a UTF-8 character: a continuation byte is 10xxxxxx.
  while (keep > 0 && keep < s.size() && (static_cast<unsigned char>(s[keep]) & 0xc0) == 0x80) {
    --keep;
  }
  return keep;
}

std::string Abbreviate(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  // Room for the suffix: "… (" is 5 bytes, the count at most 20 digits, " more bytes)" 12.
  const size_t reserve = 5 + 20 + 12;
  const size_t keep = Utf8PrefixLength(s, max_bytes > reserve ? max_bytes - reserve : 0);
  return std::string(s.substr(0, keep)) + "… (" + std::to_string(s.size() - keep) +
         " more bytes)";
}

std::string GroupThousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string SummarizeSet(std::vector<uint64_t> values, size_t shown) {
  SortUnique(&values);
  std::string out = "{" + ListSome(values, shown) + "}";
  if (values.size() > shown) out += " (" + GroupThousands(values.size()) + " values)";
  return out;
}

std::string SummarizeSetDifference(std::vector<uint64_t> expected, std::vector<uint64_t> found,
                                   size_t shown) {
  SortUnique(&expected);
  SortUnique(&found);
  std::vector<uint64_t> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), found.begin(), found.end(),
                      std::back_inserter(missing));
  std::set_difference(found.begin(), found.end(), expected.begin(), expected.end(),
                      std::back_inserter(unexpected));
  std::string out;
  if (!missing.empty()) {
    out = "missing " + GroupThousands(missing.size()) + " of " + GroupThousands(expected.size()) +
          ": " + ListSome(missing, shown);
  }
  if (!unexpected.empty()) {
    if (!out.empty()) out += "; ";
    out += GroupThousands(unexpected.size()) + " unexpected: " + ListSome(unexpected, shown);
  }
  return out;
}

size_t Utf8Sequence(std::string_view text, size_t i, uint32_t& code_point) {
  unsigned char c = text[i];
  size_t length = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xe  ? 3
                  : (c >> 3) == 0x1e ? 4
                                     : 0;
  if (length == 0 || i + length > text.size()) return 0;
  code_point = length == 1 ? c : c & (0x7f >> length);
  for (size_t k = 1; k < length; ++k) {
    unsigned char next = text[i + k];
    if ((next >> 6) != 0x2) return 0;
    code_point = (code_point << 6) | (next & 0x3f);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMin[length] || code_point > 0x10ffff ||
      (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return 0;
  }
  return length;
}

bool IsUtf8(std::string_view text) {
  uint32_t code_point = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t length = Utf8Sequence(text, i, code_point);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

bool KernelAtLeast(std::string_view release, int major, int minor) {
  int parts[2] = {-1, -1};
  size_t at = 0;
  for (int& part : parts) {
    size_t end = at;
    while (end < release.size() && release[end] >= '0' && release[end] <= '9' && end - at < 6) ++end;
    if (end == at) return false;
    part = std::stoi(std::string(release.substr(at, end - at)));
    at = end;
    if (&part == &parts[0]) {
      if (at >= release.size() || release[at] != '.') return false;
      ++at;
    }
  }
  return parts[0] != major ? parts[0] > major : parts[1] >= minor;
}

}  // namespace rt
