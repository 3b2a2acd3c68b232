// config-linux.md#intelrdt: linux.intelRdt. /proc/self/resctrl (Linux with resctrl support) names
// the resource group (CLOS) the process is in; where a resctrl filesystem is mounted in the
// container, that group's `schemata` file shows the cache and memory bandwidth allocation,
// compared with l3CacheSchema and memBwSchema for the resources and domains they name.
#include <cerrno>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "sys/mountinfo.h"
#include "sys/proc.h"

namespace rt::checks {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = Trim(text.substr(0, eol));
    if (!line.empty()) out.push_back(line);
    if (eol == std::string_view::npos) break;
    text = text.substr(eol + 1);
  }
  return out;
}

// One schemata line, "L3:0=7f0;1=1f" or "MB:0=20;1=70": resource and domain -> value.
struct SchemaLine {
  std::string resource;
  std::map<std::string, std::string> domains;
};

std::optional<SchemaLine> ParseSchemaLine(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  SchemaLine out;
  out.resource = std::string(Trim(line.substr(0, colon)));
  std::string_view rest = line.substr(colon + 1);
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view item = Trim(rest.substr(0, semi));
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    out.domains[std::string(Trim(item.substr(0, eq)))] = std::string(Trim(item.substr(eq + 1)));
    if (semi == std::string_view::npos) break;
    rest = rest.substr(semi + 1);
  }
  return out;
}

// Cache masks are hexadecimal and printed zero-padded; bandwidth is decimal.
std::string Normalize(std::string_view resource, std::string_view value) {
  const bool decimal = resource == "MB" || resource == "SMBA";
  Result<uint64_t> v = sys::ParseUnsigned(value, decimal ? 10 : 16);
  return v.ok() ? std::to_string(*v) : std::string(value);
}

std::string Show(std::string_view resource, std::string_view value) {
  return std::string(resource) + " " + std::string(value);
}

// The lines the runtime had to write (config-linux.md#intelrdt): those of l3CacheSchema, except
// an MB line when memBwSchema gives one, then memBwSchema's.
std::vector<std::string_view> WantedLines(const spec::IntelRdt& rdt) {
  std::vector<std::string_view> out;
  const bool mem_bw = rdt.mem_bw_schema && !rdt.mem_bw_schema->empty();
  if (rdt.l3_cache_schema) {
    for (std::string_view line : Lines(*rdt.l3_cache_schema)) {
      if (mem_bw && line.substr(0, 3) == "MB:") continue;
      out.push_back(line);
    }
  }
  if (mem_bw) {
    for (std::string_view line : Lines(*rdt.mem_bw_schema)) out.push_back(line);
  }
  return out;
}

void CompareSchemata(const std::vector<std::string_view>& wanted, std::string_view found_text,
                     const std::string& path, Recorder& rec) {
  std::map<std::string, SchemaLine> found;
  for (std::string_view line : Lines(found_text)) {
    if (auto parsed = ParseSchemaLine(line)) found[parsed->resource] = *parsed;
  }
  for (std::string_view line : wanted) {
    std::optional<SchemaLine> want = ParseSchemaLine(line);
    if (!want) {
      rec.Fail("", path, "a schemata line such as \"L3:0=7f0;1=1f\"", Quote(line));
      continue;
    }
    auto have = found.find(want->resource);
    for (const auto& [domain, value] : want->domains) {
      const std::string subject = path + " " + want->resource + " domain " + domain;
      if (have == found.end() || !have->second.domains.count(domain)) {
        rec.Fail("", subject, Show(want->resource, value), "no such line or domain");
        continue;
      }
      const std::string& got = have->second.domains.at(domain);
      if (Normalize(want->resource, value) == Normalize(want->resource, got)) {
        rec.Pass("", subject);
      } else {
        rec.Fail("", subject, Show(want->resource, value), Show(want->resource, got));
      }
    }
  }
}

// Where a resctrl filesystem is mounted in this mount namespace, or "".
std::string ResctrlMount(const std::vector<sys::MountInfo>& mounts) {
  for (const sys::MountInfo& m : mounts) {
    if (m.fs_type == "resctrl") return m.mount_point;
  }
  return "";
}

// A resource group for a failure line: its name, or "/" for the default group.
std::string ShowGroup(const std::string& group) {
  return group.empty() ? "\"/\" (the default group)" : Quote(group);
}

void CheckIntelRdt(const Context& ctx, Recorder& rec) {
  if (!ctx.config.linux_ || !ctx.config.linux_->intel_rdt) {
    rec.Skip("", "", "linux.intelRdt is not set in the config");
    return;
  }
  const spec::IntelRdt& rdt = *ctx.config.linux_->intel_rdt;
  Result<std::string> membership = ctx.sys.ReadFile("/proc/self/resctrl");
  if (!membership.ok()) {
    if (membership.status().err() == ENOENT) {
      rec.Skip("", "", "this kernel has no resctrl support (no /proc/self/resctrl)");
    } else {
      rec.CannotObserve("", "/proc/self/resctrl", membership.status());
    }
    return;
  }
  // "res:/<group>" names the control group; "res:/" is the default group.
  std::string group;
  bool listed = false;
  for (std::string_view line : Lines(*membership)) {
    if (line.substr(0, 4) == "res:") {
      group = std::string(Trim(line.substr(4)));
      if (!group.empty() && group.front() == '/') group.erase(0, 1);
      listed = true;
    }
  }
  if (!listed) {
    rec.Fail("", "/proc/self/resctrl", "a \"res:\" line", Quote(*membership));
    return;
  }
  if (rdt.clos_id && !rdt.clos_id->empty()) {
    // runtime-spec 1.3: closID "/" is the default group, the root of the resctrl filesystem.
    const std::string want = *rdt.clos_id == "/" ? "" : *rdt.clos_id;
    rec.Expect("", "resource group", ShowGroup(want), ShowGroup(group));
  } else if (group.empty()) {
    rec.Fail("", "resource group", "a group of its own (named after the container id)",
             "the default group");
  } else {
    rec.Pass("", "resource group " + Quote(group));
  }
  std::vector<std::string_view> wanted = WantedLines(rdt);
  if (wanted.empty()) return;
  const Result<sys::MountTable>& table = ctx.sys.Mounts();
  if (!table.ok()) {
    rec.CannotObserve("", "schemata", table.status());
    return;
  }
  const std::string mount = ResctrlMount(table->mounts());
  if (mount.empty()) {
    rec.Skip("", "schemata",
             "no resctrl filesystem is mounted in the container, so the group's schemata "
             "cannot be read");
    return;
  }
  const std::string path = mount + (group.empty() ? "" : "/" + group) + "/schemata";
  Result<std::string> schemata = ctx.sys.ReadFile(path);
  if (!schemata.ok()) {
    rec.CannotObserve("", path, schemata.status());
    return;
  }
  CompareSchemata(wanted, *schemata, path, rec);
}

constexpr CheckDef kChecks[] = {
    {"linux.intelRdt", "config-linux.md#intelrdt", report::Level::kMust,
     "resource group (closID) from /proc/self/resctrl; l3CacheSchema and memBwSchema against the "
     "group's schemata where resctrl is mounted inside",
     CheckIntelRdt},
};

}  // namespace

std::span<const CheckDef> IntelRdtChecks() { return kChecks; }

}  // namespace rt::checks
