// The report files of `runtimetest suite --report FORMAT:FILE` besides TAP (tap_report.h): the
// run model (run_record.h) as a JSON document, and as JUnit XML for CI dashboards. Each file is
// written whole at the end of the run (also an interrupted one), through a temporary file and a
// rename, so a reader never sees half a report.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "suite/run_record.h"
#include "suite/tap_report.h"

namespace rt::suite {

// `text` as XML character data or attribute value: & < > " ' escaped, newline, tab and carriage
// return as character references in attributes (`attribute`), other control characters (which
// XML 1.0 cannot carry at all) as the text \xNN, bytes that are not UTF-8 and U+FFFE/U+FFFF as
// U+FFFD.
std::string XmlEscape(std::string_view text, bool attribute);

// "<runtime> <version> (kernel <release>, cgroup <layout>)": the name of a run's <testsuite>.
std::string JunitSuiteName(const RunRecord& run);

// The JUnit XML document (suite/junit.xsd): one <testsuite> per run, one <testcase> per scenario
// (classname "<runtime>.<check>", name the scenario), <failure> with the headline as message and
// TAP's YAML block as text, <skipped> for skips and expected failures, times in seconds.
std::string JunitText(std::span<const RunRecord> runs);

// A report file made from all runs at Finish: `render` is RunsToJson, JunitText,
// MatrixMarkdownOf or MatrixHtmlOf.
class FileReport : public RunReport {
 public:
  FileReport(std::string path, std::string (*render)(std::span<const RunRecord>))
      : path_(std::move(path)), render_(render) {}
  void Begin(const RunRecord&) override {}
  void Add(const RunRecord&, const ScenarioRecord&) override {}
  void Note(const RunRecord&, std::string_view) override {}
  Status Finish(std::span<const RunRecord> runs) override;

 private:
  std::string path_;
  std::string (*render_)(std::span<const RunRecord>);
};

}  // namespace rt::suite
