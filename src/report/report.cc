#include "report/report.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
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

// Replaces what must not be in a TAP line from `from` on: a newline (it would end the line),
// and, in descriptions, '#' (it starts a directive). Nearly every line has none of them, so the
// text is scanned eight bytes at a time for any byte below 0x20 or equal to '#' (the classic
// "has a zero byte" bit trick, on v and on v ^ "########"), and only a word with a hit is
// looked at byte by byte. Three memchr calls per line cost three times as much.
void Flatten(std::string& out, size_t from, bool hash_too) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  auto fix = [hash_too](char& c) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    } else if (hash_too && c == '#') {
      c = '_';
    }
  };
  char* p = out.data() + from;
  char* const end = out.data() + out.size();
  for (; end - p >= 8; p += 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    const uint64_t hashes = v ^ (kOnes * '#');
    // A byte below 0x20 (only those can be '\n' or '\r'), or a '#' when hash_too.
    uint64_t hit = (v - kOnes * 0x20) & ~v & kHighs;
    if (hash_too) hit |= (hashes - kOnes) & ~hashes & kHighs;
    if (hit != 0) {
      for (int i = 0; i < 8; ++i) fix(p[i]);
    }
  }
  for (; p != end; ++p) fix(*p);
}

// Appends "ok N - ID: SUBJECT" or "not ok N - ...", the description at most kMaxDescription
// bytes, flattened.
void AppendTestLine(std::string& out, bool ok, int n, const Assertion& a) {
  char digits[16];
  const std::string_view number(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  const std::string_view verdict = ok ? "ok " : "not ok ";
  const size_t from = out.size() + verdict.size() + number.size() + 3;
  if (a.id.size() + 2 + a.subject.size() <= kMaxDescription) {
    const std::string_view colon = a.subject.empty() ? "" : ": ";
    AppendAll(out, {verdict, number, " - ", a.id, colon, a.subject});
  } else {
    std::string text(a.id);
    if (!a.subject.empty()) text.append(": ").append(a.subject);
    AppendAll(out, {verdict, number, " - ", Abbreviate(text, kMaxDescription)});
  }
  Flatten(out, from, true);
}

std::string OneLine(std::string s) {
  Flatten(s, 0, false);
  return s;
}

// Appends "ok N - DESC # SKIP REASON", at most kMaxReportLine bytes: the reason is cut, never
// the directive.
void AppendSkipLine(std::string& out, int n, const Assertion& a, std::string_view reason) {
  const size_t start = out.size();
  AppendTestLine(out, true, n, a);
  out += " # SKIP ";
  const size_t used = out.size() - start;
  const size_t room = used < kMaxReportLine ? kMaxReportLine - used : 0;
  const size_t from = out.size();
  if (reason.size() <= room) {
    out += reason;
  } else {
    out += Abbreviate(reason, room);
  }
  Flatten(out, from, false);
}

}  // namespace

bool Counts(Level level, Level threshold) {
  return static_cast<int>(level) <= static_cast<int>(threshold);
}

std::string FailureLine(const Assertion& a) {
  std::string line(a.id);
  if (!a.subject.empty()) line += ": " + Abbreviate(a.subject, kMaxDescription);
  const std::string reason = Abbreviate(a.reason, kMaxValue);
  if (!a.reason.empty() && a.expected.empty() && a.found.empty()) {
    line += ": " + reason;
  } else {
    line += ": expected " + Abbreviate(a.expected, kMaxValue) + ", found " +
            Abbreviate(a.found, kMaxValue);
    if (!a.reason.empty()) line += " (" + reason + ")";
  }
  line.append(" (").append(a.reference).append(", ").append(LevelName(a.level)).append(")");
  return Abbreviate(OneLine(line));
}

std::string TapText(const std::vector<Assertion>& assertions, Level threshold) {
  std::string out = "TAP version 13\n";
  out.reserve(64 + assertions.size() * 96);
  auto line = [&out](std::string_view a, std::string_view b = {}) {
    out.append(a).append(b).push_back('\n');
  };
  int n = 0;
  for (const Assertion& a : assertions) {
    ++n;
    switch (a.outcome) {
      case Outcome::kPass:
        AppendTestLine(out, true, n, a);
        out += '\n';
        break;
      case Outcome::kSkip:
        AppendSkipLine(out, n, a, a.reason);
        out += '\n';
        break;
      case Outcome::kFail:
        if (!Counts(a.level, threshold)) {
          AppendSkipLine(out, n, a,
                         std::string(LevelName(a.level)) +
                             " failure below the compliance level: " + FailureLine(a));
          out += '\n';
          break;
        }
        AppendTestLine(out, false, n, a);
        out += '\n';
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
