#include "suite/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace rt::suite {
namespace {

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
  if (process.status) process.pidfd.Reset();
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
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) return Status::Errno("pidfd_open " + std::to_string(pid), errno);
  w.pidfd.Reset(fd);
  return w;
}

Result<Child> Spawn(const std::vector<std::string>& argv, int extra_fds) {
  if (argv.empty()) return Status::Error("spawn: empty command");
  Child child;
  UniqueFd out_write, err_write;
  Status s = MakePipe(child.out.fd, out_write);
  if (s.ok()) s = MakePipe(child.err.fd, err_write);
  if (!s.ok()) return s;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), 2);
  for (int fd = 3; fd < 3 + extra_fds; ++fd) {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDONLY, 0);
  }

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t empty, defaults;
  sigemptyset(&empty);
  sigemptyset(&defaults);
  for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGHUP, SIGQUIT}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int err = ::posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) return Status::Errno("spawn " + argv[0], err);

  child.process.pid = pid;
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    int open_err = errno;
    ::kill(pid, SIGKILL);
    int ignored;
    ::waitpid(pid, &ignored, 0);
    return Status::Errno("pidfd_open for " + argv[0], open_err);
  }
  child.process.pidfd.Reset(pidfd);
  return child;  // the write ends close here: only the child holds them now
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

    int n = ::poll(fds.data(), fds.size(), deadline.PollTimeoutMs());
    if (n < 0) {
      if (errno == EINTR) continue;
      return WaitEnd::kTimedOut;  // poll itself failed: nothing more can be waited for
    }
    if (n == 0) return WaitEnd::kTimedOut;
    if (interrupt_fd >= 0 && (fds[interrupt_index].revents & POLLIN)) return WaitEnd::kInterrupted;
    for (size_t i = 0; i < polled_pipes.size(); ++i) {
      if (fds[i].revents != 0) ReadSome(*polled_pipes[i]);
    }
    if (poll_process && fds[pidfd_index].revents != 0) TryReap(*what.process);
    if (!process_done && !what.process->pidfd.valid() && !what.process->exited()) {
      TryReap(*what.process);  // no pidfd to poll: reap now or report unknown
      if (!what.process->exited()) what.process->status = ExitStatus{};
    }
  }
}

void KillAndReap(Child& child, const Deadline& deadline) {
  if (child.process.exited() || child.process.pid <= 0) return;
  ::kill(-child.process.pid, SIGKILL);
  ::kill(child.process.pid, SIGKILL);
  WaitFor what{.process = &child.process};
  Wait(what, deadline, -1);
}

void ReapOrphans() {
  int wait_status;
  while (::waitpid(-1, &wait_status, WNOHANG) > 0) {
  }
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
