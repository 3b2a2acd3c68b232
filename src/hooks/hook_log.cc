#include "hooks/hook_log.h"

#include <cstdint>
#include <limits>
#include <type_traits>

#include "util/json_text.h"

namespace rt::hooks {
namespace {

using json = nlohmann::json;

constexpr const char* kKindNames[] = {"prestart",       "createRuntime", "createContainer",
                                      "startContainer", "poststart",     "poststop",
                                      "process"};

json NamespacesJson(const NamespaceIds& ns) {
  json out = json::object();
  for (const auto& [type, ino] : ns) out[type] = ino;
  return out;
}

// Whether nlohmann can convert `v` to T (get<T>() on another type would be a fatal error).
template <typename T>
bool Holds(const json& v) {
  if constexpr (std::is_same_v<T, json>) return true;
  if constexpr (std::is_same_v<T, std::string>) return v.is_string();
  if constexpr (std::is_same_v<T, bool>) return v.is_boolean();
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // An integer literal T can hold: a fraction, or a value out of T's range, would not convert
    // (a double out of range converts with undefined behaviour).
    constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<T>::max());
    if (v.is_number_unsigned()) return v.get<uint64_t>() <= kMax;
    if (v.is_number_integer()) return std::is_signed_v<T> || v.get<int64_t>() >= 0;
  }
  return false;
}

// Reads member `key` of `object` when present; an error names the member.
template <typename T>
Status Member(const json& object, const char* key, std::optional<T>* out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Status::Ok();
  if (!Holds<T>(*it)) return Status::Error(std::string(key) + ": unexpected " + it->type_name());
  *out = it->get<T>();
  return Status::Ok();
}

Status ReadNamespaces(const json& object, NamespaceIds* out) {
  auto it = object.find("ns");
  if (it == object.end()) return Status::Ok();
  if (!it->is_object()) return Status::Error("ns: expected an object");
  for (const auto& [type, ino] : it->items()) {
    if (!ino.is_number_unsigned()) return Status::Error("ns." + type + ": expected an inode");
    (*out)[type] = ino.get<uint64_t>();
  }
  return Status::Ok();
}

Status ReadStrings(const json& object, const char* key, std::vector<std::string>* out) {
  auto it = object.find(key);
  if (it == object.end()) return Status::Ok();
  if (!it->is_array()) return Status::Error(std::string(key) + ": expected an array");
  for (const json& s : *it) {
    if (!s.is_string()) return Status::Error(std::string(key) + ": expected strings");
    out->push_back(s.get<std::string>());
  }
  return Status::Ok();
}

Result<Record> ParseRecord(const json& j) {
  if (!j.is_object()) return Status::Error("expected a JSON object");
  Record r;
  auto kind = j.find("kind");
  if (kind == j.end() || !kind->is_string()) return Status::Error("kind: missing");
  std::optional<Kind> k = ParseKind(kind->get<std::string>());
  if (!k) return Status::Error("kind: unknown \"" + kind->get<std::string>() + "\"");
  r.kind = *k;
  std::optional<int64_t> pid;
  std::optional<json> state, container, root;
  std::optional<std::string> state_text;
  for (const Status& st :
       {ReadStrings(j, "argv", &r.argv), ReadStrings(j, "env", &r.env), Member(j, "pid", &pid),
        ReadNamespaces(j, &r.ns), Member(j, "state", &state), Member(j, "stateText", &state_text),
        ReadStrings(j, "stateProblems", &r.state_problems), Member(j, "container", &container),
        Member(j, "root", &root), ReadStrings(j, "unobserved", &r.unobserved)}) {
    if (!st.ok()) return st;
  }
  r.pid = pid.value_or(0);
  r.state = std::move(state);
  r.state_text = std::move(state_text);
  if (root) {
    std::optional<uint64_t> dev, ino;
    for (const Status& st : {Member(*root, "dev", &dev), Member(*root, "ino", &ino)}) {
      if (!st.ok()) return Status::Error("root." + st.message());
    }
    if (dev && ino) r.root = FileId{*dev, *ino};
  }
  if (container) {
    if (!container->is_object()) return Status::Error("container: expected an object");
    ContainerView& c = r.container;
    for (const Status& st :
         {Member(*container, "pid", &c.pid), Member(*container, "exists", &c.exists),
          Member(*container, "runningUserProgram", &c.running_user_program),
          ReadNamespaces(*container, &c.ns)}) {
      if (!st.ok()) return Status::Error("container." + st.message());
    }
  }
  return r;
}

}  // namespace

const char* KindName(Kind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<Kind> ParseKind(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(Kind::kProcess); ++i) {
    if (name == kKindNames[i]) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

bool InContainerNamespace(Kind kind) {
  return kind == Kind::kCreateContainer || kind == Kind::kStartContainer || kind == Kind::kProcess;
}

std::string FormatRecord(const Record& r) {
  json j = {{"kind", KindName(r.kind)},
            {"argv", r.argv},
            {"env", r.env},
            {"pid", r.pid},
            {"ns", NamespacesJson(r.ns)}};
  if (r.root) j["root"] = {{"dev", r.root->dev}, {"ino", r.root->ino}};
  if (r.state) j["state"] = *r.state;
  if (r.state_text) j["stateText"] = *r.state_text;
  if (r.kind != Kind::kProcess) j["stateProblems"] = r.state_problems;
  json c = json::object();
  if (r.container.pid) c["pid"] = *r.container.pid;
  if (r.container.exists) c["exists"] = *r.container.exists;
  if (r.container.running_user_program) {
    c["runningUserProgram"] = *r.container.running_user_program;
  }
  if (!r.container.ns.empty()) c["ns"] = NamespacesJson(r.container.ns);
  if (!c.empty()) j["container"] = c;
  if (!r.unobserved.empty()) j["unobserved"] = r.unobserved;
  return DumpJson(j);
}

Result<std::vector<Record>> ParseHookLog(std::string_view text) {
  std::vector<Record> records;
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = "hook log line " + std::to_string(line_no) + ": ";
    if (nl == std::string_view::npos) {
      return Status::Error(where + "no newline at its end (a record cut short)");
    }
    Result<json> j = ParseJsonText(line);
    if (!j.ok()) return Status::Error(where + j.status().message());
    Result<Record> r = ParseRecord(*j);
    if (!r.ok()) return Status::Error(where + r.status().message());
    records.push_back(std::move(r).value());
  }
  return records;
}

}  // namespace rt::hooks
