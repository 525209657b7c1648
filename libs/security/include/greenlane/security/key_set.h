#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "greenlane/security/ed25519.h"

namespace greenlane::security {

/// The keys a verifier trusts, looked up by kid. Holding several keys lets a signer rotate: tokens
/// signed with the old key keep verifying until the old key is removed. Build it once at start-up;
/// reading it from several threads afterwards is safe.
class KeySet {
 public:
  /// Adds `key`; a key with the same kid replaces the earlier one.
  void Add(Ed25519Key key);
  /// The key with this kid, or nullptr.
  const Ed25519Key* Find(std::string_view kid) const;
  /// {"keys":[...public JWKs...]}, the document served at a JWKS endpoint. Never holds private parts.
  nlohmann::json Jwks() const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<Ed25519Key> keys_;
};

}  // namespace greenlane::security
