#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "greenlane/core/clock.h"
#include "greenlane/core/periodic_task.h"
#include "store/conversation_store.h"

namespace greenlane::api {

/// What processing one conversation produced.
struct ProcessOutcome {
  enum class Kind { kDone, kFailed, kRetry };
  Kind kind = Kind::kRetry;
  nlohmann::json result;  ///< the answer (done) or a problem (failed, and the last error of a retry)
};

/// Does the work of one kind of conversation (e.g. "declaration.assessment" → risk Assess).
using Processor = std::function<ProcessOutcome(const Conversation&)>;

struct ConversationSettings {
  std::chrono::milliseconds poll_interval{200};
  int batch = 20;
  std::chrono::milliseconds lease{60000};  ///< a claimed item comes back after this if its worker dies
  int max_processing_attempts = 30;        ///< the service behind down this long → failed
  int max_delivery_attempts = 8;           ///< then the delivery is failed, listed and replayable
  std::chrono::milliseconds retry_base{1000};
  std::chrono::milliseconds retry_cap{600000};
  std::chrono::milliseconds delivery_timeout{10000};
  bool allow_http = false;  ///< plain-http webhooks, for development only
};

/// Background processing of asynchronous requests and delivery of their answers to webhooks:
/// every poll it claims due conversations, runs their processor, then posts finished answers,
/// signed (WebhookSignature), retrying with backoff and jitter until max_delivery_attempts.
class ConversationWorker {
 public:
  ConversationWorker(ConversationStore& store, const core::Clock& clock, ConversationSettings settings,
                     std::map<std::string, Processor> processors);

  void Start();
  void Stop();

  /// One round of each step; the periodic task runs them, tests call them directly.
  void ProcessDue();
  void DeliverDue();

 private:
  void Deliver(const ConversationStore::Delivery& delivery);
  core::TimePoint NextAttempt(int attempts) const;

  ConversationStore& store_;
  const core::Clock& clock_;
  ConversationSettings settings_;
  std::map<std::string, Processor> processors_;
  core::PeriodicTask task_;
};

}  // namespace greenlane::api
