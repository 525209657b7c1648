#include "api/conversation_worker.h"

#include <random>

#include "domain/webhook.h"
#include "greenlane/core/log.h"
#include "greenlane/http/client.h"
#include "greenlane/http/url.h"

namespace greenlane::api {
namespace {

double Jitter() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.5, 1.0)(random);
}

}  // namespace

ConversationWorker::ConversationWorker(ConversationStore& store, const core::Clock& clock,
                                       ConversationSettings settings, std::map<std::string, Processor> processors)
    : store_(store),
      clock_(clock),
      settings_(settings),
      processors_(std::move(processors)),
      task_("conversations", settings.poll_interval, [this] {
        ProcessDue();
        DeliverDue();
      }) {}

void ConversationWorker::Start() { task_.Start(); }

void ConversationWorker::Stop() { task_.Stop(); }

core::TimePoint ConversationWorker::NextAttempt(int attempts) const {
  return clock_.Now() + RetryDelay(attempts, settings_.retry_base, settings_.retry_cap, Jitter());
}

void ConversationWorker::ProcessDue() {
  for (const auto& conversation : store_.ClaimDue(settings_.batch, settings_.lease)) {
    const auto processor = processors_.find(conversation.kind);
    if (processor == processors_.end()) {
      store_.Complete(conversation.id, "failed",
                      {{"title", "Internal error"}, {"detail", "no processor for kind " + conversation.kind}});
      continue;
    }
    const auto outcome = processor->second(conversation);
    switch (outcome.kind) {
      case ProcessOutcome::Kind::kDone:
        store_.Complete(conversation.id, "done", outcome.result);
        break;
      case ProcessOutcome::Kind::kFailed:
        store_.Complete(conversation.id, "failed", outcome.result);
        break;
      case ProcessOutcome::Kind::kRetry:
        if (conversation.attempts >= settings_.max_processing_attempts) {
          store_.Complete(conversation.id, "failed", outcome.result);
        } else {
          log::Warn(
              "conversation will be processed again",
              {{"conversation", conversation.id}, {"attempts", conversation.attempts}, {"error", outcome.result}});
          store_.RetryProcessing(conversation.id, NextAttempt(conversation.attempts));
        }
        break;
    }
  }
}

void ConversationWorker::DeliverDue() {
  for (const auto& delivery : store_.ClaimDeliveries(settings_.batch, settings_.lease)) Deliver(delivery);
}

void ConversationWorker::Deliver(const ConversationStore::Delivery& delivery) {
  const auto& conversation = delivery.conversation;
  std::string error;
  const auto url = http::ParseUrl(delivery.webhook.url, settings_.allow_http, "url");
  if (!url.ok()) {
    error = url.error().message;
  } else {
    const std::string body = conversation.ToJson().dump();
    try {
      http::Client client({.host = url->host,
                           .port = url->port,
                           .tls = url->tls,
                           .ca_file = "",
                           .cert_file = "",
                           .key_file = "",
                           .timeout = settings_.delivery_timeout});
      const auto response = client.Send(
          "POST", url->target, body,
          {{"Content-Type", "application/json"},
           {"Greenlane-Signature", WebhookSignature(delivery.webhook.secret, core::ToUnixSeconds(clock_.Now()), body)},
           {"Greenlane-Conversation-Id", conversation.id},
           {"Greenlane-Delivery-Attempt", std::to_string(conversation.delivery_attempts)}});
      if (response.status >= 200 && response.status < 300) {
        store_.MarkDelivered(conversation.id);
        return;
      }
      error = "the webhook answered HTTP " + std::to_string(response.status);
    } catch (const core::GreenlaneException& e) {
      error = e.what();
    }
  }
  const bool give_up = conversation.delivery_attempts >= settings_.max_delivery_attempts;
  log::Warn(give_up ? "webhook delivery failed for good" : "webhook delivery failed, will retry",
            {{"conversation", conversation.id},
             {"client_id", conversation.client_id},
             {"attempt", conversation.delivery_attempts},
             {"error", error}});
  store_.MarkDeliveryFailed(conversation.id, error,
                            give_up ? std::nullopt : std::optional(NextAttempt(conversation.delivery_attempts)));
}

}  // namespace greenlane::api
