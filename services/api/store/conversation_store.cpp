#include "store/conversation_store.h"

#include <pqxx/pqxx>

#include "greenlane/core/uuid.h"

namespace greenlane::api {
namespace {

constexpr const char* kColumns =
    "c.id::text, c.client_id, array_to_string(c.roles, ','), c.kind, c.reference, c.request, c.state, "
    "coalesce(c.result::text, 'null'), c.attempts, c.delivery_state, c.delivery_attempts, "
    "coalesce(c.last_delivery_error, ''), "
    "to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
    "to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
constexpr int kWebhookColumn = 14;  // ClaimDeliveries appends url, secret after kColumns

std::string Sql(const std::string& head, const std::string& tail) { return head + kColumns + tail; }

constexpr const char* kPutWebhook = "api_webhook_put";
constexpr const char* kGetWebhook = "api_webhook_get";
constexpr const char* kDeleteWebhook = "api_webhook_delete";
constexpr const char* kInsert = "api_conversation_insert";
constexpr const char* kGet = "api_conversation_get";
constexpr const char* kList = "api_conversation_list";
constexpr const char* kClaim = "api_conversation_claim";
constexpr const char* kComplete = "api_conversation_complete";
constexpr const char* kRetry = "api_conversation_retry";
constexpr const char* kClaimDeliveries = "api_conversation_claim_deliveries";
constexpr const char* kDelivered = "api_conversation_delivered";
constexpr const char* kDeliveryFailed = "api_conversation_delivery_failed";
constexpr const char* kRedeliver = "api_conversation_redeliver";

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

Conversation FromRow(const pqxx::row& row) {
  Conversation c;
  c.id = row[0].as<std::string>();
  c.client_id = row[1].as<std::string>();
  c.roles = Split(row[2].as<std::string>());
  c.kind = row[3].as<std::string>();
  c.reference = row[4].as<std::string>();
  c.request = row[5].as<std::string>();
  c.state = row[6].as<std::string>();
  c.result = nlohmann::json::parse(row[7].as<std::string>());
  c.attempts = row[8].as<int>();
  c.delivery_state = row[9].as<std::string>();
  c.delivery_attempts = row[10].as<int>();
  c.last_delivery_error = row[11].as<std::string>();
  c.created_at = row[12].as<std::string>();
  c.updated_at = row[13].as<std::string>();
  return c;
}

std::string At(core::TimePoint t) { return core::FormatRfc3339(t, 6); }

}  // namespace

nlohmann::json Conversation::ToJson() const {
  return {
      {"id", id},
      {"kind", kind},
      {"reference", reference},
      {"state", state},
      {"result", result},
      {"delivery", {{"state", delivery_state}, {"attempts", delivery_attempts}, {"last_error", last_delivery_error}}},
      {"created_at", created_at},
      {"updated_at", updated_at}};
}

std::vector<std::pair<std::string, std::string>> ConversationStore::PreparedStatements() {
  const std::string returning = " RETURNING ";
  return {
      {kPutWebhook,
       "INSERT INTO api.webhooks (client_id, url, secret, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) "
       "ON CONFLICT (client_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = $4"},
      {kGetWebhook, "SELECT url, secret FROM api.webhooks WHERE client_id = $1"},
      {kDeleteWebhook, "DELETE FROM api.webhooks WHERE client_id = $1"},
      {kInsert, Sql("INSERT INTO api.conversations AS c (id, client_id, roles, kind, reference, request, state, "
                    "next_attempt_at, delivery_state, created_at, updated_at) VALUES ($1::uuid, $2, "
                    "string_to_array($3, ','), $4, $5, $6, 'pending', $7, 'none', $7, $7)" +
                        returning,
                    "")},
      {kGet, Sql("SELECT ", " FROM api.conversations c WHERE c.id = $1::uuid AND ($2 = '' OR c.client_id = $2)")},
      {kList,
       Sql("SELECT ",
           " FROM api.conversations c WHERE ($1 = '' OR c.client_id = $1) AND ($2 = '' OR c.delivery_state = $2) "
           "AND ($3 = '' OR c.id < $3::uuid) ORDER BY c.id DESC LIMIT $4")},
      {kClaim, Sql("UPDATE api.conversations AS c SET next_attempt_at = $2, attempts = c.attempts + 1 "
                   "WHERE c.id IN (SELECT id FROM api.conversations WHERE state = 'pending' AND next_attempt_at <= $1 "
                   "ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)" +
                       returning,
                   "")},
      {kComplete,
       "UPDATE api.conversations c SET state = $2, result = $3::jsonb, updated_at = $4, "
       "delivery_state = CASE WHEN EXISTS (SELECT 1 FROM api.webhooks w WHERE w.client_id = c.client_id) "
       "THEN 'pending' ELSE 'none' END, next_delivery_at = $4 WHERE c.id = $1::uuid"},
      {kRetry, "UPDATE api.conversations SET next_attempt_at = $2, updated_at = $3 WHERE id = $1::uuid"},
      {kClaimDeliveries,
       Sql("UPDATE api.conversations AS c SET next_delivery_at = $2, delivery_attempts = c.delivery_attempts + 1 "
           "FROM api.webhooks w WHERE w.client_id = c.client_id AND c.id IN (SELECT id FROM api.conversations "
           "WHERE delivery_state = 'pending' AND next_delivery_at <= $1 ORDER BY next_delivery_at LIMIT $3 "
           "FOR UPDATE SKIP LOCKED)" +
               returning,
           ", w.url, w.secret")},
      {kDelivered,
       "UPDATE api.conversations SET delivery_state = 'delivered', last_delivery_error = NULL, updated_at = $2 "
       "WHERE id = $1::uuid"},
      {kDeliveryFailed,
       "UPDATE api.conversations SET delivery_state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE "
       "'pending' END, last_delivery_error = $2, next_delivery_at = $3::timestamptz, updated_at = $4 "
       "WHERE id = $1::uuid"},
      {kRedeliver, Sql("UPDATE api.conversations AS c SET delivery_state = 'pending', delivery_attempts = 0, "
                       "next_delivery_at = $3, updated_at = $3 WHERE c.id = $1::uuid AND ($2 = '' OR c.client_id = $2) "
                       "AND c.delivery_state IN ('failed', 'delivered') "
                       "AND EXISTS (SELECT 1 FROM api.webhooks w WHERE w.client_id = c.client_id)" +
                           returning,
                       "")},
  };
}

Webhook ConversationStore::PutWebhook(const std::string& client_id, const std::string& url, const std::string& secret) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  tx.exec_prepared(kPutWebhook, client_id, url, secret, At(clock_.Now()));
  tx.commit();
  return {client_id, url, secret};
}

std::optional<Webhook> ConversationStore::GetWebhook(const std::string& client_id) {
  auto connection = pool_.Acquire();
  pqxx::nontransaction tx(*connection);
  const auto rows = tx.exec_prepared(kGetWebhook, client_id);
  if (rows.empty()) return std::nullopt;
  return Webhook{client_id, rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

bool ConversationStore::DeleteWebhook(const std::string& client_id) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto rows = tx.exec_prepared(kDeleteWebhook, client_id);
  tx.commit();
  return rows.affected_rows() > 0;
}

Conversation ConversationStore::Create(const std::string& client_id, const std::vector<std::string>& roles,
                                       const std::string& kind, const std::string& reference,
                                       const std::string& request) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto rows = tx.exec_prepared(kInsert, core::Uuid::NewV7(clock_).ToString(), client_id, Join(roles), kind,
                                     reference, request, At(clock_.Now()));
  tx.commit();
  return FromRow(rows[0]);
}

std::optional<Conversation> ConversationStore::Get(const std::string& id, const std::string& client_id) {
  if (!core::Uuid::Parse(id)) return std::nullopt;
  auto connection = pool_.Acquire();
  pqxx::nontransaction tx(*connection);
  const auto rows = tx.exec_prepared(kGet, id, client_id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<Conversation> ConversationStore::List(const std::string& client_id, const std::string& delivery_state,
                                                  const std::string& before_id, int limit) {
  auto connection = pool_.Acquire();
  pqxx::nontransaction tx(*connection);
  std::vector<Conversation> list;
  for (const auto& row : tx.exec_prepared(kList, client_id, delivery_state, before_id, limit)) {
    list.push_back(FromRow(row));
  }
  return list;
}

std::vector<Conversation> ConversationStore::ClaimDue(int limit, std::chrono::milliseconds lease) {
  const auto now = clock_.Now();
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  std::vector<Conversation> claimed;
  for (const auto& row : tx.exec_prepared(kClaim, At(now), At(now + lease), limit)) claimed.push_back(FromRow(row));
  tx.commit();
  return claimed;
}

void ConversationStore::Complete(const std::string& id, const std::string& state, const nlohmann::json& result) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  tx.exec_prepared(kComplete, id, state, result.dump(), At(clock_.Now()));
  tx.commit();
}

void ConversationStore::RetryProcessing(const std::string& id, core::TimePoint next) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  tx.exec_prepared(kRetry, id, At(next), At(clock_.Now()));
  tx.commit();
}

std::vector<ConversationStore::Delivery> ConversationStore::ClaimDeliveries(int limit,
                                                                            std::chrono::milliseconds lease) {
  const auto now = clock_.Now();
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  std::vector<Delivery> claimed;
  for (const auto& row : tx.exec_prepared(kClaimDeliveries, At(now), At(now + lease), limit)) {
    auto conversation = FromRow(row);
    Webhook webhook{conversation.client_id, row[kWebhookColumn].as<std::string>(),
                    row[kWebhookColumn + 1].as<std::string>()};
    claimed.push_back({std::move(conversation), std::move(webhook)});
  }
  tx.commit();
  return claimed;
}

void ConversationStore::MarkDelivered(const std::string& id) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  tx.exec_prepared(kDelivered, id, At(clock_.Now()));
  tx.commit();
}

void ConversationStore::MarkDeliveryFailed(const std::string& id, const std::string& error,
                                           std::optional<core::TimePoint> next) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const std::optional<std::string> next_text = next ? std::optional<std::string>(At(*next)) : std::nullopt;
  tx.exec_prepared(kDeliveryFailed, id, error.substr(0, 500), next_text, At(clock_.Now()));
  tx.commit();
}

core::Result<Conversation> ConversationStore::Redeliver(const std::string& id, const std::string& client_id) {
  auto existing = Get(id, client_id);
  if (!existing) return core::Error::NotFound("conversation " + id + " does not exist");
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto rows = tx.exec_prepared(kRedeliver, id, client_id, At(clock_.Now()));
  tx.commit();
  if (rows.empty()) {
    return core::Error::FailedPrecondition("conversation " + id + " has delivery state '" + existing->delivery_state +
                                           "': only a failed or delivered answer of a client with a webhook can be "
                                           "delivered again");
  }
  return FromRow(rows[0]);
}

}  // namespace greenlane::api
