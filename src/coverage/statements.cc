#include "coverage/statements.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "checks/check.h"
#include "suite/op_scenario.h"
#include "suite/scenario.h"
#include "util/file.h"
#include "util/text.h"

namespace rt::coverage {
namespace {

constexpr std::string_view kFiles[] = {"config.md", "config-linux.md", "runtime.md",
                                       "runtime-linux.md"};
constexpr std::string_view kLevels[] = {"MUST",     "MUST NOT",    "SHOULD",         "SHOULD NOT",
                                        "REQUIRED", "RECOMMENDED", "NOT RECOMMENDED"};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

Result<Kind> KindOfReason(std::string_view reason) {
  if (StartsWith(reason, "n/a: ")) return Kind::kNotApplicable;
  if (StartsWith(reason, "not testable: ")) return Kind::kNotTestable;
  if (reason == "not yet covered" || StartsWith(reason, "not yet covered: "))
    return Kind::kNotYetCovered;
  return Status::Error("a reason starts with \"n/a: \", \"not testable: \" or \"not yet covered\"");
}

}  // namespace

Result<std::vector<Statement>> ParseStatements(std::string_view tsv) {
  std::vector<Statement> out;
  int number = 0;
  for (std::string_view line : Lines(tsv)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "spec/statements.tsv:" + std::to_string(number) + ": ";
    const std::vector<std::string_view> f = SplitTabs(line);
    if (f.size() != 8) {
      return Status::Error(where + "8 tab-separated fields expected, found " +
                           std::to_string(f.size()));
    }
    Statement s;
    s.id = f[0];
    s.file = f[1];
    s.anchor = f[3];
    s.level = f[4];
    s.paraphrase = f[7];
    const auto [end, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), s.line);
    if (ec != std::errc() || end != f[2].data() + f[2].size() || s.line <= 0)
      return Status::Error(where + "line \"" + std::string(f[2]) + "\" is not a line number");
    if (std::find(std::begin(kFiles), std::end(kFiles), s.file) == std::end(kFiles))
      return Status::Error(where + "file \"" + std::string(s.file) + "\" is not indexed");
    if (std::find(std::begin(kLevels), std::end(kLevels), s.level) == std::end(kLevels))
      return Status::Error(where + "level \"" + std::string(s.level) + "\" is not a level");
    if (s.id.empty() || s.anchor.empty() || s.paraphrase.empty() || s.paraphrase == "-")
      return Status::Error(where + "id, anchor and paraphrase must not be empty");
    const bool has_tokens = f[5] != "-" && !f[5].empty();
    const bool has_reason = f[6] != "-" && !f[6].empty();
    if (has_tokens == has_reason) {
      return Status::Error(where + std::string(s.id) +
                           ": give either the checks/scenarios that test it or a reason, not " +
                           (has_tokens ? "both" : "neither"));
    }
    if (has_tokens) {
      for (std::string_view token : Words(f[5], ", ")) s.covered_by.push_back(token);
      s.kind = Kind::kCovered;
    } else {
      Result<Kind> kind = KindOfReason(f[6]);
      if (!kind.ok())
        return Status::Error(where + std::string(s.id) + ": " + kind.status().message());
      s.reason = f[6];
      s.kind = *kind;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Names KnownNames() {
  Names names;
  for (const checks::CheckDef& c : checks::AllChecks()) names.checks.push_back(c.id);
  for (const suite::Scenario* s : suite::AllScenarios()) names.scenarios.push_back(s->name);
  for (const suite::OpScenario* s : suite::AllOpScenarios()) names.scenarios.push_back(s->name);
  return names;
}

std::vector<std::pair<std::string_view, int>> ScenariosPerCheck() {
  std::vector<std::pair<std::string_view, int>> counts;
  for (const checks::CheckDef& c : checks::AllChecks()) {
    int n = 0;
    for (const suite::Scenario* s : suite::AllScenarios()) n += c.id == s->check_id;
    counts.emplace_back(c.id, n);
  }
  return counts;
}

std::vector<std::string> Validate(const std::vector<Statement>& statements, const Names& names) {
  std::vector<std::string> problems;
  std::set<std::string_view> ids;
  for (const Statement& s : statements) {
    if (!ids.insert(s.id).second) problems.push_back(std::string(s.id) + ": duplicated id");
    for (std::string_view token : s.covered_by) {
      bool found = false;
      if (token.size() > 1 && token.back() == '*') {
        const std::string_view prefix = token.substr(0, token.size() - 1);
        found = std::any_of(names.scenarios.begin(), names.scenarios.end(),
                            [&](std::string_view n) { return StartsWith(n, prefix); });
      } else {
        found = std::find(names.checks.begin(), names.checks.end(), token) != names.checks.end() ||
                std::find(names.scenarios.begin(), names.scenarios.end(), token) !=
                    names.scenarios.end();
      }
      if (!found) {
        problems.push_back(std::string(s.id) + ": \"" + std::string(token) +
                           "\" names no check or scenario");
      }
    }
  }
  return problems;
}

namespace {

struct Tally {
  int total = 0, covered = 0, not_applicable = 0, not_testable = 0, not_yet = 0;
  void Add(Kind kind) {
    ++total;
    switch (kind) {
      case Kind::kCovered:
        ++covered;
        break;
      case Kind::kNotApplicable:
        ++not_applicable;
        break;
      case Kind::kNotTestable:
        ++not_testable;
        break;
      case Kind::kNotYetCovered:
        ++not_yet;
        break;
    }
  }
};

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string PadLeft(const std::string& s, size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

std::string Join(const std::vector<std::string_view>& parts, std::string_view sep) {
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string Percent(int part, int whole) {
  if (whole == 0) return "-";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}

std::string TotalsTable(const std::vector<Statement>& statements) {
  // file -> level -> tally, in the orders of kFiles and kLevels.
  std::map<std::pair<int, int>, Tally> tallies;
  auto index_of = [](auto& list, std::string_view v) {
    return static_cast<int>(std::find(std::begin(list), std::end(list), v) - std::begin(list));
  };
  for (const Statement& s : statements) {
    const int file = index_of(kFiles, s.file);
    tallies[{file, index_of(kLevels, s.level)}].Add(s.kind);
    tallies[{file, -1}].Add(s.kind);  // the file's total
  }
  // share: covered of the statements that bind a Linux runtime (all but the n/a ones).
  std::string out =
      "file              level            statements  n/a  covered  share  not testable  "
      "not yet covered\n";
  for (const auto& [key, t] : tallies) {
    const std::string level = key.second < 0 ? "all" : std::string(kLevels[key.second]);
    out += Pad(std::string(kFiles[key.first]), 18) + Pad(level, 15) +
           PadLeft(std::to_string(t.total), 12) + PadLeft(std::to_string(t.not_applicable), 5) +
           PadLeft(std::to_string(t.covered), 9) +
           PadLeft(Percent(t.covered, t.total - t.not_applicable), 7) +
           PadLeft(std::to_string(t.not_testable), 14) + PadLeft(std::to_string(t.not_yet), 17) +
           "\n";
  }
  return out;
}

// "hostname (3 scenarios), ops/kill/term".
std::string CoveredBy(const Statement& s, const RenderOptions& options) {
  std::string out;
  for (std::string_view token : s.covered_by) {
    if (!out.empty()) out += ", ";
    out += token;
    for (const auto& [check, n] : options.scenarios_per_check) {
      if (check == token) out += " (" + std::to_string(n) + (n == 1 ? " scenario)" : " scenarios)");
    }
  }
  return out;
}

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kCovered:
      return "covered";
    case Kind::kNotApplicable:
      return "n/a";
    case Kind::kNotTestable:
      return "not testable";
    case Kind::kNotYetCovered:
      return "not yet covered";
  }
  return "?";
}

}  // namespace

std::string Render(const std::vector<Statement>& statements, const RenderOptions& options) {
  std::string out;
  if (options.tsv) {
    if (!options.totals_only) {
      out += "id\tsection\tline\tlevel\tstatus\tcovered_by\treason\tparaphrase\n";
      for (const Statement& s : statements) {
        if (options.uncovered_only && s.kind != Kind::kNotYetCovered) continue;
        out += std::string(s.id) + "\t" + std::string(s.file) + "#" + std::string(s.anchor) + "\t" +
               std::to_string(s.line) + "\t" + std::string(s.level) + "\t" + KindName(s.kind) +
               "\t" + Join(s.covered_by, ",") + "\t" + std::string(s.reason) + "\t" +
               std::string(s.paraphrase) + "\n";
      }
      return out;
    }
  } else if (!options.totals_only) {
    for (const Statement& s : statements) {
      if (options.uncovered_only && s.kind != Kind::kNotYetCovered) continue;
      out += std::string(s.id) + "  " + std::string(s.file) + "#" + std::string(s.anchor) + "  " +
             std::string(s.level) + ": " + std::string(s.paraphrase) + "\n    " +
             (s.kind == Kind::kCovered ? "covered by " + CoveredBy(s, options)
                                       : std::string(s.reason)) +
             "\n";
    }
    out += "\n";
  }
  out += TotalsTable(statements);
  return out;
}

namespace {

constexpr std::string_view kUsage =
    "usage: runtimetest coverage [--uncovered] [--totals] [--format text|tsv]\n"
    "\n"
    "Every normative statement (MUST, MUST NOT, SHOULD, SHOULD NOT, REQUIRED, RECOMMENDED,\n"
    "NOT RECOMMENDED) of the runtime-spec's config.md, config-linux.md, runtime.md and\n"
    "runtime-linux.md, with the checks and scenarios that test it or why none does, then the\n"
    "totals per file and level. --uncovered: only the statements not yet covered; --totals:\n"
    "only the totals; --format tsv: one tab-separated line per statement.\n";

int Fail(const std::string& message) {
  (void)WriteAll(STDERR_FILENO, "runtimetest coverage: " + message + "\n", "stderr");
  return 2;
}

}  // namespace

int CoverageMain(const std::vector<std::string>& args) {
  RenderOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      (void)WriteAll(STDOUT_FILENO, kUsage, "stdout");
      return 0;
    } else if (a == "--uncovered") {
      options.uncovered_only = true;
    } else if (a == "--totals") {
      options.totals_only = true;
    } else if (a == "--format" && i + 1 < args.size() &&
               (args[i + 1] == "text" || args[i + 1] == "tsv")) {
      options.tsv = args[++i] == "tsv";
    } else {
      return Fail("unknown argument \"" + a + "\"\n" + std::string(kUsage));
    }
  }
  Result<std::vector<Statement>> statements = ParseStatements(EmbeddedIndex());
  if (!statements.ok()) return Fail(statements.status().message());
  const std::vector<std::string> problems = Validate(*statements, KnownNames());
  if (!problems.empty()) return Fail(problems.front());
  options.scenarios_per_check = ScenariosPerCheck();
  Status written = WriteAll(STDOUT_FILENO, Render(*statements, options), "stdout");
  return written.ok() ? 0 : Fail(written.message());
}

}  // namespace rt::coverage
