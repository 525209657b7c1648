#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/error.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/security/key_set.h"

namespace greenlane::security {

/// Signs `payload` (a JSON object) as a compact JWS with alg EdDSA (RFC 7515, RFC 8037). The
/// protected header is {"alg":"EdDSA","kid":<key's kid>} plus the members of `extra_header` (e.g.
/// "typ"); alg and kid cannot be overridden. Throws std::invalid_argument when payload is not an
/// object or extra_header is neither null nor an object.
std::string SignJws(const Ed25519Key& key, const nlohmann::json& payload, const nlohmann::json& extra_header = {});

struct VerifiedJws {
  nlohmann::json header;
  nlohmann::json payload;
};

/// Verifies a compact JWS against the trusted keys. Fails with kUnauthenticated and a message
/// naming the reason: oversized, not three parts, bad base64url, header or payload not a JSON
/// object, alg other than EdDSA (including "none"), a "crit" header (no extension is understood),
/// missing or unknown kid, bad signature. The payload is parsed only after the signature holds.
core::Result<VerifiedJws> VerifyJws(const KeySet& keys, std::string_view token, std::size_t max_token_bytes = 8192);

}  // namespace greenlane::security
