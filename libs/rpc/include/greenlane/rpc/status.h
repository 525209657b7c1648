#pragma once

#include <grpcpp/support/status.h>

#include "greenlane/core/error.h"

namespace greenlane::rpc {

/// The gRPC status for an expected failure, through the one table in core::MappingOf so that gRPC
/// and HTTP clients see the same kind. The message is "field: message" when the error names a
/// field, so the caller learns what to fix.
grpc::Status ToGrpcStatus(const core::Error& error);

}  // namespace greenlane::rpc
