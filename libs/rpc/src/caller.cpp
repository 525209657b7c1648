#include "greenlane/rpc/caller.h"

#include <algorithm>

#include "greenlane/rpc/auth.h"

namespace greenlane::rpc {
namespace {

constexpr std::size_t kMaxMetadataValue = 512;
constexpr std::string_view kServicePrefix = "service-";

std::string_view MetadataValue(const grpc::ServerContextBase& context, std::string_view key) {
  const auto& metadata = context.client_metadata();
  const auto found = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (found == metadata.end()) return {};
  const std::string_view value(found->second.data(), found->second.size());
  const bool printable = std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  if (!printable || value.size() > kMaxMetadataValue) return {};
  return value;
}

std::vector<std::string> SplitRoles(std::string_view text) {
  std::vector<std::string> roles;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto role = text.substr(0, comma);
    if (!role.empty()) roles.emplace_back(role);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return roles;
}

}  // namespace

bool Caller::HasRole(std::string_view role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

std::string Caller::AuditName() const {
  if (actor.empty() || actor == peer) return peer;
  std::string name = actor;
  name.append(" via ").append(peer);
  return name;
}

Caller CallerOf(const grpc::ServerContextBase& context) {
  Caller caller;
  caller.peer = PeerIdentity(context).value_or("");
  caller.actor = caller.peer;
  if (!caller.peer.starts_with(kServicePrefix)) return caller;
  const auto actor = MetadataValue(context, kActorKey);
  if (!actor.empty()) caller.actor = std::string(actor);
  caller.roles = SplitRoles(MetadataValue(context, kRolesKey));
  return caller;
}

void ActFor(grpc::ClientContext& context, std::string_view actor, const std::vector<std::string>& roles) {
  std::string joined;
  for (const auto& role : roles) {
    if (!joined.empty()) joined += ',';
    joined += role;
  }
  context.AddMetadata(std::string(kActorKey), std::string(actor));
  context.AddMetadata(std::string(kRolesKey), joined);
}

}  // namespace greenlane::rpc
