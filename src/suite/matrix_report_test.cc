#include "suite/matrix_report.h"

#include <gtest/gtest.h>

namespace rt::suite {
namespace {

ScenarioRecord Scenario(std::string name, std::string ref, Reported verdict,
                        std::string message = "") {
  ScenarioRecord s;
  s.name = std::move(name);
  s.spec_ref = std::move(ref);
  s.level = s.spec_ref.empty() ? "" : "MUST";
  s.expect = "pass";
  s.verdict = verdict;
  s.message = std::move(message);
  s.duration_us = 1500;
  return s;
}

RunRecord Run(std::string runtime, std::string version, std::string kernel,
              std::vector<ScenarioRecord> scenarios) {
  RunRecord run;
  run.runtime.name = std::move(runtime);
  run.runtime.version = std::move(version);
  run.host.kernel = std::move(kernel);
  run.host.arch = "x86_64";
  run.host.cgroup_layout = "v2";
  run.scenarios = std::move(scenarios);
  return run;
}

std::vector<RunRecord> TwoRuntimes() {
  ScenarioRecord known = Scenario("ops/delete/created-is-error", "runtime.md#delete",
                                  Reported::kExpectedFailure, "expected an error, found exit 0");
  known.known_reason = "runc 1.1 deletes a created container";
  known.known_line = 12;
  known.details = {{"message", "expected an error, found exit 0"}};
  CommandRun command;
  command.command = "/usr/sbin/runc delete runtimetest-1-2";
  command.result = "exit 0";
  known.commands = {command};
  return {
      Run("runc", "1.1.5", "6.1.0",
          {Scenario("hostname/set", "config.md#hostname", Reported::kPass), known,
           Scenario("hostname/mismatch", "config.md#hostname", Reported::kFail,
                    "hostname: expected \"a\", found \"b\"")}),
      Run("crun", "1.8.1", "6.1.0",
          {Scenario("hostname/set", "config.md#hostname", Reported::kPass),
           Scenario("mounts/bind", "config.md#mounts", Reported::kSkip, "no bind mounts here"),
           Scenario("suite/nothing-left-behind", "", Reported::kFail, "a cgroup")}),
  };
}

TEST(MatrixTest, RowsAreGroupedBySectionInTheOrderTheyFirstAppear) {
  std::vector<RunRecord> runs = TwoRuntimes();
  Matrix m = BuildMatrix(runs);
  EXPECT_FALSE(m.hosts_differ);
  EXPECT_EQ(MatrixCells(m),
            "section\tscenario\trunc 1.1.5 @ kernel 6.1.0 x86_64, cgroup v2\t"
            "crun 1.8.1 @ kernel 6.1.0 x86_64, cgroup v2\n"
            "config.md#hostname\thostname/set\tpass\tpass\n"
            "config.md#hostname\thostname/mismatch\tfail\tnot-run\n"
            "runtime.md#delete\tops/delete/created-is-error\texpected-failure\tnot-run\n"
            "config.md#mounts\tmounts/bind\tnot-run\tskip\n"
            "(no spec section)\tsuite/nothing-left-behind\tnot-run\tfail\n");
  ASSERT_EQ(m.columns.size(), 2u);
  EXPECT_EQ(m.columns[0].counts[static_cast<size_t>(Reported::kPass)], 1);
  EXPECT_EQ(m.columns[0].counts[static_cast<size_t>(Reported::kFail)], 1);
  EXPECT_EQ(m.columns[0].counts[static_cast<size_t>(Reported::kExpectedFailure)], 1);
  EXPECT_EQ(m.columns[0].not_run, 2);
  EXPECT_EQ(m.columns[1].counts[static_cast<size_t>(Reported::kSkip)], 1);
  EXPECT_EQ(m.columns[1].not_run, 2);
}

TEST(MatrixTest, ColumnsNameTheirHostWhenHostsDiffer) {
  std::vector<RunRecord> runs = TwoRuntimes();
  runs[1].runtime.name = "runc";
  runs[1].runtime.version = "1.1.5";
  runs[1].host.kernel = "6.12.0";
  runs[1].host.cgroup_layout = "hybrid";
  Matrix m = BuildMatrix(runs);
  EXPECT_TRUE(m.hosts_differ);
  std::string md = MatrixMarkdown(m);
  EXPECT_NE(md.find("| | runc 1.1.5 (kernel 6.1.0 x86\\_64, cgroup v2) | runc 1.1.5 "
                    "(kernel 6.12.0 x86\\_64, cgroup hybrid) |\n"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("Host: "), std::string::npos);
  std::string html = MatrixHtml(m);
  EXPECT_NE(html.find("<th>runc 1.1.5<br><small>kernel 6.12.0 x86_64, cgroup hybrid</small></th>"),
            std::string::npos);
}

TEST(MatrixTest, MarkdownHasCountsATableAndADetailPerCell) {
  std::vector<RunRecord> runs = TwoRuntimes();
  std::string md = MatrixMarkdown(BuildMatrix(runs));
  EXPECT_TRUE(md.starts_with("# runtimetest matrix\n\nHost: kernel 6.1.0 x86\\_64, cgroup "
                             "v2.\n\n| | runc 1.1.5 | crun 1.8.1 |\n|---|---|---|\n"
                             "| passed | 1 | 1 |\n| failed | 1 | 1 |\n"
                             "| expected failures | 1 | 0 |\n| skipped | 0 | 1 |\n"
                             "| passed, listed as expected failures | 0 | 0 |\n"
                             "| not run | 2 | 2 |\n"))
      << md;
  EXPECT_NE(md.find("| **config.md#hostname** | | |\n"
                    "| hostname/set | [pass](#r1c1) | [pass](#r1c2) |\n"
                    "| hostname/mismatch | [**FAIL**](#r2c1) | not run |\n"
                    "| **runtime.md#delete** | | |\n"
                    "| ops/delete/created-is-error | [expected-failure](#r3c1) | not run |\n"),
            std::string::npos)
      << md;
  // Every link has its anchor, with the details.
  for (const char* anchor : {"r1c1", "r1c2", "r2c1", "r3c1", "r4c2", "r5c2"}) {
    EXPECT_NE(md.find(std::string("<a id=\"") + anchor + "\"></a>"), std::string::npos) << anchor;
  }
  EXPECT_NE(md.find("#### runc 1.1.5 ops/delete/created-is-error: expected-failure\n\n"
                    "<pre>verdict: expected-failure\nspec: runtime.md#delete (MUST)\n"
                    "expectation: pass\nduration: 1.5 ms\n"
                    "message: expected an error, found exit 0\n"
                    "expected-failure entry (line 12): runc 1.1 deletes a created container\n"
                    "details:\n  ---\n  message: \"expected an error, found exit 0\"\n"
                    "  ...\ncommands:\n  $ /usr/sbin/runc delete runtimetest-1-2  =&gt; exit 0\n"
                    "</pre>\n"),
            std::string::npos)
      << md;
}

// A runtime's output may hold anything: it must stay text in both formats.
TEST(MatrixTest, EverythingIsEscaped) {
  std::vector<RunRecord> runs = TwoRuntimes();
  runs[0].runtime.name = "run|c<b>";
  runs[0].scenarios[2].message = "</pre><script>alert(1)</script> | [x](http://evil) & \x01\xff";
  runs[0].scenarios[2].details = {{"runtime_stderr", "<img src=x onerror=alert(2)>\n"}};
  std::string md = MatrixMarkdown(BuildMatrix(runs));
  EXPECT_EQ(md.find("<script>"), std::string::npos) << md;
  EXPECT_EQ(md.find("<img"), std::string::npos) << md;
  EXPECT_EQ(md.find("<b>"), std::string::npos) << md;
  EXPECT_NE(md.find("| | run\\|c&lt;b&gt; 1.1.5 |"), std::string::npos) << md;
  EXPECT_NE(md.find("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt; | [x](http://evil) &amp; "
                    "\\x01\xef\xbf\xbd"),
            std::string::npos)
      << md;
  std::string html = MatrixHtml(BuildMatrix(runs));
  // One script: the page's own; no tag of the input, no external asset.
  EXPECT_EQ(html.find("<script>"), html.rfind("<script>"));
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find(" src=\""), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_NE(html.find("title=\"&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt; | [x](http://"
                      "evil) &amp; \\x01\xef\xbf\xbd\""),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<th>run|c&lt;b&gt; 1.1.5</th>"), std::string::npos);
}

TEST(MatrixTest, HtmlHasCountsRowsAndAnchors) {
  std::vector<RunRecord> runs = TwoRuntimes();
  std::string html = MatrixHtml(BuildMatrix(runs));
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n")) << html;
  EXPECT_NE(html.find("<td data-column=\"1\" data-verdict=\"expected-failure\">1</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td data-column=\"2\" data-verdict=\"not-run\">2</td>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"scenario\"><th>hostname/mismatch</th><td class=\"fail\" "
                      "data-column=\"1\"><a href=\"#r2c1\" title=\"hostname: expected &quot;a&quot;"
                      ", found &quot;b&quot;\">fail</a></td><td class=\"not-run\" "
                      "data-column=\"2\">not run</td></tr>\n"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<div class=\"detail\" id=\"r2c1\"><h3>runc 1.1.5 hostname/mismatch: fail"),
            std::string::npos);
  size_t rows = 0;
  for (size_t pos = 0; (pos = html.find("<tr class=\"scenario\">", pos)) != std::string::npos;
       ++pos) {
    ++rows;
  }
  EXPECT_EQ(rows, 5u);
}

TEST(MatrixTest, TheFileNameChoosesTheFormat) {
  EXPECT_EQ(*MatrixKind("out/m.md"), "md");
  EXPECT_EQ(*MatrixKind("m.html"), "html");
  EXPECT_EQ(MatrixKind("m.txt").status().message(),
            "matrix:m.txt: the file name must end in .md or .html");
}

}  // namespace
}  // namespace rt::suite
