#include "suite/op_judge.h"

#include <gtest/gtest.h>

#include "util/json.h"
#include "util/json_test_util.h"

namespace rt::suite {
namespace {

CommandRecord Ran(int code, std::string out = "", std::string err = "") {
  CommandRecord c;
  c.command = "runc x";
  c.exit = ExitStatus{.known = true, .code = code};
  c.out = std::move(out);
  c.err = std::move(err);
  return c;
}

constexpr const char* kRunning = R"({"ociVersion": "1.0.2", "id": "c1", "status": "running",
  "pid": 42, "bundle": "/b", "annotations": {"k": "v", "org.x": "y"}})";

TEST(OpJudgeTest, SnapshotsPresentAndAbsent) {
  StateSnapshot s = SnapshotOf(Ran(0, kRunning), "c1");
  EXPECT_TRUE(s.present);
  EXPECT_EQ(Describe(s), "running, pid 42");
  StateSnapshot gone = SnapshotOf(Ran(1, "", "container does not exist\n"), "c1");
  EXPECT_FALSE(gone.present);
  EXPECT_EQ(gone.why, "`state` exit 1: container does not exist");
  EXPECT_EQ(Describe(gone), "absent");
  StateSnapshot bad = SnapshotOf(Ran(0, "{}"), "c1");
  EXPECT_TRUE(bad.present);
  EXPECT_EQ(Describe(bad), "present, but state: ociVersion missing");
}

TEST(OpJudgeTest, AnErrorIsANonZeroExitThatChangesNothing) {
  StateSnapshot running = SnapshotOf(Ran(0, kRunning), "c1");
  StateSnapshot absent = SnapshotOf(Ran(1), "c1");
  EXPECT_EQ(JudgeError(Ran(1), running, running), "");
  EXPECT_EQ(JudgeError(Ran(1), absent, absent), "");
  EXPECT_EQ(JudgeError(Ran(0), running, running),
            "expected an error (a non-zero exit), found exit 0 (the container was running, pid "
            "42, is now running, pid 42)");
  EXPECT_EQ(JudgeError(Ran(1), running, absent),
            "the error changed the container: it was running, pid 42, is now absent (an error "
            "must leave the state as if the operation were never attempted)");
  std::string stopped = kRunning;
  stopped.replace(stopped.find("running"), 7, "stopped");
  EXPECT_NE(JudgeError(Ran(2), running, SnapshotOf(Ran(0, stopped), "c1")), "");
  CommandRecord killed = Ran(1);
  killed.end = WaitEnd::kTimedOut;
  EXPECT_EQ(JudgeError(killed, running, running), "`runc x` timed out (killed)");
}

TEST(OpJudgeTest, AnErrorThatStopsTheContainerIsANonZeroExit) {
  EXPECT_EQ(JudgeStopped(Ran(1)), "");
  EXPECT_EQ(
      JudgeStopped(Ran(0)),
      "expected an error (a non-zero exit: a failing hook stops the container), found exit 0");
  CommandRecord killed = Ran(1);
  killed.end = WaitEnd::kTimedOut;
  EXPECT_EQ(JudgeStopped(killed), "`runc x` timed out (killed)");
}

TEST(OpJudgeTest, SuccessIsExitZero) {
  EXPECT_EQ(JudgeSuccess(Ran(0)), "");
  EXPECT_EQ(JudgeSuccess(Ran(1, "", "cannot start\nmore\n")),
            "expected success, found exit 1: cannot start");
}

TEST(OpJudgeTest, StateMustBeValidShowTheStatusAndEchoTheAnnotations) {
  EXPECT_EQ(JudgeState(kRunning, "c1", "/b", {{"k", "v"}}, "running"), "");
  EXPECT_EQ(JudgeState(kRunning, "c1", "/b", {}, nullptr), "");
  EXPECT_EQ(JudgeState(kRunning, "c1", "/b", {}, "created"),
            "state: expected status created, found running");
  EXPECT_EQ(JudgeState(kRunning, "c1", "/b", {{"missing", "v"}}, nullptr),
            "state: annotation \"missing\" of config.json missing");
  EXPECT_EQ(JudgeState(kRunning, "c1", "/b", {{"k", "w"}}, nullptr),
            "state: annotation \"k\": expected \"w\", found \"v\"");
  EXPECT_EQ(JudgeState(kRunning, "c2", "/b", {}, nullptr), "state: id is \"c1\", expected \"c2\"");
  EXPECT_EQ(JudgeState(R"({"ociVersion":"1","id":"c1","status":"stopped","pid":-1,"bundle":"/b"})",
                       "c1", "/b", {}, nullptr),
            "state: pid is -1, the schema's minimum is 0");
  EXPECT_EQ(JudgeState(R"({"ociVersion":"1","id":"c1","status":"stopped","bundle":"/b",
                           "annotations":{"k":1}})",
                       "c1", "/b", {}, nullptr),
            "state: annotation \"k\" is not a string");
  EXPECT_EQ(JudgeState(R"({"ociVersion":"1","id":"c1","status":"running","bundle":"/b"})", "c1",
                       "/b", {}, nullptr),
            "state: status running but pid 0, expected a pid > 0");
}

TEST(OpJudgeTest, FileTextIsComparedLineByLine) {
  EXPECT_EQ(JudgeFileText("ready\nUSR1\n", "ready\nUSR1\n"), "");
  EXPECT_EQ(JudgeFileText("ready\nUSR1\n", "ready\nUSR2\n"),
            "line 2: expected \"USR2\", found \"USR1\"");
  EXPECT_EQ(JudgeFileText("ran\n", "ran\nran\n"), "line 2: expected \"ran\", found nothing");
  EXPECT_EQ(JudgeFileText("", "ran\n"), "line 1: expected \"ran\", found nothing");
  EXPECT_EQ(JudgeFileText("ran\n", ""), "line 1: expected nothing, found \"ran\"");
  EXPECT_EQ(JudgeFileText("ran", "ran\n"), "expected \"ran\\n\", found \"ran\"");
}

TEST(OpJudgeTest, HasLineMatchesWholeLines) {
  EXPECT_TRUE(HasLine("ready\nUSR1\n", "USR1"));
  EXPECT_FALSE(HasLine("ready\nUSR12\n", "USR1"));
  EXPECT_FALSE(HasLine("", "ready"));
}

// `state` output is the runtime's: every one-node change of a valid one (each JSON type in each
// place, each member removed) is a snapshot or a judgement, never aborted over.
TEST(OpJudgeTest, NoChangeOfOneNodeOfTheStateMakesJudgingAbort) {
  size_t variants = 0, valid = 0;
  ForEachVariant(nlohmann::json::parse(kRunning),
                 [&](const std::string& text, const std::string& /*what*/) {
                   ++variants;
                   {  // no exceptions: a conversion that refused would abort
                     StateSnapshot s = SnapshotOf(Ran(0, text), "c1");
                     (void)Describe(s);
                     const std::string why = JudgeState(text, "c1", "/b", {{"k", "v"}}, "running");
                     valid += why.empty();
                   }
                 });
  EXPECT_GT(variants, 100u);
  EXPECT_GT(valid, 0u);  // an extra annotation, a member that may be absent
}

}  // namespace
}  // namespace rt::suite
