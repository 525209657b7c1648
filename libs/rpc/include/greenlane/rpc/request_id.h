#pragma once

#include <grpcpp/server_context.h>

#include <string>
#include <string_view>

namespace greenlane::rpc {

/// Metadata key that carries a request id from caller to callee, so one id ties together the
/// log lines of every service a request touches.
inline constexpr std::string_view kRequestIdKey = "x-request-id";

/// The request id of a call on a Server: the caller's `x-request-id` when it sent a well-formed one
/// (at most 128 characters of [A-Za-z0-9._:-]), otherwise a new UUIDv7 that the server assigned
/// and also returned in the initial metadata. "" only on a server not built by rpc::Server.
std::string RequestId(const grpc::ServerContextBase& context);

/// Whether `id` is acceptable as a caller-supplied request id (bounded, no characters that could
/// forge log structure).
bool IsWellFormedRequestId(std::string_view id);

}  // namespace greenlane::rpc
