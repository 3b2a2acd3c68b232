#include "suite/op_judge.h"

#include "suite/judge.h"
#include "util/json.h"
#include "util/json_text.h"
#include "util/text.h"

namespace rt::suite {
namespace {

std::string Failure(const CommandRecord& step) {
  std::string text = step.Describe();
  std::string err = FirstLine(step.err);
  if (!err.empty()) text += ": " + err;
  return text;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

StateSnapshot SnapshotOf(const CommandRecord& state, std::string_view id) {
  StateSnapshot s;
  if (!state.Succeeded()) {
    s.why = "`state` " + Failure(state);
    return s;
  }
  s.present = true;
  // The bundle is not checked here: a snapshot compares whatever the runtime reports.
  Result<nlohmann::json> j = ParseJsonText(state.out);
  const nlohmann::json* bundle =
      j.ok() && j->is_object() && j->contains("bundle") ? &(*j)["bundle"] : nullptr;
  Result<ContainerState> parsed = ParseState(
      state.out, id, bundle != nullptr && bundle->is_string() ? bundle->get<std::string>() : "");
  if (!parsed.ok()) {
    s.why = parsed.status().message();
    return s;
  }
  s.status = parsed->status;
  s.pid = parsed->pid;
  s.bundle = parsed->bundle;
  return s;
}

std::string Describe(const StateSnapshot& s) {
  if (!s.present) return "absent";
  if (!s.why.empty()) return "present, but " + s.why;
  std::string text = s.status;
  if (s.pid > 0) text += ", pid " + std::to_string(s.pid);
  return text;
}

std::string JudgeError(const CommandRecord& step, const StateSnapshot& before,
                       const StateSnapshot& after) {
  if (!step.spawn_error.ok() || step.end != WaitEnd::kDone)
    return "`" + step.command + "` " + step.Describe();
  if (step.exit.Success()) {
    return "expected an error (a non-zero exit), found exit 0 (the container was " +
           Describe(before) + ", is now " + Describe(after) + ")";
  }
  bool same = before.present == after.present;
  if (same && before.present) {
    same = before.why.empty() && after.why.empty() && before.status == after.status &&
           before.pid == after.pid && before.bundle == after.bundle;
  }
  if (!same) {
    return "the error changed the container: it was " + Describe(before) + ", is now " +
           Describe(after) +
           " (an error must leave the state as if the operation were never "
           "attempted)";
  }
  return "";
}

std::string JudgeStopped(const CommandRecord& step) {
  if (!step.spawn_error.ok() || step.end != WaitEnd::kDone)
    return "`" + step.command + "` " + step.Describe();
  if (step.exit.Success()) {
    return "expected an error (a non-zero exit: a failing hook stops the container), found exit 0";
  }
  return "";
}

std::string JudgeSuccess(const CommandRecord& step) {
  if (step.Succeeded()) return "";
  return "expected success, found " + Failure(step);
}

std::string JudgeState(std::string_view state_json, std::string_view id, std::string_view bundle,
                       const std::map<std::string, std::string>& config_annotations,
                       const char* want_status) {
  Result<ContainerState> parsed = ParseState(state_json, id, bundle);
  if (!parsed.ok()) return parsed.status().message();
  if (want_status != nullptr && parsed->status != want_status) {
    return "state: expected status " + std::string(want_status) + ", found " + parsed->status;
  }
  for (const auto& [key, value] : config_annotations) {
    auto found = parsed->annotations.find(key);
    if (found == parsed->annotations.end()) {
      return "state: annotation \"" + key + "\" of config.json missing";
    }
    if (found->second != value) {
      return "state: annotation \"" + key + "\": expected " + QuoteC(value) + ", found " +
             QuoteC(found->second);
    }
  }
  return "";
}

std::string JudgeFileText(std::string_view text, std::string_view want) {
  if (text == want) return "";
  std::vector<std::string_view> got = Lines(text), wanted = Lines(want);
  for (size_t i = 0; i < std::max(got.size(), wanted.size()); ++i) {
    std::string g = i < got.size() ? QuoteC(got[i]) : "nothing";
    std::string w = i < wanted.size() ? QuoteC(wanted[i]) : "nothing";
    if (g != w) return "line " + std::to_string(i + 1) + ": expected " + w + ", found " + g;
  }
  return "expected " + QuoteC(want) + ", found " + QuoteC(text);
}

bool HasLine(std::string_view text, std::string_view line) {
  for (std::string_view l : Lines(text)) {
    if (l == line) return true;
  }
  return false;
}

}  // namespace rt::suite
