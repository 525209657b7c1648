#include "credentials.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "greenlane/core/config.h"

namespace greenlane::rpc::internal {
namespace {

std::string ReadPemFile(const std::string& path, std::string_view what) {
  if (path.empty()) throw core::ConfigError("rpc TLS: the " + std::string(what) + " file is not set");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw core::ConfigError("rpc TLS: cannot read the " + std::string(what) + " file '" + path +
                            "': " + std::strerror(errno) + " (deploy/pki/make-dev-pki makes development files)");
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (content.str().find("-----BEGIN ") == std::string::npos) {
    throw core::ConfigError("rpc TLS: the " + std::string(what) + " file '" + path + "' is not PEM");
  }
  return content.str();
}

// Our own certificate is optional only on a client; a certificate without its key (or the
// reverse) is always a configuration mistake worth stopping for.
void CheckCertKeyPair(const TlsFiles& tls) {
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    throw core::ConfigError("rpc TLS: cert_file ('" + tls.cert_file + "') and key_file ('" + tls.key_file +
                            "') must be set together");
  }
}

}  // namespace

std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const std::optional<TlsFiles>& tls,
                                                               bool require_client_cert) {
  if (!tls) return grpc::InsecureServerCredentials();
  CheckCertKeyPair(*tls);
  grpc::SslServerCredentialsOptions ssl(require_client_cert ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                                            : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = ReadPemFile(tls->ca_file, "CA certificate");
  ssl.pem_key_cert_pairs.push_back(
      {ReadPemFile(tls->key_file, "server private key"), ReadPemFile(tls->cert_file, "server certificate")});
  return grpc::SslServerCredentials(ssl);
}

std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(const std::optional<TlsFiles>& tls) {
  if (!tls) return grpc::InsecureChannelCredentials();
  CheckCertKeyPair(*tls);
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadPemFile(tls->ca_file, "CA certificate");
  if (!tls->cert_file.empty()) {
    ssl.pem_cert_chain = ReadPemFile(tls->cert_file, "client certificate");
    ssl.pem_private_key = ReadPemFile(tls->key_file, "client private key");
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace greenlane::rpc::internal
