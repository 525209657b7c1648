#include "api/settings.h"

#include <catch2/catch.hpp>
#include <map>

#include "config_support.h"

using greenlane::core::Config;
using greenlane::testing::MapEnv;

namespace {

const std::map<std::string, std::string> kRequired = {{"GREENLANE_PG_URL", "postgresql://x"},
                                                      {"GREENLANE_REDIS_URL", "redis://127.0.0.1:6379"},
                                                      {"GREENLANE_RISK_TLS_CERT_FILE", "/pki/servers/risk.crt"},
                                                      {"GREENLANE_RISK_TLS_KEY_FILE", "/pki/servers/risk.key"},
                                                      {"GREENLANE_RISK_TLS_CLIENT_CA_FILE", "/pki/ca.crt"}};

// The settings with GREENLANE_RISK_LATE_EVIDENCE_WINDOW set to `window`.
greenlane::risk::RiskSettings WithLateEvidenceWindow(const std::string& window) {
  auto env = kRequired;
  env.emplace("GREENLANE_RISK_LATE_EVIDENCE_WINDOW", window);
  Config config("risk", MapEnv(env));
  return greenlane::risk::LoadRiskSettings(config);
}

}  // namespace

TEST_CASE("the service README documents every variable greenlane-risk reads") {
  Config config("risk", MapEnv(kRequired));
  greenlane::risk::LoadRiskSettings(config);
  greenlane::testing::CheckReadmeDocuments(config, "services/risk/README.md", 20);
}

TEST_CASE("risk refuses to start without mutual TLS, with a zero document-check timeout or no check calls") {
  auto without = kRequired;
  without.erase("GREENLANE_RISK_TLS_CLIENT_CA_FILE");
  Config no_ca("risk", MapEnv(without));
  CHECK_THROWS_WITH(greenlane::risk::LoadRiskSettings(no_ca), Catch::Contains("GREENLANE_RISK_TLS_CLIENT_CA_FILE"));
  auto zero = kRequired;
  zero.emplace("GREENLANE_RISK_DOCUMENT_CHECK_TIMEOUT", "0ms");
  Config zero_timeout("risk", MapEnv(zero));
  CHECK_THROWS_WITH(greenlane::risk::LoadRiskSettings(zero_timeout),
                    Catch::Contains("GREENLANE_RISK_DOCUMENT_CHECK_TIMEOUT"));
  auto no_calls = kRequired;
  no_calls.emplace("GREENLANE_RISK_CHECK_CALLS_IN_FLIGHT", "0");
  Config no_check_calls("risk", MapEnv(no_calls));
  CHECK_THROWS_WITH(greenlane::risk::LoadRiskSettings(no_check_calls),
                    Catch::Contains("GREENLANE_RISK_CHECK_CALLS_IN_FLIGHT"));
  Config defaults("risk", MapEnv(kRequired));
  const auto settings = greenlane::risk::LoadRiskSettings(defaults);
  CHECK(settings.port == 7003);
  CHECK(settings.document_check_timeout == std::chrono::milliseconds(800));
  CHECK(settings.check_calls_in_flight == 1);
  CHECK(settings.late_evidence_window == std::chrono::hours(720));
  CHECK(settings.cites_address.empty());
}

TEST_CASE("the late-evidence window is whole hours, at least one") {
  CHECK(WithLateEvidenceWindow("168h").late_evidence_window == std::chrono::hours(168));
  CHECK_THROWS_WITH(WithLateEvidenceWindow("30m"),
                    Catch::Contains("GREENLANE_RISK_LATE_EVIDENCE_WINDOW must be whole hours, at least 1h"));
  CHECK_THROWS_WITH(WithLateEvidenceWindow("90m"),
                    Catch::Contains("GREENLANE_RISK_LATE_EVIDENCE_WINDOW must be whole hours"));
}

TEST_CASE("risk calls cites and timber only with its client certificate") {
  auto with_cites = kRequired;
  with_cites.emplace("GREENLANE_RISK_CITES_ADDRESS", "greenlane-cites:7004");
  Config without_certificate("risk", MapEnv(with_cites));
  CHECK_THROWS_WITH(greenlane::risk::LoadRiskSettings(without_certificate),
                    Catch::Contains("GREENLANE_RISK_SERVICES_CERT_FILE"));
  with_cites.emplace("GREENLANE_RISK_SERVICES_CERT_FILE", "/pki/clients/service-risk.crt");
  with_cites.emplace("GREENLANE_RISK_SERVICES_KEY_FILE", "/pki/clients/service-risk.key");
  Config complete("risk", MapEnv(with_cites));
  const auto settings = greenlane::risk::LoadRiskSettings(complete);
  CHECK(settings.services_ca_file == "/pki/ca.crt");  // the CA of our own clients unless told otherwise
}
