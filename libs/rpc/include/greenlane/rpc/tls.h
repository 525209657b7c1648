#pragma once

#include <string>

namespace greenlane::rpc {

/// PEM files for one side of a TLS connection (deploy/pki makes them for development). Paths
/// rather than contents so that config points at files mounted from a secret store.
struct TlsFiles {
  std::string ca_file;    ///< CA that the other side's certificate must chain to
  std::string cert_file;  ///< our certificate; empty on a client that presents none
  std::string key_file;   ///< our private key; empty exactly when cert_file is
};

}  // namespace greenlane::rpc
