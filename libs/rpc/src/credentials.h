#pragma once

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <optional>

#include "greenlane/rpc/tls.h"

namespace greenlane::rpc::internal {

/// Insecure without `tls`; with it, TLS that requires (or, when `require_client_cert` is false,
/// verifies when offered) a client certificate from tls->ca_file. Throws core::ConfigError when a
/// file cannot be read.
std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const std::optional<TlsFiles>& tls,
                                                               bool require_client_cert);

/// Insecure without `tls`; with it, TLS trusting tls->ca_file, presenting cert_file/key_file when set.
std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(const std::optional<TlsFiles>& tls);

}  // namespace greenlane::rpc::internal
