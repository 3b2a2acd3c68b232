#include "suite/report_files.h"

#include <gtest/gtest.h>

namespace rt::suite {
namespace {

TEST(XmlEscapeTest, MarkupCharactersAndWhitespace) {
  EXPECT_EQ(XmlEscape("a<b>&\"c\"'d'", false), "a&lt;b&gt;&amp;\"c\"'d'");
  EXPECT_EQ(XmlEscape("a<b>&\"c\"'d'", true), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(XmlEscape("1\n2\t3\r", false), "1\n2\t3&#13;");
  EXPECT_EQ(XmlEscape("1\n2\t3\r", true), "1&#10;2&#9;3&#13;");
}

TEST(XmlEscapeTest, ControlCharactersXmlCannotCarryBecomeText) {
  EXPECT_EQ(XmlEscape(std::string("a\0b\x1b[0m\x7f", 8), false), "a\\x00b\\x1b[0m\\x7f");
}

TEST(XmlEscapeTest, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  const std::string kFffd = "\xef\xbf\xbd";
  EXPECT_EQ(XmlEscape("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", false),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  EXPECT_EQ(XmlEscape("\xff", false), kFffd);
  EXPECT_EQ(XmlEscape("\xc3", false), kFffd);                          // cut short
  EXPECT_EQ(XmlEscape("\xc0\xaf", false), kFffd + kFffd);              // overlong
  EXPECT_EQ(XmlEscape("\xed\xa0\x80", false), kFffd + kFffd + kFffd);  // a surrogate
  EXPECT_EQ(XmlEscape("\xef\xbf\xbe", false), kFffd);                  // U+FFFE
}

RunRecord ARun(const std::string& name) {
  RunRecord run;
  run.runtime = {.path = "/usr/bin/" + name,
                 .name = name,
                 .version_line = name + " version 1",
                 .version = "1"};
  run.host = {.kernel = "6.1.0", .arch = "x86_64", .cgroup_layout = "v2"};
  run.mode = "run";
  run.started = "2026-12-03T03:29:33Z";
  run.duration_us = 1500000;
  run.scenarios = {
      {.name = "hostname/set",
       .check_id = "hostname",
       .verdict = Reported::kPass,
       .duration_us = 42000},
      {.name = "hostname/mismatch",
       .check_id = "hostname",
       .spec_ref = "config.md#hostname",
       .level = "MUST",
       .verdict = Reported::kFail,
       .message = "hostname: expected \"a\"",
       .details = {{"message", "hostname: expected \"a\""}},
       .duration_us = 1000},
      {.name = "mounts/x",
       .check_id = "mounts",
       .verdict = Reported::kSkip,
       .message = "no <tmpfs>"},
      {.name = "ops/kill/term",
       .check_id = "ops/kill",
       .verdict = Reported::kExpectedFailure,
       .message = "m",
       .known_reason = "runc 1.1 does y",
       .known_line = 7,
       .details = {{"message", "m"}}},
  };
  return run;
}

TEST(JunitTextTest, OneSuitePerRunOneCasePerScenario) {
  const RunRecord runs[] = {ARun("runc"), ARun("crun")};
  std::string xml = JunitText(runs);
  EXPECT_TRUE(xml.starts_with(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"runtimetest\" tests=\"8\" "
      "failures=\"2\" errors=\"0\" skipped=\"4\" time=\"3.000\">\n  <testsuite name=\"runc 1 "
      "(kernel 6.1.0, cgroup v2)\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"2\" "
      "time=\"1.500\" timestamp=\"2026-12-03T03:29:33\">\n"))
      << xml;
  EXPECT_NE(xml.find("    <testcase classname=\"runc.hostname\" name=\"hostname/set\" "
                     "time=\"0.042\"/>\n"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<failure message=\"hostname: expected &quot;a&quot;\" type=\"MUST "
                     "config.md#hostname\">  ---\n  message: \"hostname: expected \\\"a\\\"\"\n"
                     "  ...\n</failure>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped message=\"no &lt;tmpfs&gt;\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase classname=\"crun.ops/kill\" name=\"ops/kill/term\" "
                     "time=\"0.000\">\n      <skipped message=\"expected failure: runc 1.1 does "
                     "y\">"),
            std::string::npos)
      << xml;
  EXPECT_TRUE(xml.ends_with("  </testsuite>\n</testsuites>\n")) << xml;
}

}  // namespace
}  // namespace rt::suite
