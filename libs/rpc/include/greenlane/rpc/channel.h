#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "greenlane/rpc/tls.h"

namespace greenlane::rpc {

struct ChannelOptions {
  std::string target;           ///< "host:port" or any gRPC target URI, e.g. "dns:///greenlane-risk:7003"
  std::optional<TlsFiles> tls;  ///< TLS when set (mutual when cert_file is set); insecure otherwise
  /// The name to expect in the server's certificate when it differs from the target's host,
  /// e.g. "risk" when dialling 127.0.0.1.
  std::string server_name_override;
};

/// A channel to another service. Channels are expensive (a connection, a TLS handshake) and
/// multiplex many calls: make one per target at start-up and share it. Keepalive pings detect a
/// dead peer on long-lived channels; rpc::Server accepts their rate. Throws core::ConfigError
/// when a TLS file cannot be read.
std::shared_ptr<grpc::Channel> MakeChannel(const ChannelOptions& options);

/// Sets the call's deadline `timeout` from now. Every client call must have one (DESIGN §6) so a
/// slow dependency cannot hold a caller's threads forever.
void SetDeadline(grpc::ClientContext& context, std::chrono::milliseconds timeout);

}  // namespace greenlane::rpc
