#include "suite/matrix_report.h"

#include <cstdio>
#include <map>
#include <utility>

#include "suite/files.h"
#include "suite/report_files.h"
#include "suite/tap_report.h"
#include "util/file.h"

namespace rt::suite {
namespace {

constexpr Reported kVerdicts[] = {Reported::kPass, Reported::kFail, Reported::kExpectedFailure,
                                  Reported::kSkip, Reported::kUnexpectedPass};

// The counts' row titles, in kVerdicts' order.
constexpr const char* kCountTitles[] = {"passed", "failed", "expected failures", "skipped",
                                        "passed, listed as expected failures"};

std::string Html(std::string_view text) { return XmlEscape(text, /*attribute=*/true); }

// Text for a Markdown table cell or heading: HTML-escaped (GitHub's Markdown reads entities),
// the punctuation that acts inside a line (emphasis, code, links, cells) backslash-escaped.
std::string Markdown(std::string_view text) {
  std::string out;
  for (char c : XmlEscape(text, /*attribute=*/true)) {
    if (std::string_view("\\`*_[]|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string Anchor(size_t row, size_t column) {
  return "r" + std::to_string(row) + "c" + std::to_string(column);
}

std::string Milliseconds(int64_t microseconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", static_cast<double>(microseconds) / 1000);
  return text;
}

// What a cell's link leads to: the verdict, the scenario's spec section, the headline, the
// expected-failure entry, TAP's YAML fields, and every runtime command with its result.
std::string DetailText(const ScenarioRecord& s) {
  std::string text = std::string("verdict: ") + ReportedName(s.verdict) + "\n";
  if (!s.spec_ref.empty()) {
    text += "spec: " + s.spec_ref + (s.level.empty() ? "" : " (" + s.level + ")") + "\n";
  }
  text += "expectation: " + s.expect + "\nduration: " + Milliseconds(s.duration_us) + "\n";
  if (!s.message.empty()) text += "message: " + s.message + "\n";
  if (!s.known_reason.empty()) {
    text += "expected-failure entry (line " + std::to_string(s.known_line) +
            "): " + s.known_reason + "\n";
  }
  if (!s.container_id.empty()) text += "container: " + s.container_id + "\n";
  if (!s.details.empty()) text += "details:\n" + FormatYamlBlock(s.details);
  if (!s.commands.empty()) {
    text += "commands:\n";
    for (const CommandRun& c : s.commands) text += "  $ " + c.command + "  => " + c.result + "\n";
  }
  return text;
}

std::string Title(const MatrixColumn& column, const Matrix& matrix) {
  return column.runtime + (matrix.hosts_differ ? " (" + column.host + ")" : "");
}

// The host when every column shares it.
std::string SharedHost(const Matrix& matrix) {
  return matrix.hosts_differ || matrix.columns.empty() ? "" : matrix.columns.front().host;
}

template <typename Cell>
void ForEachCell(const Matrix& matrix, Cell cell) {
  size_t row_number = 0;
  for (const MatrixSection& section : matrix.sections) {
    for (const MatrixRow& row : section.rows) {
      ++row_number;
      for (size_t c = 0; c < row.cells.size(); ++c) {
        if (row.cells[c] != nullptr) cell(row_number, c, row, *row.cells[c]);
      }
    }
  }
}

}  // namespace

Matrix BuildMatrix(std::span<const RunRecord> runs) {
  Matrix matrix;
  for (const RunRecord& run : runs) {
    const std::string version =
        run.runtime.version.empty() ? run.runtime.version_line : run.runtime.version;
    matrix.columns.push_back(
        {.run = &run,
         .runtime = run.runtime.name + (version.empty() ? "" : " " + version),
         .host = "kernel " + run.host.kernel + (run.host.arch.empty() ? "" : " " + run.host.arch) +
                 ", cgroup " + run.host.cgroup_layout});
    matrix.hosts_differ =
        matrix.hosts_differ || matrix.columns.back().host != matrix.columns.front().host;
  }
  std::map<std::string, size_t> section_of;                    // name -> index
  std::map<std::string, std::pair<size_t, size_t>> row_of;    // scenario -> (section, row)
  for (size_t c = 0; c < runs.size(); ++c) {
    for (const ScenarioRecord& s : runs[c].scenarios) {
      auto [found, added] = row_of.try_emplace(s.name);
      if (added) {
        std::string name = s.spec_ref.empty() ? kNoSection : s.spec_ref;
        auto [section, new_section] = section_of.try_emplace(name, matrix.sections.size());
        if (new_section) matrix.sections.push_back({.name = name});
        std::vector<MatrixRow>& rows = matrix.sections[section->second].rows;
        rows.push_back({.scenario = s.name, .cells = std::vector<const ScenarioRecord*>(runs.size())});
        found->second = {section->second, rows.size() - 1};
      }
      // A scenario twice in one run (not written by the suite): its first record counts.
      const ScenarioRecord*& cell = matrix.sections[found->second.first].rows[found->second.second]
                                        .cells[c];
      if (cell == nullptr) cell = &s;
    }
  }
  for (const MatrixSection& section : matrix.sections) {
    for (const MatrixRow& row : section.rows) {
      for (size_t c = 0; c < row.cells.size(); ++c) {
        if (row.cells[c] == nullptr) {
          ++matrix.columns[c].not_run;
        } else {
          ++matrix.columns[c].counts[static_cast<size_t>(row.cells[c]->verdict)];
        }
      }
    }
  }
  return matrix;
}

std::string MatrixCells(const Matrix& matrix) {
  std::string text = "section\tscenario";
  for (const MatrixColumn& column : matrix.columns) text += "\t" + column.runtime + " @ " + column.host;
  text += "\n";
  for (const MatrixSection& section : matrix.sections) {
    for (const MatrixRow& row : section.rows) {
      text += section.name + "\t" + row.scenario;
      for (const ScenarioRecord* cell : row.cells) {
        text += std::string("\t") + (cell == nullptr ? "not-run" : ReportedName(cell->verdict));
      }
      text += "\n";
    }
  }
  return text;
}

std::string MatrixMarkdown(const Matrix& matrix) {
  std::string md = "# runtimetest matrix\n\n";
  if (std::string host = SharedHost(matrix); !host.empty()) {
    md += "Host: " + Markdown(host) + ".\n\n";
  }
  std::string header = "| |";
  std::string rule = "|---|";
  for (const MatrixColumn& column : matrix.columns) {
    header += " " + Markdown(Title(column, matrix)) + " |";
    rule += "---|";
  }
  md += header + "\n" + rule + "\n";
  for (size_t v = 0; v < std::size(kVerdicts); ++v) {
    md += std::string("| ") + kCountTitles[v] + " |";
    for (const MatrixColumn& column : matrix.columns) {
      md += " " + std::to_string(column.counts[static_cast<size_t>(kVerdicts[v])]) + " |";
    }
    md += "\n";
  }
  md += "| not run |";
  for (const MatrixColumn& column : matrix.columns) md += " " + std::to_string(column.not_run) + " |";
  md += "\n\n## Scenarios\n\n" + header + "\n" + rule + "\n";
  size_t row_number = 0;
  for (const MatrixSection& section : matrix.sections) {
    md += "| **" + Markdown(section.name) + "** |";
    for (size_t c = 0; c < matrix.columns.size(); ++c) md += " |";
    md += "\n";
    for (const MatrixRow& row : section.rows) {
      ++row_number;
      md += "| " + Markdown(row.scenario) + " |";
      for (size_t c = 0; c < row.cells.size(); ++c) {
        const ScenarioRecord* cell = row.cells[c];
        if (cell == nullptr) {
          md += " not run |";
          continue;
        }
        std::string word = ReportedName(cell->verdict);
        if (cell->verdict == Reported::kFail) word = "**FAIL**";
        md += " [" + word + "](#" + Anchor(row_number, c + 1) + ") |";
      }
      md += "\n";
    }
  }
  md += "\n## Details\n";
  ForEachCell(matrix, [&](size_t row_number, size_t c, const MatrixRow& row,
                          const ScenarioRecord& s) {
    md += "\n<a id=\"" + Anchor(row_number, c + 1) + "\"></a>\n\n#### " +
          Markdown(matrix.columns[c].runtime + " " + row.scenario + ": " +
                   ReportedName(s.verdict)) +
          "\n\n<pre>" + XmlEscape(DetailText(s), /*attribute=*/false) + "</pre>\n";
  });
  return md;
}

std::string MatrixHtml(const Matrix& matrix) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>runtimetest matrix</title>\n<style>\n"
      "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}\n"
      "table{border-collapse:collapse;margin-bottom:1.5em}\n"
      "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}\n"
      "thead th{position:sticky;top:0;background:#f4f4f4}\n"
      "tr.section th{background:#e8eef7;font-weight:600}\n"
      "td.pass{background:#dff5df}td.fail{background:#f8d0d0;font-weight:700}\n"
      "td.expected-failure{background:#fbeccc}td.skip{background:#eee;color:#666}\n"
      "td.unexpected-pass{background:#cfe8ff}td.not-run{color:#999}\n"
      "td a{color:inherit;text-decoration:none;display:block}\n"
      "pre{background:#f7f7f7;padding:.6em;overflow-x:auto;white-space:pre-wrap}\n"
      "div.detail:target{outline:2px solid #36c}\n"
      "</style>\n</head>\n<body>\n<h1>runtimetest matrix</h1>\n";
  if (std::string host = SharedHost(matrix); !host.empty()) {
    html += "<p>Host: " + Html(host) + ".</p>\n";
  }
  std::string header = "<tr><th></th>";
  for (const MatrixColumn& column : matrix.columns) {
    header += "<th>" + Html(column.runtime);
    if (matrix.hosts_differ) header += "<br><small>" + Html(column.host) + "</small>";
    header += "</th>";
  }
  header += "</tr>\n";
  html += "<table id=\"counts\">\n<thead>" + header + "</thead>\n<tbody>\n";
  auto count_row = [&](const char* title, const char* verdict, auto count_of) {
    html += std::string("<tr><th>") + title + "</th>";
    for (size_t c = 0; c < matrix.columns.size(); ++c) {
      html += "<td data-column=\"" + std::to_string(c + 1) + "\" data-verdict=\"" + verdict +
              "\">" + std::to_string(count_of(matrix.columns[c])) + "</td>";
    }
    html += "</tr>\n";
  };
  for (size_t v = 0; v < std::size(kVerdicts); ++v) {
    size_t index = static_cast<size_t>(kVerdicts[v]);
    count_row(kCountTitles[v], ReportedName(kVerdicts[v]),
              [index](const MatrixColumn& column) { return column.counts[index]; });
  }
  count_row("not run", "not-run", [](const MatrixColumn& column) { return column.not_run; });
  html += "</tbody>\n</table>\n<table id=\"matrix\">\n<thead>" + header + "</thead>\n<tbody>\n";
  size_t row_number = 0;
  for (const MatrixSection& section : matrix.sections) {
    html += "<tr class=\"section\"><th colspan=\"" + std::to_string(matrix.columns.size() + 1) +
            "\">" + Html(section.name) + "</th></tr>\n";
    for (const MatrixRow& row : section.rows) {
      ++row_number;
      html += "<tr class=\"scenario\"><th>" + Html(row.scenario) + "</th>";
      for (size_t c = 0; c < row.cells.size(); ++c) {
        const ScenarioRecord* cell = row.cells[c];
        if (cell == nullptr) {
          html += "<td class=\"not-run\" data-column=\"" + std::to_string(c + 1) +
                  "\">not run</td>";
          continue;
        }
        std::string verdict = ReportedName(cell->verdict);
        html += "<td class=\"" + verdict + "\" data-column=\"" + std::to_string(c + 1) +
                "\"><a href=\"#" + Anchor(row_number, c + 1) + "\" title=\"" +
                Html(cell->message) + "\">" + verdict + "</a></td>";
      }
      html += "</tr>\n";
    }
  }
  html += "</tbody>\n</table>\n<h2>Details</h2>\n";
  ForEachCell(matrix, [&](size_t row_number, size_t c, const MatrixRow& row,
                          const ScenarioRecord& s) {
    html += "<div class=\"detail\" id=\"" + Anchor(row_number, c + 1) + "\"><h3>" +
            Html(matrix.columns[c].runtime + " " + row.scenario + ": " + ReportedName(s.verdict)) +
            "</h3>\n<pre>" + XmlEscape(DetailText(s), /*attribute=*/false) + "</pre></div>\n";
  });
  // What the browser made of the page, for scripts/browser-test.sh: the rows and, per column and
  // verdict, the cells it finds in the DOM (the counts table says what there should be).
  html +=
      "<p id=\"rendered\"></p>\n<script>\n"
      "(function () {\n"
      "  var out = 'rows ' + document.querySelectorAll('#matrix tr.scenario').length;\n"
      "  var heads = document.querySelectorAll('#matrix thead th').length - 1;\n"
      "  for (var c = 1; c <= heads; c++) {\n"
      "    ['pass', 'fail', 'expected-failure', 'skip', 'unexpected-pass', 'not-run']"
      ".forEach(function (v) {\n"
      "      out += '; ' + c + ' ' + v + ' ' + document.querySelectorAll("
      "'#matrix td.' + v + '[data-column=\"' + c + '\"]').length;\n"
      "    });\n"
      "  }\n"
      "  document.getElementById('rendered').textContent = 'rendered: ' + out;\n"
      "})();\n</script>\n</body>\n</html>\n";
  return html;
}

std::string MatrixMarkdownOf(std::span<const RunRecord> runs) {
  return MatrixMarkdown(BuildMatrix(runs));
}

std::string MatrixHtmlOf(std::span<const RunRecord> runs) { return MatrixHtml(BuildMatrix(runs)); }

Result<std::string> MatrixKind(const std::string& path) {
  if (path.ends_with(".md")) return std::string("md");
  if (path.ends_with(".html") || path.ends_with(".htm")) return std::string("html");
  return Status::Error("matrix:" + path + ": the file name must end in .md or .html");
}

Status WriteMatrix(const std::string& path, std::span<const RunRecord> runs) {
  Result<std::string> kind = MatrixKind(path);
  if (!kind.ok()) return kind.status();
  return WriteFileAtomically(path, *kind == "md" ? MatrixMarkdownOf(runs) : MatrixHtmlOf(runs),
                             0644);
}

}  // namespace rt::suite
