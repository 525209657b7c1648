#include "exchange/http_delivery_sender.h"

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "greenlane/http/client.h"
#include "greenlane/http/url.h"

namespace greenlane::cites {
namespace {

// A token is renewed this long before it expires, so a slow request never carries a stale one.
constexpr std::chrono::seconds kRenewMargin{30};
constexpr std::size_t kErrorBodyChars = 300;

http::Client ClientFor(const ExchangeClientOptions& options, const std::string& host, unsigned short port, bool tls) {
  http::ClientOptions client;
  client.host = host;
  client.port = port;
  client.tls = tls;
  client.ca_file = options.ca_file;
  client.cert_file = options.cert_file;
  client.key_file = options.key_file;
  client.timeout = options.timeout;
  return http::Client(client);
}

// application/x-www-form-urlencoded value (RFC 6749 §2.3.1 credentials in the body).
std::string FormEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

core::Error Refused(const Partner& partner, const std::string& what, const http::ClientResponse& response) {
  return {core::ErrorKind::kUnavailable,
          "partner " + partner.country + " answered " + std::to_string(response.status) + " to " + what + ": " +
              response.body.substr(0, kErrorBodyChars),
          ""};
}

}  // namespace

core::Result<std::map<std::string, ExchangeCredentials>> LoadExchangeCredentials(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return core::Error::InvalidArgument("exchange_credentials_file", "cannot read " + path.string());
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_object()) {
    return core::Error::InvalidArgument(
        "exchange_credentials_file", path.string() + " is not a JSON object of country -> {client_id, client_secret}");
  }
  std::map<std::string, ExchangeCredentials> out;
  for (const auto& [country, entry] : json.items()) {
    if (!entry.is_object() || !entry.contains("client_id") || !entry["client_id"].is_string() ||
        !entry.contains("client_secret") || !entry["client_secret"].is_string()) {
      return core::Error::InvalidArgument(
          "exchange_credentials_file",
          path.string() + ": entry '" + country + "' needs string client_id and client_secret");
    }
    out[country] = {entry["client_id"].get<std::string>(), entry["client_secret"].get<std::string>()};
  }
  return out;
}

core::Result<std::string> HttpDeliverySender::Token(const Partner& partner, const std::string& host,
                                                    unsigned short port, bool tls) {
  const auto credentials = options_.credentials.find(partner.country);
  if (credentials == options_.credentials.end()) return std::string();
  {
    std::lock_guard lock(mutex_);
    const auto cached = tokens_.find(partner.country);
    if (cached != tokens_.end() && clock_.Now() < cached->second.renew_at) return cached->second.token;
  }
  auto client = ClientFor(options_, host, port, tls);
  const auto response =
      client.Send("POST", "/v1/oauth/token",
                  "grant_type=client_credentials&client_id=" + FormEncode(credentials->second.client_id) +
                      "&client_secret=" + FormEncode(credentials->second.client_secret),
                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  if (response.status != 200) return Refused(partner, "the token request", response);
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (!json.is_object() || !json.contains("access_token") || !json["access_token"].is_string()) {
    return core::Error{core::ErrorKind::kUnavailable,
                       "partner " + partner.country + "'s token endpoint answered no access_token", ""};
  }
  const auto lifetime = std::chrono::seconds(json.value("expires_in", 60));
  std::lock_guard lock(mutex_);
  auto& cached = tokens_[partner.country];
  cached = {json["access_token"].get<std::string>(), clock_.Now() + lifetime - kRenewMargin};
  return cached.token;
}

void HttpDeliverySender::Forget(const std::string& country) {
  std::lock_guard lock(mutex_);
  tokens_.erase(country);
}

core::Status HttpDeliverySender::Send(const Partner& partner, const OutboundMessage& message) {
  auto url = http::ParseUrl(partner.exchange_url, true, "exchange_url");
  if (!url.ok()) return url.error();
  try {
    auto token = Token(partner, url->host, url->port, url->tls);
    if (!token.ok()) return token.error();
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"},
                                                                {"X-Greenlane-Message-Id", message.message_id},
                                                                {"X-Greenlane-Timestamp", message.timestamp},
                                                                {"X-Greenlane-Signature", message.signature}};
    if (!token->empty()) headers.emplace_back("Authorization", "Bearer " + *token);
    auto client = ClientFor(options_, url->host, url->port, url->tls);
    const auto response = client.Send("POST", url->target, message.body, headers);
    if (response.status / 100 == 2) return core::Status::Ok();
    // A token the partner no longer accepts (rotated key, revoked client) is fetched again next time.
    if (response.status == 401) Forget(partner.country);
    return Refused(partner, message.operation + " " + message.message_id, response);
  } catch (const core::GreenlaneException& failure) {
    return core::Error{core::ErrorKind::kUnavailable,
                       "partner " + partner.country + " at " + partner.exchange_url + ": " + failure.what(), ""};
  }
}

}  // namespace greenlane::cites
