// Small text helpers shared by the parsers and the report writers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace rt {

// The ASCII white space bytes: what std::isspace accepts in the "C" locale.
inline constexpr std::string_view kAsciiSpace = " \t\n\v\f\r";

// `s` without leading and trailing bytes of `chars` (ASCII white space by default).
std::string_view Trim(std::string_view s, std::string_view chars = kAsciiSpace);

// `s` double-quoted as in C: \" \\ \n \t, other control bytes as \xNN (lowercase hex); DEL (0x7f)
// too when `escape_del`. Bytes from 0x80 up are kept as they are.
std::string QuoteC(std::string_view s, bool escape_del = false);

// The lines of `text`, split at '\n' and without it. A final '\n' ends the last line rather than
// starting an empty one; empty lines in between are kept. "" has no lines.
std::vector<std::string_view> Lines(std::string_view text);

// The words of `text`: the non-empty runs of bytes not in `separators`.
std::vector<std::string_view> Words(std::string_view text,
                                    std::string_view separators = kAsciiSpace);

// Appends `parts` one after the other with one growth of `out` and a copy each (string::append
// per part costs some fifty instructions of checks apiece; reports and mount subjects are built
// of many short parts).
// Inline: both sit on hot paths (a TAP line, a mount's subject) of different files.
inline void AppendAll(std::string& out, std::initializer_list<std::string_view> parts) {
  size_t total = 0;
  for (std::string_view p : parts) total += p.size();
  size_t at = out.size();
  out.resize(at + total);
  for (std::string_view p : parts) {
    if (!p.empty()) std::memcpy(out.data() + at, p.data(), p.size());  // an empty view may be null
    at += p.size();
  }
}
// `parts` one after the other, in one allocation.
inline std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  AppendAll(out, parts);
  return out;
}

// The longest line a report writes (TAP line, YAML value, stderr line), in bytes, before
// Abbreviate cuts it.
inline constexpr size_t kMaxReportLine = 4096;

// The length of the longest start of `s` of at most `max_bytes` bytes that ends at a UTF-8
// character boundary (never inside a multi-byte sequence).
size_t Utf8PrefixLength(std::string_view s, size_t max_bytes);

// `s` when it has at most `max_bytes` bytes; else its start, cut at a UTF-8 character boundary,
// followed by "… (N more bytes)" so that the whole is at most `max_bytes` long (for max_bytes >=
// 37). N counts the bytes of `s` left out.
std::string Abbreviate(std::string_view s, size_t max_bytes = kMaxReportLine);

// `n` with a comma every three digits: 1000000 -> "1,000,000".
std::string GroupThousands(uint64_t n);

// The sorted distinct values of `values` as "{1, 2, 3}"; beyond `shown` values, the first
// shown-1, an ellipsis and the last: "{1, 2, 3 … 1000000} (1,000,000 values)". Linear after the
// sort, so a million values cost milliseconds.
std::string SummarizeSet(std::vector<uint64_t> values, size_t shown = 8);

// The difference of two sets (duplicates and order do not count), in a few words for a failure
// line; "" when they are equal. Each side lists at most `shown` values, the first shown-1 and the
// last:
//   "missing 999,990 of 1,000,000: 1, 2, 3 … 999999; 2 unexpected: 5, 7"
// "missing" are values of `expected` not in `found`; "unexpected" values of `found` not in
// `expected`. O(n log n) in the sizes of the two sets.
std::string SummarizeSetDifference(std::vector<uint64_t> expected, std::vector<uint64_t> found,
                                   size_t shown = 8);

// The length of the UTF-8 sequence at text[i] (i < text.size()) and its code point, or 0 when the
// bytes there are not one (overlong forms, surrogates and values above U+10FFFF are not).
size_t Utf8Sequence(std::string_view text, size_t i, uint32_t& code_point);

// Whether `text` is UTF-8 throughout: what a JSON string can carry as it is.
bool IsUtf8(std::string_view text);

// Whether a kernel release ("6.1.0-57-amd64", "6.12.117+deb12-amd64", "5.4") is at least
// major.minor; a release that does not start with two numbers is not.
bool KernelAtLeast(std::string_view release, int major, int minor);

}  // namespace rt
