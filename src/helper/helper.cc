#include "helper/helper.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace rt::helper {
namespace {

constexpr int kHandled[] = {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM};

int Fail(const std::string& message) {
  std::fprintf(stderr, "runtimetest helper: %s\n", message.c_str());
  return 2;
}

Status AppendLine(const std::string& path, const std::string& line) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Errno("open " + path, errno);
  std::string text = line + "\n";
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size()))
    return Status::Errno("write " + path, n < 0 ? err : EIO);
  return Status::Ok();
}

void Ignore(int) {}

// Gives each of `signals` a handler (pid 1 of a pid namespace gets no signal from outside that
// keeps its default disposition) and blocks them, to be taken with sigwaitinfo.
sigset_t TakeOver(std::initializer_list<int> signals) {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : signals) {
    struct sigaction action {};
    action.sa_handler = Ignore;
    sigemptyset(&action.sa_mask);
    ::sigaction(sig, &action, nullptr);
    sigaddset(&set, sig);
  }
  ::sigprocmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int WaitSignal(const sigset_t& set) {
  for (;;) {
    int sig = ::sigwaitinfo(&set, nullptr);
    if (sig > 0) return sig;
    if (errno != EINTR) return -1;
  }
}

int RunSignals(const HelperOptions& opts) {
  const int exit_on = opts.exit_on != 0 ? opts.exit_on : SIGTERM;
  sigset_t set = TakeOver({SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM});
  if (Status s = AppendLine(opts.file, "ready"); !s.ok()) return Fail(s.message());
  std::vector<int> received;
  for (;;) {
    int sig = WaitSignal(set);
    if (sig < 0) return Fail(std::string("sigwaitinfo: ") + std::strerror(errno));
    if (Status s = AppendLine(opts.file, SignalName(sig)); !s.ok()) return Fail(s.message());
    if (sig != exit_on) {
      received.push_back(sig);
      continue;
    }
    if (!opts.expect_given) return 0;
    std::string why = CompareSignals(opts.expected, received);
    if (why.empty()) return 0;
    std::fprintf(stderr, "runtimetest helper signals: %s\n", why.c_str());
    return 1;
  }
}

// Waits for TERM or INT. `ran`, when given, is appended to only once the signals are taken
// over: a namespace's init ignores a signal it has no handler for, so a TERM sent after the
// file says "ran" must not be lost.
int RunHold(const std::string* ran = nullptr) {
  sigset_t set = TakeOver({SIGINT, SIGTERM});
  if (ran != nullptr) {
    if (Status s = AppendLine(*ran, "ran"); !s.ok()) return Fail(s.message());
  }
  if (WaitSignal(set) < 0) return Fail(std::string("sigwaitinfo: ") + std::strerror(errno));
  return 0;
}

std::string Names(const std::vector<int>& signals) {
  if (signals.empty()) return "no signal";
  std::string text;
  for (size_t i = 0; i < signals.size(); ++i) text += (i ? ", " : "") + SignalName(signals[i]);
  return text;
}

}  // namespace

int SignalNumber(const std::string& name) {
  std::string n = name.starts_with("SIG") ? name.substr(3) : name;
  if (!n.empty() && n.find_first_not_of("0123456789") == std::string::npos && n.size() < 3) {
    return std::atoi(n.c_str());
  }
  for (int sig = 1; sig < 32; ++sig) {
    const char* abbrev = sigabbrev_np(sig);
    if (abbrev != nullptr && n == abbrev) return sig;
  }
  return 0;
}

std::string SignalName(int signal) {
  const char* abbrev = sigabbrev_np(signal);
  return abbrev != nullptr ? abbrev : std::to_string(signal);
}

std::string CompareSignals(const std::vector<int>& expected, const std::vector<int>& received) {
  if (expected == received) return "";
  return "expected " + Names(expected) + ", received " + Names(received);
}

Result<HelperOptions> ParseHelperOptions(const std::vector<std::string>& args) {
  if (args.empty()) return Status::Error("expected a mode: signals, mark or sleep");
  HelperOptions opts;
  const std::string& mode = args[0];
  auto signal_arg = [&](size_t& i, const char* flag) -> Result<int> {
    if (i + 1 >= args.size()) return Status::Error(std::string(flag) + ": expected a signal");
    int sig = SignalNumber(args[++i]);
    bool handled = false;
    for (int h : kHandled) handled = handled || h == sig;
    if (!handled) {
      return Status::Error(std::string(flag) + " " + args[i] +
                           ": expected one of HUP, INT, QUIT, USR1, USR2, TERM");
    }
    return sig;
  };
  if (mode == "signals") {
    opts.mode = Mode::kSignals;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--record" && i + 1 < args.size()) {
        opts.file = args[++i];
      } else if (args[i] == "--exit-on") {
        Result<int> sig = signal_arg(i, "--exit-on");
        if (!sig.ok()) return sig.status();
        opts.exit_on = *sig;
      } else if (args[i] == "--expect") {
        Result<int> sig = signal_arg(i, "--expect");
        if (!sig.ok()) return sig.status();
        opts.expect_given = true;
        opts.expected.push_back(*sig);
      } else {
        return Status::Error("signals: unexpected argument \"" + args[i] + "\"");
      }
    }
    if (opts.file.empty()) return Status::Error("signals: --record FILE is required");
  } else if (mode == "mark") {
    opts.mode = Mode::kMark;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--hold") {
        opts.hold = true;
      } else if (opts.file.empty() && !args[i].starts_with("-")) {
        opts.file = args[i];
      } else {
        return Status::Error("mark: unexpected argument \"" + args[i] + "\"");
      }
    }
    if (opts.file.empty()) return Status::Error("mark: FILE is required");
  } else if (mode == "sleep") {
    opts.mode = Mode::kSleep;
    if (args.size() > 1) return Status::Error("sleep: unexpected argument \"" + args[1] + "\"");
  } else {
    return Status::Error("unknown mode \"" + mode + "\" (expected signals, mark or sleep)");
  }
  return opts;
}

std::string HelperUsage() {
  return "usage: runtimetest helper signals --record FILE [--exit-on SIG] [--expect SIG]...\n"
         "       runtimetest helper mark FILE [--hold]\n"
         "       runtimetest helper sleep\n"
         "\n"
         "Container processes for the suite's operation scenarios; not checks.\n"
         "  signals  handles HUP INT QUIT USR1 USR2 TERM, appends \"ready\" to FILE, then the\n"
         "           name of each signal received (\"USR1\"); exits on --exit-on (default TERM):\n"
         "           0, or 1 when the signals before it were not exactly the --expect ones.\n"
         "  mark     appends \"ran\" to FILE and exits 0 (--hold: then waits for TERM or INT).\n"
         "  sleep    waits for TERM or INT, then exits 0.\n"
         "Exit status 2 when the arguments or a write fail.\n";
}

int HelperMain(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::fputs(HelperUsage().c_str(), stdout);
    return 0;
  }
  Result<HelperOptions> parsed = ParseHelperOptions(args);
  if (!parsed.ok()) return Fail(parsed.status().message());
  const HelperOptions& opts = *parsed;
  switch (opts.mode) {
    case Mode::kSignals:
      return RunSignals(opts);
    case Mode::kMark:
      if (opts.hold) return RunHold(&opts.file);
      if (Status s = AppendLine(opts.file, "ran"); !s.ok()) return Fail(s.message());
      return 0;
    case Mode::kSleep:
      return RunHold();
  }
  return 2;
}

}  // namespace rt::helper
