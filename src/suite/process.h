// Child processes of the suite: started with stdout and stderr on pipes, watched through a pidfd,
// and waited for by one poll loop that also reads the pipes, honours a deadline and wakes up on
// an interrupt fd (the signal self-pipe). Nothing here sleeps: every wait is on a file descriptor.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "suite/unique_fd.h"
#include "util/status.h"

namespace rt::suite {

// A point on the monotonic clock after which waiting stops.
class Deadline {
 public:
  static Deadline In(std::chrono::milliseconds duration);
  static Deadline Never();
  bool Passed() const;
  int PollTimeoutMs() const;  // for poll(2): -1 when there is no deadline, 0 once it passed

 private:
  std::optional<std::chrono::steady_clock::time_point> at_;
};

// How a process ended.
struct ExitStatus {
  bool known = false;  // false: the process was not ours to reap (no exit code to be had)
  int code = -1;       // exit code when it exited
  int signal = 0;      // the signal that killed it, else 0

  bool Success() const { return known && signal == 0 && code == 0; }
  std::string Describe() const;  // "exit 0", "killed by SIGKILL", "exit status unknown"
};

ExitStatus DecodeWaitStatus(int wait_status);

// Bytes read from one pipe until end of file. Beyond kMaxBytes the rest is read and dropped.
struct Capture {
  static constexpr size_t kMaxBytes = 1 << 20;
  UniqueFd fd;  // read end; closed once end of file is seen
  std::string data;
  bool truncated = false;

  bool eof() const { return !fd.valid(); }
};

// A process the suite waits for: one it spawned, or one it adopted (the container's init,
// reparented to the suite as child subreaper).
struct Watched {
  pid_t pid = -1;
  UniqueFd pidfd;
  std::optional<ExitStatus> status;  // set once reaped

  bool exited() const { return status.has_value(); }
};

// A pidfd for `pid` (pidfd_open), to poll on.
Result<Watched> Adopt(pid_t pid);

// A spawned command: its process and its stdout/stderr pipes.
struct Child {
  Watched process;
  Capture out;
  Capture err;
};

// Starts argv[0] (a path; no PATH search) with stdin from /dev/null and stdout/stderr on new
// pipes, in a process group of its own (a terminal's ^C reaches only the suite; the group id is
// the child's pid), in a normalised state whatever the suite was started with: every signal at
// its default disposition, an empty signal mask, umask 022, nice 0 (when the suite may set it).
// With `extra_fds` N, descriptors 3 .. 3+N-1 are open on /dev/null in the child (for a
// runtime's --preserve-fds).
Result<Child> Spawn(const std::vector<std::string>& argv, int extra_fds = 0);

// The umask every spawned command starts with.
constexpr mode_t kChildUmask = 022;

enum class WaitEnd { kDone, kTimedOut, kInterrupted };

struct WaitFor {
  Watched* process = nullptr;            // wait until it exited (and reap it); null: don't
  std::span<Capture* const> pipes = {};  // read them meanwhile
  bool until_eof = false;                // also wait until every pipe reached end of file
  int wake_fd = -1;  // >= 0: also done as soon as it is readable (not read; e.g. an inotify fd)
};

// The poll loop. Reads the pipes, reaps the process when its pidfd says it ended, and returns
// kDone when `what` holds, kTimedOut at the deadline, kInterrupted as soon as `interrupt_fd`
// (if >= 0) is readable; it does not read interrupt_fd.
WaitEnd Wait(const WaitFor& what, const Deadline& deadline, int interrupt_fd);

// SIGKILLs the process group of a spawned child, then reaps it (within `deadline`). Other members
// of the group may outlive it: see KillGroupAndWait.
void KillAndReap(Child& child, const Deadline& deadline);

// Makes every child exit wake the poll loop (a SIGCHLD self-pipe), so that Wait reaps children
// the suite adopted as subreaper (a runtime's helpers, a container's init) while it waits for
// something else: a zombie that nobody reaps keeps a runtime's `delete` waiting.
Status WatchChildExits();

// Reaps every exited child (waitpid(-1, WNOHANG) until none is left). The status of a process
// the suite spawned or adopted is kept for its Watched; others are dropped.
void ReapOrphans();

// SIGKILLs process group `pgid` until no process of it is left but zombies that are not the
// suite's to reap, reaping what is the suite's; waits on pidfds, never sleeps. False when some
// member still lived at the deadline.
bool KillGroupAndWait(pid_t pgid, const Deadline& deadline);

// SIGKILLs the processes `pids` (through pidfds, so a pid reused meanwhile is not hit) and waits
// until they are gone, reaping those that are the suite's. False when one lived at the deadline.
bool KillAndWait(const std::vector<pid_t>& pids, const Deadline& deadline);

// The pids whose process group is `pgid`, from /proc, zombies left out.
std::vector<pid_t> ProcessGroupMembers(pid_t pgid);

// The command line for reports: arguments joined by spaces, quoted where needed.
std::string FormatCommand(const std::vector<std::string>& argv);

}  // namespace rt::suite
