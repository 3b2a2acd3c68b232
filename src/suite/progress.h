// One line on the terminal that says where the suite is ("[37/164] mounts/bind runc 42 ms"),
// rewritten in place (carriage return, erase to end of line) and erased at the end. Only when
// stderr is a terminal: CI logs and redirected runs stay clean.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rt::suite {

// "[37/164] mounts/bind runc", with " 42 ms" once it ran; cut to `columns` - 1 bytes when
// `columns` > 0, so that the line never wraps (a wrapped line cannot be rewritten in place).
std::string FormatProgress(size_t index, size_t total, std::string_view scenario,
                           std::string_view runtime, std::optional<int64_t> elapsed_ms,
                           size_t columns);

class Progress {
 public:
  // Writes to `fd` when `enabled`; ForTerminal: enabled when stderr is a terminal.
  Progress(int fd, bool enabled) : fd_(fd), enabled_(enabled) {}
  static Progress ForTerminal();

  // The scenario that starts, then the same with its time once it ran.
  void Running(size_t index, size_t total, std::string_view scenario, std::string_view runtime);
  void Ran(size_t index, size_t total, std::string_view scenario, std::string_view runtime,
           int64_t elapsed_ms);
  // Erases the line, e.g. before a TAP line goes to the same terminal, and at the end.
  void Erase();

 private:
  void Show(const std::string& line);
  int fd_;
  bool enabled_;
  bool shown_ = false;
};

}  // namespace rt::suite
