#include "cli.h"

#include <gtest/gtest.h>

namespace rt {
namespace {

TEST(Options, RuntimeToolsFlagsInBothSpellings) {
  auto o = ParseOptions({"--path=/", "--compliance-level", "SHOULD", "--log-level=debug"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->spec_path, "/");
  EXPECT_EQ(o->compliance, report::Level::kShould);
  auto p = ParseOptions({"--path", "/b", "-compliance-level=may"});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->spec_path, "/b");
  EXPECT_EQ(p->compliance, report::Level::kMay);
}

TEST(Options, YoukiTestNamesArePositional) {
  auto o = ParseOptions({"set_host_name", "process_rlimits"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->names, (std::vector<std::string>{"set_host_name", "process_rlimits"}));
  EXPECT_EQ(o->compliance, report::Level::kMust);
}

TEST(Options, BadValuesAreErrors) {
  EXPECT_FALSE(ParseOptions({"--compliance-level=often"}).ok());
  EXPECT_FALSE(ParseOptions({"--path="}).ok());
  EXPECT_FALSE(ParseOptions({"--frobnicate"}).ok());
}

TEST(Options, ReportTakesJsonAndAFile) {
  auto o = ParseOptions({"--report", "json:/out/r.json", "hostname"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->json_report, "/out/r.json");
  EXPECT_EQ(o->names, std::vector<std::string>{"hostname"});
  EXPECT_EQ(ParseOptions({"--report=junit:x.xml"}).status().message(),
            "--report: expected json:FILE, found \"junit:x.xml\"");
  EXPECT_FALSE(ParseOptions({"--report=json:"}).ok());
}

}  // namespace
}  // namespace rt
