// JSON text that comes from outside the program (a runtime's `state` or `features` output, a
// hook's stdin, a hook log line, a report file read back), parsed without exceptions.
#pragma once

#include <string_view>

#include "util/json.h"
#include "util/status.h"

namespace rt {

// Deeper documents are refused: nlohmann copies, compares and dumps a tree recursively, so a
// megabyte of nested arrays read as it is overflows the stack there (parsing and destroying are
// iterative). Nothing the program reads nests beyond a dozen levels.
inline constexpr int kMaxJsonDepth = 100;

// The document, or why there is none: "not valid JSON", "nested deeper than 100 levels".
Result<nlohmann::json> ParseJsonText(std::string_view text);

// `v` as JSON text (compact, or indented by `indent`), non-ASCII kept as it is; bytes that are
// not UTF-8 (what a runtime, a hook or a host path may hold) written as U+FFFD, where nlohmann's
// default would refuse.
std::string DumpJson(const nlohmann::json& v, int indent = -1);

}  // namespace rt
