#include "suite/expected_failures.h"

#include "util/text.h"

namespace rt::suite {
namespace {

// Splits off the next word of `rest` (whitespace separated).
std::string_view NextWord(std::string_view& rest) {
  size_t begin = rest.find_first_not_of(" \t");
  if (begin == std::string_view::npos) {
    rest = {};
    return {};
  }
  rest.remove_prefix(begin);
  size_t end = rest.find_first_of(" \t");
  std::string_view word = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  return word;
}

// "1.1" matches "1.1", "1.1.5" and "1.1-rc1", not "1.10".
bool VersionMatches(std::string_view version, std::string_view prefix) {
  if (prefix == "*") return true;
  if (!version.starts_with(prefix)) return false;
  if (version.size() == prefix.size() || prefix.ends_with('.')) return true;
  char next = version[prefix.size()];
  return !(next >= '0' && next <= '9');
}

}  // namespace

Result<std::vector<ExpectedFailure>> ParseExpectedFailures(std::string_view text,
                                                           std::string_view file_name) {
  std::vector<ExpectedFailure> entries;
  int line_number = 0;
  for (std::string_view line : Lines(text)) {
    ++line_number;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    std::string_view rest = line;
    ExpectedFailure e;
    e.line = line_number;
    e.runtime = NextWord(rest);
    if (e.runtime.empty()) continue;  // blank or comment
    e.version_prefix = NextWord(rest);
    e.scenario = NextWord(rest);
    std::string_view after_scenario = rest;
    if (std::string_view word = NextWord(after_scenario); word.starts_with("cgroup=")) {
      e.cgroup = word.substr(7);
      rest = after_scenario;
      if (e.cgroup != "v1" && e.cgroup != "v2" && e.cgroup != "hybrid") {
        return Status::Error(std::string(file_name) + ":" + std::to_string(line_number) +
                             ": unknown cgroup layout \"" + e.cgroup +
                             "\" (v1, v2 or hybrid)");
      }
    }
    e.reason = Trim(rest, " \t\r");
    if (e.scenario.empty() || e.reason.empty()) {
      return Status::Error(std::string(file_name) + ":" + std::to_string(line_number) +
                           ": expected <runtime-name> <version-prefix> <scenario-name> "
                           "[cgroup=<layout>] <reason...>");
    }
    for (const ExpectedFailure& other : entries) {
      if (other.runtime == e.runtime && other.version_prefix == e.version_prefix &&
          other.scenario == e.scenario && other.cgroup == e.cgroup) {
        return Status::Error(std::string(file_name) + ":" + std::to_string(line_number) +
                             ": duplicate of line " + std::to_string(other.line));
      }
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

const ExpectedFailure* FindExpectedFailure(const std::vector<ExpectedFailure>& entries,
                                           std::string_view runtime_name,
                                           std::string_view runtime_basename,
                                           std::string_view version, std::string_view scenario,
                                           std::string_view cgroup_layout) {
  for (const ExpectedFailure& e : entries) {
    bool name_ok = e.runtime == "*" || e.runtime == runtime_name || e.runtime == runtime_basename;
    bool version_ok = VersionMatches(version, e.version_prefix);
    bool layout_ok = e.cgroup.empty() || e.cgroup == cgroup_layout;
    if (name_ok && version_ok && layout_ok && e.scenario == scenario) return &e;
  }
  return nullptr;
}

}  // namespace rt::suite
