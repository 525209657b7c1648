#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// Operations a partner economy may be allowed (CitesPartner.allowed_operations).
inline constexpr std::string_view kOpDeliverPermit = "permit.deliver";
inline constexpr std::string_view kOpFetchPermit = "permit.fetch";
inline constexpr std::string_view kOpConfirmQuantities = "quantities.confirm";
bool IsExchangeOperation(std::string_view operation);

/// The bytes a partner signs with Ed25519: message id, timestamp and operation, each on a line of
/// its own, then the body exactly as sent. Signing the id and timestamp with the body stops a
/// replay under a fresh id, and signing the operation stops a body meant for one route from being
/// accepted by another.
std::string SigningInput(std::string_view message_id, std::string_view timestamp, std::string_view operation,
                         std::string_view body);

/// A message id is 8 to 128 characters of [A-Za-z0-9._:-] (a UUID fits); rule exchange.message_id.
core::Status CheckMessageId(std::string_view message_id);

/// The timestamp must be RFC 3339 and within `window` of `now` either way (clock skew); rule
/// exchange.timestamp. Outside the window a replay could no longer be told from a new message once
/// old ids are pruned.
core::Status CheckTimestamp(const std::string& timestamp, core::TimePoint now, std::chrono::seconds window);

/// Delay before delivery attempt `attempts` + 1: `base` doubled per failed attempt, at most `cap`.
std::chrono::seconds DeliveryBackoff(int attempts, std::chrono::seconds base, std::chrono::seconds cap);

}  // namespace greenlane::cites
