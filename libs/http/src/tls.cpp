#include "tls.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

#include "greenlane/core/config.h"

namespace greenlane::http::detail {
namespace {

namespace ssl = boost::asio::ssl;

void Check(const boost::system::error_code& ec, const std::string& what, const std::string& file) {
  if (ec) throw core::ConfigError("http tls " + what + " '" + file + "': " + ec.message());
}

}  // namespace

ssl::context MakeServerTlsContext(const TlsOptions& options) {
  ssl::context context(ssl::context::tls_server);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  boost::system::error_code ec;
  context.use_certificate_chain_file(options.cert_file, ec);
  Check(ec, "cert_file", options.cert_file);
  context.use_private_key_file(options.key_file, ssl::context::pem, ec);
  Check(ec, "key_file", options.key_file);

  if (options.client_ca_file.empty()) {
    if (options.require_client_cert) {
      throw core::ConfigError("http tls require_client_cert: needs client_ca_file to verify client certificates");
    }
    return context;
  }
  context.load_verify_file(options.client_ca_file, ec);
  Check(ec, "client_ca_file", options.client_ca_file);
  // Tell clients which CAs we accept, so one holding several certificates picks the right one.
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(options.client_ca_file.c_str());
  if (names == nullptr) {
    throw core::ConfigError("http tls client_ca_file '" + options.client_ca_file + "': holds no CA certificate");
  }
  SSL_CTX_set_client_CA_list(context.native_handle(), names);
  // Session resumption with client verification requires a session id context.
  static constexpr unsigned char kSessionContext[] = "greenlane-http";
  SSL_CTX_set_session_id_context(context.native_handle(), kSessionContext, sizeof(kSessionContext) - 1);
  context.set_verify_mode(ssl::verify_peer |
                          (options.require_client_cert ? ssl::verify_fail_if_no_peer_cert : ssl::verify_mode{}));
  return context;
}

std::string VerifiedPeerSubject(SSL* ssl) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(SSL_get1_peer_certificate(ssl), &X509_free);
  if (!cert || SSL_get_verify_result(ssl) != X509_V_OK) return {};
  X509_NAME* subject = X509_get_subject_name(cert.get());
  int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return {};
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return {};
  std::string cn(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return cn;
}

}  // namespace greenlane::http::detail
