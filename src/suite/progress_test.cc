#include "suite/progress.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "suite/files.h"
#include "suite/process.h"

namespace rt::suite {
namespace {

TEST(FormatProgressTest, IndexScenarioRuntimeAndTime) {
  EXPECT_EQ(FormatProgress(37, 164, "mounts/bind", "runc", 42, 0),
            "[37/164] mounts/bind runc 42 ms");
  EXPECT_EQ(FormatProgress(1, 3, "hostname/set", "crun", std::nullopt, 80),
            "[1/3] hostname/set crun");
}

TEST(FormatProgressTest, NeverWrapsTheTerminalLine) {
  EXPECT_EQ(FormatProgress(1, 3, "hostname/set", "crun", std::nullopt, 12), "[1/3] hostn");
  // Cut before a UTF-8 sequence, never inside it.
  EXPECT_EQ(FormatProgress(1, 3, "h\xc3\xa9", "x", std::nullopt, 9), "[1/3] h");
  EXPECT_EQ(FormatProgress(1, 3, "h\xc3\xa9", "x", std::nullopt, 10), "[1/3] h\xc3\xa9");
}

// What a Progress writes to a pipe.
std::string Written(bool enabled) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  Progress p(fds[1], enabled);
  p.Running(1, 2, "a/b", "runc");
  p.Ran(1, 2, "a/b", "runc", 7);
  p.Erase();
  p.Erase();  // once is enough
  ::close(fds[1]);
  std::string out;
  char buf[256];
  while (ssize_t n = ::read(fds[0], buf, sizeof buf)) {
    if (n < 0) break;
    out.append(buf, n);
  }
  ::close(fds[0]);
  return out;
}

TEST(ProgressTest, RewritesOneLineAndErasesIt) {
  EXPECT_EQ(Written(true), "\r\033[K[1/2] a/b runc\r\033[K[1/2] a/b runc 7 ms\r\033[K");
  EXPECT_EQ(Written(false), "");
}

#ifdef RT_BINARY
// The decision itself, on a real terminal: `script` gives the suite a pseudo-terminal as stderr
// (and stdout, which it copies to ours); the TAP stream still reads whole once the progress
// lines are taken out.
TEST(ProgressTest, ShownOnATerminalOnly) {
  const char* runc = "/usr/sbin/runc";
  if (::geteuid() != 0 || ::access(runc, X_OK) != 0) GTEST_SKIP() << "needs root and " << runc;
  if (::access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "needs script(1) (bsdutils)";
#ifdef RT_SANITIZED
  GTEST_SKIP() << "the sanitized runtimetest cannot be the container's process";
#endif
  const std::string command =
      std::string(RT_BINARY) +
      " suite --runtime /usr/sbin/runc --filter '^hostname/(set|mismatch)$'";
  Result<Child> spawned = Spawn({"/usr/bin/script", "-qec", command, "/dev/null"});
  ASSERT_TRUE(spawned.ok()) << spawned.status().message();
  Child& child = spawned.value();
  Capture* pipes[] = {&child.out, &child.err};
  Wait(WaitFor{.process = &child.process, .pipes = pipes, .until_eof = true}, Deadline::Never(),
       -1);
  const std::string& out = child.out.data;
  EXPECT_EQ(child.process.status->Describe(), "exit 0") << out;
  EXPECT_NE(out.find("\r\033[K[1/2] hostname/set runc"), std::string::npos) << out;
  EXPECT_NE(out.find("\r\033[K[2/2] hostname/mismatch runc"), std::string::npos) << out;
  // Each progress line is erased before the TAP line that follows it.
  EXPECT_NE(out.find("\r\033[K[2/2] hostname/mismatch runc\r\033[Kok 2 - runc hostname/mismatch"),
            std::string::npos)
      << out;
}
#endif

}  // namespace
}  // namespace rt::suite
