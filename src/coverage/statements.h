// The spec coverage map (README, "Spec coverage"): every normative statement of config.md,
// config-linux.md, runtime.md and runtime-linux.md, with the checks and scenarios that test it or
// the reason none does. The index is spec/statements.tsv, compiled into the binary gzipped;
// scripts/spec-statements.sh checks it against the spec.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace rt::coverage {

// Why a statement has no check or scenario; the reason column starts with one of these words.
enum class Kind {
  kCovered,        // tokens name the checks / scenarios that test it
  kNotApplicable,  // "n/a: ..." binds no Linux runtime (another platform, the config's author)
  kNotTestable,    // "not testable: ..." nothing a container or the host can observe shows it
  kNotYetCovered,  // "not yet covered" (maybe with ": what would")
};

struct Statement {
  std::string_view id;      // stable: "cfg.root.3" (file prefix, section anchor, ordinal)
  std::string_view file;    // "config.md"
  int line = 0;             // in the spec file (the commit the index header names)
  std::string_view anchor;  // GitHub's anchor of the section: "root"
  std::string_view level;   // MUST, MUST NOT, SHOULD, SHOULD NOT, REQUIRED, RECOMMENDED, ...
  std::vector<std::string_view> covered_by;  // check ids, scenario names, "prefix/*"
  std::string_view reason;                   // when covered_by is empty
  std::string_view paraphrase;               // our words
  Kind kind = Kind::kNotYetCovered;
};

// Parses the index (tab-separated: id, file, line, anchor, level, covered_by or "-", reason or
// "-", paraphrase; '#' lines are comments). Exactly one of covered_by and reason is given; a
// reason starts with "n/a:", "not testable:" or "not yet covered". Views point into `tsv`.
Result<std::vector<Statement>> ParseStatements(std::string_view tsv);

// What a covered_by token may name.
struct Names {
  std::vector<std::string_view> checks;     // check ids
  std::vector<std::string_view> scenarios;  // config and operation scenario names
};

// The names of this binary's check table and scenario tables.
Names KnownNames();

// For each check id, the number of config scenarios whose check it is.
std::vector<std::pair<std::string_view, int>> ScenariosPerCheck();

// One line per problem: a token that names no check or scenario ("prefix/*": none starts with
// prefix), a duplicated id. Empty when the index is sound.
std::vector<std::string> Validate(const std::vector<Statement>& statements, const Names& names);

// The index compiled into the binary (spec/statements.tsv).
std::string_view EmbeddedIndex();

// `runtimetest coverage [--uncovered] [--totals] [--format text|tsv]`; the exit status.
int CoverageMain(const std::vector<std::string>& args);

// The report CoverageMain prints (pure, for tests).
struct RenderOptions {
  bool uncovered_only = false;  // statements "not yet covered" only
  bool totals_only = false;
  bool tsv = false;
  // Text: a check id in covered_by is followed by how many config scenarios exercise it.
  std::vector<std::pair<std::string_view, int>> scenarios_per_check;
};
std::string Render(const std::vector<Statement>& statements, const RenderOptions& options);

}  // namespace rt::coverage
