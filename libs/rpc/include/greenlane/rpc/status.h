#pragma once

#include <grpcpp/support/status.h>

#include "greenlane/core/error.h"

namespace greenlane::rpc {

/// The gRPC status for an expected failure, through the one table in core::MappingOf so that gRPC
/// and HTTP clients see the same kind. The message is "field: message" when the error names a
/// field, so the caller learns what to fix.
grpc::Status ToGrpcStatus(const core::Error& error);

/// The reverse, for a caller relaying another service's answer (the REST facade): the kind whose
/// row has the status's code, and the field back out of a "field: message" text when its prefix
/// looks like a field path (no spaces). Codes no service sends on purpose (UNKNOWN, ABORTED,
/// DATA_LOSS, ...) become kInternal; UNAVAILABLE stays kUnavailable so clients retry.
core::Error FromGrpcStatus(const grpc::Status& status);

}  // namespace greenlane::rpc
