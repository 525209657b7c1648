#include "greenlane/security/jws.h"

#include <stdexcept>

#include "greenlane/security/base64url.h"

namespace greenlane::security {
namespace {

constexpr std::string_view kAlg = "EdDSA";

core::Error Reject(std::string reason) { return core::Error::Unauthenticated("invalid token: " + std::move(reason)); }

/// Parses base64url-encoded JSON that must be an object; nullopt otherwise.
std::optional<nlohmann::json> DecodeObject(std::string_view part) {
  const auto bytes = Base64UrlDecode(part);
  if (!bytes) return std::nullopt;
  auto value = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return std::nullopt;
  return value;
}

}  // namespace

std::string SignJws(const Ed25519Key& key, const nlohmann::json& payload, const nlohmann::json& extra_header) {
  if (!payload.is_object()) throw std::invalid_argument("JWS payload must be a JSON object, got " + payload.dump());
  if (!extra_header.is_null() && !extra_header.is_object()) {
    throw std::invalid_argument("JWS extra header must be a JSON object, got " + extra_header.dump());
  }
  nlohmann::json header = extra_header.is_object() ? extra_header : nlohmann::json::object();
  header["alg"] = kAlg;
  header["kid"] = key.Kid();
  std::string token = Base64UrlEncode(header.dump());
  token += '.';
  token += Base64UrlEncode(payload.dump());
  const std::string signature = key.Sign(token);
  token += '.';
  token += Base64UrlEncode(signature);
  return token;
}

core::Result<VerifiedJws> VerifyJws(const KeySet& keys, std::string_view token, std::size_t max_token_bytes) {
  if (token.size() > max_token_bytes) {
    return Reject("token is " + std::to_string(token.size()) + " bytes, over the limit of " +
                  std::to_string(max_token_bytes));
  }
  const auto first_dot = token.find('.');
  const auto second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
    return Reject("a compact JWS has three base64url parts separated by '.'");
  }
  const std::string_view header_part = token.substr(0, first_dot);
  const std::string_view payload_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_part = token.substr(second_dot + 1);

  auto header = DecodeObject(header_part);
  if (!header) return Reject("header is not base64url of a JSON object");
  const auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string() || *alg != kAlg) {
    return Reject("alg must be \"EdDSA\", got " + (alg == header->end() ? std::string("none") : alg->dump()));
  }
  if (header->contains("crit")) return Reject("header has \"crit\" extensions, none of which are supported");
  const auto kid = header->find("kid");
  if (kid == header->end() || !kid->is_string()) return Reject("header has no kid naming the signing key");
  const Ed25519Key* key = keys.Find(kid->get_ref<const std::string&>());
  if (key == nullptr) return Reject("unknown kid " + kid->dump());

  const auto signature = Base64UrlDecode(signature_part);
  if (!signature) return Reject("signature is not base64url");
  if (!key->Verify(token.substr(0, second_dot), *signature)) {
    return Reject("bad signature for kid " + kid->dump());
  }
  auto payload = DecodeObject(payload_part);
  if (!payload) return Reject("payload is not base64url of a JSON object");
  return VerifiedJws{std::move(*header), std::move(*payload)};
}

}  // namespace greenlane::security
