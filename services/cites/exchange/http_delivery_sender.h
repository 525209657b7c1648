#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "exchange/delivery_store.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// Our OAuth2 client at a partner's Greenlane facade, whose exchange routes need the partner role
/// on top of mutual TLS and the signature.
struct ExchangeCredentials {
  std::string client_id;
  std::string client_secret;
};

/// Reads `{"<country>": {"client_id", "client_secret"}, ...}`; the error names the file and entry.
core::Result<std::map<std::string, ExchangeCredentials>> LoadExchangeCredentials(const std::filesystem::path& path);

struct ExchangeClientOptions {
  std::string ca_file;    ///< verifies partners' servers; empty = the system CAs
  std::string cert_file;  ///< our client certificate for mutual TLS (its CN is what partners register)
  std::string key_file;
  std::chrono::milliseconds timeout{10000};
  /// By partner country; a partner without an entry is called without a bearer token.
  std::map<std::string, ExchangeCredentials> credentials;
};

/// Sends signed deliveries to partners' exchange URLs over HTTPS with our client certificate, the
/// X-Greenlane-Message-Id/-Timestamp/-Signature headers and, where we hold credentials, a bearer
/// token fetched by client credentials from the partner's `/v1/oauth/token` and kept until shortly
/// before it expires. Any answer but 2xx is an error, so DeliveryStore retries and finally parks
/// the delivery as dead. Safe to call from several threads.
class HttpDeliverySender {
 public:
  HttpDeliverySender(ExchangeClientOptions options, const core::Clock& clock)
      : options_(std::move(options)), clock_(clock) {}

  core::Status Send(const Partner& partner, const OutboundMessage& message);

  /// For DeliveryStore::RunOnce; this object must outlive it.
  DeliverySender AsSender() {
    return [this](const Partner& partner, const OutboundMessage& message) { return Send(partner, message); };
  }

 private:
  struct CachedToken {
    std::string token;
    core::TimePoint renew_at;
  };
  core::Result<std::string> Token(const Partner& partner, const std::string& host, unsigned short port, bool tls);
  void Forget(const std::string& country);

  ExchangeClientOptions options_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, CachedToken> tokens_;
};

}  // namespace greenlane::cites
