#include "suite/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include "util/file.h"

namespace rt::suite {
namespace {

constexpr std::string_view kRewrite = "\r\033[K";  // to the line's start, erase it

// The terminal's width, 0 when unknown.
size_t Columns(int fd) {
  struct winsize size {};
  return ::ioctl(fd, TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

}  // namespace

std::string FormatProgress(size_t index, size_t total, std::string_view scenario,
                           std::string_view runtime, std::optional<int64_t> elapsed_ms,
                           size_t columns) {
  std::string line = "[" + std::to_string(index) + "/" + std::to_string(total) + "] " +
                     std::string(scenario) + " " + std::string(runtime);
  if (elapsed_ms) line += " " + std::to_string(*elapsed_ms) + " ms";
  if (columns > 0 && line.size() >= columns) {
    line.resize(columns - 1);
    // Not in the middle of a UTF-8 sequence: drop the last one if the cut shortened it.
    size_t start = line.size();
    while (start > 0 && (static_cast<unsigned char>(line[start - 1]) & 0xc0) == 0x80) --start;
    if (start > 0) {
      unsigned char lead = line[start - 1];
      size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (line.size() - (start - 1) < length) line.resize(start - 1);
    }
  }
  return line;
}

Progress Progress::ForTerminal() { return Progress(STDERR_FILENO, ::isatty(STDERR_FILENO) == 1); }

void Progress::Running(size_t index, size_t total, std::string_view scenario,
                       std::string_view runtime) {
  if (enabled_) Show(FormatProgress(index, total, scenario, runtime, std::nullopt, Columns(fd_)));
}

void Progress::Ran(size_t index, size_t total, std::string_view scenario, std::string_view runtime,
                   int64_t elapsed_ms) {
  if (enabled_) Show(FormatProgress(index, total, scenario, runtime, elapsed_ms, Columns(fd_)));
}

void Progress::Erase() {
  if (!shown_) return;
  (void)WriteAll(fd_, kRewrite, "the progress line");
  shown_ = false;
}

void Progress::Show(const std::string& line) {
  (void)WriteAll(fd_, std::string(kRewrite) + line, "the progress line");
  shown_ = true;
}

}  // namespace rt::suite
