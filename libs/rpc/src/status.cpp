#include "greenlane/rpc/status.h"

namespace greenlane::rpc {

grpc::Status ToGrpcStatus(const core::Error& error) {
  const auto code = static_cast<grpc::StatusCode>(core::MappingOf(error.kind).grpc_code);
  return {code, error.field.empty() ? error.message : error.field + ": " + error.message};
}

}  // namespace greenlane::rpc
