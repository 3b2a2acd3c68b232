#include "util/json_text.h"

#include <string>

namespace rt {
namespace {

// Whether the arrays and objects of `text`, a valid JSON text, nest deeper than `limit`.
bool NestedDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped byte, '"' included
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

Result<nlohmann::json> ParseJsonText(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Error("not valid JSON");
  if (NestedDeeperThan(text, kMaxJsonDepth)) {
    return Status::Error("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  return j;
}

std::string DumpJson(const nlohmann::json& v, int indent) {
  return v.dump(indent, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rt
