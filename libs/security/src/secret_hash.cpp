#include "greenlane/security/secret_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/security/base64url.h"
#include "openssl_util.h"

namespace greenlane::security {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr int kMaxIterations = 10'000'000;
constexpr std::size_t kMaxRandomBytes = 1 << 20;

std::string RandomBytes(std::size_t count) {
  if (count > kMaxRandomBytes) {
    throw std::invalid_argument("at most " + std::to_string(kMaxRandomBytes) + " random bytes, asked for " +
                                std::to_string(count));
  }
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw core::GreenlaneException(
        core::Error{core::ErrorKind::kUnavailable, "random generator failed: " + detail::DrainOpenSslErrors(), {}});
  }
  return bytes;
}

std::string Pbkdf2(std::string_view secret, std::string_view salt, int iterations, std::size_t length) {
  std::string out(length, '\0');
  if (PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                        EVP_sha256(), static_cast<int>(length), reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw core::GreenlaneException(core::Error::Internal("PBKDF2 failed: " + detail::DrainOpenSslErrors()));
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t pos; (pos = text.find(separator, start)) != std::string_view::npos; start = pos + 1) {
    parts.push_back(text.substr(start, pos - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

std::string HashSecret(std::string_view secret, int iterations) {
  if (iterations < 1 || iterations > kMaxIterations) {
    throw std::invalid_argument("PBKDF2 iterations must be 1.." + std::to_string(kMaxIterations) + ", got " +
                                std::to_string(iterations));
  }
  const std::string salt = RandomBytes(kSaltBytes);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + Base64UrlEncode(salt) + "$" +
         Base64UrlEncode(Pbkdf2(secret, salt, iterations, kHashBytes));
}

bool VerifySecret(std::string_view secret, std::string_view encoded) {
  const auto parts = Split(encoded, '$');
  if (parts.size() != 4 || parts[0] != kScheme) return false;
  int iterations = 0;
  const auto [end, error] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
  if (error != std::errc() || end != parts[1].data() + parts[1].size() || iterations < 1 ||
      iterations > kMaxIterations) {
    return false;
  }
  const auto salt = Base64UrlDecode(parts[2]);
  const auto expected = Base64UrlDecode(parts[3]);
  if (!salt || salt->empty() || !expected || expected->size() != kHashBytes) return false;
  const std::string actual = Pbkdf2(secret, *salt, iterations, expected->size());
  return CRYPTO_memcmp(actual.data(), expected->data(), actual.size()) == 0;
}

std::string RandomToken(std::size_t bytes) { return Base64UrlEncode(RandomBytes(bytes)); }

}  // namespace greenlane::security
