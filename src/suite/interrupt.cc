#include "suite/interrupt.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace rt::suite {
namespace {

volatile sig_atomic_t g_signal = 0;
volatile sig_atomic_t g_write_fd = -1;
struct sigaction g_old_int, g_old_term;

void OnSignal(int sig) {
  int saved = errno;
  if (g_signal == 0) g_signal = sig;
  char byte = static_cast<char>(sig);
  if (g_write_fd >= 0) (void)!::write(g_write_fd, &byte, 1);
  errno = saved;
}

}  // namespace

Result<std::unique_ptr<InterruptWatch>> InterruptWatch::Install() {
  if (g_write_fd >= 0) return Status::Error("interrupt watch installed twice");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return Status::Errno("pipe2", errno);
  std::unique_ptr<InterruptWatch> watch(new InterruptWatch());
  watch->read_end_.Reset(fds[0]);
  watch->write_end_.Reset(fds[1]);
  g_signal = 0;
  g_write_fd = fds[1];
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  if (::sigaction(SIGINT, &sa, &g_old_int) != 0 || ::sigaction(SIGTERM, &sa, &g_old_term) != 0) {
    return Status::Errno("sigaction", errno);
  }
  return watch;
}

InterruptWatch::~InterruptWatch() {
  if (g_write_fd == write_end_.get()) {
    ::sigaction(SIGINT, &g_old_int, nullptr);
    ::sigaction(SIGTERM, &g_old_term, nullptr);
    g_write_fd = -1;
  }
}

int InterruptWatch::signal() const { return g_signal; }

}  // namespace rt::suite
