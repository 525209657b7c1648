#include "greenlane/http/url.h"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using greenlane::http::ParseUrl;

TEST_CASE("an outbound URL gives host, port and target, plain http only when allowed") {
  const auto https = ParseUrl("https://cites.serfor.example/v1/exchange/cites/permits?x=1", false, "url");
  REQUIRE(https.ok());
  CHECK(https->tls);
  CHECK(https->host == "cites.serfor.example");
  CHECK(https->port == 443);
  CHECK(https->target == "/v1/exchange/cites/permits?x=1");

  const auto loopback = ParseUrl("https://127.0.0.1:8443", false, "url");
  REQUIRE(loopback.ok());
  CHECK(loopback->port == 8443);
  CHECK(loopback->target == "/");

  const auto plain = ParseUrl("http://localhost/x", true, "url");
  REQUIRE(plain.ok());
  CHECK_FALSE(plain->tls);
  CHECK(plain->port == 80);

  const auto refused = ParseUrl("http://localhost/x", false, "webhook_url");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().field == "webhook_url");
  CHECK_THAT(refused.error().message, Contains("webhook_url.format"));
  CHECK_THAT(refused.error().message, Contains("https://"));
}

TEST_CASE("URLs that cannot be called safely are refused naming the rule") {
  for (const auto& [url, rule] : std::vector<std::pair<std::string, std::string>>{
           {"ftp://host/x", "https://"},
           {"cites.example/x", "https://"},
           {"https://", "no host"},
           {"https://:443/x", "no host"},
           {"https://host:0/", "port"},
           {"https://host:70000/", "port"},
           {"https://host:44x/", "port"},
           {"https://user:pw@host/", "user information"},
           {"https://host/x#frag", "fragment"},
           {"https://exa mple.org/", "printable"},
           {"https://example.org/" + std::string(2100, 'a'), "2000"},
       }) {
    INFO(url.substr(0, 60));
    const auto parsed = ParseUrl(url, true, "exchange_url");
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error().message, Contains("exchange_url.format"));
    CHECK_THAT(parsed.error().message, Contains(rule));
  }
}
