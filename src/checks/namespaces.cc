// config-linux.md#namespaces: the process is in a new namespace of every type listed without a
// path, in the namespace a path names, and in the runtime's own namespace of every type not
// listed. The runtime's namespaces and those a path names are known inside only through the
// annotations the suite writes (sys/namespaces.h); without them those comparisons are skips.
#include "sys/namespaces.h"

#include <cerrno>
#include <map>
#include <optional>
#include <string>

#include "checks/check.h"
#include "sys/proc.h"

namespace rt::checks {
namespace {

constexpr std::string_view kTypeList = "pid, network, mount, ipc, uts, user, cgroup, time";

// The inode number an annotation of ours holds for `type`, or nullopt (with the reason in `why`).
std::optional<uint64_t> AnnotatedInode(const spec::Config& config, std::string_view prefix,
                                       std::string_view type, std::string& why) {
  const std::string key = std::string(prefix) + std::string(type);
  auto it = config.annotations.find(key);
  if (it == config.annotations.end()) {
    why = "annotation " + key + " is not set; `runtimetest suite` sets it";
    return std::nullopt;
  }
  Result<uint64_t> inode = sys::ParseUnsigned(it->second);
  if (!inode.ok()) {
    why = "annotation " + key + " is not an inode number: " + Quote(it->second);
    return std::nullopt;
  }
  return *inode;
}

void CheckNamespaces(const Context& ctx, Recorder& rec) {
  static const std::vector<spec::Namespace> kNone;
  const std::vector<spec::Namespace>& listed =
      ctx.config.linux_ ? ctx.config.linux_->namespaces : kNone;

  Result<std::vector<std::string>> ns_dir = ctx.sys.ListDir("/proc/self/ns");
  if (!ns_dir.ok()) {
    rec.CannotObserve("", "", ns_dir.status());
    return;
  }

  std::map<std::string, const spec::Namespace*> by_type;
  for (const spec::Namespace& ns : listed) {
    if (!sys::ProcNamespaceName(ns.type)) {
      rec.Fail("", ns.type,
               "a namespace type runtime-spec defines (" + std::string(kTypeList) + ")",
               Quote(ns.type));
      continue;
    }
    if (!by_type.emplace(ns.type, &ns).second) {
      rec.Fail("", ns.type,
               "one entry per type (the runtime MUST generate an error for duplicates, yet the "
               "container runs)",
               "several entries");
    }
  }

  for (const sys::NamespaceType& type : sys::NamespaceTypes()) {
    const std::string subject(type.spec_name);
    const std::string proc(type.proc_name);
    auto entry = by_type.find(subject);
    const spec::Namespace* want = entry == by_type.end() ? nullptr : entry->second;

    Result<std::string> link = ctx.sys.ReadLink("/proc/self/ns/" + proc);
    if (!link.ok()) {
      // No /proc/self/ns/<type>: an old kernel, or a proc that hides it. Either way nothing is
      // seen, which is not the same as "the kernel has none".
      rec.CannotObserve("", subject, link.status());
      continue;
    }
    Result<uint64_t> found = sys::ParseNamespaceLink(*link, proc);
    if (!found.ok()) {
      rec.CannotObserve("", subject, found.status());
      continue;
    }
    const std::string found_text = sys::FormatNamespace(proc, *found);
    std::string why;

    if (want != nullptr && want->path) {
      std::optional<uint64_t> at_path =
          AnnotatedInode(ctx.config, sys::kPathNamespaceAnnotation, subject, why);
      if (!at_path) {
        rec.Skip("", subject,
                 "which namespace " + Quote(*want->path) +
                     " names is known only in the runtime's mount namespace: " + why);
        continue;
      }
      if (*found == *at_path) {
        rec.Pass("", subject + " joined at " + *want->path);
      } else {
        rec.Fail(
            "", subject,
            sys::FormatNamespace(proc, *at_path) + " (the namespace at " + Quote(*want->path) + ")",
            found_text);
      }
      continue;
    }

    std::optional<uint64_t> runtime =
        AnnotatedInode(ctx.config, sys::kHostNamespaceAnnotation, subject, why);
    if (!runtime) {
      rec.Skip("", subject, "the runtime's " + proc + " namespace is unknown inside: " + why);
      continue;
    }
    const std::string runtime_text = sys::FormatNamespace(proc, *runtime);
    if (want != nullptr) {
      if (*found != *runtime) {
        rec.Pass("", subject + " is new");
      } else {
        rec.Fail("", subject, "a new namespace, not the runtime's " + runtime_text,
                 found_text + ", the runtime's");
      }
    } else if (*found == *runtime) {
      rec.Pass("", subject + " is the runtime's");
    } else {
      rec.Fail("", subject,
               "the runtime's " + runtime_text + " (" + subject + " is not in linux.namespaces)",
               found_text);
    }
  }
}

constexpr CheckDef kChecks[] = {
    {"linux.namespaces", "config-linux.md#namespaces", report::Level::kMust,
     "/proc/self/ns/*: a new namespace for each type listed, the one its path names, the "
     "runtime's own for types not listed (runtime's known from org.runtimetest.host-ns.* "
     "annotations)",
     CheckNamespaces},
};

}  // namespace

std::span<const CheckDef> NamespaceChecks() { return kChecks; }

}  // namespace rt::checks
