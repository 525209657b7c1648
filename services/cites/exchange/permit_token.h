#pragma once

#include <string>
#include <string_view>

#include "domain/permit.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/security/key_set.h"

namespace greenlane::cites {

/// The compact JWS (EdDSA) an issued permit carries in its QR code. Its claims repeat what a border
/// officer checks offline (number, type, countries, validity, lines), so anyone holding the key from
/// the JWKS can verify a printed permit without calling us; Verify also checks the current state.
class PermitSigner {
 public:
  /// `key` signs; `trusted` verifies (it should hold `key`'s public half, and older keys while
  /// tokens signed with them are still in circulation).
  PermitSigner(security::Ed25519Key key, security::KeySet trusted);

  /// The token of `permit`, issued at `at`.
  std::string Sign(const Permit& permit, core::TimePoint at) const;

  /// The permit number the token names, once its signature holds; kUnauthenticated naming the
  /// reason otherwise (tampered, unknown key, not a permit token).
  core::Result<std::string> VerifiedNumber(std::string_view token) const;

  const security::KeySet& keys() const { return trusted_; }

 private:
  security::Ed25519Key key_;
  security::KeySet trusted_;
};

}  // namespace greenlane::cites
