#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "greenlane/core/error.h"

namespace greenlane::api {

/// The `Greenlane-Signature` header of a delivery: "t=<unix seconds>,v1=<hex HMAC-SHA256 of
/// "<t>.<body>" under the webhook secret>". The receiver recomputes it and rejects old `t`, so a
/// captured delivery cannot be replayed later (the scheme Stripe and GitHub receivers know).
std::string WebhookSignature(const std::string& secret, std::int64_t unix_seconds, const std::string& body);

/// Wait before delivery attempt `attempt` + 1 (attempt ≥ 1): 2^(attempt-1) × `base`, capped at
/// `cap`, scaled by `jitter` in [0.5, 1] so receivers coming back up are not hit in lockstep.
std::chrono::milliseconds RetryDelay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                     double jitter);

}  // namespace greenlane::api
