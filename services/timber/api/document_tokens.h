#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/security/ed25519.h"
#include "greenlane/security/key_set.h"
#include "store/document_repository.h"

namespace greenlane::timber {

/// What a roadside check concludes about a document, from its token's claims and its current state.
enum class DocumentStatus { kValid, kCancelled, kDelivered, kExpired };

std::string_view DocumentStatusName(DocumentStatus status);

/// The compact JWS (EdDSA, kid = RFC 7638 thumbprint of the timber key) a QR code on a waybill or
/// export certificate holds. Claims: typ ("waybill"|"certificate"), num, iat, exp (Unix seconds),
/// species (array), vol_m3 (exact, three decimals), origin, destination, vehicle. Signing is
/// deterministic (Ed25519 and sorted JSON keys), so the token of a document can be re-made at any
/// time instead of stored. Anyone holding the public key verifies it offline (README).
class DocumentTokens {
 public:
  DocumentTokens(security::Ed25519Key key, std::chrono::milliseconds waybill_validity,
                 std::chrono::milliseconds certificate_validity);

  /// The token of `document`.
  std::string Sign(const store::DocumentView& document) const;
  /// When the token of `document` stops being valid.
  core::TimePoint ValidUntil(const store::DocumentView& document) const;
  /// The claims of a token whose signature verifies with the timber key; kUnauthenticated naming
  /// what is wrong otherwise (tampered, other key, malformed, missing claims).
  core::Result<nlohmann::json> Verify(std::string_view token) const;
  /// The public JWKS offline verifiers configure.
  const security::KeySet& keys() const { return keys_; }

 private:
  security::Ed25519Key key_;
  security::KeySet keys_;
  std::chrono::milliseconds waybill_validity_;
  std::chrono::milliseconds certificate_validity_;
};

/// The status of `document` at `now` given the validity in its token: a cancelled waybill and one
/// already delivered never carry wood again, whatever the token says; otherwise the token's expiry.
DocumentStatus AssessDocument(const store::DocumentView& document, core::TimePoint valid_until, core::TimePoint now);

/// "origin" shown for a document: the origin site's name for a waybill, the issuing country (from
/// the certificate number) for a certificate; "destination" and "vehicle" likewise.
std::string PublicOrigin(const store::DocumentView& document);
std::string PublicDestination(const store::DocumentView& document);
std::string PublicVehicle(const store::DocumentView& document);

}  // namespace greenlane::timber
