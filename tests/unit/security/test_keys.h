#pragma once

#include <string>
#include <string_view>

#include "greenlane/security/ed25519.h"

namespace greenlane::security::testing {

/// Bytes from hex, for RFC test vectors.
inline std::string FromHex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

/// The key of RFC 8032 §7.1 test 1, which RFC 8037 Appendix A reuses.
inline Ed25519Key RfcKey() {
  return Ed25519Key::FromRawPrivate(FromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
      .value();
}

}  // namespace greenlane::security::testing
