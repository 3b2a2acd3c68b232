#include "checks/registry.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

namespace rt::checks {
namespace {

TEST(Registry, CheckIdsAreUnique) {
  std::set<std::string_view> ids;
  for (const CheckDef& c : AllChecks()) EXPECT_TRUE(ids.insert(c.id).second) << c.id;
}

TEST(Registry, NoNamesSelectsEverything) {
  auto r = SelectChecks({});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), AllChecks().size());
}

TEST(Registry, YoukiNamesAreAliases) {
  auto r = SelectChecks({"set_host_name", "process"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::vector<std::string_view> ids;
  for (const CheckDef* c : *r) ids.push_back(c->id);
  EXPECT_EQ(ids, (std::vector<std::string_view>{"hostname", "process.cwd", "process.env",
                                                "process.args"}));
}

TEST(Registry, EveryAliasNamesAnImplementedOrPlannedCheck) {
  std::set<std::string_view> ids;
  for (const CheckDef& c : AllChecks()) ids.insert(c.id);
  for (const Alias& a : Aliases()) {
    for (std::string_view id : a.checks) {
      EXPECT_TRUE(ids.count(id) || IsPlannedCheck(id)) << a.name << " -> " << id;
    }
  }
}

TEST(Registry, AliasOfAMissingCheckSaysSo) {
  for (const Alias& a : Aliases()) {
    auto r = SelectChecks({std::string(a.name)});
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find("not implement"), std::string::npos);
    }
  }
}

// Every youki runtimetest test name runs checks this runtimetest implements.
TEST(Registry, EveryYoukiNameRunsImplementedChecks) {
  for (const Alias& a : Aliases()) {
    auto r = SelectChecks({std::string(a.name)});
    ASSERT_TRUE(r.ok()) << a.name << ": " << r.status().message();
    EXPECT_EQ(r->size(), a.checks.size()) << a.name;
  }
}

TEST(Registry, UnknownNameIsAnError) {
  auto r = SelectChecks({"no_such_test"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("unknown"), std::string::npos);
}

TEST(Registry, SameCheckTwiceRunsOnce) {
  auto r = SelectChecks({"hostname", "set_host_name"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1u);
}

}  // namespace
}  // namespace rt::checks

namespace rt::checks {
namespace {

// The README's check table is the user's index: every check has its row there.
TEST(Registry, EveryCheckHasARowInTheReadme) {
  std::ifstream in(std::string(RT_SOURCE_DIR) + "/README.md");
  const std::string readme(std::istreambuf_iterator<char>(in), {});
  ASSERT_FALSE(readme.empty());
  for (const CheckDef& c : AllChecks()) {
    const std::string row = "| " + std::string(c.id) + " | " + std::string(c.reference);
    EXPECT_NE(readme.find(row), std::string::npos) << "README.md lacks a row starting " << row;
  }
}

}  // namespace
}  // namespace rt::checks
