#include "exchange/partner_store.h"

#include <algorithm>
#include <regex>

#include "domain/exchange_message.h"
#include "domain/permit_json.h"
#include "domain/problem.h"
#include "greenlane/events/outbox.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/security/base64url.h"

namespace greenlane::cites {
namespace {

constexpr const char* kColumns =
    "country, authority, exchange_url, public_key_pem, client_cn, array_to_json(allowed_operations)::text";
constexpr const char* kByCountry = "cites_partner_by_country";
const std::string kByCountrySql = std::string("SELECT ") + kColumns + " FROM cites.partners WHERE country = $1";
constexpr const char* kByCountryForUpdate = "cites_partner_by_country_for_update";
const std::string kByCountryForUpdateSql = kByCountrySql + " FOR UPDATE";
constexpr const char* kByCn = "cites_partner_by_cn";
const std::string kByCnSql = std::string("SELECT ") + kColumns + " FROM cites.partners WHERE client_cn = $1";
constexpr const char* kList = "cites_partner_list";
const std::string kListSql = std::string("SELECT ") + kColumns + " FROM cites.partners ORDER BY country";
constexpr const char* kUpsert = "cites_partner_upsert";
constexpr const char* kUpsertSql =
    "INSERT INTO cites.partners (country, authority, exchange_url, public_key_pem, client_cn, allowed_operations, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, ARRAY(SELECT json_array_elements_text($6::json)), $7::timestamptz) "
    "ON CONFLICT (country) DO UPDATE SET authority = EXCLUDED.authority, exchange_url = EXCLUDED.exchange_url, "
    "public_key_pem = EXCLUDED.public_key_pem, client_cn = EXCLUDED.client_cn, "
    "allowed_operations = EXCLUDED.allowed_operations, updated_at = EXCLUDED.updated_at";
constexpr const char* kRecordMessage = "cites_partner_message_record";
constexpr const char* kRecordMessageSql =
    "INSERT INTO cites.partner_messages (message_id, partner_country, operation, body_sha256, received_at) "
    "VALUES ($1, $2, $3, $4, $5::timestamptz) ON CONFLICT (message_id) DO NOTHING RETURNING message_id";

constexpr const char* kStoreReceived = "cites_received_permit_store";
constexpr const char* kStoreReceivedSql =
    "INSERT INTO cites.received_permits (number, partner_country, type, state, document, token, message_id, "
    "received_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::timestamptz) ON CONFLICT (partner_country, number) "
    "DO UPDATE SET state = EXCLUDED.state, document = EXCLUDED.document, token = EXCLUDED.token, "
    "message_id = EXCLUDED.message_id, received_at = EXCLUDED.received_at";

Partner PartnerOf(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::string>(),
          row[2].as<std::string>(), row[3].as<std::string>(),
          row[4].as<std::string>(), nlohmann::json::parse(row[5].as<std::string>()).get<std::vector<std::string>>()};
}

nlohmann::json PartnerJson(const Partner& partner) {
  return {{"country", partner.country},           {"authority", partner.authority},
          {"exchange_url", partner.exchange_url}, {"public_key_pem", partner.public_key_pem},
          {"client_cn", partner.client_cn},       {"allowed_operations", partner.allowed_operations}};
}

core::Status CheckPartner(const Partner& partner) {
  static const std::regex kCountry("[A-Z]{2}");
  if (!std::regex_match(partner.country, kCountry)) {
    return core::Error::InvalidArgument("partner.country",
                                        "'" + partner.country + "' is not an ISO 3166-1 alpha-2 code");
  }
  if (partner.authority.empty()) return core::Error::InvalidArgument("partner.authority", "is required");
  if (partner.client_cn.empty()) {
    return core::Error::InvalidArgument("partner.client_cn", "the CN of its client certificate is required");
  }
  if (partner.exchange_url.rfind("https://", 0) != 0 && partner.exchange_url.rfind("http://", 0) != 0) {
    return core::Error::InvalidArgument("partner.exchange_url", "must be an http(s) URL");
  }
  if (!security::Ed25519Key::FromPublicPem(partner.public_key_pem).ok()) {
    return core::Error::InvalidArgument("partner.public_key_pem", "is not an Ed25519 public key PEM");
  }
  for (std::size_t i = 0; i < partner.allowed_operations.size(); ++i) {
    if (!IsExchangeOperation(partner.allowed_operations[i])) {
      return core::Error::InvalidArgument(
          "partner.allowed_operations[" + std::to_string(i) + "]",
          "'" + partner.allowed_operations[i] + "' is not permit.deliver, permit.fetch or quantities.confirm");
    }
  }
  return core::Status::Ok();
}

}  // namespace

bool Partner::Allows(std::string_view operation) const {
  return std::find(allowed_operations.begin(), allowed_operations.end(), operation) != allowed_operations.end();
}

std::vector<std::pair<std::string, std::string>> PartnerStore::PreparedStatements() {
  return {{kByCountry, kByCountrySql},
          {kByCountryForUpdate, kByCountryForUpdateSql},
          {kByCn, kByCnSql},
          {kList, kListSql},
          {kUpsert, kUpsertSql},
          {kRecordMessage, kRecordMessageSql},
          {kStoreReceived, kStoreReceivedSql}};
}

core::Result<Partner> PartnerStore::Upsert(const Partner& partner, const Actor& actor) {
  if (auto status = CheckPartner(partner); !status.ok()) return status.error();
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto before_rows = tx.exec_prepared(kByCountryForUpdate, partner.country);
  std::optional<nlohmann::json> before;
  if (!before_rows.empty()) before = PartnerJson(PartnerOf(before_rows[0]));
  const auto now = clock_.Now();
  tx.exec_prepared(kUpsert, partner.country, partner.authority, partner.exchange_url, partner.public_key_pem,
                   partner.client_cn, nlohmann::json(partner.allowed_operations).dump(), PgTimestamp(now));
  audit_.Append(tx,
                {actor.name, before ? "partner.updated" : "partner.registered", "partner", partner.country, before,
                 PartnerJson(partner), actor.request_id},
                now);
  tx.commit();
  return partner;
}

std::vector<Partner> PartnerStore::List() {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<Partner> partners;
  for (const auto& row : tx.exec_prepared(kList)) partners.push_back(PartnerOf(row));
  return partners;
}

std::optional<Partner> PartnerStore::FindByCountry(pqxx::transaction_base& tx, const std::string& country) {
  const auto rows = tx.exec_prepared(kByCountry, country);
  if (rows.empty()) return std::nullopt;
  return PartnerOf(rows[0]);
}

std::optional<security::Ed25519Key> PartnerStore::KeyOf(const Partner& partner) {
  std::lock_guard lock(keys_mutex_);
  if (const auto it = keys_.find(partner.public_key_pem); it != keys_.end()) return it->second;
  auto key = security::Ed25519Key::FromPublicPem(partner.public_key_pem);
  if (!key.ok()) return std::nullopt;
  keys_.emplace(partner.public_key_pem, *key);
  return *key;
}

core::Error PartnerStore::Refuse(const InboundMessage& message, core::Error error) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const nlohmann::json details = {{"client_cn", message.client_cn},
                                  {"operation", message.operation},
                                  {"timestamp", message.timestamp},
                                  {"body_sha256", pg::Sha256Hex(message.body)},
                                  {"refused", error.message}};
  audit_.Append(tx,
                {message.client_cn.empty() ? "unknown-partner" : message.client_cn, "exchange.message_refused",
                 "partner_message", message.message_id, std::nullopt, details, ""},
                clock_.Now());
  tx.commit();
  return error;
}

core::Result<AcceptedMessage> PartnerStore::Accept(const InboundMessage& message) {
  std::optional<Partner> partner;
  {
    auto connection = pool_.Acquire();
    pqxx::read_transaction tx(*connection);
    const auto rows = tx.exec_prepared(kByCn, message.client_cn);
    if (!rows.empty()) partner = PartnerOf(rows[0]);
  }
  const auto refuse = [&](core::ErrorKind kind, std::string_view rule, std::string field, const std::string& text) {
    core::Error error = RuleError(rule, std::move(field), text);
    error.kind = kind;
    return Refuse(message, std::move(error));
  };
  if (!partner) {
    return refuse(core::ErrorKind::kPermissionDenied, "exchange.unknown_partner", "client_cn",
                  "'" + message.client_cn + "' is not a registered partner economy");
  }
  if (!partner->Allows(message.operation)) {
    return refuse(core::ErrorKind::kPermissionDenied, "exchange.operation_not_allowed", "operation",
                  partner->country + " may not '" + message.operation + "'");
  }
  if (auto status = CheckMessageId(message.message_id); !status.ok()) {
    return Refuse(message, core::Error{core::ErrorKind::kInvalidArgument, status.error().message, "message_id"});
  }
  if (auto status = CheckTimestamp(message.timestamp, clock_.Now(), window_); !status.ok()) {
    return Refuse(message, core::Error{core::ErrorKind::kUnauthenticated, status.error().message, "timestamp"});
  }
  const auto signature = security::Base64UrlDecode(message.signature);
  const auto key = KeyOf(*partner);
  if (!signature || !key ||
      !key->Verify(SigningInput(message.message_id, message.timestamp, message.operation, message.body), *signature)) {
    return refuse(core::ErrorKind::kUnauthenticated, "exchange.signature", "signature",
                  "the signature does not match the message under " + partner->country +
                      "'s registered key: the message was forged or altered");
  }
  auto body = nlohmann::json::parse(message.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return refuse(core::ErrorKind::kInvalidArgument, "exchange.body", "body", "the body is not a JSON object");
  }
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto recorded = tx.exec_prepared(kRecordMessage, message.message_id, partner->country, message.operation,
                                         pg::Sha256Hex(message.body), PgTimestamp(clock_.Now()));
  if (recorded.empty()) {
    tx.abort();
    return refuse(core::ErrorKind::kUnauthenticated, "exchange.replay", "message_id",
                  "message " + message.message_id + " was received before: a replay is refused");
  }
  tx.commit();
  return AcceptedMessage{std::move(*partner), std::move(body)};
}

core::Status PartnerStore::StoreReceived(const AcceptedMessage& message, const std::string& message_id) {
  const nlohmann::json& body = message.body;
  if (!body.contains("permit")) return core::Error::InvalidArgument("body.permit", "the delivered permit is missing");
  auto permit = PermitFromJson(body["permit"]);
  if (!permit.ok()) {
    return core::Error::InvalidArgument("body.permit." + permit.error().field, permit.error().message);
  }
  if (permit->issuer.country != message.partner.country || permit->number.empty()) {
    return RuleError("exchange.not_partner_permit", "body.permit.issuer.country",
                     "a partner delivers only numbered permits its own country issued (" + message.partner.country +
                         "), not '" + permit->issuer.country + "'");
  }
  const std::string state = body.value("state", "issued");
  const std::string token = body.value("token", "");
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto now = clock_.Now();
  tx.exec_prepared(kStoreReceived, permit->number, message.partner.country, std::string(ToString(permit->type)), state,
                   PermitToJson(*permit).dump(), token, message_id, PgTimestamp(now));
  audit_.Append(tx,
                {message.partner.client_cn, "permit.received", "received_permit",
                 message.partner.country + "/" + permit->number, std::nullopt, PermitToJson(*permit), ""},
                now);
  events::Publish(tx, "cites", "cites.permit.received",
                  {{"number", permit->number},
                   {"partner_country", message.partner.country},
                   {"type", ToString(permit->type)},
                   {"state", state},
                   {"exporter_country", permit->exporter.country},
                   {"importer_country", permit->importer.country},
                   {"message_id", message_id}});
  tx.commit();
  return core::Status::Ok();
}

}  // namespace greenlane::cites
