#include "suite/report_files.h"

#include <cstdio>

#include "util/file.h"
#include "util/text.h"

namespace rt::suite {
namespace {

std::string Seconds(int64_t microseconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(microseconds) / 1e6);
  return text;
}

std::string Attribute(const char* name, std::string_view value) {
  return std::string(" ") + name + "=\"" + XmlEscape(value, /*attribute=*/true) + "\"";
}

std::string Property(const char* name, std::string_view value) {
  return "      <property" + Attribute("name", name) + Attribute("value", value) + "/>\n";
}

std::string Counts(const Tally& t, int64_t duration_us) {
  return Attribute("tests", std::to_string(t.total())) +
         Attribute("failures", std::to_string(t.failed)) + Attribute("errors", "0") +
         Attribute("skipped", std::to_string(t.skipped)) + Attribute("time", Seconds(duration_us));
}

std::string Joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& w : words) text += (text.empty() ? "" : ",") + w;
  return text;
}

std::string TestCase(const RunRecord& run, const ScenarioRecord& s) {
  std::string classname = run.runtime.name + "." + s.check_id;
  std::string text = "    <testcase" + Attribute("classname", classname) +
                     Attribute("name", s.name) + Attribute("time", Seconds(s.duration_us));
  switch (s.verdict) {
    case Reported::kPass:
      return text + "/>\n";
    case Reported::kUnexpectedPass:
      return text + ">\n      <system-out>" +
             XmlEscape("passed, although listed as an expected failure (line " +
                           std::to_string(s.known_line) + "): " + s.known_reason + "\n",
                       false) +
             "</system-out>\n    </testcase>\n";
    case Reported::kSkip:
      return text + ">\n      <skipped" + Attribute("message", s.message) + "/>\n    </testcase>\n";
    case Reported::kExpectedFailure:
      return text + ">\n      <skipped" +
             Attribute("message", "expected failure: " + s.known_reason) + ">" +
             XmlEscape(FormatYamlBlock(s.details), false) + "</skipped>\n    </testcase>\n";
    case Reported::kFail:
      break;
  }
  std::string type = s.level.empty() ? "failure" : s.level + " " + s.spec_ref;
  return text + ">\n      <failure" + Attribute("message", s.message) + Attribute("type", type) +
         ">" + XmlEscape(FormatYamlBlock(s.details), false) + "</failure>\n    </testcase>\n";
}

}  // namespace

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t length = Utf8Sequence(text, i, cp);
    if (length == 0 || cp == 0xfffe || cp == 0xffff) {
      out += "\xef\xbf\xbd";  // U+FFFD
      i += length == 0 ? 1 : length;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    char c = text[i++];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\x";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string JunitSuiteName(const RunRecord& run) {
  return run.runtime.name + " " + run.runtime.version + " (kernel " + run.host.kernel +
         ", cgroup " + run.host.cgroup_layout + ")";
}

std::string JunitText(std::span<const RunRecord> runs) {
  Tally all;
  int64_t all_us = 0;
  std::string suites;
  for (const RunRecord& run : runs) {
    const Tally t = run.tally();
    all.passed += t.passed;
    all.failed += t.failed;
    all.skipped += t.skipped;
    // Saturated: runs read back from reports carry any duration up to INT64_MAX.
    if (__builtin_add_overflow(all_us, run.duration_us, &all_us)) all_us = INT64_MAX;
    // xs:dateTime without a zone, as the common JUnit schema has it.
    std::string timestamp = run.started;
    if (timestamp.ends_with("Z")) timestamp.pop_back();
    suites += "  <testsuite" + Attribute("name", JunitSuiteName(run)) + Counts(t, run.duration_us);
    if (!timestamp.empty()) suites += Attribute("timestamp", timestamp);
    suites += ">\n    <properties>\n";
    suites += Property("runtime.path", run.runtime.path);
    suites += Property("runtime.version", run.runtime.version_line);
    suites += Property("host.kernel", run.host.kernel);
    suites += Property("host.arch", run.host.arch);
    suites += Property("host.cgroup_layout", run.host.cgroup_layout);
    suites += Property("host.lsms", Joined(run.host.lsms));
    suites += Property("mode", run.mode);
    if (!run.interrupted.empty()) suites += Property("interrupted", run.interrupted);
    suites += "    </properties>\n";
    for (const ScenarioRecord& s : run.scenarios) suites += TestCase(run, s);
    suites += "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" +
         Attribute("name", "runtimetest") + Counts(all, all_us) + ">\n" + suites +
         "</testsuites>\n";
}

Status FileReport::Finish(std::span<const RunRecord> runs) {
  return WriteFileAtomically(path_, render_(runs), 0644);
}

}  // namespace rt::suite
