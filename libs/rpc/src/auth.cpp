#include "greenlane/rpc/auth.h"

#include <grpc/grpc_security_constants.h>

namespace greenlane::rpc {

std::optional<std::string> PeerIdentity(const grpc::ServerContextBase& context) {
  const auto auth = context.auth_context();
  // Unauthenticated peers can still carry properties (e.g. the transport type); only a verified
  // certificate names a caller.
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return std::nullopt;
  const auto names = auth->FindPropertyValues(GRPC_X509_CN_PROPERTY_NAME);
  if (names.empty() || names.front().empty()) return std::nullopt;
  return std::string(names.front().data(), names.front().size());
}

grpc::Status RequirePeer(const grpc::ServerContextBase& context, const std::vector<std::string>& allowed_prefixes) {
  const auto peer = PeerIdentity(context);
  if (!peer) {
    return {grpc::StatusCode::UNAUTHENTICATED,
            "this method needs mutual TLS: present a client certificate issued by the Greenlane CA"};
  }
  std::string allowed;
  for (const auto& prefix : allowed_prefixes) {
    if (peer->starts_with(prefix)) return grpc::Status::OK;
    allowed += (allowed.empty() ? "" : ", ") + prefix + "*";
  }
  return {grpc::StatusCode::PERMISSION_DENIED,
          "client certificate CN '" + *peer + "' may not call this method; allowed: " + allowed};
}

}  // namespace greenlane::rpc
