#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include <string>
#include <string_view>
#include <vector>

namespace greenlane::rpc {

/// Metadata the REST facade sends with each call it makes on behalf of one of its clients, so the
/// service behind it can scope data (a trader sees only its own documents) and name the actor in
/// its audit log.
inline constexpr std::string_view kActorKey = "x-greenlane-actor";
inline constexpr std::string_view kRolesKey = "x-greenlane-roles";

/// Who a call is for. `peer` is the verified client-certificate CN (empty without mutual TLS).
/// `actor` and `roles` come from the metadata above, but only when the peer is another Greenlane
/// service ("service-*"): a gateway or a partner cannot claim to act for someone else, so for them
/// actor is the CN itself and roles are empty.
struct Caller {
  std::string peer;
  std::string actor;
  std::vector<std::string> roles;

  [[nodiscard]] bool HasRole(std::string_view role) const;
  /// "actor via peer" when the facade relayed the call, else the peer; used as the audit actor.
  [[nodiscard]] std::string AuditName() const;
};

/// The caller of a server call (see Caller). Malformed metadata (oversized, control characters) is ignored.
Caller CallerOf(const grpc::ServerContextBase& context);

/// Client side: marks `context` as made on behalf of `actor` with `roles` (the facade's JWT subject
/// and roles).
void ActFor(grpc::ClientContext& context, std::string_view actor, const std::vector<std::string>& roles);

}  // namespace greenlane::rpc
