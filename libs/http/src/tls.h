#pragma once

#include <boost/asio/ssl/context.hpp>
#include <string>

#include "greenlane/http/server.h"

namespace greenlane::http::detail {

/// A TLS 1.2+ server context from the options; throws core::ConfigError naming the file or
/// option that cannot be used.
boost::asio::ssl::context MakeServerTlsContext(const TlsOptions& options);

/// The subject CN of the peer's certificate when it was presented and verified, else "".
std::string VerifiedPeerSubject(SSL* ssl);

}  // namespace greenlane::http::detail
