#include "domain/webhook.h"

#include <catch2/catch.hpp>

using namespace greenlane::api;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

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
