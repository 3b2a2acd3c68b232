#include "suite/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

namespace rt::suite {
namespace {

// The processes the suite spawned or adopted and has not reaped yet, and the wait statuses that
// ReapOrphans collected for them before their Watched asked.
std::unordered_set<pid_t>& WatchedPids() {
  static std::unordered_set<pid_t> pids;
  return pids;
}
std::unordered_map<pid_t, int>& CollectedStatuses() {
  static std::unordered_map<pid_t, int> statuses;
  return statuses;
}

void NoteWatched(pid_t pid) {
  WatchedPids().insert(pid);
  CollectedStatuses().erase(pid);  // a status of an earlier process with this pid
}

// The SIGCHLD self-pipe (WatchChildExits); -1 until installed.
int g_child_pipe[2] = {-1, -1};

void OnChildExit(int) {
  int saved = errno;
  char byte = 0;
  if (g_child_pipe[1] >= 0) (void)!::write(g_child_pipe[1], &byte, 1);
  errno = saved;
}

void DrainChildPipe() {
  char buf[256];
  while (::read(g_child_pipe[0], buf, sizeof buf) > 0) {
  }
}

int PidfdOpen(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

Status MakePipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::Errno("pipe2", errno);
  read_end.Reset(fds[0]);
  write_end.Reset(fds[1]);
  return Status::Ok();
}

// Reads what is available from a readable pipe; end of file closes it.
void ReadSome(Capture& capture) {
  char buf[65536];
  ssize_t n = ::read(capture.fd.get(), buf, sizeof buf);
  if (n < 0) {
    if (errno == EINTR || errno == EAGAIN) return;
    capture.fd.Reset();  // an unreadable pipe ends like end of file
    return;
  }
  if (n == 0) {
    capture.fd.Reset();
    return;
  }
  size_t room = Capture::kMaxBytes - std::min(Capture::kMaxBytes, capture.data.size());
  size_t take = std::min(room, static_cast<size_t>(n));
  capture.data.append(buf, take);
  if (take < static_cast<size_t>(n)) capture.truncated = true;
}

void TryReap(Watched& process) {
  if (process.exited()) return;
  auto collected = CollectedStatuses().find(process.pid);
  if (collected != CollectedStatuses().end()) {
    process.status = DecodeWaitStatus(collected->second);
    CollectedStatuses().erase(collected);
  } else {
    int wait_status = 0;
    pid_t r;
    do {
      r = ::waitpid(process.pid, &wait_status, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == process.pid) {
      process.status = DecodeWaitStatus(wait_status);
    } else if (r < 0) {
      process.status = ExitStatus{};  // ECHILD: it ended, but it was not ours to reap
    }
  }
  if (process.status) {
    process.pidfd.Reset();
    WatchedPids().erase(process.pid);
  }
}

// Polls `fds` (and the SIGCHLD pipe) until one is readable or the deadline; reaps what exited.
// False at the deadline.
bool PollAndReap(std::vector<pollfd>& fds, const Deadline& deadline) {
  if (g_child_pipe[0] >= 0) fds.push_back({g_child_pipe[0], POLLIN, 0});
  int n;
  do {
    n = ::poll(fds.data(), fds.size(), deadline.PollTimeoutMs());
  } while (n < 0 && errno == EINTR);
  if (g_child_pipe[0] >= 0) DrainChildPipe();
  ReapOrphans();
  return n > 0;
}

bool NeedsQuotes(const std::string& arg) {
  if (arg.empty()) return true;
  for (char c : arg) {
    if (!(isalnum(static_cast<unsigned char>(c)) || strchr("-_./=:,+@%", c) != nullptr)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Deadline Deadline::In(std::chrono::milliseconds duration) {
  Deadline d;
  d.at_ = std::chrono::steady_clock::now() + duration;
  return d;
}

Deadline Deadline::Never() { return Deadline(); }

bool Deadline::Passed() const { return at_ && std::chrono::steady_clock::now() >= *at_; }

int Deadline::PollTimeoutMs() const {
  if (!at_) return -1;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(*at_ - std::chrono::steady_clock::now());
  if (left.count() <= 0) return 0;
  return left.count() > INT32_MAX ? INT32_MAX : static_cast<int>(left.count());
}

std::string ExitStatus::Describe() const {
  if (!known) return "exit status unknown";
  if (signal != 0) {
    const char* name = sigabbrev_np(signal);
    return std::string("killed by ") + (name ? std::string("SIG") + name : std::to_string(signal));
  }
  return "exit " + std::to_string(code);
}

ExitStatus DecodeWaitStatus(int wait_status) {
  ExitStatus s;
  s.known = true;
  if (WIFEXITED(wait_status)) {
    s.code = WEXITSTATUS(wait_status);
  } else if (WIFSIGNALED(wait_status)) {
    s.signal = WTERMSIG(wait_status);
  }
  return s;
}

Result<Watched> Adopt(pid_t pid) {
  Watched w;
  w.pid = pid;
  int fd = PidfdOpen(pid);
  if (fd < 0) return Status::Errno("pidfd_open " + std::to_string(pid), errno);
  w.pidfd.Reset(fd);
  NoteWatched(pid);
  return w;
}

Result<Child> Spawn(const std::vector<std::string>& argv, int extra_fds) {
  if (argv.empty()) return Status::Error("spawn: empty command");
  Child child;
  UniqueFd out_write, err_write, exec_error_read, exec_error_write;
  Status s = MakePipe(child.out.fd, out_write);
  if (s.ok()) s = MakePipe(child.err.fd, err_write);
  if (s.ok()) s = MakePipe(exec_error_read, exec_error_write);
  if (!s.ok()) return s;
  // Above every descriptor the child sets up, so that none of them overwrites it.
  UniqueFd exec_error(::fcntl(exec_error_write.get(), F_DUPFD_CLOEXEC, 3 + extra_fds));
  if (!exec_error.valid()) return Status::Errno("fcntl(F_DUPFD_CLOEXEC)", errno);
  exec_error_write.Reset();

  // Everything the child needs is made before fork: after it, only system calls.
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  sigset_t all, empty, old_mask;
  sigfillset(&all);
  sigemptyset(&empty);
  // No handler of the suite may run in the child between fork and exec.
  ::sigprocmask(SIG_SETMASK, &all, &old_mask);
  pid_t pid = ::fork();
  if (pid == 0) {
    struct sigaction default_action = {};
    default_action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) {
      if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &default_action, nullptr);
    }
    ::setpgid(0, 0);
    ::umask(kChildUmask);
    ::setpriority(PRIO_PROCESS, 0, 0);  // fails harmlessly when the suite may not lower it
    int null_fd = ::open("/dev/null", O_RDONLY);
    bool ok = null_fd >= 0 && ::dup2(null_fd, 0) == 0 && ::dup2(out_write.get(), 1) == 1 &&
              ::dup2(err_write.get(), 2) == 2;
    for (int fd = 3; ok && fd < 3 + extra_fds; ++fd) ok = ::dup2(null_fd, fd) == fd;
    if (ok) {
      if (null_fd >= 3 + extra_fds) ::close(null_fd);
      ::sigprocmask(SIG_SETMASK, &empty, nullptr);
      ::execve(args[0], args.data(), environ);
    }
    int err = errno;
    (void)!::write(exec_error.get(), &err, sizeof err);
    ::_exit(127);
  }
  int fork_errno = errno;
  if (pid > 0) ::setpgid(pid, pid);  // the child does it too: whoever comes first, no race
  ::sigprocmask(SIG_SETMASK, &old_mask, nullptr);
  if (pid < 0) return Status::Errno("fork for " + argv[0], fork_errno);
  NoteWatched(pid);
  child.process.pid = pid;
  exec_error.Reset();
  out_write.Reset();
  err_write.Reset();

  int exec_errno = 0;
  ssize_t n;
  do {
    n = ::read(exec_error_read.get(), &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  int pidfd = n == static_cast<ssize_t>(sizeof exec_errno) ? -1 : PidfdOpen(pid);
  if (pidfd < 0) {
    Status failed = n == static_cast<ssize_t>(sizeof exec_errno)
                        ? Status::Errno("spawn " + argv[0], exec_errno)
                        : Status::Errno("pidfd_open for " + argv[0], errno);
    ::kill(pid, SIGKILL);
    if (CollectedStatuses().erase(pid) == 0) {  // the child is ours and dying: a short wait
      int wait_status;
      while (::waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
      }
    }
    WatchedPids().erase(pid);
    return failed;
  }
  child.process.pidfd.Reset(pidfd);
  return child;  // only the child holds the pipes' write ends now
}

WaitEnd Wait(const WaitFor& what, const Deadline& deadline, int interrupt_fd) {
  std::vector<pollfd> fds;
  std::vector<Capture*> polled_pipes;
  for (;;) {
    bool process_done = what.process == nullptr || what.process->exited();
    bool pipes_done = true;
    if (what.until_eof) {
      for (Capture* c : what.pipes) pipes_done = pipes_done && c->eof();
    }
    if (process_done && pipes_done) return WaitEnd::kDone;

    fds.clear();
    polled_pipes.clear();
    for (Capture* c : what.pipes) {
      if (c->eof()) continue;
      fds.push_back({c->fd.get(), POLLIN, 0});
      polled_pipes.push_back(c);
    }
    size_t pidfd_index = fds.size();
    bool poll_process = !process_done && what.process->pidfd.valid();
    if (poll_process) fds.push_back({what.process->pidfd.get(), POLLIN, 0});
    size_t interrupt_index = fds.size();
    if (interrupt_fd >= 0) fds.push_back({interrupt_fd, POLLIN, 0});
    size_t wake_index = fds.size();
    if (what.wake_fd >= 0) fds.push_back({what.wake_fd, POLLIN, 0});
    size_t child_pipe_index = fds.size();
    if (g_child_pipe[0] >= 0) fds.push_back({g_child_pipe[0], POLLIN, 0});

    int n = ::poll(fds.data(), fds.size(), deadline.PollTimeoutMs());
    if (n < 0) {
      if (errno == EINTR) continue;
      return WaitEnd::kTimedOut;  // poll itself failed: nothing more can be waited for
    }
    if (n == 0) return WaitEnd::kTimedOut;
    if (interrupt_fd >= 0 && (fds[interrupt_index].revents & POLLIN)) return WaitEnd::kInterrupted;
    if (g_child_pipe[0] >= 0 && fds[child_pipe_index].revents != 0) {
      DrainChildPipe();
      ReapOrphans();  // keeps the status of `what.process` for TryReap
      if (!process_done && !what.process->exited()) {
        if (CollectedStatuses().contains(what.process->pid)) TryReap(*what.process);
      }
    }
    for (size_t i = 0; i < polled_pipes.size(); ++i) {
      if (fds[i].revents != 0) ReadSome(*polled_pipes[i]);
    }
    if (poll_process && fds[pidfd_index].revents != 0) TryReap(*what.process);
    if (!process_done && !what.process->pidfd.valid() && !what.process->exited()) {
      TryReap(*what.process);  // no pidfd to poll: reap now or report unknown
      if (!what.process->exited()) what.process->status = ExitStatus{};
    }
    if (what.wake_fd >= 0 && fds[wake_index].revents != 0) return WaitEnd::kDone;
  }
}

void KillAndReap(Child& child, const Deadline& deadline) {
  if (child.process.exited() || child.process.pid <= 0) return;
  ::kill(-child.process.pid, SIGKILL);
  ::kill(child.process.pid, SIGKILL);
  WaitFor what{.process = &child.process};
  Wait(what, deadline, -1);
}

Status WatchChildExits() {
  if (g_child_pipe[0] >= 0) return Status::Ok();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return Status::Errno("pipe2", errno);
  g_child_pipe[0] = fds[0];
  g_child_pipe[1] = fds[1];
  struct sigaction sa = {};
  sa.sa_handler = OnChildExit;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  if (::sigaction(SIGCHLD, &sa, nullptr) != 0) return Status::Errno("sigaction(SIGCHLD)", errno);
  return Status::Ok();
}

void ReapOrphans() {
  int wait_status;
  for (;;) {
    pid_t pid = ::waitpid(-1, &wait_status, WNOHANG);
    if (pid < 0 && errno == EINTR) continue;
    if (pid <= 0) return;
    if (WatchedPids().contains(pid)) CollectedStatuses()[pid] = wait_status;
  }
}

std::vector<pid_t> ProcessGroupMembers(pid_t pgid) {
  std::vector<pid_t> members;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return members;
  while (dirent* entry = ::readdir(proc)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) continue;
    char buf[1024];
    ssize_t n = ::read(fd.get(), buf, sizeof buf - 1);
    if (n <= 0) continue;
    buf[n] = '\0';
    // "pid (comm) S ppid pgrp ...": comm may hold anything, so parse after its last ')'.
    const char* close = std::strrchr(buf, ')');
    // After it: " S ppid pgrp"; the fields are separated by single spaces.
    if (close == nullptr || close[1] != ' ' || close[2] == '\0' || close[3] != ' ') continue;
    const char state = close[2];
    char* after_ppid = nullptr;
    (void)std::strtol(close + 4, &after_ppid, 10);
    if (after_ppid == close + 4 || *after_ppid != ' ') continue;
    char* after_group = nullptr;
    const long group = std::strtol(after_ppid + 1, &after_group, 10);
    if (after_group == after_ppid + 1) continue;
    if (group == pgid && state != 'Z' && state != 'X') members.push_back(static_cast<pid_t>(pid));
  }
  ::closedir(proc);
  return members;
}

bool KillGroupAndWait(pid_t pgid, const Deadline& deadline) {
  if (pgid <= 1) return true;
  for (;;) {
    ::kill(-pgid, SIGKILL);
    ReapOrphans();
    if (::kill(-pgid, 0) != 0 && errno == ESRCH) return true;
    std::vector<pid_t> members = ProcessGroupMembers(pgid);
    if (members.empty()) return true;  // zombies only, whose parents are not the suite
    std::vector<UniqueFd> pidfds;
    std::vector<pollfd> fds;
    for (pid_t pid : members) {
      UniqueFd fd(PidfdOpen(pid));
      if (!fd.valid()) continue;
      fds.push_back({fd.get(), POLLIN, 0});
      pidfds.push_back(std::move(fd));
    }
    if (fds.empty()) continue;  // they all ended meanwhile: look again
    if (!PollAndReap(fds, deadline)) return false;
  }
}

bool KillAndWait(const std::vector<pid_t>& pids, const Deadline& deadline) {
  std::vector<UniqueFd> pidfds;
  for (pid_t pid : pids) {
    UniqueFd fd(PidfdOpen(pid));
    if (!fd.valid()) continue;  // gone already
    ::syscall(SYS_pidfd_send_signal, fd.get(), SIGKILL, nullptr, 0);
    pidfds.push_back(std::move(fd));
  }
  while (!pidfds.empty()) {
    std::vector<pollfd> fds;
    for (const UniqueFd& fd : pidfds) fds.push_back({fd.get(), POLLIN, 0});
    if (!PollAndReap(fds, deadline)) return false;
    std::vector<UniqueFd> alive;
    for (size_t i = 0; i < pidfds.size(); ++i) {
      if (fds[i].revents == 0) alive.push_back(std::move(pidfds[i]));
    }
    pidfds = std::move(alive);
  }
  return true;
}

std::string FormatCommand(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) {
    if (!line.empty()) line += ' ';
    if (!NeedsQuotes(arg)) {
      line += arg;
      continue;
    }
    line += '\'';
    for (char c : arg) {
      if (c == '\'') {
        line += "'\\''";
      } else {
        line += c;
      }
    }
    line += '\'';
  }
  return line;
}

}  // namespace rt::suite
