#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"

namespace greenlane::api {

struct Webhook {
  std::string client_id;
  std::string url;
  std::string secret;
};

/// One asynchronous request (api.conversations): what was asked, its answer, and where the
/// delivery of that answer to the client's webhook stands.
struct Conversation {
  std::string id;
  std::string client_id;
  std::vector<std::string> roles;
  std::string kind;
  std::string reference;
  std::string request;
  std::string state;  ///< pending | done | failed
  nlohmann::json result;
  int attempts = 0;
  std::string delivery_state;  ///< none | pending | delivered | failed
  int delivery_attempts = 0;
  std::string last_delivery_error;
  std::string created_at;  ///< RFC 3339
  std::string updated_at;

  /// What the client pulls (GET /v1/conversations/{id}) and what the webhook receives.
  [[nodiscard]] nlohmann::json ToJson() const;
};

/// api.webhooks and api.conversations. Claims use FOR UPDATE SKIP LOCKED and push the due time
/// forward by a lease, so several facade instances share the work and a crashed one's claims come
/// back after the lease.
class ConversationStore {
 public:
  ConversationStore(pg::Pool& pool, const core::Clock& clock) : pool_(pool), clock_(clock) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  Webhook PutWebhook(const std::string& client_id, const std::string& url, const std::string& secret);
  std::optional<Webhook> GetWebhook(const std::string& client_id);
  bool DeleteWebhook(const std::string& client_id);

  Conversation Create(const std::string& client_id, const std::vector<std::string>& roles, const std::string& kind,
                      const std::string& reference, const std::string& request);
  /// The conversation when it exists and, unless `client_id` is empty (an admin), belongs to it.
  std::optional<Conversation> Get(const std::string& id, const std::string& client_id);
  /// Newest first after `before_id` (keyset paging); `client_id` empty = every client's.
  std::vector<Conversation> List(const std::string& client_id, const std::string& delivery_state,
                                 const std::string& before_id, int limit);

  /// Up to `limit` conversations due for processing, leased for `lease`.
  std::vector<Conversation> ClaimDue(int limit, std::chrono::milliseconds lease);
  /// Stores the answer (state done or failed) and queues its delivery when the client has a webhook.
  void Complete(const std::string& id, const std::string& state, const nlohmann::json& result);
  /// Processing failed for a reason that may pass (the service behind is down): try again at `next`.
  void RetryProcessing(const std::string& id, core::TimePoint next);

  struct Delivery {
    Conversation conversation;
    Webhook webhook;
  };
  std::vector<Delivery> ClaimDeliveries(int limit, std::chrono::milliseconds lease);
  void MarkDelivered(const std::string& id);
  /// A failed attempt: retried at `next`, or the delivery is failed for good when `next` is empty.
  void MarkDeliveryFailed(const std::string& id, const std::string& error, std::optional<core::TimePoint> next);
  /// Queues a failed (or delivered) answer again, attempts reset; NotFound / FailedPrecondition otherwise.
  core::Result<Conversation> Redeliver(const std::string& id, const std::string& client_id);

 private:
  pg::Pool& pool_;
  const core::Clock& clock_;
};

}  // namespace greenlane::api
