// The hook program end to end: the built binary, run as a runtime runs a hook.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hooks/hook_log.h"
#include "util/file.h"
#include "util/json.h"
#include "util/json_test_util.h"

namespace rt::hooks {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

class HookProgram : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rt_hook_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // The "container process" is this test: root "/" and args[0] this test's executable.
    const std::string self = fs::read_symlink("/proc/self/exe").string();
    std::ofstream(dir_ / "config.json") << json{
        {"ociVersion", "1.3.0"},
        {"root", {{"path", "/"}}},
        {"process", {{"args", {self}}}},
        {"annotations", {{"a", "1"}}}}.dump();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `runtimetest hook ARGS` with environment exactly `env` and `state` on stdin.
  int Hook(const std::string& env, const std::string& args, const json& state) {
    std::ofstream(dir_ / "state") << state.dump();
    const std::string cmd = "env -i " + env + " " + RT_BINARY + " hook " + args + " <" +
                            (dir_ / "state").string() + " 2>" + (dir_ / "err").string();
    const int raw = std::system(cmd.c_str());
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128;
  }
  std::vector<Record> Log() { return ParseHookLog(ReadWholeFile(LogPath()).value()).value(); }
  std::string LogPath() const { return (dir_ / "log").string(); }
  json State(const char* status) const {
    return {{"ociVersion", "1.3.0"},   {"id", "c1"},
            {"status", status},        {"pid", getpid()},
            {"bundle", dir_.string()}, {"annotations", {{"a", "2"}}}};
  }

  fs::path dir_;
};

TEST_F(HookProgram, RecordAppendsWhatItGot) {
  ASSERT_EQ(
      Hook("K=v E=", "record --log " + LogPath() + " --name createRuntime", State("creating")), 0);
  ASSERT_EQ(Hook("", "record --log " + LogPath() + " --name poststart", State("created")), 0);
  std::vector<Record> log = Log();
  ASSERT_EQ(log.size(), 2u);
  const Record& r = log[0];
  EXPECT_EQ(r.kind, Kind::kCreateRuntime);
  EXPECT_EQ(r.argv.back(), "createRuntime");
  EXPECT_EQ(r.env, (std::vector<std::string>{"K=v", "E="}));
  EXPECT_GT(r.pid, 0);
  EXPECT_EQ(r.ns.size(), 3u);
  EXPECT_TRUE(r.root.has_value());
  EXPECT_EQ((*r.state)["id"], "c1");
  EXPECT_EQ(r.state_problems,
            std::vector<std::string>{"annotations: not the config's (\"a\" is \"2\", expected "
                                     "\"1\")"});
  EXPECT_EQ(r.container.pid, getpid());
  EXPECT_EQ(r.container.exists, true);
  EXPECT_EQ(r.container.running_user_program, true);
  EXPECT_EQ(r.container.ns.size(), 3u);
  EXPECT_EQ(log[1].kind, Kind::kPoststart);
  EXPECT_EQ(log[1].env, std::vector<std::string>{});
  EXPECT_EQ(log[1].state_problems.size(), 2u);  // status, annotations
}

TEST_F(HookProgram, ArgvArrivesWhole) {
  ASSERT_EQ(Hook("", "record --log " + LogPath() + " --name prestart", State("creating")), 0);
  std::vector<Record> log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].argv, (std::vector<std::string>{RT_BINARY, "hook", "record", "--log", LogPath(),
                                                   "--name", "prestart"}));
}

TEST_F(HookProgram, WhatFollowsTwoDashesIsOnlyRecorded) {
  ASSERT_EQ(
      Hook("", "record --log " + LogPath() + " --name prestart -- --name x ''", State("creating")),
      0);
  EXPECT_EQ(Log().at(0).argv.back(), "");
  EXPECT_EQ(Log().at(0).kind, Kind::kPrestart);
}

TEST_F(HookProgram, TheStateMayBeAnything) {
  std::ofstream(dir_ / "state") << "not json";
  const std::string cmd = std::string(RT_BINARY) + " hook record --log " + LogPath() +
                          " --name poststop <" + (dir_ / "state").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::vector<Record> log = Log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].state_text, "not json");
  EXPECT_EQ(log[0].state_problems, std::vector<std::string>{"not valid JSON"});
}

// The state comes from the runtime: each one-node change of a conforming one (every JSON type
// in every place, every member missing) and bytes that are not UTF-8, on stdin or in argv and
// env, are recorded (exit 0, one more well-formed record), never a crash of the hook.
TEST_F(HookProgram, NoStateOnStdinMakesTheRecorderFail) {
  const std::string cmd = "env -i 'E=\xff' " + std::string(RT_BINARY) + " hook record --log " +
                          LogPath() + " --name prestart -- '\xc3' <" + (dir_ / "state").string() +
                          " 2>" + (dir_ / "err").string();
  std::vector<std::pair<std::string, std::string>> inputs = {
      {"\xff{", "not UTF-8"},
      {"{\"id\":\"\xff\"}", "a string not UTF-8"},
      {std::string(1 << 19, '[') + std::string(1 << 19, ']'), "a megabyte of nesting"}};
  // Under the sanitizers each hook run costs some 200 ms: every fourth variant there.
#ifdef RT_SANITIZED
  constexpr size_t kStride = 4;
#else
  constexpr size_t kStride = 1;
#endif
  size_t variants = 0;
  ForEachVariant(State("creating"), [&](const std::string& text, const std::string& what) {
    if (variants++ % kStride == 0) inputs.emplace_back(text, what);
  });
  for (const auto& [text, what] : inputs) {
    std::ofstream(dir_ / "state", std::ios::trunc) << text;
    fs::remove(LogPath());  // one record a run: re-reading the megabyte one each time was slow
    ASSERT_EQ(std::system(cmd.c_str()), 0)
        << what << ": " << ReadWholeFile((dir_ / "err").string()).value();
    Result<std::vector<Record>> log = ParseHookLog(ReadWholeFile(LogPath()).value());
    ASSERT_TRUE(log.ok()) << what << ": " << log.status().message();
    ASSERT_EQ(log->size(), 1u) << what;
    EXPECT_EQ(log->back().env, std::vector<std::string>{"E=\xef\xbf\xbd"});
    EXPECT_EQ(log->back().argv.back(), "\xef\xbf\xbd");
  }
  EXPECT_GT(variants, 100u);
}

TEST_F(HookProgram, FailRecordsThenExits1) {
  EXPECT_EQ(Hook("", "fail --log " + LogPath() + " --name createContainer", State("creating")), 1);
  EXPECT_EQ(Log().size(), 1u);
  EXPECT_EQ(Hook("", "fail", State("creating")), 1);
}

TEST_F(HookProgram, BadArgumentsExit2) {
  EXPECT_EQ(Hook("", "record --name createRuntime", State("creating")), 2);
  EXPECT_EQ(Hook("", "record --log " + LogPath() + " --name preStart", State("creating")), 2);
  EXPECT_EQ(Hook("", "sleep", State("creating")), 2);
  EXPECT_EQ(ReadWholeFile((dir_ / "err").string()).value(),
            "runtimetest hook: unknown mode \"sleep\" (record, fail or hang)\n");
  EXPECT_FALSE(fs::exists(LogPath()));
}

}  // namespace
}  // namespace rt::hooks
