#include "suite/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace rt::suite {
namespace {

// Runs argv until it exits and closes its output.
WaitEnd RunToEnd(Child& child, const Deadline& deadline, int interrupt_fd = -1) {
  Capture* pipes[] = {&child.out, &child.err};
  return Wait(WaitFor{.process = &child.process, .pipes = pipes, .until_eof = true}, deadline,
              interrupt_fd);
}

TEST(ProcessTest, CapturesBothStreamsAndTheExitCode) {
  Result<Child> spawned = Spawn({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  EXPECT_EQ(RunToEnd(child, Deadline::Never()), WaitEnd::kDone);
  ASSERT_TRUE(child.process.status);
  EXPECT_EQ(child.process.status->Describe(), "exit 3");
  EXPECT_EQ(child.out.data, "out\n");
  EXPECT_EQ(child.err.data, "err\n");
  EXPECT_TRUE(child.out.eof() && child.err.eof());
}

TEST(ProcessTest, StdinIsEmptyAndTheChildHasItsOwnProcessGroup) {
  Result<Child> spawned = Spawn({"/bin/sh", "-c", "cat; cut -d' ' -f5 /proc/$$/stat; echo $$"});
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  EXPECT_EQ(RunToEnd(child, Deadline::Never()), WaitEnd::kDone);
  std::string pid = std::to_string(child.process.pid);
  EXPECT_EQ(child.out.data, pid + "\n" + pid + "\n");
}

TEST(ProcessTest, ADeadlineEndsTheWaitWithoutKilling) {
  Result<Child> spawned = Spawn({"/bin/sh", "-c", "exec sleep 1000"});
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  EXPECT_EQ(RunToEnd(child, Deadline::In(std::chrono::milliseconds(20))), WaitEnd::kTimedOut);
  EXPECT_FALSE(child.process.exited());
  KillAndReap(child, Deadline::Never());
  ASSERT_TRUE(child.process.status);
  EXPECT_EQ(child.process.status->Describe(), "killed by SIGKILL");
}

TEST(ProcessTest, AReadableInterruptFdStopsTheWait) {
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  ASSERT_EQ(::write(fds[1], "x", 1), 1);
  Result<Child> spawned = Spawn({"/bin/sh", "-c", "exec sleep 1000"});
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  EXPECT_EQ(RunToEnd(child, Deadline::Never(), fds[0]), WaitEnd::kInterrupted);
  KillAndReap(child, Deadline::Never());
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(ProcessTest, AdoptedProcessThatIsNotOursEndsWithUnknownStatus) {
  // The test's parent is no child of the test: its pidfd can be had, its exit status cannot.
  Result<Watched> parent = Adopt(::getppid());
  ASSERT_TRUE(parent.ok()) << parent.status().message();
  EXPECT_TRUE(parent->pidfd.valid());
  EXPECT_FALSE(Adopt(-5).ok());
}

TEST(ProcessTest, ChildrenStartNormalisedWhateverTheSuiteInherited) {
  mode_t old_umask = ::umask(077);
  struct sigaction ignore = {}, old_usr1;
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGUSR1, &ignore, &old_usr1);
  sigset_t usr2, old_mask;
  sigemptyset(&usr2);
  sigaddset(&usr2, SIGUSR2);
  ::sigprocmask(SIG_BLOCK, &usr2, &old_mask);
  Result<Child> spawned =
      Spawn({"/bin/sh", "-c", "umask; grep -E '^Sig(Blk|Ign)' /proc/self/status"});
  ::umask(old_umask);
  ::sigaction(SIGUSR1, &old_usr1, nullptr);
  ::sigprocmask(SIG_SETMASK, &old_mask, nullptr);
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  EXPECT_EQ(RunToEnd(child, Deadline::Never()), WaitEnd::kDone);
  EXPECT_EQ(child.out.data, "0022\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
}

TEST(ProcessTest, TheExitStatusSurvivesADrainOfAllChildren) {
  Result<Child> spawned = Spawn({"/bin/sh", "-c", "exit 7"});
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  Capture* pipes[] = {&child.out, &child.err};
  EXPECT_EQ(Wait(WaitFor{.pipes = pipes, .until_eof = true}, Deadline::Never(), -1),
            WaitEnd::kDone);
  // Wait until it is a zombie, then let the drain reap it before its Watched asks.
  siginfo_t info = {};
  ASSERT_EQ(::waitid(P_PID, child.process.pid, &info, WEXITED | WNOWAIT), 0);
  ReapOrphans();
  EXPECT_EQ(RunToEnd(child, Deadline::Never()), WaitEnd::kDone);
  ASSERT_TRUE(child.process.status);
  EXPECT_EQ(child.process.status->Describe(), "exit 7");
}

TEST(ProcessTest, KillGroupAndWaitLeavesNoMemberOfTheGroup) {
  // The shell leaves a background sleep in its group and exits: the group outlives its leader.
  Result<Child> spawned = Spawn({"/bin/sh", "-c", "sleep 1000 >/dev/null 2>&1 &"});
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  EXPECT_EQ(RunToEnd(child, Deadline::Never()), WaitEnd::kDone);
  const pid_t group = child.process.pid;
  EXPECT_FALSE(ProcessGroupMembers(group).empty());
  EXPECT_TRUE(KillGroupAndWait(group, Deadline::In(std::chrono::seconds(5))));
  EXPECT_TRUE(ProcessGroupMembers(group).empty());
}

TEST(ProcessTest, SpawnErrorsNameTheProgram) {
  Result<Child> missing = Spawn({"/nonexistent/runtime", "state", "x"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "spawn /nonexistent/runtime: No such file or directory");
}

TEST(ProcessTest, FormatCommandQuotesWhatTheShellWouldSplit) {
  EXPECT_EQ(FormatCommand({"/usr/sbin/runc", "--root=/tmp/x", "run", "--bundle", "/tmp/b", "id-1"}),
            "/usr/sbin/runc --root=/tmp/x run --bundle /tmp/b id-1");
  EXPECT_EQ(FormatCommand({"sh", "-c", "echo 'hi' there", ""}),
            "sh -c 'echo '\\''hi'\\'' there' ''");
}

TEST(ProcessTest, ExitStatusDescriptions) {
  EXPECT_EQ(DecodeWaitStatus(0).Describe(), "exit 0");
  EXPECT_TRUE(DecodeWaitStatus(0).Success());
  EXPECT_EQ(DecodeWaitStatus(2 << 8).Describe(), "exit 2");
  EXPECT_EQ(DecodeWaitStatus(9).Describe(), "killed by SIGKILL");
  EXPECT_EQ(ExitStatus{}.Describe(), "exit status unknown");
  EXPECT_FALSE(ExitStatus{}.Success());
}

}  // namespace
}  // namespace rt::suite
