#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace greenlane::security {

/// Iterations of PBKDF2-HMAC-SHA256 for new hashes (OWASP 2023 recommendation).
inline constexpr int kDefaultSecretIterations = 210000;

/// Hashes a client secret for storage with PBKDF2-HMAC-SHA256 and a 16-byte random salt, encoded as
/// "pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>" so the cost can rise later without
/// breaking stored hashes. Throws std::invalid_argument when iterations < 1.
std::string HashSecret(std::string_view secret, int iterations = kDefaultSecretIterations);

/// True when `secret` matches `encoded` (compared in constant time). False for a malformed encoding,
/// an unknown scheme or an iteration count outside 1..10,000,000 (which would let a tampered row
/// stall the verifier).
bool VerifySecret(std::string_view secret, std::string_view encoded);

/// `bytes` random bytes from the OpenSSL CSPRNG, base64url-encoded: client secrets, jti, nonces.
std::string RandomToken(std::size_t bytes = 32);

}  // namespace greenlane::security
