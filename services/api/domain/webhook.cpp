#include "domain/webhook.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <charconv>

namespace greenlane::api {
namespace {

constexpr std::size_t kMaxUrlLength = 2000;

core::Error BadUrl(const std::string& why) { return core::Error::InvalidArgument("url", why); }

}  // namespace

core::Result<WebhookUrl> ParseWebhookUrl(const std::string& url, bool allow_http) {
  if (url.size() > kMaxUrlLength) return BadUrl("a webhook URL is at most 2000 characters");
  WebhookUrl parsed;
  std::string_view rest(url);
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://") && allow_http) {
    rest.remove_prefix(7);
    parsed.tls = false;
    parsed.port = 80;
  } else {
    return BadUrl(allow_http ? "the webhook URL must start with https:// or http://"
                             : "the webhook URL must start with https:// (plain http is not allowed here)");
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  parsed.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) return BadUrl("the webhook URL must not carry user information");
  if (parsed.target.find('#') != std::string::npos) return BadUrl("the webhook URL must not have a fragment");
  const bool printable = std::all_of(url.begin(), url.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (!printable) return BadUrl("the webhook URL must be printable ASCII without spaces");
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.back() != ']') {
    const auto digits = authority.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port == 0 || port > 65535) {
      return BadUrl("the webhook URL's port must be 1 to 65535");
    }
    parsed.port = static_cast<unsigned short>(port);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return BadUrl("the webhook URL has no host");
  parsed.host = std::string(authority);
  return parsed;
}

std::string WebhookSignature(const std::string& secret, std::int64_t unix_seconds, const std::string& body) {
  std::string message = std::to_string(unix_seconds);
  message.append(".").append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string header = "t=" + std::to_string(unix_seconds);
  header.append(",v1=");
  for (unsigned int i = 0; i < length; ++i) {
    header.push_back(kHex[digest[i] >> 4]);
    header.push_back(kHex[digest[i] & 0xf]);
  }
  return header;
}

std::chrono::milliseconds RetryDelay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                     double jitter) {
  const int doublings = std::clamp(attempt - 1, 0, 30);
  const auto uncapped = base.count() * (std::int64_t{1} << doublings);
  const auto capped = std::min<std::int64_t>(uncapped, cap.count());
  const double scale = std::clamp(jitter, 0.5, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(capped) * scale));
}

}  // namespace greenlane::api
