#pragma once

#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace greenlane::core {

/// Kinds of failure a caller can act on. Each maps to one gRPC code and one HTTP status through
/// the single table in error.cpp, which both the gRPC and the HTTP adapters use.
enum class ErrorKind : std::uint8_t {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // a rule of the domain forbids it in the current state
  kUnauthenticated,
  kPermissionDenied,
  kRateLimited,
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kUnavailable,
  kDeadlineExceeded,
  kInternal,
};

/// How an error kind is shown to clients.
struct ErrorMapping {
  ErrorKind kind;
  std::string_view name;   ///< stable machine name, e.g. "invalid-argument" (problem+json type suffix)
  int grpc_code;           ///< grpc::StatusCode value
  int http_status;         ///< HTTP status code
  std::string_view title;  ///< short human title for problem+json
};

/// The row of the mapping table for `kind`.
const ErrorMapping& MappingOf(ErrorKind kind);

/// An expected failure: what kind, what was wrong, and which field (a JSON-pointer-like path or a
/// variable name; empty when the error is not about one field).
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  std::string field;

  static Error InvalidArgument(std::string field, std::string message) {
    return {ErrorKind::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Error NotFound(std::string message) { return {ErrorKind::kNotFound, std::move(message), {}}; }
  static Error Unauthenticated(std::string message) { return {ErrorKind::kUnauthenticated, std::move(message), {}}; }
  static Error PermissionDenied(std::string message) { return {ErrorKind::kPermissionDenied, std::move(message), {}}; }
  static Error FailedPrecondition(std::string message) {
    return {ErrorKind::kFailedPrecondition, std::move(message), {}};
  }
  static Error Internal(std::string message) { return {ErrorKind::kInternal, std::move(message), {}}; }
};

/// Either a value or an Error. Domain code returns it instead of throwing for expected failures.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

/// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return {}; }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

/// Thrown for infrastructure failures that cannot be handled where they happen; adapters catch it
/// once per request and answer with its kind.
class GreenlaneException : public std::runtime_error {
 public:
  explicit GreenlaneException(Error error) : std::runtime_error(error.message), error_(std::move(error)) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

/// What a failed request's exception becomes, for the one place per request that catches it (DESIGN
/// §5): a GreenlaneException its error (logged as a warning), any other exception kInternal quoting
/// the request id in scope (logged as an error, with what it said).
Error ErrorOfException(std::exception_ptr failure);

}  // namespace greenlane::core
