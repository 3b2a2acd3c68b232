#include "hooks/hook_log.h"

#include <gtest/gtest.h>

namespace rt::hooks {
namespace {

TEST(HookLog, KindNamesAreTheConfigMembers) {
  for (Kind k : kHookKinds) EXPECT_EQ(ParseKind(KindName(k)), k);
  EXPECT_EQ(ParseKind("process"), Kind::kProcess);
  EXPECT_EQ(ParseKind("createruntime"), std::nullopt);
  EXPECT_TRUE(InContainerNamespace(Kind::kCreateContainer));
  EXPECT_TRUE(InContainerNamespace(Kind::kStartContainer));
  EXPECT_FALSE(InContainerNamespace(Kind::kPrestart));
  EXPECT_FALSE(InContainerNamespace(Kind::kPoststop));
}

TEST(HookLog, ARecordSurvivesFormatAndParse) {
  Record r;
  r.kind = Kind::kCreateRuntime;
  r.argv = {"hook-0", "hook", "record", "--log", "/b/hooks/log", "--name", "createRuntime"};
  r.env = {"K=v", "EMPTY="};
  r.pid = 4242;
  r.ns = {{"mnt", 4026531841}, {"pid", 4026531836}};
  r.root = FileId{2049, 2};
  r.state = nlohmann::json{{"ociVersion", "1.0.2"},
                           {"id", "c1"},
                           {"status", "creating"},
                           {"pid", 4240},
                           {"bundle", "/b"}};
  r.state_problems = {"status: x"};
  r.container.pid = 4240;
  r.container.exists = true;
  r.container.running_user_program = false;
  r.container.ns = {{"mnt", 4026532301}};
  r.unobserved = {"stat /proc/self/ns/net: Permission denied"};
  const std::string line = FormatRecord(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  Result<std::vector<Record>> parsed = ParseHookLog(line + "\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_EQ(parsed->size(), 1u);
  const Record& p = parsed->front();
  EXPECT_EQ(p.kind, Kind::kCreateRuntime);
  EXPECT_EQ(p.argv, r.argv);
  EXPECT_EQ(p.env, r.env);
  EXPECT_EQ(p.pid, 4242);
  EXPECT_EQ(p.ns, r.ns);
  EXPECT_EQ(p.root, r.root);
  EXPECT_EQ(p.state, r.state);
  EXPECT_EQ(p.state_problems, r.state_problems);
  EXPECT_EQ(p.container.pid, 4240);
  EXPECT_EQ(p.container.exists, true);
  EXPECT_EQ(p.container.running_user_program, false);
  EXPECT_EQ(p.container.ns, r.container.ns);
  EXPECT_EQ(p.unobserved, r.unobserved);
}

TEST(HookLog, WhatWasNotObservedStaysAbsent) {
  Result<std::vector<Record>> parsed =
      ParseHookLog(R"({"kind":"process","argv":["/bin/runtimetest"],"env":[],"pid":1})"
                   "\n\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_EQ(parsed->size(), 1u);
  const Record& p = parsed->front();
  EXPECT_EQ(p.kind, Kind::kProcess);
  EXPECT_FALSE(p.root.has_value());
  EXPECT_FALSE(p.state.has_value());
  EXPECT_FALSE(p.container.exists.has_value());
  EXPECT_FALSE(p.container.running_user_program.has_value());
  EXPECT_TRUE(p.ns.empty());
}

TEST(HookLog, TheStateIsKeptVerbatimEvenWhenItIsNotJson) {
  Record r;
  r.kind = Kind::kPoststop;
  r.state_text = "not json \xff";
  Result<std::vector<Record>> parsed = ParseHookLog(FormatRecord(r) + "\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_FALSE(parsed->front().state.has_value());
  ASSERT_TRUE(parsed->front().state_text.has_value());
  EXPECT_EQ(parsed->front().state_text->substr(0, 9), "not json ");  // broken UTF-8 replaced
}

TEST(HookLog, ErrorsNameTheLine) {
  const std::string good = R"({"kind":"prestart"})";
  EXPECT_EQ(ParseHookLog("").value().size(), 0u);
  EXPECT_EQ(ParseHookLog(good + "\n" + good + "\n").value().size(), 2u);
  EXPECT_EQ(ParseHookLog(good + "\n{\"kind\"\n").status().message(),
            "hook log line 2: not valid JSON");
  EXPECT_EQ(
      ParseHookLog(std::string(1 << 19, '[') + std::string(1 << 19, ']') + "\n").status().message(),
      "hook log line 1: nested deeper than 100 levels");
  EXPECT_EQ(ParseHookLog(good + "\n" + good).status().message(),
            "hook log line 2: no newline at its end (a record cut short)");
  EXPECT_EQ(ParseHookLog("{\"kind\":\"preStart\"}\n").status().message(),
            "hook log line 1: kind: unknown \"preStart\"");
  EXPECT_EQ(ParseHookLog("[]\n").status().message(), "hook log line 1: expected a JSON object");
  EXPECT_EQ(ParseHookLog("{\"argv\":[]}\n").status().message(), "hook log line 1: kind: missing");
  EXPECT_EQ(ParseHookLog("{\"kind\":\"prestart\",\"argv\":[1]}\n").status().message(),
            "hook log line 1: argv: expected strings");
  EXPECT_EQ(ParseHookLog("{\"kind\":\"prestart\",\"ns\":{\"mnt\":-1}}\n").status().message(),
            "hook log line 1: ns.mnt: expected an inode");
  EXPECT_EQ(
      ParseHookLog("{\"kind\":\"prestart\",\"container\":{\"exists\":1}}\n").status().message(),
      "hook log line 1: container.exists: unexpected number");
  // A pid that is a fraction, or beyond 64 bits (found by the fuzzer: converting such a double
  // to int64_t was undefined behaviour).
  for (const char* pid : {"1.5", "3.6e75", "9223372036854775808"}) {
    EXPECT_EQ(
        ParseHookLog(std::string("{\"kind\":\"prestart\",\"container\":{\"pid\":") + pid + "}}\n")
            .status()
            .message(),
        "hook log line 1: container.pid: unexpected number")
        << pid;
  }
  EXPECT_TRUE(
      ParseHookLog("{\"kind\":\"prestart\",\"container\":{\"pid\":9223372036854775807}}\n").ok());
}

}  // namespace
}  // namespace rt::hooks
