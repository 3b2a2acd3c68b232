#include "suite/runtime_client.h"

#include <gtest/gtest.h>

namespace rt::suite {
namespace {

// As runc 1.1.5 prints it.
constexpr const char* kRuncCreated = R"({
  "ociVersion": "1.0.2-dev",
  "id": "c1",
  "pid": 3613,
  "status": "created",
  "bundle": "/tmp/b",
  "rootfs": "/tmp/b/rootfs",
  "created": "2026-11-25T14:55:02.18994374Z",
  "owner": ""
})";

// As crun 1.8.1 prints it.
constexpr const char* kCrunStopped = R"({
    "ociVersion": "1.0.0",
    "id": "c1",
    "pid": 0,
    "status": "stopped",
    "bundle": "/tmp/b",
    "rootfs": "rootfs",
    "created": "2026-11-25T14:55:02.464630Z",
    "systemd-scope": "",
    "owner": "root"
}
)";

TEST(ParseStateTest, AcceptsWhatRuncAndCrunPrint) {
  Result<ContainerState> created = ParseState(kRuncCreated, "c1", "/tmp/b");
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->status, "created");
  EXPECT_EQ(created->pid, 3613);
  EXPECT_EQ(created->oci_version, "1.0.2-dev");
  Result<ContainerState> stopped = ParseState(kCrunStopped, "c1", "/tmp/b");
  ASSERT_TRUE(stopped.ok()) << stopped.status().message();
  EXPECT_EQ(stopped->status, "stopped");
  EXPECT_EQ(stopped->pid, 0);
}

TEST(ParseStateTest, RejectsWhatTheSpecForbids) {
  auto message = [](const std::string& json) {
    return ParseState(json, "c1", "/tmp/b").status().message();
  };
  EXPECT_EQ(message("not json"), "state output is not valid JSON");
  EXPECT_EQ(message(std::string(200, '[') + std::string(200, ']')),
            "state output is nested deeper than 100 levels");
  EXPECT_EQ(message("[]"), "state output is not a JSON object");
  EXPECT_EQ(message(R"({"id":"c1","status":"created","pid":1,"bundle":"/tmp/b"})"),
            "state: ociVersion missing");
  EXPECT_EQ(message(R"({"ociVersion":"","id":"c1","status":"created","pid":1,"bundle":"/tmp/b"})"),
            "state: ociVersion is empty");
  EXPECT_EQ(message(R"({"ociVersion":"1","id":"c2","status":"created","pid":1,"bundle":"/tmp/b"})"),
            "state: id is \"c2\", expected \"c1\"");
  EXPECT_EQ(message(R"({"ociVersion":"1","id":"c1","status":"paused","pid":1,"bundle":"/tmp/b"})"),
            "state: status \"paused\" is none of creating, created, running, stopped");
  EXPECT_EQ(message(R"({"ociVersion":"1","id":"c1","status":"running","pid":0,"bundle":"/tmp/b"})"),
            "state: status running but pid 0, expected a pid > 0");
  EXPECT_EQ(message(R"({"ociVersion":"1","id":"c1","status":"created","bundle":"/tmp/b"})"),
            "state: status created but pid 0, expected a pid > 0");
  EXPECT_EQ(message(R"({"ociVersion":"1","id":"c1","status":"stopped","pid":"7","bundle":"/b"})"),
            "state: pid is not an integer");
  EXPECT_EQ(message(R"({"ociVersion":"1","id":"c1","status":"stopped","bundle":"/tmp/c"})"),
            "state: bundle is \"/tmp/c\", expected \"/tmp/b\"");
  EXPECT_EQ(message(R"({"ociVersion":1,"id":"c1","status":"stopped","bundle":"/tmp/b"})"),
            "state: ociVersion is not a string");
}

// A pid no process can have (pid_t is 32 bits; the kernel's pid_max at most 2^22) is an error,
// not a number wrapped into one that may name another process.
TEST(ParseStateTest, APidBeyondPidTIsAnError) {
  auto message = [](const std::string& pid) {
    return ParseState(R"({"ociVersion":"1","id":"c1","status":"running","pid":)" + pid +
                          R"(,"bundle":"/tmp/b"})",
                      "c1", "/tmp/b")
        .status()
        .message();
  };
  EXPECT_EQ(message("4294967297"), "state: pid is 4294967297, beyond any pid (2147483647)");
  EXPECT_EQ(message("18446744073709551615"),
            "state: pid is 18446744073709551615, beyond any pid (2147483647)");
  EXPECT_EQ(message("2147483647"), "ok");
}

TEST(ParseListQuietTest, OneIdALine) {
  EXPECT_EQ(ParseListQuiet("a\nrt-1-2\n\n  b  \n"), (std::vector<std::string>{"a", "rt-1-2", "b"}));
  EXPECT_TRUE(ParseListQuiet("").empty());
}

TEST(ParseVersionTest, NameAndVersionFromTheFirstLine) {
  RuntimeVersion runc = ParseVersion("runc version 1.1.5+ds1\ncommit: x\nspec: 1.0.2-dev\n");
  EXPECT_EQ(runc.line, "runc version 1.1.5+ds1");
  EXPECT_EQ(runc.name, "runc");
  EXPECT_EQ(runc.version, "1.1.5+ds1");
  RuntimeVersion youki = ParseVersion("youki 0.3.0\ncommit: abc\n");
  EXPECT_EQ(youki.name, "youki");
  EXPECT_EQ(youki.version, "0.3.0");
  EXPECT_EQ(ParseVersion("").name, "");
}

TEST(RuntimeClientTest, GlobalFlagsGoBeforeTheSubcommand) {
  RuntimeClient client("/usr/bin/crun", {"--root", "/tmp/state"});
  EXPECT_EQ(client.Argv({"delete", "--force", "c1"}),
            (std::vector<std::string>{"/usr/bin/crun", "--root", "/tmp/state", "delete", "--force",
                                      "c1"}));
  EXPECT_EQ(client.Basename(), "crun");
}

TEST(CommandRecordTest, DescribesHowTheCommandEnded) {
  CommandRecord r;
  r.exit = ExitStatus{.known = true, .code = 1};
  EXPECT_EQ(r.Describe(), "exit 1");
  EXPECT_FALSE(r.Succeeded());
  r.end = WaitEnd::kTimedOut;
  EXPECT_EQ(r.Describe(), "timed out (killed)");
  r.spawn_error = Status::Errno("spawn /nope", ENOENT);
  EXPECT_EQ(r.Describe(), "could not start: spawn /nope: No such file or directory");
}

}  // namespace
}  // namespace rt::suite
