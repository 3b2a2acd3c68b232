#include "suite/judge.h"

namespace rt::suite {
namespace {

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string Describe(const std::optional<ExitStatus>& exit) {
  return exit ? exit->Describe() : "no exit status";
}

// "exit 1 and stderr: <first line>" or "exit 0 and empty stderr".
std::string Found(const Observation& seen) {
  std::string found = Describe(seen.container_exit);
  if (seen.container_stderr.empty()) return found + " and empty stderr";
  return found + " and stderr \"" + FirstLine(seen.container_stderr) + "\"";
}

// The lines of `text`, without their '\n' (and a '\r' before it); no empty last line.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string Quoted(std::string_view line) { return "\"" + FirstLine(line) + "\""; }

// Why a negative's stderr does not show its finding; empty when it does.
std::string WhyNoFinding(const Scenario& scenario, std::string_view stderr_text) {
  const std::string id = scenario.check_id;
  if (scenario.told == nullptr) return "the scenario does not say what it told (Scenario::told)";
  std::vector<std::string_view> own, definite;
  for (std::string_view line : Lines(stderr_text)) {
    if (!IsLineOfCheck(line, id)) continue;
    own.push_back(line);
    if (IsDefiniteDisagreement(line)) definite.push_back(line);
  }
  if (own.empty()) {
    if (stderr_text.empty()) return "no failure line of " + id + " (empty stderr)";
    return "no failure line of " + id + ", only " + Quoted(stderr_text);
  }
  if (definite.empty()) {
    return "no definite failure line of " + id + " (expected X, found Y), only " +
           Quoted(own.front());
  }
  for (std::string_view line : definite) {
    if (Contains(ExpectedPart(line), scenario.told)) return "";
  }
  return "no failure line of " + id + " names the told value " + scenario.told + ", only " +
         Quoted(definite.front());
}

}  // namespace

bool IsLineOfCheck(std::string_view line, std::string_view check_id) {
  if (line.size() <= check_id.size() || line.compare(0, check_id.size(), check_id) != 0) {
    return false;
  }
  char next = line[check_id.size()];
  return next == ':' || next == ' ' || next == '.';
}

bool IsDefiniteDisagreement(std::string_view line) {
  if (Contains(line, "cannot verify") || Contains(line, "cannot observe")) return false;
  size_t expected = line.find(": expected ");
  if (expected == std::string_view::npos) return false;
  size_t found = line.find(", found ", expected);
  if (found == std::string_view::npos) return false;
  // The closing "(reference, LEVEL)" of every failure line.
  for (std::string_view level : {", MUST)", ", SHOULD)", ", MAY)"}) {
    if (line.ends_with(level)) return true;
  }
  return false;
}

std::string_view ExpectedPart(std::string_view line) {
  size_t expected = line.find(": expected ");
  if (expected == std::string_view::npos) return line.substr(0, 0);
  return line.substr(0, line.find(", found ", expected));
}

std::string ScenarioCheckLine(const Scenario& scenario, std::string_view stderr_text) {
  std::vector<std::string_view> lines = Lines(stderr_text);
  std::string_view definite, own;
  for (std::string_view line : lines) {
    if (!IsLineOfCheck(line, scenario.check_id)) continue;
    if (own.empty()) own = line;
    if (!IsDefiniteDisagreement(line)) continue;
    if (scenario.told != nullptr && Contains(ExpectedPart(line), scenario.told)) {
      return std::string(line);
    }
    if (definite.empty()) definite = line;
  }
  if (!definite.empty()) return std::string(definite);
  if (!own.empty()) return std::string(own);
  return FirstLine(stderr_text, std::string::npos);
}

std::string FindingLines(const Observation& seen) {
  return seen.host_stderr + seen.container_stderr;
}

bool RuntimetestRan(std::string_view stdout_text) {
  size_t pos = 0;
  while (pos <= stdout_text.size()) {
    size_t nl = stdout_text.find('\n', pos);
    std::string_view line = stdout_text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "TAP version 13") return true;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return false;
}

bool HasFailureLine(std::string_view stderr_text, std::string_view check_id) {
  for (std::string_view line : Lines(stderr_text)) {
    if (IsLineOfCheck(line, check_id)) return true;
  }
  return false;
}

Verdict Judge(const Scenario& scenario, const Observation& seen) {
  Verdict v;
  auto fail = [&v](std::string message) {
    v.passed = false;
    v.message = std::move(message);
    return v;
  };
  if (seen.timed_out) return fail("timed out");
  bool ran = RuntimetestRan(seen.container_stdout);
  bool launch_failed = !seen.launch_exit || !seen.launch_exit->Success();

  if (scenario.expect == Expect::kRuntimeRejects) {
    if (ran) {
      return fail("expected the runtime to refuse the config, found it ran runtimetest (" +
                  Describe(seen.container_exit) + ")");
    }
    if (!launch_failed)
      return fail("expected the runtime to refuse the config, found it succeeded");
    if (!seen.problems.empty()) return fail(Join(seen.problems, "; "));
    v.passed = true;
    return v;
  }

  if (!ran) {
    std::string why = "runtimetest never ran: the runtime failed (" + Describe(seen.launch_exit);
    std::string err = !seen.runtime_stderr.empty() ? seen.runtime_stderr : seen.container_stderr;
    if (!err.empty()) why += ": " + FirstLine(err);
    why += ")";
    if (!seen.problems.empty()) why += "; " + Join(seen.problems, "; ");
    return fail(why);
  }
  if (!seen.problems.empty()) return fail(Join(seen.problems, "; "));

  const ExitStatus* exit = seen.container_exit ? &*seen.container_exit : nullptr;
  if (scenario.expect == Expect::kPass) {
    if (!seen.host_stderr.empty()) {
      return fail("expected no finding from the host, found \"" + FirstLine(seen.host_stderr) +
                  "\"");
    }
    if (exit && exit->Success() && seen.container_stderr.empty()) {
      v.passed = true;
      return v;
    }
    return fail("expected exit 0 and empty stderr, found " + Found(seen));
  }
  // kCheckFails. A check made from the host may see what runtimetest inside cannot: then
  // runtimetest may pass (exit 0) and the finding is the host's.
  bool exit_one = exit && exit->known && exit->signal == 0 &&
                  (exit->code == 1 || (scenario.host_cgroups && exit->code == 0));
  if (!exit_one) {
    return fail(std::string("expected exit 1 and a failure line of ") + scenario.check_id +
                ", found " + Found(seen));
  }
  std::string why = WhyNoFinding(scenario, FindingLines(seen));
  if (!why.empty()) return fail(why);
  v.passed = true;
  return v;
}

Verdict JudgeBlinded(const Scenario& scenario, const Observation& seen) {
  Verdict normal = Judge(scenario, seen);
  if (scenario.expect != Expect::kCheckFails) return normal;
  Verdict v;
  if (normal.passed) {
    v.message = "a blinded negative still passed: " +
                Quoted(ScenarioCheckLine(scenario, FindingLines(seen)));
    return v;
  }
  // Refusals that come from the run, not from runtimetest's findings, prove nothing.
  if (seen.timed_out || !RuntimetestRan(seen.container_stdout) || !seen.problems.empty()) {
    v.message = normal.message;
    return v;
  }
  v.passed = true;
  v.message = "refused: " + normal.message;
  return v;
}

std::string FirstLine(std::string_view text, size_t max) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  text.remove_prefix(begin);
  std::string_view line = text.substr(0, text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > max) return std::string(line.substr(0, max)) + "...";
  return std::string(line);
}

std::string Tail(std::string_view text, size_t lines) {
  if (text.empty() || lines == 0) return "";
  size_t end = text.size();
  if (text.back() == '\n') --end;
  size_t pos = end;
  size_t seen = 0;
  while (pos > 0) {
    if (text[pos - 1] == '\n' && ++seen == lines) break;
    --pos;
  }
  return std::string(text.substr(pos));
}

}  // namespace rt::suite
