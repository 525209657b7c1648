#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "greenlane/core/error.h"

namespace greenlane::api {

/// Where a client wants its asynchronous answers: parsed once when it registers, so a bad URL is
/// a 400 at registration rather than a delivery that can never succeed.
struct WebhookUrl {
  bool tls = true;
  std::string host;
  unsigned short port = 443;
  std::string target = "/";  ///< path and query
};

/// Accepts https://host[:port]/path (and http:// only when `allow_http`, for development);
/// refuses user info, fragments, empty hosts and URLs over 2,000 characters, naming the rule.
core::Result<WebhookUrl> ParseWebhookUrl(const std::string& url, bool allow_http);

/// The `Greenlane-Signature` header of a delivery: "t=<unix seconds>,v1=<hex HMAC-SHA256 of
/// "<t>.<body>" under the webhook secret>". The receiver recomputes it and rejects old `t`, so a
/// captured delivery cannot be replayed later (the scheme Stripe and GitHub receivers know).
std::string WebhookSignature(const std::string& secret, std::int64_t unix_seconds, const std::string& body);

/// Wait before delivery attempt `attempt` + 1 (attempt ≥ 1): 2^(attempt-1) × `base`, capped at
/// `cap`, scaled by `jitter` in [0.5, 1] so receivers coming back up are not hit in lockstep.
std::chrono::milliseconds RetryDelay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                     double jitter);

}  // namespace greenlane::api
