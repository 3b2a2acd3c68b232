// Linux namespaces as runtime-spec names them and as procfs shows them, and the annotations by
// which the suite tells runtimetest which namespaces are the runtime's: from inside a container
// the runtime's namespaces cannot be seen, only compared with numbers handed in.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/status.h"

namespace rt::sys {

struct NamespaceType {
  std::string_view spec_name;  // in linux.namespaces[].type: "network"
  std::string_view proc_name;  // under /proc/self/ns/: "net"
};

// The eight types runtime-spec defines, in the order of config-linux.md.
std::span<const NamespaceType> NamespaceTypes();

// "network" -> "net"; nullopt for a type runtime-spec does not define.
std::optional<std::string_view> ProcNamespaceName(std::string_view spec_name);

// The inode number in a /proc/PID/ns/* link: ("uts:[4026531838]", "uts") -> 4026531838.
Result<uint64_t> ParseNamespaceLink(std::string_view link, std::string_view proc_name);

// "uts", 4026531838 -> "uts:[4026531838]", as the kernel writes it.
std::string FormatNamespace(std::string_view proc_name, uint64_t inode);

// Annotation "org.runtimetest.host-ns.<spec type>": the inode number (decimal) of the namespace of
// that type the runtime itself runs in, as the suite saw it in its own /proc/self/ns.
inline constexpr std::string_view kHostNamespaceAnnotation = "org.runtimetest.host-ns.";
// Annotation "org.runtimetest.ns-path.<spec type>": the inode number (decimal) of the namespace
// the `path` of that type's linux.namespaces entry names, as the suite saw it (stat(2) on the
// host, where the path has its meaning).
inline constexpr std::string_view kPathNamespaceAnnotation = "org.runtimetest.ns-path.";
// Annotation "org.runtimetest.runtime-oom-score-adj": the oom_score_adj (decimal) the runtime
// itself runs with, as the suite saw it in its own /proc/self/oom_score_adj (the runtime inherits
// it). Not a namespace, but the same channel: what the container cannot see of the runtime.
inline constexpr std::string_view kRuntimeOomScoreAdjAnnotation =
    "org.runtimetest.runtime-oom-score-adj";

}  // namespace rt::sys
