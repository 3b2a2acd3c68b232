#include "suite/features.h"

#include <algorithm>
#include <vector>

namespace rt::suite {

namespace {

// "1.0.2-dev" -> {1, 0, 2} and whether it is a pre-release; false when it is not a version.
bool ParseVersion(std::string_view text, std::vector<long>* numbers, bool* pre_release) {
  const size_t dash = text.find('-');
  *pre_release = dash != std::string_view::npos;
  std::string_view core = text.substr(0, dash);
  numbers->clear();
  while (true) {
    size_t dot = core.find('.');
    std::string_view part = core.substr(0, dot);
    if (part.empty() || part.size() > 9 ||
        part.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    numbers->push_back(std::stol(std::string(part)));
    if (dot == std::string_view::npos) return true;
    core = core.substr(dot + 1);
  }
}

constexpr std::string_view kVersionRequirement = "ociVersionMax>=";

}  // namespace

bool SpecVersionAtLeast(std::string_view have, std::string_view need) {
  std::vector<long> h, n;
  bool h_pre = false, n_pre = false;
  if (!ParseVersion(have, &h, &h_pre) || !ParseVersion(need, &n, &n_pre)) return false;
  h.resize(std::max(h.size(), n.size()));
  n.resize(h.size());
  if (h != n) return h > n;
  return !h_pre || n_pre;
}

std::optional<std::string> DeclaredSpecVersion(const nlohmann::json* features,
                                               std::string_view version_output) {
  if (features != nullptr && features->is_object()) {
    auto max = features->find("ociVersionMax");
    if (max != features->end() && max->is_string()) return max->get<std::string>();
  }
  while (!version_output.empty()) {
    const size_t nl = version_output.find('\n');
    std::string_view line = version_output.substr(0, nl);
    version_output = nl == std::string_view::npos ? "" : version_output.substr(nl + 1);
    if (!line.starts_with("spec:")) continue;
    line.remove_prefix(5);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty()) return std::string(line);
  }
  return std::nullopt;
}

std::optional<std::string> MissingFeature(const nlohmann::json* features,
                                          std::string_view requirement) {
  if (features == nullptr) return std::nullopt;
  if (requirement.substr(0, kVersionRequirement.size()) == kVersionRequirement) {
    const std::string_view need = requirement.substr(kVersionRequirement.size());
    const nlohmann::json* max = features->is_object() && features->contains("ociVersionMax")
                                    ? &(*features)["ociVersionMax"]
                                    : nullptr;
    if (max == nullptr || !max->is_string()) return "`features` does not declare ociVersionMax";
    const std::string have = max->get<std::string>();
    if (SpecVersionAtLeast(have, need)) return std::nullopt;
    return "`features` declares ociVersionMax " + have + ": it does not recognize runtime-spec " +
           std::string(need) + " fields, and MUST ignore unknown ones (config.md#extensibility)";
  }
  const size_t eq = requirement.find('=');
  const std::string path(requirement.substr(0, eq));
  const nlohmann::json* node = features;
  std::string_view rest = path;
  while (!rest.empty()) {
    size_t dot = rest.find('.');
    std::string key(rest.substr(0, dot));
    if (!node->is_object() || !node->contains(key)) {
      return "`features` does not declare " + path;
    }
    node = &(*node)[key];
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  if (eq == std::string_view::npos) {
    if (node->is_boolean() && node->get<bool>()) return std::nullopt;
    return "`features` declares " + path + " = " + node->dump();
  }
  const std::string value(requirement.substr(eq + 1));
  if (node->is_array()) {
    for (const nlohmann::json& item : *node) {
      if (item.is_string() && item.get<std::string>() == value) return std::nullopt;
    }
  }
  return "`features`: " + path + " does not list \"" + value + "\"";
}

FeaturesSummary SummarizeFeatures(const nlohmann::json& features) {
  FeaturesSummary summary;
  if (!features.is_object()) return summary;
  auto string_at = [&](const char* key) {
    auto it = features.find(key);
    return it != features.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  summary.oci_version_min = string_at("ociVersionMin");
  summary.oci_version_max = string_at("ociVersionMax");
  auto linux = features.find("linux");
  if (linux == features.end() || !linux->is_object()) return summary;
  if (auto ns = linux->find("namespaces"); ns != linux->end() && ns->is_array()) {
    for (const nlohmann::json& n : *ns) {
      if (n.is_string()) summary.namespaces.push_back(n.get<std::string>());
    }
  }
  if (auto cgroup = linux->find("cgroup"); cgroup != linux->end() && cgroup->is_object()) {
    for (const auto& [key, value] : cgroup->items()) {
      if (value.is_boolean() && value.get<bool>()) summary.cgroup.push_back(key);
    }
  }
  auto enabled = [&](const char* key) -> std::optional<bool> {
    auto it = linux->find(key);
    if (it == linux->end() || !it->is_object()) return std::nullopt;
    auto e = it->find("enabled");
    if (e == it->end() || !e->is_boolean()) return std::nullopt;
    return e->get<bool>();
  };
  summary.seccomp = enabled("seccomp");
  summary.apparmor = enabled("apparmor");
  summary.selinux = enabled("selinux");
  return summary;
}

}  // namespace rt::suite
