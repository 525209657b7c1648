#include "domain/webhook.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>

namespace greenlane::api {
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
