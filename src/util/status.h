// Errors as values: every module boundary returns a Status or a Result<T>.
// A Status carries a message with context (the path, check or JSON path concerned) and,
// for failed syscalls, the errno text.
#pragma once

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace rt {

class Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message), 0); }
  // A failed syscall: "what: <the errno's text>"; err is kept for callers that branch on it.
  // The text is glibc's English description (strerrordesc_np: what strerror says in the C
  // locale, which the program never leaves), without strerror's trip through gettext, about a
  // thousand instructions per call; many probes fail by design (ENOENT, EROFS, EACCES).
  static Status Errno(const std::string& what, int err) {
    const char* text = strerrordesc_np(err);
    return Status(what + ": " + (text != nullptr ? std::string(text)
                                                 : "Unknown error " + std::to_string(err)),
                  err);
  }

  bool ok() const { return !message_.has_value(); }
  const std::string& message() const {
    static const std::string kOk = "ok";
    return message_ ? *message_ : kOk;
  }
  int err() const { return err_; }  // errno of a failed syscall, 0 otherwise

 private:
  Status(std::string message, int err) : message_(std::move(message)), err_(err) {}
  std::optional<std::string> message_;
  int err_ = 0;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace rt
