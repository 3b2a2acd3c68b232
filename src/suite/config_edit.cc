#include "suite/config_edit.h"

#include <string>

namespace rt::suite {

void SetAllCapabilities(nlohmann::json& config, std::initializer_list<const char*> caps) {
  nlohmann::json list = nlohmann::json::array();
  for (const char* cap : caps) list.push_back(cap);
  nlohmann::json& sets = config["process"]["capabilities"];
  for (const char* set : {"bounding", "effective", "inheritable", "permitted", "ambient"}) {
    sets[set] = list;
  }
}

void SetRlimit(nlohmann::json& config, std::string_view type, uint64_t soft, uint64_t hard) {
  nlohmann::json& rlimits = config["process"]["rlimits"];
  if (!rlimits.is_array()) rlimits = nlohmann::json::array();
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& r : rlimits) {
    if (!(r.is_object() && r.value("type", "") == type)) kept.push_back(r);
  }
  kept.push_back({{"type", std::string(type)}, {"soft", soft}, {"hard", hard}});
  rlimits = std::move(kept);
}

void SetEnv(nlohmann::json& config, std::string_view entry) {
  std::string_view name = entry.substr(0, entry.find('='));
  nlohmann::json& env = config["process"]["env"];
  if (!env.is_array()) env = nlohmann::json::array();
  for (auto& e : env) {
    if (!e.is_string()) continue;
    const std::string& s = e.get_ref<const std::string&>();
    if (s.size() > name.size() && s.compare(0, name.size(), name) == 0 && s[name.size()] == '=') {
      e = std::string(entry);
      return;
    }
  }
  env.push_back(std::string(entry));
}

void SetUser(nlohmann::json& config, uint32_t uid, uint32_t gid) {
  config["process"]["user"]["uid"] = uid;
  config["process"]["user"]["gid"] = gid;
}

void RemoveNamespace(nlohmann::json& config, std::string_view type) {
  nlohmann::json& namespaces = config["linux"]["namespaces"];
  if (!namespaces.is_array()) namespaces = nlohmann::json::array();
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& ns : namespaces) {
    if (!(ns.is_object() && ns.value("type", "") == type)) kept.push_back(ns);
  }
  namespaces = std::move(kept);
}

void SetNamespace(nlohmann::json& config, std::string_view type, std::string_view path) {
  RemoveNamespace(config, type);
  nlohmann::json entry = {{"type", std::string(type)}};
  if (!path.empty()) entry["path"] = std::string(path);
  config["linux"]["namespaces"].push_back(std::move(entry));
}

}  // namespace rt::suite
