#include "util/file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace rt {

Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes, int extra_flags) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | extra_flags);
  if (fd < 0) return Status::Errno("open " + path, errno);
  std::string data;
  char buf[8192];
  while (data.size() < max_bytes) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::Errno("read " + path, err);
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

}  // namespace rt
