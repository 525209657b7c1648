#include "domain/exchange_message.h"

#include <algorithm>
#include <cctype>

#include "domain/problem.h"

namespace greenlane::cites {

bool IsExchangeOperation(std::string_view operation) {
  return operation == kOpDeliverPermit || operation == kOpFetchPermit || operation == kOpConfirmQuantities;
}

std::string SigningInput(std::string_view message_id, std::string_view timestamp, std::string_view operation,
                         std::string_view body) {
  std::string input;
  input.reserve(message_id.size() + timestamp.size() + operation.size() + body.size() + 3);
  input.append(message_id).append("\n").append(timestamp).append("\n").append(operation).append("\n").append(body);
  return input;
}

core::Status CheckMessageId(std::string_view message_id) {
  const bool allowed = std::all_of(message_id.begin(), message_id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-';
  });
  if (message_id.size() < 8 || message_id.size() > 128 || !allowed) {
    return RuleError("exchange.message_id", "message_id",
                     "a message id is 8 to 128 characters of letters, digits and . _ : - (a UUID fits)");
  }
  return core::Status::Ok();
}

core::Status CheckTimestamp(const std::string& timestamp, core::TimePoint now, std::chrono::seconds window) {
  const auto sent = core::ParseRfc3339(timestamp);
  if (!sent) {
    return RuleError("exchange.timestamp", "timestamp", "'" + timestamp + "' is not an RFC 3339 time");
  }
  const auto skew = std::chrono::abs(std::chrono::duration_cast<std::chrono::seconds>(now - *sent));
  if (skew > window) {
    return RuleError("exchange.timestamp", "timestamp",
                     timestamp + " is " + std::to_string(skew.count()) + " s away from " + core::FormatRfc3339(now) +
                         ", more than the " + std::to_string(window.count()) + " s allowed: send a fresh message");
  }
  return core::Status::Ok();
}

std::chrono::seconds DeliveryBackoff(int attempts, std::chrono::seconds base, std::chrono::seconds cap) {
  std::chrono::seconds delay = base;
  for (int i = 1; i < attempts && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

}  // namespace greenlane::cites
