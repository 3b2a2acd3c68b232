#include "report/report.h"

#include <algorithm>
#include <string_view>

#include "util/text.h"

namespace rt::report {
namespace {

// Line lengths: a TAP description, and each of expected, found and reason in a failure line, is
// cut to its share so that the reference and level at the end of a line survive; the whole line
// is cut at kMaxReportLine in any case.
constexpr size_t kMaxDescription = 1024;
constexpr size_t kMaxValue = 960;
constexpr size_t kMaxYamlScalar = kMaxReportLine - 16;  // after "  reference: " and the like

// `s` quoted as QuoteC does, abbreviated so that the quoted text is at most `max_bytes` long. An
// escape takes up to four bytes, so a few rounds may be needed.
std::string QuoteCapped(std::string_view s, size_t max_bytes) {
  size_t budget = max_bytes;
  std::string quoted = QuoteC(Abbreviate(s, budget));
  while (quoted.size() > max_bytes && budget > 0) {
    // Shrink in proportion to the overshoot, and by one byte at least.
    budget = std::min(budget - 1, budget * max_bytes / quoted.size());
    quoted = QuoteC(Abbreviate(s, budget));
  }
  return quoted;
}

// One YAML scalar on one line, at most kMaxYamlScalar bytes: double-quoted with escapes whenever
// it is not plainly safe.
std::string YamlScalar(std::string_view s) {
  bool plain = !s.empty() && s.front() != ' ' && s.back() != ' ' && s.size() <= kMaxYamlScalar;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' || c == ':' || c == '#' ||
        c == '\'' || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == '&' ||
        c == '*' || c == '!' || c == '|' || c == '>' || c == '%' || c == '@' || c == '`') {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(s);
  return QuoteCapped(s, kMaxYamlScalar);
}

// TAP descriptions must not contain '#' (it starts a directive) nor a newline.
std::string TapDescription(const Assertion& a) {
  std::string d = a.id;
  if (!a.subject.empty()) d += ": " + a.subject;
  d = Abbreviate(d, kMaxDescription);
  for (char& c : d) {
    if (c == '#') c = '_';
    if (c == '\n' || c == '\r') c = ' ';
  }
  return d;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

// "ok N - DESC # SKIP REASON", at most kMaxReportLine bytes: the reason is cut, never the
// directive.
std::string SkipLine(int n, const std::string& desc, const std::string& reason) {
  std::string line = "ok " + std::to_string(n) + " - " + desc + " # SKIP ";
  const size_t room = line.size() < kMaxReportLine ? kMaxReportLine - line.size() : 0;
  return line + Abbreviate(OneLine(reason), room);
}

}  // namespace

bool Counts(Level level, Level threshold) {
  return static_cast<int>(level) <= static_cast<int>(threshold);
}

std::string FailureLine(const Assertion& a) {
  std::string line = a.id;
  if (!a.subject.empty()) line += ": " + Abbreviate(a.subject, kMaxDescription);
  const std::string reason = Abbreviate(a.reason, kMaxValue);
  if (!a.reason.empty() && a.expected.empty() && a.found.empty()) {
    line += ": " + reason;
  } else {
    line += ": expected " + Abbreviate(a.expected, kMaxValue) + ", found " +
            Abbreviate(a.found, kMaxValue);
    if (!a.reason.empty()) line += " (" + reason + ")";
  }
  line += " (" + a.reference + ", " + std::string(LevelName(a.level)) + ")";
  return Abbreviate(OneLine(line));
}

std::string TapText(const std::vector<Assertion>& assertions, Level threshold) {
  std::string out = "TAP version 13\n";
  auto line = [&out](std::string_view a, std::string_view b = {}, std::string_view c = {}) {
    out.append(a).append(b).append(c).push_back('\n');
  };
  int n = 0;
  for (const Assertion& a : assertions) {
    ++n;
    const std::string desc = TapDescription(a);
    switch (a.outcome) {
      case Outcome::kPass:
        line("ok " + std::to_string(n), " - ", desc);
        break;
      case Outcome::kSkip:
        line(SkipLine(n, desc, a.reason));
        break;
      case Outcome::kFail:
        if (!Counts(a.level, threshold)) {
          line(SkipLine(n, desc,
                        std::string(LevelName(a.level)) +
                            " failure below the compliance level: " + FailureLine(a)));
          break;
        }
        line("not ok " + std::to_string(n), " - ", desc);
        line("  ---");
        if (!a.expected.empty() || !a.found.empty()) {
          line("  expected: ", YamlScalar(a.expected));
          line("  actual: ", YamlScalar(a.found));
        }
        if (!a.reason.empty()) line("  error: ", YamlScalar(a.reason));
        line("  level: ", LevelName(a.level));
        line("  reference: ", YamlScalar(a.reference));
        line("  ...");
        break;
    }
  }
  line("1.." + std::to_string(n));
  return out;
}

std::string FailuresText(const std::vector<Assertion>& assertions, Level threshold) {
  std::string err;
  for (const Assertion& a : assertions) {
    if (a.outcome == Outcome::kFail && Counts(a.level, threshold)) {
      err += FailureLine(a);
      err += '\n';
    }
  }
  return err;
}

bool AnyCountedFailure(const std::vector<Assertion>& assertions, Level threshold) {
  for (const Assertion& a : assertions) {
    if (a.outcome == Outcome::kFail && Counts(a.level, threshold)) return true;
  }
  return false;
}

}  // namespace rt::report
