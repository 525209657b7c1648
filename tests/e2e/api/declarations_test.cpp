// The single window's declaration routes through the facade against a real greenlane-risk process
// over mutual TLS: the synchronous lane, and the asynchronous answer (Prefer: respond-async)
// delivered to a webhook that fails first, retried with backoff, failed for good after the last
// attempt, listed, and replayed.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "api_stack.h"
#include "declaration_json.h"
#include "domain/webhook.h"
#include "service_process.h"
#include "webhook_receiver.h"

using Catch::Matchers::Contains;
using greenlane::testing::ApiStack;
using greenlane::testing::WebhookReceiver;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string Pki() { return greenlane::testing::RequiredEnv("GREENLANE_TEST_PKI_DIR"); }

// greenlane-risk in its own consumer group, so events other tests publish are not taken from it.
class RiskProcess : public greenlane::testing::ServiceProcess {
 public:
  RiskProcess() : ServiceProcess("risk", GREENLANE_RISK_PATH, Pki(), Extra()) {}

 private:
  static std::map<std::string, std::string> Extra() {
    static int instance = 0;
    return {
        {"GREENLANE_RISK_CONSUMER_GROUP", "risk-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(++instance)},
        {"GREENLANE_RISK_RANDOM_SEED", "7"}};
  }
};

// The facade in front of risk; webhook retries start at 1 s on the stack's manual clock, which
// the tests move, and are looked for every 50 ms.
ApiStack StackInFrontOf(const RiskProcess& risk, int max_delivery_attempts = 8) {
  const auto pki = Pki();
  return ApiStack([&](greenlane::api::ApiSettings& settings) {
    settings.downstream.risk = risk.address();
    settings.downstream.tls = {pki + "/ca.crt", pki + "/clients/service-api.crt", pki + "/clients/service-api.key"};
    settings.conversations.poll_interval = 50ms;
    settings.conversations.retry_base = 1s;
    settings.conversations.max_delivery_attempts = max_delivery_attempts;
    settings.conversations.allow_http = true;
  });
}

// The single window, a client with the trader role sending JSON.
struct SingleWindow {
  explicit SingleWindow(ApiStack& stack)
      : headers(ApiStack::Bearer(stack.Token(stack.CreateClient("single-window", {"trader"})))),
        client(stack.Connect()) {
    headers.emplace_back("Content-Type", "application/json");
  }
  greenlane::http::ClientResponse Send(const std::string& method, const std::string& target, const std::string& body,
                                       std::vector<std::pair<std::string, std::string>> extra = {}) {
    extra.insert(extra.end(), headers.begin(), headers.end());
    return client.Send(method, target, body, extra);
  }
  greenlane::http::ClientResponse Get(const std::string& target) { return Send("GET", target, ""); }

  /// Registers the receiver as this client's webhook; returns the signing secret.
  std::string RegisterWebhook(const WebhookReceiver& receiver) {
    auto put = Send("PUT", "/v1/webhook", json{{"url", receiver.url()}}.dump());
    INFO(put.body);
    REQUIRE(put.status == 200);
    return json::parse(put.body).at("secret").get<std::string>();
  }

  /// Submits with Prefer: respond-async; returns the conversation id.
  std::string SubmitAsync(const json& declaration) {
    auto accepted = Send("POST", "/v1/declarations", declaration.dump(), {{"Prefer", "respond-async"}});
    INFO(accepted.body);
    REQUIRE(accepted.status == 202);
    CHECK(accepted.headers["preference-applied"] == "respond-async");
    return json::parse(accepted.body).at("conversation_id").get<std::string>();
  }

  json Conversation(const std::string& id) {
    auto got = Get("/v1/conversations/" + id);
    INFO(got.body);
    REQUIRE(got.status == 200);
    return json::parse(got.body);
  }

  std::vector<std::pair<std::string, std::string>> headers;
  greenlane::http::Client client;
};

// A declaration of dried shark fins (HS 0305.71), which the shipped rules look at.
json SharkFinImport(const std::string& reference) { return greenlane::testing::Declaration(reference, "030571"); }

// Checks the Greenlane-Signature header of a delivery the way a receiver must.
void CheckSigned(const WebhookReceiver::Delivery& delivery, const std::string& secret) {
  const auto comma = delivery.signature.find(",v1=");
  REQUIRE(delivery.signature.rfind("t=", 0) == 0);
  REQUIRE(comma != std::string::npos);
  const auto t = std::stoll(delivery.signature.substr(2, comma - 2));
  CHECK(greenlane::api::WebhookSignature(secret, t, delivery.body) == delivery.signature);
  CHECK(greenlane::api::WebhookSignature("another secret", t, delivery.body) != delivery.signature);
}

bool IsLane(const json& lane) { return lane == "green" || lane == "blue" || lane == "yellow" || lane == "red"; }

// Waits until the conversation's delivery is in `state` after `attempts` attempts, with `error` in
// its last error: the receiver sees an attempt before the facade records how it went, and each
// failing attempt of these tests gets its own status, so the error tells which one was recorded.
json WaitForDelivery(SingleWindow& window, const std::string& id, const std::string& state, int attempts,
                     const std::string& error = "") {
  json conversation;
  for (int i = 0; i < 400; ++i) {
    conversation = window.Conversation(id);
    const auto& delivery = conversation["delivery"];
    if (delivery["state"] == state && delivery["attempts"] == attempts &&
        delivery["last_error"].dump().find(error) != std::string::npos) {
      return conversation;
    }
    std::this_thread::sleep_for(50ms);
  }
  FAIL("delivery of " << id << " never became " << state << " after " << attempts
                      << " attempts: " << conversation.dump());
  return conversation;
}

}  // namespace

TEST_CASE("a declaration gets its lane and reasons synchronously, bad declarations name the field") {
  RiskProcess risk;
  auto stack = StackInFrontOf(risk);
  SingleWindow window(stack);

  auto assessed = window.Send("POST", "/v1/declarations", SharkFinImport("GA-DEC-E2E-000001").dump());
  INFO(assessed.body);
  REQUIRE(assessed.status == 200);
  const auto assessment = json::parse(assessed.body);
  CHECK(assessment["declaration"] == "GA-DEC-E2E-000001");
  CHECK(IsLane(assessment["lane"]));
  CHECK(assessment["view"] == "trader");

  auto fetched = window.Get("/v1/declarations/GA-DEC-E2E-000001/assessment");
  REQUIRE(fetched.status == 200);
  CHECK(json::parse(fetched.body)["lane"] == assessment["lane"]);
  CHECK(json::parse(fetched.body)["reasons"] == assessment["reasons"]);
  CHECK(json::parse(fetched.body)["assessed_at"] == assessment["assessed_at"]);

  auto missing_office = SharkFinImport("GA-DEC-E2E-000002");
  missing_office.erase("customs_office");
  auto refused = window.Send("POST", "/v1/declarations", missing_office.dump());
  CHECK(refused.status == 400);
  CHECK_THAT(refused.body, Contains("customs_office"));

  auto not_json = window.Send("POST", "/v1/declarations", "{\"functional_reference_id\": ");
  CHECK(not_json.status == 400);
  auto async_without_reference = window.Send("POST", "/v1/declarations", "{}", {{"Prefer", "respond-async"}});
  CHECK(async_without_reference.status == 400);
  CHECK_THAT(async_without_reference.body, Contains("functional_reference_id"));
}

TEST_CASE("an asynchronous assessment reaches a webhook that failed first, signed, after a backoff") {
  RiskProcess risk;
  auto stack = StackInFrontOf(risk);
  SingleWindow window(stack);
  WebhookReceiver receiver({503, 204});
  const auto secret = window.RegisterWebhook(receiver);

  const auto id = window.SubmitAsync(SharkFinImport("GA-DEC-E2E-000010"));
  auto first = receiver.WaitFor(1);
  REQUIRE(first.size() == 1);
  CHECK(first[0].answered == 503);
  CHECK(first[0].conversation == id);
  const auto pending = WaitForDelivery(window, id, "pending", 1, "HTTP 503");
  CHECK(pending["state"] == "done");  // the answer is there to pull while delivery is retried

  // The retry waits its backoff (1 s × jitter on the manual clock): nothing is sent before.
  std::this_thread::sleep_for(300ms);
  CHECK(receiver.WaitFor(2, 0s).size() == 1);
  stack.clock().Advance(2s);
  auto both = receiver.WaitFor(2);
  REQUIRE(both.size() == 2);
  CHECK(both[1].answered == 204);
  CheckSigned(both[1], secret);
  const auto delivered = json::parse(both[1].body);
  CHECK(delivered["id"] == id);
  CHECK(delivered["reference"] == "GA-DEC-E2E-000010");
  CHECK(delivered["result"]["declaration"] == "GA-DEC-E2E-000010");
  const auto lane = delivered["result"]["lane"];
  CHECK(IsLane(lane));

  WaitForDelivery(window, id, "delivered", 2);
  auto pulled = window.Get("/v1/declarations/GA-DEC-E2E-000010/assessment");
  REQUIRE(pulled.status == 200);
  CHECK(json::parse(pulled.body)["lane"] == lane);
  CHECK(json::parse(pulled.body)["reasons"] == delivered["result"]["reasons"]);
  CHECK(json::parse(pulled.body)["assessed_at"] == delivered["result"]["assessed_at"]);
  stack.clock().Advance(1h);  // a delivered answer is never sent again
  std::this_thread::sleep_for(300ms);
  CHECK(receiver.WaitFor(3, 0s).size() == 2);
}

TEST_CASE("a webhook that keeps failing ends failed, is listed, and the answer is replayed on request") {
  RiskProcess risk;
  auto stack = StackInFrontOf(risk, 3);
  SingleWindow window(stack);
  WebhookReceiver receiver({500, 502, 503});
  window.RegisterWebhook(receiver);

  const auto id = window.SubmitAsync(SharkFinImport("GA-DEC-E2E-000020"));
  for (const auto& [attempt, status] : {std::pair{1, "HTTP 500"}, std::pair{2, "HTTP 502"}}) {
    REQUIRE(receiver.WaitFor(attempt).size() == static_cast<std::size_t>(attempt));
    WaitForDelivery(window, id, "pending", attempt, status);  // the failure recorded, the retry planned
    stack.clock().Advance(1min);                              // past its backoff
  }
  WaitForDelivery(window, id, "failed", 3, "HTTP 503");
  std::this_thread::sleep_for(300ms);
  CHECK(receiver.WaitFor(4, 0s).size() == 3);  // no fourth attempt on its own

  auto listed = window.Get("/v1/conversations?delivery_state=failed");
  REQUIRE(listed.status == 200);
  const auto items = json::parse(listed.body)["items"];
  REQUIRE(items.size() == 1);
  CHECK(items[0]["id"] == id);

  receiver.AnswerFromNowOn(200);
  auto replayed = window.Send("POST", "/v1/conversations/" + id + "/redeliver", "{}");
  INFO(replayed.body);
  REQUIRE(replayed.status == 200);
  auto deliveries = receiver.WaitFor(4);
  REQUIRE(deliveries.size() == 4);
  CHECK(deliveries[3].answered == 200);
  WaitForDelivery(window, id, "delivered", 1);
  auto none_failed = window.Get("/v1/conversations?delivery_state=failed");
  CHECK(json::parse(none_failed.body)["items"].empty());
}
