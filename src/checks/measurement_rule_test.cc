// The measurement rule (README): a failed measurement is never a runtime failure by itself. These
// tests read the sources of the checks and hold every exception to an allowlist that README's
// "The measurement rule" section lists too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace rt::checks {
namespace {

// Each call of Recorder::FailMandatedObservation: the file, the check it belongs to, and what the
// spec makes mandatory (the call's third argument).
struct Mandated {
  std::string file;
  std::string check;
  std::string must_hold;
  auto operator<=>(const Mandated&) const = default;
};

const std::set<Mandated> kAllowlist = {
    {"fd_control.cc", "fd_control", "/proc/self/fd (the config mounts proc at /proc)"},
    {"mounts.cc", "mounts", "/proc/self/mountinfo (the config mounts proc at /proc)"},
    {"process.cc", "process.args", "/proc/self/cmdline (the config mounts proc at /proc)"},
};

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The check sources (not tests), by file name.
std::vector<std::pair<std::string, std::string>> CheckSources() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : std::filesystem::directory_iterator(RT_SOURCE_DIR "/src/checks")) {
    const std::string name = e.path().filename().string();
    if (!name.ends_with(".cc") || name.ends_with("_test.cc")) continue;
    out.emplace_back(name, ReadText(e.path()));
  }
  return out;
}

// The string literals of the call that starts at `open` (the parenthesis), up to its ");".
std::vector<std::string> Literals(const std::string& text, size_t open) {
  std::vector<std::string> out;
  const size_t end = text.find(");", open);
  for (size_t i = open; i < end; ++i) {
    if (text[i] != '"') continue;
    const size_t close = text.find('"', i + 1);
    out.push_back(text.substr(i + 1, close - i - 1));
    i = close;
  }
  return out;
}

// The statements (up to ";") that start with `call` in `text`.
std::vector<std::string> Statements(const std::string& text, const std::string& call) {
  std::vector<std::string> out;
  for (size_t at = text.find(call); at != std::string::npos; at = text.find(call, at + 1)) {
    out.push_back(text.substr(at, text.find(';', at) - at));
  }
  return out;
}

// The check ids of a file's table rows: {"process.args", "config.md#process", ...}.
std::vector<std::string> TableIds(const std::string& text) {
  std::vector<std::string> ids;
  for (size_t at = text.find("\n    {\""); at != std::string::npos;
       at = text.find("\n    {\"", at + 1)) {
    const size_t start = at + 7;
    ids.push_back(text.substr(start, text.find('"', start) - start));
  }
  return ids;
}

TEST(MeasurementRule, OnlyAllowlistedCallsTurnAMeasurementErrorIntoAFailure) {
  std::set<Mandated> found;
  for (const auto& [file, text] : CheckSources()) {
    const std::string call = "FailMandatedObservation(";
    for (size_t at = text.find(call); at != std::string::npos; at = text.find(call, at + 1)) {
      if (text.compare(at - 10, 10, "Recorder::") == 0) continue;  // the definition
      std::vector<std::string> literals = Literals(text, at + call.size() - 1);
      ASSERT_GE(literals.size(), 3u) << file << ": the third argument must be a literal";
      // The check a call belongs to: the allowlist names it, and the file must define it.
      std::string check = "?";
      for (const Mandated& m : kAllowlist) {
        if (m.file == file && m.must_hold == literals[2]) check = m.check;
      }
      found.insert({file, check, literals[2]});
    }
  }
  EXPECT_EQ(found, kAllowlist);
}

TEST(MeasurementRule, AllowlistedChecksLiveInTheirFiles) {
  for (const Mandated& m : kAllowlist) {
    const std::string text = ReadText(std::string(RT_SOURCE_DIR "/src/checks/") + m.file);
    std::vector<std::string> ids = TableIds(text);
    EXPECT_NE(std::find(ids.begin(), ids.end(), m.check), ids.end()) << m.file << " " << m.check;
  }
}

TEST(MeasurementRule, ReadmeListsExactlyTheAllowlist) {
  const std::string readme = ReadText(RT_SOURCE_DIR "/README.md");
  const size_t start = readme.find("## The measurement rule");
  ASSERT_NE(start, std::string::npos);
  const std::string section = readme.substr(start, readme.find("\n## ", start + 3) - start);
  // One "- `check`: `/proc/self/...` ..." bullet per allowlist entry, and no other bullet.
  int bullets = 0;
  for (size_t at = section.find("\n- `"); at != std::string::npos;
       at = section.find("\n- `", at + 1)) {
    ++bullets;
  }
  EXPECT_EQ(bullets, static_cast<int>(kAllowlist.size())) << section;
  for (const Mandated& m : kAllowlist) {
    const std::string path = m.must_hold.substr(0, m.must_hold.find(' '));
    EXPECT_NE(section.find("\n- `" + m.check + "`: `" + path + "`"), std::string::npos)
        << "README's measurement rule does not list " << m.check << " " << path;
  }
}

TEST(MeasurementRule, NoFailureCarriesAnErrorText) {
  // A Status's message in a Fail/Expect means "could not read" became "wrong".
  for (const auto& [file, text] : CheckSources()) {
    for (const std::string call : {"Fail(", "Expect("}) {
      for (const std::string& stmt : Statements(text, "." + call)) {
        EXPECT_EQ(stmt.find("status()"), std::string::npos) << file << ": " << stmt;
        EXPECT_EQ(stmt.find(".message()"), std::string::npos) << file << ": " << stmt;
      }
    }
    EXPECT_EQ(text.find("cannot verify"), std::string::npos) << file;
  }
}

}  // namespace
}  // namespace rt::checks
