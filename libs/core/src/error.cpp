#include "greenlane/core/error.h"

#include <array>

#include "greenlane/core/log.h"

namespace greenlane::core {
namespace {

// gRPC codes are written as numbers so that core does not depend on gRPC; they are the stable
// values of grpc::StatusCode.
constexpr std::array<ErrorMapping, 12> kMappings{{
    {ErrorKind::kInvalidArgument, "invalid-argument", 3, 400, "Invalid argument"},
    {ErrorKind::kNotFound, "not-found", 5, 404, "Not found"},
    {ErrorKind::kAlreadyExists, "already-exists", 6, 409, "Already exists"},
    {ErrorKind::kFailedPrecondition, "failed-precondition", 9, 409, "Not allowed in the current state"},
    {ErrorKind::kUnauthenticated, "unauthenticated", 16, 401, "Unauthenticated"},
    {ErrorKind::kPermissionDenied, "permission-denied", 7, 403, "Forbidden"},
    {ErrorKind::kRateLimited, "rate-limited", 8, 429, "Too many requests"},
    {ErrorKind::kPayloadTooLarge, "payload-too-large", 8, 413, "Payload too large"},
    {ErrorKind::kUnsupportedMediaType, "unsupported-media-type", 3, 415, "Unsupported media type"},
    {ErrorKind::kUnavailable, "unavailable", 14, 503, "Service unavailable"},
    {ErrorKind::kDeadlineExceeded, "deadline-exceeded", 4, 504, "Deadline exceeded"},
    {ErrorKind::kInternal, "internal", 13, 500, "Internal error"},
}};

}  // namespace

const ErrorMapping& MappingOf(ErrorKind kind) {
  for (const auto& mapping : kMappings) {
    if (mapping.kind == kind) return mapping;
  }
  return kMappings.back();
}

Error ErrorOfException(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const GreenlaneException& e) {
    log::Warn("handler failed", {{"kind", MappingOf(e.error().kind).name}, {"error", e.what()}});
    return e.error();
  } catch (const std::exception& e) {
    log::Error("handler threw", {{"error", e.what()}});
  } catch (...) {
    log::Error("handler threw", {{"error", "not a std::exception"}});
  }
  return Error::Internal("internal error; quote request id '" + log::CurrentRequestId() + "' when reporting it");
}

}  // namespace greenlane::core
