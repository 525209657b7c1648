#include "exchange/delivery_store.h"

#include "domain/exchange_message.h"
#include "greenlane/core/uuid.h"
#include "greenlane/security/base64url.h"
#include "store/sql_values.h"

namespace greenlane::cites {
namespace {

const std::string kColumns =
    "id::text, permit_number, partner_country, message_id, operation, body, state, attempts, " +
    MicrosOf("next_attempt_at") + ", last_error";
constexpr const char* kInsert = "cites_delivery_insert";
constexpr const char* kInsertSql =
    "INSERT INTO cites.deliveries (id, permit_number, partner_country, message_id, operation, body, state, "
    "next_attempt_at, created_at, updated_at) VALUES ($1::uuid, $2, $3, $4, $5, $6, 'pending', $7::timestamptz, "
    "$7::timestamptz, $7::timestamptz)";
// Claiming pushes next_attempt_at past the first retry, so a replica that crashes mid-send leaves
// the row to be tried again later rather than never.
constexpr const char* kClaim = "cites_delivery_claim";
const std::string kClaimSql =
    "UPDATE cites.deliveries SET attempts = attempts + 1, next_attempt_at = $2::timestamptz, updated_at = "
    "$1::timestamptz WHERE id IN (SELECT id FROM cites.deliveries WHERE state = 'pending' AND next_attempt_at <= "
    "$1::timestamptz ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING " +
    kColumns;
constexpr const char* kDelivered = "cites_delivery_delivered";
constexpr const char* kDeliveredSql =
    "UPDATE cites.deliveries SET state = 'delivered', last_error = '', updated_at = $2::timestamptz WHERE id = "
    "$1::uuid";
constexpr const char* kFailed = "cites_delivery_failed";
constexpr const char* kFailedSql =
    "UPDATE cites.deliveries SET state = $2, last_error = $3, next_attempt_at = $4::timestamptz, "
    "updated_at = $5::timestamptz WHERE id = $1::uuid";
constexpr const char* kList = "cites_delivery_list";
const std::string kListSql =
    "SELECT " + kColumns + " FROM cites.deliveries WHERE ($1 = '' OR state = $1) ORDER BY created_at DESC LIMIT $2";

Delivery DeliveryOf(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
          row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<std::string>(),
          row[6].as<std::string>(), row[7].as<int>(),         FromMicros(row[8].as<std::int64_t>()),
          row[9].as<std::string>()};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DeliveryStore::PreparedStatements() {
  return {{kInsert, kInsertSql},
          {kClaim, kClaimSql},
          {kDelivered, kDeliveredSql},
          {kFailed, kFailedSql},
          {kList, kListSql}};
}

std::string DeliveryStore::Enqueue(pqxx::transaction_base& tx, const core::Clock& clock,
                                   const std::string& permit_number, const std::string& partner_country,
                                   const std::string& operation, const std::string& body) {
  const std::string message_id = core::Uuid::NewV7(clock).ToString();
  tx.exec_prepared(kInsert, core::Uuid::NewV7(clock).ToString(), permit_number, partner_country, message_id, operation,
                   body, PgTimestamp(clock.Now()));
  return message_id;
}

int DeliveryStore::RunOnce(const DeliverySender& send, const security::Ed25519Key& key, int limit) {
  const auto now = clock_.Now();
  std::vector<std::pair<Delivery, Partner>> due;
  {
    auto connection = pool_.Acquire();
    pqxx::work tx(*connection);
    for (const auto& row : tx.exec_prepared(kClaim, PgTimestamp(now), PgTimestamp(now + policy_.first_retry), limit)) {
      Delivery delivery = DeliveryOf(row);
      auto partner = PartnerStore::FindByCountry(tx, delivery.partner_country);
      if (partner) due.emplace_back(std::move(delivery), std::move(*partner));
    }
    tx.commit();
  }
  int sent = 0;
  for (const auto& [delivery, partner] : due) {
    OutboundMessage message{delivery.message_id, core::FormatRfc3339(clock_.Now(), 0), delivery.operation,
                            delivery.body, ""};
    message.signature = security::Base64UrlEncode(
        key.Sign(SigningInput(message.message_id, message.timestamp, message.operation, message.body)));
    core::Status outcome = core::Status::Ok();
    try {
      outcome = send(partner, message);
    } catch (const std::exception& failure) {
      outcome = core::Error{core::ErrorKind::kUnavailable, failure.what(), ""};
    }
    Record(delivery, outcome);
    if (outcome.ok()) ++sent;
  }
  return sent;
}

void DeliveryStore::Record(const Delivery& delivery, const core::Status& outcome) {
  const auto now = clock_.Now();
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  if (outcome.ok()) {
    tx.exec_prepared(kDelivered, delivery.id, PgTimestamp(now));
  } else if (delivery.attempts >= policy_.max_attempts) {
    tx.exec_prepared(kFailed, delivery.id, "dead", outcome.error().message, PgTimestamp(now), PgTimestamp(now));
    audit_.Append(tx,
                  {"greenlane-cites", "exchange.delivery_dead", "delivery", delivery.id, std::nullopt,
                   nlohmann::json{{"permit_number", delivery.permit_number},
                                  {"partner_country", delivery.partner_country},
                                  {"message_id", delivery.message_id},
                                  {"attempts", delivery.attempts},
                                  {"last_error", outcome.error().message}},
                   ""},
                  now);
  } else {
    const auto retry = now + DeliveryBackoff(delivery.attempts, policy_.first_retry, policy_.max_retry);
    tx.exec_prepared(kFailed, delivery.id, "pending", outcome.error().message, PgTimestamp(retry), PgTimestamp(now));
  }
  tx.commit();
}

std::vector<Delivery> DeliveryStore::List(const std::string& state, int limit) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<Delivery> deliveries;
  for (const auto& row : tx.exec_prepared(kList, state, limit)) deliveries.push_back(DeliveryOf(row));
  return deliveries;
}

}  // namespace greenlane::cites
