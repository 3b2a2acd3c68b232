#include "sys/namespaces.h"

#include "sys/proc.h"

namespace rt::sys {
namespace {

constexpr NamespaceType kTypes[] = {
    {"pid", "pid"}, {"network", "net"}, {"mount", "mnt"},     {"ipc", "ipc"},
    {"uts", "uts"}, {"user", "user"},   {"cgroup", "cgroup"}, {"time", "time"},
};

}  // namespace

std::span<const NamespaceType> NamespaceTypes() { return kTypes; }

std::optional<std::string_view> ProcNamespaceName(std::string_view spec_name) {
  for (const NamespaceType& t : kTypes) {
    if (t.spec_name == spec_name) return t.proc_name;
  }
  return std::nullopt;
}

Result<uint64_t> ParseNamespaceLink(std::string_view link, std::string_view proc_name) {
  std::string prefix = std::string(proc_name) + ":[";
  if (!link.starts_with(prefix) || !link.ends_with("]")) {
    return Status::Error("not a " + std::string(proc_name) + " namespace link: \"" +
                         std::string(link) + "\"");
  }
  std::string_view digits = link.substr(prefix.size(), link.size() - prefix.size() - 1);
  Result<uint64_t> inode = ParseUnsigned(digits);
  if (!inode.ok() || digits.empty() || digits.front() < '0' || digits.front() > '9') {
    return Status::Error("not a " + std::string(proc_name) + " namespace link: \"" +
                         std::string(link) + "\"");
  }
  return inode;
}

std::string FormatNamespace(std::string_view proc_name, uint64_t inode) {
  return std::string(proc_name) + ":[" + std::to_string(inode) + "]";
}

}  // namespace rt::sys
