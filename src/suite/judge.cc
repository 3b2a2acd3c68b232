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

}  // namespace

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
  size_t pos = 0;
  while (pos < stderr_text.size()) {
    size_t nl = stderr_text.find('\n', pos);
    std::string_view line = stderr_text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (line.size() > check_id.size() && line.compare(0, check_id.size(), check_id) == 0) {
      char next = line[check_id.size()];
      if (next == ':' || next == ' ' || next == '.') return true;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
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
    if (exit && exit->Success() && seen.container_stderr.empty()) {
      v.passed = true;
      return v;
    }
    return fail("expected exit 0 and empty stderr, found " + Found(seen));
  }
  // kCheckFails
  bool exit_one = exit && exit->known && exit->signal == 0 && exit->code == 1;
  if (exit_one && HasFailureLine(seen.container_stderr, scenario.check_id)) {
    v.passed = true;
    return v;
  }
  return fail(std::string("expected exit 1 and a stderr line starting with ") + scenario.check_id +
              ", found " + Found(seen));
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
