#include "report/report.h"

#include <string_view>

#include "util/text.h"

namespace rt::report {
namespace {

// One YAML scalar on one line: double-quoted with escapes whenever it is not plainly safe.
std::string YamlScalar(std::string_view s) {
  bool plain = !s.empty() && s.front() != ' ' && s.back() != ' ';
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' || c == ':' || c == '#' ||
        c == '\'' || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == '&' ||
        c == '*' || c == '!' || c == '|' || c == '>' || c == '%' || c == '@' || c == '`') {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(s);
  return QuoteC(s);
}

// TAP descriptions must not contain '#' (it starts a directive) nor a newline.
std::string TapDescription(const Assertion& a) {
  std::string d = a.id;
  if (!a.subject.empty()) d += ": " + a.subject;
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

}  // namespace

bool Counts(Level level, Level threshold) {
  return static_cast<int>(level) <= static_cast<int>(threshold);
}

std::string FailureLine(const Assertion& a) {
  std::string line = a.id;
  if (!a.subject.empty()) line += ": " + a.subject;
  if (!a.reason.empty() && a.expected.empty() && a.found.empty()) {
    line += ": " + a.reason;
  } else {
    line += ": expected " + a.expected + ", found " + a.found;
    if (!a.reason.empty()) line += " (" + a.reason + ")";
  }
  line += " (" + a.reference + ", " + std::string(LevelName(a.level)) + ")";
  return OneLine(line);
}

void WriteTap(std::ostream& out, const std::vector<Assertion>& assertions, Level threshold) {
  out << "TAP version 13\n";
  int n = 0;
  for (const Assertion& a : assertions) {
    ++n;
    const std::string desc = TapDescription(a);
    switch (a.outcome) {
      case Outcome::kPass:
        out << "ok " << n << " - " << desc << "\n";
        break;
      case Outcome::kSkip:
        out << "ok " << n << " - " << desc << " # SKIP " << OneLine(a.reason) << "\n";
        break;
      case Outcome::kFail:
        if (!Counts(a.level, threshold)) {
          out << "ok " << n << " - " << desc << " # SKIP " << LevelName(a.level)
              << " failure below the compliance level: " << OneLine(FailureLine(a)) << "\n";
          break;
        }
        out << "not ok " << n << " - " << desc << "\n";
        out << "  ---\n";
        if (!a.expected.empty() || !a.found.empty()) {
          out << "  expected: " << YamlScalar(a.expected) << "\n";
          out << "  actual: " << YamlScalar(a.found) << "\n";
        }
        if (!a.reason.empty()) out << "  error: " << YamlScalar(a.reason) << "\n";
        out << "  level: " << LevelName(a.level) << "\n";
        out << "  reference: " << YamlScalar(a.reference) << "\n";
        out << "  ...\n";
        break;
    }
  }
  out << "1.." << n << "\n";
}

void WriteFailures(std::ostream& err, const std::vector<Assertion>& assertions, Level threshold) {
  for (const Assertion& a : assertions) {
    if (a.outcome == Outcome::kFail && Counts(a.level, threshold)) err << FailureLine(a) << "\n";
  }
}

bool AnyCountedFailure(const std::vector<Assertion>& assertions, Level threshold) {
  for (const Assertion& a : assertions) {
    if (a.outcome == Outcome::kFail && Counts(a.level, threshold)) return true;
  }
  return false;
}

}  // namespace rt::report
