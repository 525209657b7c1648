// The partner exchange endpoint under HTTPS with client certificates, in front of a real
// greenlane-cites: a partner fetches, delivers and confirms with signed messages; forged, altered,
// stale and replayed messages and callers without a client certificate are refused.
#include <catch2/catch.hpp>

#include "api_stack.h"
#include "cites_process.h"
#include "greenlane/core/uuid.h"
#include "greenlane/security/base64url.h"
#include "greenlane/security/ed25519.h"

using Catch::Matchers::Contains;
using greenlane::testing::ApiStack;
using greenlane::testing::CitesProcess;
using greenlane::testing::MahoganyExportJson;
using nlohmann::json;
namespace core = greenlane::core;
namespace http = greenlane::http;
namespace security = greenlane::security;

namespace {

std::string Pki() { return greenlane::testing::RequiredEnv("GREENLANE_TEST_PKI_DIR"); }

using Headers = std::vector<std::pair<std::string, std::string>>;

// Our economy is GA; the partner is PE, known by the dev PKI's partner-pe client certificate.
class ExchangeStack {
 public:
  ExchangeStack()
      : stack_([this](greenlane::api::ApiSettings& settings) {
          settings.downstream.cites = cites_.address();
          settings.downstream.tls = {pki_ + "/ca.crt", pki_ + "/clients/service-api.crt",
                                     pki_ + "/clients/service-api.key"};
          settings.tls_cert_file = pki_ + "/servers/api.crt";
          settings.tls_key_file = pki_ + "/servers/api.key";
          settings.tls_client_ca_file = pki_ + "/ca.crt";
        }) {
    officer_ = Bearer(stack_.CreateClient("ma-officer", {"officer"}));
    admin_ = Bearer(stack_.CreateClient("ma-admin", {"admin"}));
    partner_token_ = Bearer(stack_.CreateClient("partner-pe", {"partner"}));
    const json partner = {{"country", "PE"},
                          {"authority", "SERFOR"},
                          {"exchange_url", "https://127.0.0.1:1/v1/exchange/cites/permits"},
                          {"public_key_pem", partner_key.PublicPem()},
                          {"client_cn", "partner-pe"},
                          {"allowed_operations", {"permit.deliver", "permit.fetch", "quantities.confirm"}}};
    auto registered = Client(true).Send("POST", "/v1/cites/partners", json{{"partner", partner}}.dump(), admin_);
    INFO(registered.body);
    REQUIRE(registered.status == 200);
  }

  // An HTTPS client of the facade, presenting the partner's certificate when `with_cert`.
  http::Client Client(bool with_cert) {
    http::ClientOptions options;
    options.port = stack_.server().port();
    options.tls = true;
    options.ca_file = pki_ + "/ca.crt";
    if (with_cert) {
      options.cert_file = pki_ + "/clients/partner-pe.crt";
      options.key_file = pki_ + "/clients/partner-pe.key";
    }
    return http::Client(options);
  }

  // Issues an export of ours to PE; returns its number.
  std::string IssueExportToPartner() {
    auto client = Client(false);
    auto drafted =
        client.Send("POST", "/v1/cites/permits", json{{"permit", MahoganyExportJson("GA", "PE")}}.dump(), officer_);
    INFO(drafted.body);
    REQUIRE(drafted.status == 201);
    const auto number = json::parse(drafted.body)["number"].get<std::string>();
    REQUIRE(client.Send("POST", "/v1/cites/permits/" + number + "/issue", "{}", officer_).status == 200);
    return number;
  }

  // Our customs endorse the export as shipped, which the partner's import then confirms.
  void Endorse(const std::string& number, const std::string& quantity) {
    const json endorsement = {
        {"date", greenlane::testing::DayFromToday(0)}, {"port", "GALBV"}, {"quantities", {quantity}}};
    auto endorsed =
        Client(false).Send("POST", "/v1/cites/permits/" + number + "/endorse", endorsement.dump(), officer_);
    INFO(endorsed.body);
    REQUIRE(endorsed.status == 200);
  }

  struct Signed {
    std::string message_id, timestamp, signature;
  };
  // The exchange protocol (services/cites/README.md) written out independently of the service:
  // Ed25519 over id "\n" timestamp "\n" operation "\n" body, base64url.
  static Signed Sign(const security::Ed25519Key& key, const std::string& operation, const std::string& body,
                     core::TimePoint at = core::SystemClock::Instance().Now()) {
    Signed out{core::Uuid::NewV7().ToString(), core::FormatRfc3339(at), ""};
    out.signature =
        security::Base64UrlEncode(key.Sign(out.message_id + "\n" + out.timestamp + "\n" + operation + "\n" + body));
    return out;
  }

  Headers PartnerHeaders(const Signed& message) const {
    Headers headers = partner_token_;
    headers.emplace_back("X-Greenlane-Message-Id", message.message_id);
    headers.emplace_back("X-Greenlane-Timestamp", message.timestamp);
    headers.emplace_back("X-Greenlane-Signature", message.signature);
    return headers;
  }

  long long Refusals() const {
    return cites_.Count("SELECT count(*) FROM cites.audit_log WHERE action = 'exchange.message_refused'");
  }
  CitesProcess& cites() { return cites_; }

  security::Ed25519Key partner_key = security::Ed25519Key::Generate();

 private:
  Headers Bearer(const ApiStack::Credentials& credentials) {
    auto headers = ApiStack::Bearer(TokenOverTls(credentials));
    headers.emplace_back("Content-Type", "application/json");
    return headers;
  }
  std::string TokenOverTls(const ApiStack::Credentials& credentials) {
    auto response = Client(false).Send(
        "POST", "/v1/oauth/token",
        "grant_type=client_credentials&client_id=" + credentials.id + "&client_secret=" + credentials.secret,
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    if (response.status != 200) FAIL("token request failed: " << response.body);
    return json::parse(response.body).at("access_token").get<std::string>();
  }

  std::string pki_ = Pki();
  CitesProcess cites_{pki_};
  ApiStack stack_;
  Headers officer_, admin_, partner_token_;
};

constexpr const char* kFetch = "/v1/exchange/cites/permits/fetch";

}  // namespace

TEST_CASE("a partner fetches a permit of its trade and confirms the quantities it received, signed over mTLS") {
  ExchangeStack exchange;
  const auto number = exchange.IssueExportToPartner();
  auto client = exchange.Client(true);

  const std::string fetch_body = json{{"number", number}}.dump();
  auto fetched =
      client.Send("POST", kFetch, fetch_body,
                  exchange.PartnerHeaders(ExchangeStack::Sign(exchange.partner_key, "permit.fetch", fetch_body)));
  INFO(fetched.body);
  REQUIRE(fetched.status == 200);
  CHECK(json::parse(fetched.body)["permit"]["number"] == number);
  CHECK(json::parse(fetched.body)["state"] == "issued");
  CHECK(fetched.headers["x-greenlane-partner-country"] == "PE");
  exchange.Endorse(number, "12.5");

  const std::string confirm_body = json{
      {"number", number},
      {"date", greenlane::testing::DayFromToday(0)},
      {"port", "PECLL"},
      {"quantities", {"12.5"}}}.dump();
  auto confirmed = client.Send(
      "POST", "/v1/exchange/cites/quantities", confirm_body,
      exchange.PartnerHeaders(ExchangeStack::Sign(exchange.partner_key, "quantities.confirm", confirm_body)));
  INFO(confirmed.body);
  REQUIRE(confirmed.status == 200);
  CHECK(json::parse(confirmed.body)["state"] == "used");
  // The same quantities confirmed again under a new id: the permit is used once only.
  auto twice = client.Send(
      "POST", "/v1/exchange/cites/quantities", confirm_body,
      exchange.PartnerHeaders(ExchangeStack::Sign(exchange.partner_key, "quantities.confirm", confirm_body)));
  CHECK(twice.status == 409);
  CHECK_THAT(twice.body, Contains("lifecycle.single_use"));

  // A permit the partner issued for one of our importers is delivered and kept.
  json delivered_permit = MahoganyExportJson("PE", "GA");
  delivered_permit["number"] = "PE-EX-2026-000777";
  // The exchange carries the service's permit JSON (services/cites/domain/permit_json.h), not the proto's.
  delivered_permit["issuer"] = {{"name", "SERFOR"}, {"country", "PE"}};
  delivered_permit["special_conditions"] = "";
  delivered_permit["import_permit_number"] = "";
  delivered_permit.erase("issuer_name");
  delivered_permit.erase("issuer_country");
  const std::string deliver_body = json{{"permit", delivered_permit}, {"state", "issued"}, {"token", "t"}}.dump();
  auto delivered =
      client.Send("POST", "/v1/exchange/cites/permits", deliver_body,
                  exchange.PartnerHeaders(ExchangeStack::Sign(exchange.partner_key, "permit.deliver", deliver_body)));
  INFO(delivered.body);
  REQUIRE(delivered.status == 200);
  CHECK(exchange.cites().Count("SELECT count(*) FROM cites.received_permits") == 1);
}

TEST_CASE("forged, altered, stale and replayed partner messages are refused and audited") {
  ExchangeStack exchange;
  const auto number = exchange.IssueExportToPartner();
  auto client = exchange.Client(true);
  const std::string body = json{{"number", number}}.dump();

  const auto forger = security::Ed25519Key::Generate();
  auto forged =
      client.Send("POST", kFetch, body, exchange.PartnerHeaders(ExchangeStack::Sign(forger, "permit.fetch", body)));
  CHECK(forged.status == 401);
  CHECK_THAT(forged.body, Contains("exchange.signature"));

  const auto genuine = ExchangeStack::Sign(exchange.partner_key, "permit.fetch", body);
  auto altered = client.Send("POST", kFetch, json{{"number", number + "0"}}.dump(), exchange.PartnerHeaders(genuine));
  CHECK(altered.status == 401);
  CHECK_THAT(altered.body, Contains("exchange.signature"));
  // Signed for fetching, sent to another operation.
  auto rerouted = client.Send("POST", "/v1/exchange/cites/quantities", body, exchange.PartnerHeaders(genuine));
  CHECK(rerouted.status == 401);

  auto first = client.Send("POST", kFetch, body, exchange.PartnerHeaders(genuine));
  INFO(first.body);
  CHECK(first.status == 200);
  auto replayed = client.Send("POST", kFetch, body, exchange.PartnerHeaders(genuine));
  CHECK(replayed.status == 401);
  CHECK_THAT(replayed.body, Contains("exchange.replay"));

  const auto stale = ExchangeStack::Sign(exchange.partner_key, "permit.fetch", body,
                                         core::SystemClock::Instance().Now() - std::chrono::hours(1));
  auto late = client.Send("POST", kFetch, body, exchange.PartnerHeaders(stale));
  CHECK(late.status == 401);
  CHECK_THAT(late.body, Contains("exchange.timestamp"));
  CHECK(exchange.Refusals() >= 5);
}

TEST_CASE("the exchange refuses callers without a client certificate or without the signed headers") {
  ExchangeStack exchange;
  const auto number = exchange.IssueExportToPartner();
  const std::string body = json{{"number", number}}.dump();
  const auto genuine = ExchangeStack::Sign(exchange.partner_key, "permit.fetch", body);

  auto no_cert = exchange.Client(false).Send("POST", kFetch, body, exchange.PartnerHeaders(genuine));
  CHECK(no_cert.status == 401);
  CHECK_THAT(no_cert.body, Contains("mutual TLS"));

  auto client = exchange.Client(true);
  auto headers = exchange.PartnerHeaders(genuine);
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [](const auto& header) { return header.first == "X-Greenlane-Signature"; }),
                headers.end());
  auto unsigned_message = client.Send("POST", kFetch, body, headers);
  CHECK(unsigned_message.status == 400);
  CHECK_THAT(unsigned_message.body, Contains("X-Greenlane-Signature"));
  // The genuine message was never accepted, so it still goes through once.
  CHECK(client.Send("POST", kFetch, body, exchange.PartnerHeaders(genuine)).status == 200);
}
