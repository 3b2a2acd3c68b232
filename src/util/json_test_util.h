// Unit tests only: a JSON document with one node changed, every way, for the tests that show a
// parser of outside JSON (a runtime's `state` or `features`, a hook's stdin, a report read back)
// turns each variant into a value or an error, and never throws (with -fno-exceptions: aborts).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/json.h"

namespace rt {

// What a node is replaced by: one value of each JSON type, and integers at the edges of
// nlohmann's three number types.
inline std::vector<nlohmann::json> WrongValues() {
  return {nullptr,
          true,
          0,
          -1,
          INT64_MIN,
          UINT64_MAX,
          1.5,
          "",
          "text",
          nlohmann::json::array(),
          nlohmann::json::array({1, "a"}),
          nlohmann::json::object(),
          nlohmann::json{{"k", 1}}};
}

// Calls `visit(text, what)` with the JSON text of each variant of `doc`: every node (the root
// and containers included) replaced by each of WrongValues(), and every object member removed.
// `what` names the change, for the failure message.
inline void ForEachVariant(
    const nlohmann::json& doc,
    const std::function<void(const std::string&, const std::string&)>& visit) {
  using json = nlohmann::json;
  std::vector<json::json_pointer> pointers;
  std::function<void(const json&, const json::json_pointer&)> walk =
      [&](const json& node, const json::json_pointer& at) {
        pointers.push_back(at);
        if (node.is_object()) {
          for (const auto& [key, child] : node.items()) walk(child, at / key);
        } else if (node.is_array()) {
          for (size_t i = 0; i < node.size(); ++i) walk(node[i], at / i);
        }
      };
  walk(doc, json::json_pointer());
  for (const json::json_pointer& at : pointers) {
    for (const json& value : WrongValues()) {
      json changed = doc;
      changed[at] = value;
      visit(changed.dump(), at.to_string() + " = " + value.dump());
    }
    if (!at.empty() && doc[at.parent_pointer()].is_object()) {
      json changed = doc;
      changed[at.parent_pointer()].erase(at.back());
      visit(changed.dump(), at.to_string() + " removed");
    }
  }
}

}  // namespace rt
