#pragma once

// greenlane-timber as its own process on a fresh migrated database, as scripts/up runs it, for the
// facade's timber and geoportal routes.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "api_stack.h"
#include "service_process.h"

namespace greenlane::testing {

class TimberProcess : public ServiceProcess {
 public:
  TimberProcess()
      : ServiceProcess(
            "timber", GREENLANE_TIMBER_PATH, RequiredEnv("GREENLANE_TEST_PKI_DIR"),
            {{"GREENLANE_TIMBER_DATA_DIR", std::string(GREENLANE_SOURCE_DIR) + "/services/timber/data"},
             {"GREENLANE_TIMBER_SIGNING_KEY_FILE", RequiredEnv("GREENLANE_TEST_PKI_DIR") + "/signing/timber.pem"}}) {}

  /// The facade in front of this process, calling it with clients/service-api.crt.
  ApiStack Facade() const {
    const auto pki = RequiredEnv("GREENLANE_TEST_PKI_DIR");
    return ApiStack([&](api::ApiSettings& settings) {
      settings.downstream.timber = address();
      settings.downstream.tls = {pki + "/ca.crt", pki + "/clients/service-api.crt", pki + "/clients/service-api.key"};
    });
  }
};

/// What the facade's timber tests start from, registered through the facade by an officer: an
/// operator, a forest camp and a sawmill 44 km east, and concession "Ogooue Nord" around the camp
/// (valid 2020-2099, an okoume allowable cut for this year).
struct TimberRegistry {
  ApiStack& stack;
  http::Client client = stack.Connect();
  std::vector<std::pair<std::string, std::string>> officer =
      ApiStack::Bearer(stack.Token(stack.CreateClient("officer-timber", {"officer"})));
  std::string operator_id;
  std::string forest_id;
  std::string sawmill_id;
  std::string concession_id;

  explicit TimberRegistry(ApiStack& facade) : stack(facade) {
    operator_id = Post("/v1/timber/operators",
                       {{"operator", {{"name", "Bois du Nord SA"}, {"country", "GA"}, {"registration_number", "R-1"}}}})
                      .at("id");
    forest_id = Site("Camp Ogooue", "forest", 11.1);
    sawmill_id = Site("Scierie Est", "sawmill", 11.5);
    concession_id = Concession("Ogooue Nord", 11.0, "2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z");
  }

  /// POSTs `body` as the officer and requires `expected`; answers the reply.
  nlohmann::json Post(const std::string& path, const nlohmann::json& body, unsigned expected = 201) {
    auto headers = officer;
    headers.emplace_back("Content-Type", "application/json");
    auto response = client.Send("POST", path, body.dump(), headers);
    INFO(path << " " << response.body);
    REQUIRE(response.status == expected);
    return nlohmann::json::parse(response.body);
  }

  std::string Site(const std::string& name, const std::string& kind, double longitude) {
    return Post("/v1/timber/sites", {{"site",
                                      {{"operator_id", operator_id},
                                       {"name", name},
                                       {"kind", kind},
                                       {"location", {{"longitude", longitude}, {"latitude", -0.5}}},
                                       {"utc_offset_minutes", 60}}}})
        .at("id");
  }

  /// A square concession 0.2° wide from longitude `west`, valid [from, until).
  std::string Concession(const std::string& name, double west, const std::string& from, const std::string& until) {
    const nlohmann::json square = {
        {"type", "Polygon"},
        {"coordinates", {{{west, -0.6}, {west + 0.2, -0.6}, {west + 0.2, -0.4}, {west, -0.4}, {west, -0.6}}}}};
    const auto year = std::stoi(core::FormatRfc3339(core::SystemClock::Instance().Now(), 0).substr(0, 4));
    return Post("/v1/timber/concessions",
                {{"concession",
                  {{"operator_id", operator_id},
                   {"name", name},
                   {"geometry_geojson", square.dump()},
                   {"valid_from", from},
                   {"valid_until", until},
                   {"allowable_cuts",
                    {{{"year", year}, {"species", "Aucoumea klaineana"}, {"volume_dm3", "5000000"}}}}}}})
        .at("id");
  }
};

}  // namespace greenlane::testing
