// Small text helpers shared by the parsers and the report writers.
#pragma once

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

}  // namespace rt
