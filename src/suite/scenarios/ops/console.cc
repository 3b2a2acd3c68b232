// config.md#process (terminal) and runtime.md#create with the runc CLI's --console-socket: with
// process.terminal true the runtime makes a pseudoterminal and sends its master over the unix
// socket the suite listens on (SCM_RIGHTS); runtimetest, the container's process, then has its
// stdio on the terminal: its whole TAP report arrives through the master, and its devices check
// finds /dev/console to be that pty. Without a terminal, a consoleSize is ignored.
#include "suite/op_runner.h"
#include "util/json.h"

namespace rt::suite {
namespace {

using nlohmann::json;

// runtimetest itself (every check) on a terminal.
void OnTerminal(json& c, const OpContainer&) {
  c["process"]["terminal"] = true;
  c["process"]["args"] = {"/bin/runtimetest"};
}
void NoTerminal(json& c, const OpContainer&) { c["process"]["args"] = {"/bin/runtimetest"}; }
// A console size without a terminal, which the runtime must ignore (config.md#process).
void SizeWithoutTerminal(json& c, const OpContainer& container) {
  NoTerminal(c, container);
  c["process"]["terminal"] = false;
  c["process"]["consoleSize"] = {{"height", 24}, {"width", 80}};
}

// runtimetest's report came through the pty master, its /dev/console test point passed.
std::string ReportThroughPty(OpRunner& run, const Step& step) {
  if (!run.GotConsole(step.container)) return "the runtime sent no pty master";
  std::string out = run.ContainerOutput(step.container);
  if (out.find("TAP version 13") == std::string::npos) {
    return "no TAP report came through the pty master (it carried " + std::to_string(out.size()) +
           " bytes)";
  }
  // Every test point passed (exit 0 came before this step) and /dev/console was one of them.
  bool console_ok = false, complete = false;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t nl = out.find('\n', pos);
    std::string_view line(out.data() + pos, (nl == std::string::npos ? out.size() : nl) - pos);
    if (line.starts_with("not ok")) return "runtimetest on the terminal: " + std::string(line);
    if (line.starts_with("ok ") && line.find("/dev/console") != std::string_view::npos &&
        line.find("# SKIP") == std::string_view::npos) {
      console_ok = true;
    }
    if (line.starts_with("1..")) complete = true;
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  if (!complete) return "runtimetest's report through the pty master ends before its plan line";
  if (!console_ok) return "runtimetest on the terminal reported no passing /dev/console check";
  return "";
}

// Built on first use, not at program start: the validator face never pays for the
// suite's tables.
std::span<const OpScenario> Table() {
  static const OpScenario kScenarios[] = {
      {.name = "ops/console/pty",
       .ref = "config.md#process",
       .level = "MUST",
       .proves = "terminal true + --console-socket: the pty master arrives over SCM_RIGHTS and "
                 "runtimetest's stdio and /dev/console are that terminal",
       .configure = OnTerminal,
       .steps = {{.op = Op::kCreate, .console = true},
                 {.op = Op::kStart},
                 {.op = Op::kWaitExit},
                 {.op = Op::kCustom,
                  .custom = ReportThroughPty,
                  .what = "report through the pty"}}},
      {.name = "ops/console/size-without-terminal",
       .ref = "config.md#process",
       .level = "MUST",
       .proves = "consoleSize with terminal false is ignored: create and start succeed and "
                 "runtimetest, without a terminal, passes every check",
       .configure = SizeWithoutTerminal,
       .steps = {{.op = Op::kCreate}, {.op = Op::kStart}, {.op = Op::kWaitExit}}},
      // Without a terminal nothing comes through a pty: the judge says so.
      {.name = "ops/console/told-pty",
       .ref = "config.md#process",
       .level = "MUST",
       .proves = "negative: a container without terminal fails the pty judge",
       .configure = NoTerminal,
       .steps = {{.op = Op::kCreate},
                 {.op = Op::kStart},
                 {.op = Op::kWaitExit},
                 {.op = Op::kCustom, .custom = ReportThroughPty, .what = "report through the pty"}},
       .fails_at = 3,
       .told = "the runtime sent no pty master"},
  };
  return kScenarios;
}

}  // namespace

std::span<const OpScenario> OpConsoleScenarios() { return Table(); }

}  // namespace rt::suite
