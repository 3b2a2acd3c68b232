// SIGINT and SIGTERM as an fd: a self-pipe the poll loop watches, so a signal stops the wait in
// progress and the suite cleans up (kills the runtime child, deletes the container, removes the
// bundle) before it exits 128 + signal.
#pragma once

#include <memory>

#include "suite/unique_fd.h"
#include "util/status.h"

namespace rt::suite {

class InterruptWatch {
 public:
  // Installs the handlers; the previous dispositions come back when the watch is destroyed.
  // Only one watch may exist at a time.
  static Result<std::unique_ptr<InterruptWatch>> Install();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  int fd() const { return read_end_.get(); }  // readable once a signal arrived
  int signal() const;                         // the first signal received, 0 if none

 private:
  InterruptWatch() = default;
  UniqueFd read_end_;
  UniqueFd write_end_;
};

}  // namespace rt::suite
