#include "hooks/state.h"

#include "util/json_text.h"

namespace rt::hooks {
namespace {

using json = nlohmann::json;

// `s` as a JSON string; a path of the host may hold bytes that are not UTF-8.
std::string Quoted(const std::string& s) { return DumpJson(s); }

// A JSON integer above 0: unsigned ones (nlohmann's type for those beyond INT64_MAX) included.
bool PositiveInteger(const json& v) {
  return v.is_number_unsigned() ? v.get<uint64_t>() > 0
                                : v.is_number_integer() && v.get<int64_t>() > 0;
}

}  // namespace

const char* ImpliedStatus(Kind kind) {
  switch (kind) {
    case Kind::kPrestart:
    case Kind::kCreateRuntime:
    case Kind::kCreateContainer:
      return "creating";
    case Kind::kStartContainer:
      return "created";
    case Kind::kPoststart:
      return "running";
    case Kind::kPoststop:
      return "stopped";
    case Kind::kProcess:
      break;
  }
  return "";
}

std::vector<std::string> StateProblems(Kind kind, const json& state,
                                       const StateExpectation& expect) {
  std::vector<std::string> problems;
  if (!state.is_object())
    return {"expected a JSON object, found " + std::string(state.type_name())};
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = state.find(key);
    if (it == state.end()) {
      problems.push_back(std::string(key) + ": required, missing");
    } else if (!it->is_string()) {
      problems.push_back(std::string(key) + ": expected a string, found " + it->type_name());
    } else {
      return it->get<std::string>();
    }
    return std::nullopt;
  };
  const std::optional<std::string> version = text("ociVersion");
  const std::optional<std::string> id = text("id");
  const std::optional<std::string> status = text("status");
  const std::optional<std::string> bundle = text("bundle");
  if (version && version->empty()) problems.push_back("ociVersion: empty");
  if (status) {
    if (*status != "creating" && *status != "created" && *status != "running" &&
        *status != "stopped") {
      problems.push_back("status: " + Quoted(*status) +
                         " is none of creating, created, running, stopped");
    } else if (*ImpliedStatus(kind) && *status != ImpliedStatus(kind)) {
      problems.push_back("status: expected " + Quoted(ImpliedStatus(kind)) + " for a " +
                         KindName(kind) + " hook, found " + Quoted(*status));
    }
  }
  auto pid = state.find("pid");
  if (pid != state.end()) {
    if (!pid->is_number_integer()) {
      problems.push_back(std::string("pid: expected an integer, found ") + pid->type_name());
    } else if (!pid->is_number_unsigned() && pid->get<int64_t>() < 0) {
      problems.push_back("pid: " + pid->dump() + " is negative");
    }
  }
  const bool needs_pid = status && (*status == "created" || *status == "running");
  if (needs_pid && (pid == state.end() || !PositiveInteger(*pid))) {
    problems.push_back("pid: expected a pid > 0 with status " + *status + ", found " +
                       (pid == state.end() ? "none" : pid->dump()));
  }
  if (id && expect.id && *id != *expect.id) {
    problems.push_back("id: expected " + Quoted(*expect.id) + ", found " + Quoted(*id));
  }
  if (bundle && expect.bundle && *bundle != *expect.bundle) {
    problems.push_back("bundle: expected " + Quoted(*expect.bundle) + ", found " + Quoted(*bundle));
  }
  auto annotations = state.find("annotations");
  std::map<std::string, std::string> found;
  bool well_formed = true;
  if (annotations != state.end() && !annotations->is_null()) {
    if (!annotations->is_object()) {
      problems.push_back(std::string("annotations: expected an object, found ") +
                         annotations->type_name());
      well_formed = false;
    } else {
      for (const auto& [key, value] : annotations->items()) {
        if (!value.is_string()) {
          problems.push_back("annotations." + key + ": expected a string, found " +
                             value.type_name());
          well_formed = false;
        } else {
          found[key] = value.get<std::string>();
        }
      }
    }
  }
  if (well_formed && expect.annotations && found != *expect.annotations) {
    // Absent and empty are the same (runtime.md#state); name the first difference.
    std::string difference;
    for (const auto& [key, value] : *expect.annotations) {
      auto it = found.find(key);
      if (it == found.end()) {
        difference = Quoted(key) + " missing";
      } else if (it->second != value) {
        difference = Quoted(key) + " is " + Quoted(it->second) + ", expected " + Quoted(value);
      }
      if (!difference.empty()) break;
    }
    if (difference.empty()) {
      for (const auto& [key, value] : found) {
        if (!expect.annotations->count(key)) {
          difference = Quoted(key) + " not in the config";
          break;
        }
      }
    }
    problems.push_back("annotations: not the config's (" + difference + ")");
  }
  return problems;
}

}  // namespace rt::hooks
