#include "suite/tap_report.h"

#include "checks/check.h"
#include "sys/cgroup.h"
#include "util/file.h"
#include "util/json.h"
#include "util/json_text.h"
#include "util/text.h"

namespace rt::suite {
namespace {

constexpr size_t kStdoutTailLines = 20;
constexpr size_t kStderrTailLines = 40;

const char* ModeName(Mode mode) { return mode == Mode::kRun ? "run" : "lifecycle"; }

// "cgroup v1 only" for "v1" (sys::LayoutName), as the host comment says it.
const char* DescribeLayoutNamed(std::string_view name) {
  for (sys::CgroupLayout layout :
       {sys::CgroupLayout::kV1, sys::CgroupLayout::kHybrid, sys::CgroupLayout::kV2}) {
    if (name == sys::LayoutName(layout)) return sys::DescribeLayout(layout);
  }
  return sys::DescribeLayout(sys::CgroupLayout::kNone);
}

// Bytes a YAML block scalar cannot carry (control characters other than tab) as \xNN.
std::string Printable(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n' || c == '\t' || c >= 0x20) {
      out += static_cast<char>(c);
      continue;
    }
    static const char kHex[] = "0123456789abcdef";
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// Shortens to the last `lines` lines, saying how much was left out.
std::string TailNoted(std::string_view text, size_t lines) {
  std::string tail = Tail(text, lines);
  if (tail.size() < text.size()) {
    return "[" + std::to_string(text.size() - tail.size()) + " bytes before left out]\n" + tail;
  }
  return tail;
}

// A TAP description may not hold a bare '#' (it would start a directive).
std::string EscapeHash(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '#') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string CommandsText(const std::vector<CommandRecord>& commands) {
  std::string text;
  for (const CommandRecord& c : commands) {
    text += c.command + "  => " + c.Describe();
    if (c.failure_expected && c.spawn_error.ok() && c.end == WaitEnd::kDone && !c.exit.Success()) {
      text += " (as expected)";
    } else if (!c.Succeeded() && !c.err.empty()) {
      text += ": " + FirstLine(c.err);  // why it failed, in the runtime's words
    }
    text += "\n";
  }
  return text;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> OpFields(const ScenarioResult& result,
                                                          const RuntimeInfo& runtime) {
  const OpScenario& op = *result.op;
  std::vector<std::pair<std::string, std::string>> fields = {
      {"message", result.message},
      {"spec", std::string(op.ref) + " (" + op.level + ")"},
  };
  if (const std::optional<StepFailure>& f = result.step_failure) {
    fields.emplace_back(
        "failed_step", std::to_string(f->number) + "/" + std::to_string(f->total) + ": " + f->step);
    // The step's own command lines (with the `state` before and after an error step), each
    // with its exit and output; a JSON document (`state`) on one line.
    std::string text;
    for (const CommandRecord& c : f->commands) {
      text += "$ " + c.command + "\n=> " + c.Describe() + "\n";
      if (!c.out.empty()) {
        Result<nlohmann::json> j = ParseJsonText(c.out);
        text +=
            "stdout: " + (j.ok() ? j->dump() : "\n" + TailNoted(c.out, kStdoutTailLines)) + "\n";
      }
      if (!c.err.empty()) text += "stderr: " + TailNoted(c.err, kStderrTailLines) + "\n";
    }
    if (!text.empty()) fields.emplace_back("step_commands", text);
    if (!f->container_output.empty()) {
      fields.emplace_back("container_output",
                          TailNoted(f->container_output, kStderrTailLines) + "\n");
    }
  }
  fields.insert(fields.end(), {
                                  {"runtime", runtime.path},
                                  {"runtime_version", runtime.version.line},
                                  {"container_id", result.container_id},
                                  {"commands", CommandsText(result.commands)},
                              });
  if (result.bundle_kept) fields.emplace_back("bundle_kept", result.bundle);
  return fields;
}

Reported Classify(Outcome outcome, const ExpectedFailure* known) {
  switch (outcome) {
    case Outcome::kSkip:
      return Reported::kSkip;
    case Outcome::kPass:
      return known ? Reported::kUnexpectedPass : Reported::kPass;
    case Outcome::kFail:
      return known ? Reported::kExpectedFailure : Reported::kFail;
  }
  return Reported::kFail;
}

std::string FormatSummary(const Tally& tally) {
  return std::to_string(tally.passed) + " passed, " + std::to_string(tally.failed) + " failed, " +
         std::to_string(tally.skipped) + " skipped";
}

std::string FormatYamlBlock(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out = "  ---\n";
  for (const auto& [key, raw] : fields) {
    std::string value = Printable(raw);
    while (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.find('\n') == std::string::npos) {
      out += "  " + key + ": " + QuoteC(raw.substr(0, raw.find_last_not_of('\n') + 1)) + "\n";
      continue;
    }
    // A literal block; the indentation indicator keeps a first line that starts with a space.
    out += "  " + key + ": |" + (value[0] == ' ' ? "2" : "") + "\n";
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t nl = value.find('\n', pos);
      std::string_view line = std::string_view(value).substr(
          pos, nl == std::string::npos ? std::string::npos : nl - pos);
      out += line.empty() ? "\n" : "    " + std::string(line) + "\n";
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
  }
  return out + "  ...\n";
}

namespace {

// The YAML fields of a failed config scenario: the scenario's own check line first, then the
// judge's reason when it differs, the commands and what runtimetest and the runtime printed.
std::vector<std::pair<std::string, std::string>> ConfigFields(const ScenarioResult& result,
                                                              const RuntimeInfo& runtime) {
  const Observation& seen = result.seen;
  std::string message = result.message;
  if (RuntimetestRan(seen.container_stdout) && !FindingLines(seen).empty()) {
    message = ScenarioCheckLine(*result.scenario, FindingLines(seen));
  }
  std::vector<std::pair<std::string, std::string>> fields = {{"message", message}};
  if (message != result.message) fields.emplace_back("judge", result.message);
  fields.insert(fields.end(), {
                                  {"runtime", runtime.path},
                                  {"runtime_version", runtime.version.line},
                                  {"mode", ModeName(runtime.mode)},
                                  {"container_id", result.container_id},
                                  {"commands", CommandsText(result.commands)},
                              });
  if (seen.container_exit) fields.emplace_back("runtimetest_exit", seen.container_exit->Describe());
  if (!seen.container_stdout.empty()) {
    fields.emplace_back("runtimetest_stdout_tail",
                        TailNoted(seen.container_stdout, kStdoutTailLines) + "\n");
  }
  if (!seen.host_stderr.empty()) {
    fields.emplace_back("host_check_stderr", seen.host_stderr);
  }
  if (!seen.container_stderr.empty()) {
    // Every line: runtimetest prints one per failure, and each may be the one that matters.
    fields.emplace_back("runtimetest_stderr", seen.container_stderr + "\n");
  }
  if (!seen.runtime_stderr.empty()) {
    fields.emplace_back("runtime_stderr", TailNoted(seen.runtime_stderr, kStderrTailLines) + "\n");
  }
  if (result.bundle_kept) {
    fields.emplace_back("bundle_kept", result.bundle);
    fields.emplace_back("rerun", result.rerun);
  }
  return fields;
}

const char* ExpectName(const ScenarioResult& result) {
  if (result.op != nullptr) return result.op->fails_at >= 0 ? "ops-negative" : "ops";
  return ExpectName(result.scenario->expect);
}

CommandRun RecordCommand(const CommandRecord& c) {
  CommandRun run{.argv = c.argv,
                 .command = c.command,
                 .result = c.Describe(),
                 .failure_expected = c.failure_expected,
                 .out = c.out,
                 .err = c.err};
  if (c.spawn_error.ok() && c.end == WaitEnd::kDone && c.exit.known) {
    if (c.exit.signal != 0) {
      run.signal = c.exit.signal;
    } else {
      run.exit_code = c.exit.code;
    }
  }
  return run;
}

}  // namespace

ScenarioRecord MakeScenarioRecord(const ScenarioResult& result, Reported reported,
                                  const ExpectedFailure* known, const RuntimeInfo& runtime) {
  ScenarioRecord s{
      .name = result.name(),
      .kind = result.op != nullptr ? "op" : "config",
      .expect = ExpectName(result),
      .verdict = reported,
      .message = result.message,
      .duration_us = std::chrono::duration_cast<std::chrono::microseconds>(result.elapsed).count(),
      .container_id = result.container_id,
      .bundle_kept = result.bundle_kept ? result.bundle : "",
      .rerun = result.bundle_kept ? result.rerun : ""};
  if (result.op != nullptr) {
    // "ops/state/lifecycle": the check is the area, "ops/state".
    std::string_view name = result.op->name;
    s.check_id = std::string(name.substr(0, name.rfind('/')));
    s.spec_ref = result.op->ref;
    s.level = result.op->level;
  } else {
    s.check_id = result.scenario->check_id;
    for (const checks::CheckDef& check : checks::AllChecks()) {
      if (check.id == s.check_id) {
        s.spec_ref = check.reference;
        s.level = report::LevelName(check.level);
      }
    }
  }
  if (known != nullptr &&
      (reported == Reported::kExpectedFailure || reported == Reported::kUnexpectedPass)) {
    s.known_reason = known->reason;
    s.known_line = known->line;
  }
  if (reported == Reported::kFail || reported == Reported::kExpectedFailure) {
    s.details = result.op != nullptr ? OpFields(result, runtime) : ConfigFields(result, runtime);
    s.message = s.details.front().second;
  }
  for (const CommandRecord& c : result.commands) s.commands.push_back(RecordCommand(c));
  s.outputs = {.container_stdout = result.seen.container_stdout,
               .container_stderr = result.seen.container_stderr,
               .runtime_stderr = result.seen.runtime_stderr,
               .host_check_stderr = result.seen.host_stderr};
  if (result.step_failure && !result.step_failure->container_output.empty() &&
      s.outputs.container_stdout.empty()) {
    s.outputs.container_stdout = result.step_failure->container_output;
  }
  return s;
}

std::string FormatTestPoint(int number, std::string_view runtime_name, const ScenarioRecord& s) {
  const Reported reported = s.verdict;
  bool ok = reported == Reported::kPass || reported == Reported::kSkip ||
            reported == Reported::kUnexpectedPass;
  std::string line = std::string(ok ? "ok " : "not ok ") + std::to_string(number) + " - " +
                     std::string(runtime_name) + " " + s.name;
  switch (reported) {
    case Reported::kSkip:
      line += " # SKIP " + s.message;
      break;
    case Reported::kExpectedFailure:
      line += " # TODO expected failure: " + s.known_reason;
      break;
    case Reported::kUnexpectedPass:
      line += " # TODO unexpectedly passed (listed as expected failure: " + s.known_reason + ")";
      break;
    default:
      break;
  }
  if (reported == Reported::kPass && !s.message.empty()) {
    line += " - " + EscapeHash(s.message);  // e.g. why a blinded negative was refused
  }
  line += "\n";
  if (reported != Reported::kFail && reported != Reported::kExpectedFailure) return line;
  return line + FormatYamlBlock(s.details);
}

std::string FormatTestPoint(int number, const ScenarioResult& result, Reported reported,
                            const ExpectedFailure* known, const RuntimeInfo& runtime) {
  return FormatTestPoint(number, runtime.basename,
                         MakeScenarioRecord(result, reported, known, runtime));
}

TapReport::TapReport(std::FILE* out) : out_(out) {}

TapReport::TapReport(std::string file_path) : file_path_(std::move(file_path)) {}

void TapReport::Begin(const RunRecord& run) {
  std::string text;
  if (runs_++ == 0) {
    text = "TAP version 13\n# host: kernel " + run.host.kernel + ", " +
           DescribeLayoutNamed(run.host.cgroup_layout) + "\n";
  } else {
    RunSummary();
  }
  run_start_ = tally_;
  runtime_ = run.runtime.name;
  text += "# " + run.runtime.version_line + ", mode " + run.mode +
          (run.blind_negatives ? ", negatives blinded (ok: the judge refused)" : "") + "\n";
  Write(text);
}

void TapReport::Add(const RunRecord& run, const ScenarioRecord& scenario) {
  tally_.Add(scenario.verdict);
  Write(FormatTestPoint(++number_, run.runtime.name, scenario));
}

void TapReport::Note(const RunRecord&, std::string_view text) {
  Write("# " + std::string(text) + "\n");
}

void TapReport::RunSummary() {
  Write("# " + runtime_ + ": " +
        FormatSummary({.passed = tally_.passed - run_start_.passed,
                       .failed = tally_.failed - run_start_.failed,
                       .skipped = tally_.skipped - run_start_.skipped}) +
        "\n");
}

Status TapReport::Finish(std::span<const RunRecord> runs) {
  if (runs_ > 1) RunSummary();
  std::string text;
  if (!runs.empty() && !runs.back().interrupted.empty()) {
    text += "Bail out! " + runs.back().interrupted + "\n";
  }
  text += "1.." + std::to_string(number_) + "\n";
  if (tally_.expected_failures > 0 || tally_.unexpected_passes > 0) {
    text += "# " + std::to_string(tally_.expected_failures) +
            " expected failures (counted as skipped), " + std::to_string(tally_.unexpected_passes) +
            " listed as expected failures but passed (counted as passed)\n";
  }
  Write(text + FormatSummary(tally_) + "\n");
  if (file_path_.empty()) return Status::Ok();
  return WriteFileAtomically(file_path_, text_, 0644);
}

void TapReport::Write(const std::string& text) {
  if (out_ == nullptr) {
    text_ += text;
    return;
  }
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

}  // namespace rt::suite
