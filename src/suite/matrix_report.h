// The cross-runtime matrix: one row per scenario, grouped by spec section, one column per run
// (runtime × host), each cell the run's verdict linking to its details. Made from run records
// (run_record.h) alone, so the matrix of one call that drove several runtimes and the matrix
// `runtimetest report merge` makes from the JSON reports of separate calls or machines are the
// same, cell for cell. Written as Markdown (--report matrix:FILE.md) or as one self-contained
// HTML page (--report matrix:FILE.html).
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "suite/run_record.h"

namespace rt::suite {

struct MatrixColumn {
  const RunRecord* run = nullptr;
  std::string runtime;  // "runc 1.1.5"
  std::string host;     // "kernel 6.1.0-57-amd64 x86_64, cgroup v2"
  // Its cells of each verdict (indexed by Reported), and the rows it has no record for (another
  // run's scenarios, or an interruption).
  std::array<int, 5> counts{};
  int not_run = 0;
};

struct MatrixRow {
  std::string scenario;
  std::vector<const ScenarioRecord*> cells;  // one per column; null: not run there
};

struct MatrixSection {
  std::string name;  // "config.md#mounts", or kNoSection
  std::vector<MatrixRow> rows;
};

inline constexpr const char* kNoSection = "(no spec section)";

struct Matrix {
  std::vector<MatrixColumn> columns;
  std::vector<MatrixSection> sections;
  bool hosts_differ = false;  // columns name their host; else the host is said once
};

// Columns in the order of `runs`; sections and rows in the order of their first appearance.
// The records must outlive the matrix.
Matrix BuildMatrix(std::span<const RunRecord> runs);

// The cells alone, a line per row ("section<TAB>scenario<TAB>pass<TAB>fail..." after a header
// line of the columns): what two matrices must share to be equal cell for cell.
std::string MatrixCells(const Matrix& matrix);

std::string MatrixMarkdown(const Matrix& matrix);
std::string MatrixHtml(const Matrix& matrix);

// MatrixMarkdown and MatrixHtml of BuildMatrix(runs): FileReport's renderers.
std::string MatrixMarkdownOf(std::span<const RunRecord> runs);
std::string MatrixHtmlOf(std::span<const RunRecord> runs);

// "md" or "html" by the file's name; an error for any other.
Result<std::string> MatrixKind(const std::string& path);

// Writes the matrix of `runs` to `path` (Markdown or HTML by its name), atomically.
Status WriteMatrix(const std::string& path, std::span<const RunRecord> runs);

}  // namespace rt::suite
