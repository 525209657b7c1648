#include "greenlane/rpc/status.h"

namespace greenlane::rpc {
namespace {

// Longer prefixes are prose, not a field path.
constexpr std::size_t kMaxFieldLength = 120;

}  // namespace

grpc::Status ToGrpcStatus(const core::Error& error) {
  const auto code = static_cast<grpc::StatusCode>(core::MappingOf(error.kind).grpc_code);
  return {code, error.field.empty() ? error.message : error.field + ": " + error.message};
}

core::Error FromGrpcStatus(const grpc::Status& status) {
  core::Error error{core::ErrorKind::kInternal, status.error_message(), {}};
  for (int kind = 0; kind <= static_cast<int>(core::ErrorKind::kInternal); ++kind) {
    const auto& mapping = core::MappingOf(static_cast<core::ErrorKind>(kind));
    if (mapping.grpc_code == static_cast<int>(status.error_code())) {
      error.kind = mapping.kind;
      break;
    }
  }
  const auto colon = error.message.find(": ");
  if (colon != std::string::npos && colon > 0 && colon <= kMaxFieldLength && error.message.find(' ') > colon) {
    error.field = error.message.substr(0, colon);
    error.message.erase(0, colon + 2);
  }
  return error;
}

}  // namespace greenlane::rpc
