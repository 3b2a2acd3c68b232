#include "hooks/state.h"

#include <gtest/gtest.h>

namespace rt::hooks {
namespace {

using json = nlohmann::json;

json State(const char* status) {
  return json{{"ociVersion", "1.0.2"}, {"id", "c1"},
              {"status", status},      {"pid", 42},
              {"bundle", "/b"},        {"annotations", {{"a", "1"}}}};
}

TEST(HookState, EachKindImpliesItsStatus) {
  EXPECT_STREQ(ImpliedStatus(Kind::kPrestart), "creating");
  EXPECT_STREQ(ImpliedStatus(Kind::kCreateRuntime), "creating");
  EXPECT_STREQ(ImpliedStatus(Kind::kCreateContainer), "creating");
  EXPECT_STREQ(ImpliedStatus(Kind::kStartContainer), "created");
  EXPECT_STREQ(ImpliedStatus(Kind::kPoststart), "running");
  EXPECT_STREQ(ImpliedStatus(Kind::kPoststop), "stopped");
}

TEST(HookState, AConformingStateHasNoProblems) {
  StateExpectation expect{"c1", "/b", std::map<std::string, std::string>{{"a", "1"}}};
  EXPECT_EQ(StateProblems(Kind::kPoststart, State("running"), expect), std::vector<std::string>{});
  json stopped = State("stopped");
  stopped.erase("pid");  // optional when stopped
  EXPECT_EQ(StateProblems(Kind::kPoststop, stopped, expect), std::vector<std::string>{});
}

TEST(HookState, TheSchemaIsChecked) {
  EXPECT_EQ(StateProblems(Kind::kPoststop, json::array(), {}),
            std::vector<std::string>{"expected a JSON object, found array"});
  json s = State("stopped");
  s.erase("id");
  s["bundle"] = 7;
  s["pid"] = -1;
  s["ociVersion"] = "";
  EXPECT_EQ(
      StateProblems(Kind::kPoststop, s, {}),
      (std::vector<std::string>{"id: required, missing", "bundle: expected a string, found number",
                                "ociVersion: empty", "pid: -1 is negative"}));
  s = State("paused");
  EXPECT_EQ(StateProblems(Kind::kPoststop, s, {}),
            std::vector<std::string>{
                "status: \"paused\" is none of creating, created, running, stopped"});
  s = State("stopped");
  s["annotations"] = {{"a", 1}};
  EXPECT_EQ(StateProblems(Kind::kPoststop, s, {}),
            std::vector<std::string>{"annotations.a: expected a string, found number"});
}

TEST(HookState, TheStatusMustBeTheOneTheKindImplies) {
  EXPECT_EQ(StateProblems(Kind::kPoststart, State("created"), {}),
            std::vector<std::string>{
                "status: expected \"running\" for a poststart hook, found \"created\""});
  EXPECT_EQ(StateProblems(Kind::kCreateRuntime, State("created"), {}),
            std::vector<std::string>{
                "status: expected \"creating\" for a createRuntime hook, found \"created\""});
}

TEST(HookState, CreatedAndRunningNeedAPid) {
  json s = State("running");
  s.erase("pid");
  EXPECT_EQ(StateProblems(Kind::kPoststart, s, {}),
            std::vector<std::string>{"pid: expected a pid > 0 with status running, found none"});
  json zero = State("created");
  zero["pid"] = 0;
  EXPECT_EQ(StateProblems(Kind::kStartContainer, zero, {}),
            std::vector<std::string>{"pid: expected a pid > 0 with status created, found 0"});
  json creating = State("creating");
  creating.erase("pid");
  EXPECT_EQ(StateProblems(Kind::kCreateRuntime, creating, {}), std::vector<std::string>{});
}

TEST(HookState, IdBundleAndAnnotationsAreTheContainers) {
  StateExpectation expect{"c2", "/other", std::map<std::string, std::string>{{"a", "2"}}};
  EXPECT_EQ(StateProblems(Kind::kPoststart, State("running"), expect),
            (std::vector<std::string>{"id: expected \"c2\", found \"c1\"",
                                      "bundle: expected \"/other\", found \"/b\"",
                                      "annotations: not the config's (\"a\" is \"1\", expected "
                                      "\"2\")"}));
  expect = {std::nullopt, std::nullopt, std::map<std::string, std::string>{}};
  EXPECT_EQ(StateProblems(Kind::kPoststart, State("running"), expect),
            std::vector<std::string>{"annotations: not the config's (\"a\" not in the config)"});
  json no_annotations = State("running");
  no_annotations.erase("annotations");  // absent and empty are the same
  EXPECT_EQ(StateProblems(Kind::kPoststart, no_annotations, expect), std::vector<std::string>{});
}

// The suite's bundle path holds whatever bytes $TMPDIR has: a mismatch is still a problem, with
// the bytes that are not UTF-8 shown as U+FFFD (a strict JSON dump would throw).
TEST(HookState, AnExpectedBundleThatIsNotUtf8IsQuotedWithReplacements) {
  StateExpectation expect{"c1", "/tmp/\xff/b", std::nullopt};
  EXPECT_EQ(StateProblems(Kind::kPoststart, State("running"), expect),
            std::vector<std::string>{"bundle: expected \"/tmp/\xef\xbf\xbd/b\", found \"/b\""});
}

// 2^64-1 is an integer nlohmann keeps unsigned: not negative, and > 0.
TEST(HookState, AHugePidIsNotNegative) {
  json s = State("running");
  s["pid"] = UINT64_MAX;
  EXPECT_EQ(StateProblems(Kind::kPoststart, s, {}), std::vector<std::string>{});
}

}  // namespace
}  // namespace rt::hooks
