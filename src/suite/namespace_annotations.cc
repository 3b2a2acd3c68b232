#include "suite/namespace_annotations.h"

#include <string>

#include "sys/namespaces.h"
#include "util/text.h"

namespace rt::suite {
namespace {

void SetIfAbsent(nlohmann::json& annotations, const std::string& key, uint64_t inode) {
  if (!annotations.contains(key)) annotations[key] = std::to_string(inode);
}

}  // namespace

void AddNamespaceAnnotations(nlohmann::json& config, sys::System& host) {
  if (!config.is_object()) return;
  nlohmann::json& annotations = config["annotations"];
  if (annotations.is_null()) annotations = nlohmann::json::object();
  if (!annotations.is_object()) return;

  Result<std::string> oom = host.ReadFile("/proc/self/oom_score_adj");
  if (oom.ok()) {
    const std::string_view value = Trim(*oom);
    const std::string key(sys::kRuntimeOomScoreAdjAnnotation);
    if (!value.empty() && !annotations.contains(key)) annotations[key] = std::string(value);
  }

  for (const sys::NamespaceType& type : sys::NamespaceTypes()) {
    Result<std::string> link = host.ReadLink("/proc/self/ns/" + std::string(type.proc_name));
    if (!link.ok()) continue;  // a kernel without this type
    Result<uint64_t> inode = sys::ParseNamespaceLink(*link, type.proc_name);
    if (!inode.ok()) continue;
    SetIfAbsent(annotations,
                std::string(sys::kHostNamespaceAnnotation) + std::string(type.spec_name), *inode);
  }

  auto linux = config.find("linux");
  if (linux == config.end() || !linux->is_object()) return;
  auto namespaces = linux->find("namespaces");
  if (namespaces == linux->end() || !namespaces->is_array()) return;
  for (const nlohmann::json& ns : *namespaces) {
    if (!ns.is_object()) continue;
    auto type = ns.find("type");
    auto path = ns.find("path");
    if (type == ns.end() || !type->is_string() || path == ns.end() || !path->is_string()) continue;
    if (!sys::ProcNamespaceName(type->get<std::string>())) continue;
    Result<sys::FileInfo> at_path = host.Stat(path->get<std::string>());
    if (!at_path.ok()) continue;
    SetIfAbsent(annotations, std::string(sys::kPathNamespaceAnnotation) + type->get<std::string>(),
                at_path->inode);
  }
}

}  // namespace rt::suite
