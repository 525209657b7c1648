#include "greenlane/redis/url.h"

#include <charconv>

namespace greenlane::redis {
namespace {

bool ParseNumber(const std::string& text, int min, int max, int* out) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) return false;
  *out = value;
  return true;
}

core::Error BadUrl(const std::string& problem) {
  return core::Error::InvalidArgument("url",
                                      "Redis URL " + problem + "; expected redis://[:password@]host[:port][/db]");
}

}  // namespace

std::string Endpoint::Describe() const { return host + ":" + std::to_string(port) + "/" + std::to_string(db); }

core::Result<Endpoint> ParseUrl(const std::string& url) {
  const std::string scheme = "redis://";
  if (url.rfind(scheme, 0) != 0)
    return BadUrl("must start with redis:// (rediss:// needs TLS, which hiredis 0.14 lacks)");
  std::string rest = url.substr(scheme.size());
  Endpoint endpoint;

  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    const std::string credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = credentials.find(':');
    if (colon == std::string::npos) return BadUrl("has credentials without a ':' before the password");
    endpoint.username = credentials.substr(0, colon);
    endpoint.password = credentials.substr(colon + 1);
  }
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    const std::string db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    if (!db.empty() && !ParseNumber(db, 0, 15, &endpoint.db)) return BadUrl("has database \"" + db + "\", not 0-15");
  }
  if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
    const std::string port = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (!ParseNumber(port, 1, 65535, &endpoint.port)) return BadUrl("has port \"" + port + "\", not 1-65535");
  }
  if (rest.empty()) return BadUrl("has no host");
  endpoint.host = rest;
  return endpoint;
}

}  // namespace greenlane::redis
