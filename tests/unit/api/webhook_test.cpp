#include "domain/webhook.h"

#include <catch2/catch.hpp>

using namespace greenlane::api;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

TEST_CASE("webhook URLs: https with host, port and path; http only when allowed") {
  const auto https = ParseWebhookUrl("https://sw.example.gov/hooks/greenlane?tenant=7", false);
  REQUIRE(https.ok());
  CHECK(https->tls);
  CHECK(https->host == "sw.example.gov");
  CHECK(https->port == 443);
  CHECK(https->target == "/hooks/greenlane?tenant=7");

  const auto http = ParseWebhookUrl("http://127.0.0.1:9000", true);
  REQUIRE(http.ok());
  CHECK_FALSE(http->tls);
  CHECK(http->port == 9000);
  CHECK(http->target == "/");

  const auto refused = ParseWebhookUrl("http://127.0.0.1:9000/x", false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "url");
  CHECK_THAT(refused.error().message, Contains("https://"));
}

TEST_CASE("hostile webhook URLs are refused naming the rule") {
  for (const auto& [url, rule] : std::vector<std::pair<std::string, std::string>>{
           {"ftp://example.org/", "https://"},
           {"https://user:pw@example.org/", "user information"},
           {"https://example.org/a#frag", "fragment"},
           {"https://example.org:99999/", "port"},
           {"https://example.org:0/", "port"},
           {"https://:443/", "no host"},
           {"https://exa mple.org/", "printable"},
           {"https://example.org/" + std::string(2100, 'a'), "2000"},
       }) {
    INFO(url.substr(0, 60));
    const auto parsed = ParseWebhookUrl(url, true);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error().message, Contains(rule));
  }
}

TEST_CASE("the delivery signature is HMAC-SHA256 over time and body, as a receiver recomputes it") {
  // Expected value computed independently: python3 hmac.new(b"whsec-test", b'1795420800.{"id":"x"}', sha256).
  CHECK(WebhookSignature("whsec-test", 1795420800, R"({"id":"x"})") ==
        "t=1795420800,v1=23835a4cbe7f06c53459602d1bd837742788b1171e8b00499a952b8006f4caa2");
  CHECK(WebhookSignature("whsec-test", 1795420801, R"({"id":"x"})") !=
        WebhookSignature("whsec-test", 1795420800, R"({"id":"x"})"));
  CHECK(WebhookSignature("other", 1795420800, R"({"id":"x"})") !=
        WebhookSignature("whsec-test", 1795420800, R"({"id":"x"})"));
}

TEST_CASE("delivery retries back off exponentially with jitter up to the cap") {
  CHECK(RetryDelay(1, 1s, 10min, 1.0) == 1s);
  CHECK(RetryDelay(2, 1s, 10min, 1.0) == 2s);
  CHECK(RetryDelay(5, 1s, 10min, 1.0) == 16s);
  CHECK(RetryDelay(40, 1s, 10min, 1.0) == 10min);
  CHECK(RetryDelay(3, 1s, 10min, 0.5) == 2s);
  CHECK(RetryDelay(3, 1s, 10min, 0.1) == 2s);  // jitter never shortens below half
}
