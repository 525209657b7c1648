#include "api/document_tokens.h"

#include "greenlane/security/jws.h"

namespace greenlane::timber {
namespace {

// A QR code at error-correction level M holds about 2,300 bytes; a token is far below that.
constexpr std::size_t kMaxTokenBytes = 2048;

std::string VolumeM3(Volume volume) {
  auto text = std::to_string(volume.dm3 / 1000) + ".";
  const auto decimals = std::to_string(volume.dm3 % 1000);
  return text.append(3 - decimals.size(), '0').append(decimals);
}

}  // namespace

std::string_view DocumentStatusName(DocumentStatus status) {
  switch (status) {
    case DocumentStatus::kValid:
      return "valid";
    case DocumentStatus::kCancelled:
      return "cancelled";
    case DocumentStatus::kDelivered:
      return "delivered";
    case DocumentStatus::kExpired:
      return "expired";
  }
  return "expired";
}

DocumentTokens::DocumentTokens(security::Ed25519Key key, std::chrono::milliseconds waybill_validity,
                               std::chrono::milliseconds certificate_validity)
    : key_(std::move(key)), waybill_validity_(waybill_validity), certificate_validity_(certificate_validity) {
  keys_.Add(*security::Ed25519Key::FromRawPublic(key_.PublicRaw()));
}

core::TimePoint DocumentTokens::ValidUntil(const store::DocumentView& document) const {
  const auto validity = document.kind == BarcodeKind::kWaybill ? waybill_validity_ : certificate_validity_;
  return document.issued_at + std::chrono::duration_cast<core::TimePoint::duration>(validity);
}

std::string DocumentTokens::Sign(const store::DocumentView& document) const {
  const nlohmann::json claims = {{"typ", KindName(document.kind)},
                                 {"num", document.number},
                                 {"iat", core::ToUnixSeconds(document.issued_at)},
                                 {"exp", core::ToUnixSeconds(ValidUntil(document))},
                                 {"species", document.species},
                                 {"vol_m3", VolumeM3(document.volume)},
                                 {"origin", PublicOrigin(document)},
                                 {"destination", PublicDestination(document)},
                                 {"vehicle", PublicVehicle(document)}};
  return security::SignJws(key_, claims, {{"typ", "greenlane-timber+jws"}});
}

core::Result<nlohmann::json> DocumentTokens::Verify(std::string_view token) const {
  auto verified = security::VerifyJws(keys_, token, kMaxTokenBytes);
  if (!verified.ok()) return verified.error();
  const auto& claims = verified->payload;
  for (const char* claim : {"num", "exp"}) {
    if (!claims.contains(claim)) {
      return core::Error::Unauthenticated(std::string("token: the signed claims lack '") + claim +
                                          "'; it was not made by greenlane-timber");
    }
  }
  if (!claims["num"].is_string() || !claims["exp"].is_number_integer()) {
    return core::Error::Unauthenticated("token: claims 'num' (string) and 'exp' (integer) have the wrong types");
  }
  return claims;
}

DocumentStatus AssessDocument(const store::DocumentView& document, core::TimePoint valid_until, core::TimePoint now) {
  if (document.state == "cancelled") return DocumentStatus::kCancelled;
  if (document.state == "delivered") return DocumentStatus::kDelivered;
  if (now >= valid_until) return DocumentStatus::kExpired;
  return DocumentStatus::kValid;
}

std::string PublicOrigin(const store::DocumentView& document) {
  return document.kind == BarcodeKind::kWaybill ? document.origin_name : document.number.substr(3, 2);
}

std::string PublicDestination(const store::DocumentView& document) {
  return document.kind == BarcodeKind::kWaybill ? document.destination_name : document.destination_country;
}

std::string PublicVehicle(const store::DocumentView& document) {
  return document.kind == BarcodeKind::kWaybill ? document.vehicle : document.container;
}

}  // namespace greenlane::timber
