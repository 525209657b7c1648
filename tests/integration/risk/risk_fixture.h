#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/risk_server.h"
#include "declaration_json.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/v1/risk.grpc.pb.h"

namespace risk_test {

using namespace greenlane;

/// A fresh database migrated with migrations/risk, and greenlane-risk serving it in-process on
/// port 0 with the test PKI and the shipped data files, its clock fixed at 2026-03-02T10:00:00Z,
/// random selection off (seeded, rate as shipped but see NoRandomDataDir), its own consumer group.
class RiskFixture {
 public:
  /// `adjust` changes the test settings before the service starts.
  explicit RiskFixture(risk::DocumentServices document_services = {},
                       const std::function<void(risk::RiskSettings&)>& adjust = {});
  ~RiskFixture();

  std::unique_ptr<v1::RiskService::Stub> Stub() const;

  /// A call context made by the facade (service-api) for `actor` with `roles`.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& actor, const std::vector<std::string>& roles);

  long long Count(const std::string& sql) const;
  std::string Text(const std::string& sql) const;

  core::ManualClock clock;
  pg::TestDatabase db{"gl_risk"};

 private:
  std::string pki_;
  std::string data_dir_;
  std::unique_ptr<risk::RiskServer> server_;
  unsigned short port_ = 0;
};

using greenlane::testing::Declaration;

/// Ten hex digits no other run is likely to use: for containers, barcodes and event ids of tests
/// whose events go through the shared test Redis, which every risk fixture's service consumes.
std::string UniqueHex();

/// Publishes `payload` as event `event_id` on `topic` in the shared test Redis, and waits until the
/// fixture's service has stored its evidence (FAILs after 10 s).
void PublishEvidence(const RiskFixture& fixture, const std::string& topic, const std::string& event_id,
                     const nlohmann::json& payload);

v1::AssessRequest JsonRequest(const nlohmann::json& declaration);

}  // namespace risk_test
