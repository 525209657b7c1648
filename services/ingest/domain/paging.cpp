#include "domain/paging.h"

#include <charconv>
#include <chrono>

#include "greenlane/core/uuid.h"
#include "greenlane/security/base64url.h"

namespace greenlane::ingest {
namespace {

constexpr std::string_view kReadingPrefix = "r1:";
constexpr std::string_view kSerialPrefix = "d1:";
// Beyond this a time point (nanoseconds in 64 bits) would overflow.
constexpr std::int64_t kMaxMicros = 9'000'000'000'000'000;

core::Error BadToken() {
  return core::Error::InvalidArgument("page.page_token",
                                      "is not a page token from this list; pass next_page_token back unchanged");
}

// The token's payload after `prefix`, or nullopt when it is not one of ours.
std::optional<std::string> Unwrap(const std::string& token, std::string_view prefix) {
  auto decoded = security::Base64UrlDecode(token);
  if (!decoded || !decoded->starts_with(prefix)) return std::nullopt;
  return decoded->substr(prefix.size());
}

}  // namespace

core::Result<int> PageSizeOf(int requested) {
  if (requested < 0) {
    return core::Error::InvalidArgument("page.page_size", "is " + std::to_string(requested) + "; it must be 0 or more");
  }
  if (requested == 0) return kDefaultPageSize;
  return std::min(requested, kMaxPageSize);
}

std::string EncodeReadingCursor(const ReadingCursor& cursor) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(cursor.captured_at.time_since_epoch()).count();
  return security::Base64UrlEncode(std::string(kReadingPrefix) + std::to_string(micros) + ":" + cursor.id);
}

core::Result<ReadingCursor> DecodeReadingCursor(const std::string& token) {
  const auto body = Unwrap(token, kReadingPrefix);
  if (!body) return BadToken();
  const auto colon = body->find(':');
  if (colon == std::string::npos) return BadToken();
  std::int64_t micros = 0;
  const auto [end, error] = std::from_chars(body->data(), body->data() + colon, micros);
  std::string id = body->substr(colon + 1);
  if (error != std::errc() || end != body->data() + colon || micros > kMaxMicros || micros < -kMaxMicros ||
      !core::Uuid::Parse(id)) {
    return BadToken();
  }
  return ReadingCursor{core::TimePoint(std::chrono::microseconds(micros)), std::move(id)};
}

std::string EncodeSerialCursor(const std::string& serial) {
  return security::Base64UrlEncode(std::string(kSerialPrefix) + serial);
}

core::Result<std::string> DecodeSerialCursor(const std::string& token) {
  auto body = Unwrap(token, kSerialPrefix);
  if (!body) return BadToken();
  return std::move(*body);
}

}  // namespace greenlane::ingest
