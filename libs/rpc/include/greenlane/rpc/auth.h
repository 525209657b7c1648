#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <optional>
#include <string>
#include <vector>

namespace greenlane::rpc {

/// Who is calling, as proven by mutual TLS: the common name of the client certificate that the
/// TLS handshake verified against the server's CA (e.g. "gateway-callao", "partner-pe",
/// "service-risk"). nullopt on an insecure server or when the client presented no certificate.
std::optional<std::string> PeerIdentity(const grpc::ServerContextBase& context);

/// The check a handler makes before acting for a caller: OK when PeerIdentity() starts with one of
/// `allowed_prefixes` (e.g. {"gateway-"} or {"service-api", "partner-"}), UNAUTHENTICATED without a
/// verified client certificate, PERMISSION_DENIED naming the certificate's CN otherwise.
///
/// A handler-side check rather than an interceptor or AuthMetadataProcessor: gRPC 1.51 server
/// interceptors cannot reject a call before its handler runs, and an AuthMetadataProcessor does not
/// know which method is called, while who may call what is a per-method rule.
grpc::Status RequirePeer(const grpc::ServerContextBase& context, const std::vector<std::string>& allowed_prefixes);

}  // namespace greenlane::rpc
