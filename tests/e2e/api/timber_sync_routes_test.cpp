// Offline capture through the facade against a real greenlane-timber process: an officer registers
// a field device, its trader syncs records the device signed, and a resend or a forgery changes nothing.
#include <catch2/catch.hpp>

#include "greenlane/security/base64url.h"
#include "greenlane/security/ed25519.h"
#include "timber_process.h"

using greenlane::testing::ApiStack;
using greenlane::testing::TimberProcess;
using greenlane::testing::TimberRegistry;
namespace security = greenlane::security;

namespace {

nlohmann::json Record(const security::Ed25519Key& key, const std::string& device, std::int64_t sequence,
                      const std::string& kind, const nlohmann::json& step) {
  const auto payload = step.dump();
  std::string signed_bytes = "GLT1\n";
  signed_bytes.append(device).append("\n").append(std::to_string(sequence)).append("\n").append(kind).append("\n");
  signed_bytes.append(payload);
  return {{"sequence", std::to_string(sequence)},
          {"kind", kind},
          {"payload", payload},
          {"signature", security::Base64UrlEncode(key.Sign(signed_bytes))}};
}

}  // namespace

TEST_CASE("a trader syncs its device's signed records through the facade, once") {
  TimberProcess timber;
  auto stack = timber.Facade();
  TimberRegistry registry(stack);
  auto& client = registry.client;
  const auto trader_client = stack.CreateClient("trader-bois", {"trader"});
  auto trader = ApiStack::Bearer(stack.Token(trader_client));
  trader.emplace_back("Content-Type", "application/json");
  const auto key = security::Ed25519Key::Generate();

  registry.Post("/v1/timber/devices", {{"device",
                                        {{"id", "tablet-1"},
                                         {"operator_id", registry.operator_id},
                                         {"owner", trader_client.id},
                                         {"label", "crew 1"},
                                         {"public_key_pem", key.PublicPem()}}}});
  CHECK(client.Send("POST", "/v1/timber/devices", R"({"device":{"id":"tablet-2"}})", trader).status == 403);

  const nlohmann::json tree = {
      {"barcode", "TR-GA-000000001-E"},  {"concession_id", registry.concession_id},
      {"species", "Aucoumea klaineana"}, {"dbh_cm", 100},
      {"bole_height_cm", 2000},          {"location", {{"longitude", 11.1}, {"latitude", -0.5}}}};
  const nlohmann::json batch = {{"device_id", "tablet-1"},
                                {"records", {Record(key, "tablet-1", 1, "register_tree", tree)}}};
  auto first = client.Send("POST", "/v1/timber/sync", batch.dump(), trader);
  INFO(first.body);
  REQUIRE(first.status == 200);
  const auto result = nlohmann::json::parse(first.body)["results"][0];
  CHECK(result["status"] == "accepted");
  CHECK(result["replayed"] == false);

  auto again = nlohmann::json::parse(client.Send("POST", "/v1/timber/sync", batch.dump(), trader).body);
  CHECK(again["results"][0]["status"] == "accepted");
  CHECK(again["results"][0]["replayed"] == true);

  auto forged = batch;
  forged["records"][0]["payload"] = nlohmann::json(tree).dump().replace(0, 1, "{ ");
  auto refused = nlohmann::json::parse(client.Send("POST", "/v1/timber/sync", forged.dump(), trader).body);
  CHECK(refused["results"][0]["status"] == "rejected");
  CHECK(refused["results"][0]["rule"] == "sync.signature");

  auto other = ApiStack::Bearer(stack.Token(stack.CreateClient("trader-other", {"trader"})));
  other.emplace_back("Content-Type", "application/json");
  CHECK(client.Send("POST", "/v1/timber/sync", batch.dump(), other).status == 404);
  CHECK(client.Send("POST", "/v1/timber/sync", R"({"device_id":"tablet-1","records":"many"})", trader).status == 400);
}
