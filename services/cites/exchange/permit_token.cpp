#include "exchange/permit_token.h"

#include "greenlane/security/jws.h"

namespace greenlane::cites {

namespace {
constexpr const char* kTokenType = "cites-permit+jws";
}  // namespace

PermitSigner::PermitSigner(security::Ed25519Key key, security::KeySet trusted)
    : key_(std::move(key)), trusted_(std::move(trusted)) {}

std::string PermitSigner::Sign(const Permit& permit, core::TimePoint at) const {
  nlohmann::json lines = nlohmann::json::array();
  for (const PermitLine& line : permit.lines) {
    lines.push_back({line.scientific_name, line.term, line.unit, line.quantity.ToString(), line.appendix, line.source});
  }
  const nlohmann::json claims = {{"num", permit.number},
                                 {"doc", ToString(permit.type)},
                                 {"iss", permit.issuer.country},
                                 {"exp", permit.exporter.country},
                                 {"imp", permit.importer.country},
                                 {"vf", FormatDate(permit.valid_from)},
                                 {"vu", FormatDate(permit.valid_until)},
                                 {"ln", std::move(lines)},
                                 {"iat", core::ToUnixSeconds(at)}};
  return security::SignJws(key_, claims, {{"typ", kTokenType}});
}

core::Result<std::string> PermitSigner::VerifiedNumber(std::string_view token) const {
  auto verified = security::VerifyJws(trusted_, token);
  if (!verified.ok()) return verified.error();
  if (verified->header.value("typ", "") != kTokenType || !verified->payload.contains("num") ||
      !verified->payload["num"].is_string()) {
    return core::Error::Unauthenticated("the token is signed but is not a CITES permit token");
  }
  return verified->payload["num"].get<std::string>();
}

}  // namespace greenlane::cites
