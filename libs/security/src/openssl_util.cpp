#include "openssl_util.h"

#include "greenlane/core/error.h"

namespace greenlane::security::detail {

std::string DrainOpenSslErrors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "no OpenSSL error reported" : text;
}

std::string Sha256(std::string_view data) {
  std::string digest(32, '\0');
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()), &length, EVP_sha256(),
                 nullptr) != 1 ||
      length != digest.size()) {
    throw core::GreenlaneException(core::Error::Internal("SHA-256 failed: " + DrainOpenSslErrors()));
  }
  return digest;
}

}  // namespace greenlane::security::detail
