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
  // A failed syscall: "what: strerror(err)"; err is kept for callers that branch on it.
  static Status Errno(const std::string& what, int err) {
    return Status(what + ": " + std::strerror(err), err);
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
