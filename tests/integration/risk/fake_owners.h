#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "api/document_services.h"
#include "greenlane/v1/cites.grpc.pb.h"
#include "greenlane/v1/timber.grpc.pb.h"

namespace risk_test {

using namespace greenlane;

/// Stand-ins for greenlane-cites and greenlane-timber speaking their gRPC contracts over mutual TLS
/// with the test PKI (servers/cites.crt, servers/timber.crt), so risk's real clients are exercised
/// end to end; the services themselves are tested in their own folders. They serve the many-in-one
/// calls risk's checkers send (VerifyMany, GetLineages) and GetSpecies. Answers are set before
/// Start(); `delay` makes every answer late.
class FakeCites final : public v1::CitesService::Service {
 public:
  struct Permit {
    bool valid = true;
    std::vector<std::pair<std::string, std::string>> reasons;  ///< rule, message
  };
  std::map<std::string, Permit> permits;        ///< by number; others are verify.unknown
  std::map<std::string, std::string> listings;  ///< appendix by scientific name; others NOT_FOUND
  std::chrono::milliseconds delay{0};
  std::atomic<int> species_calls{0};
  std::atomic<int> verify_many_calls{0};
  v1::VerifyRequest last_verify;  ///< read after the call returned

  grpc::Status VerifyMany(grpc::ServerContext*, const v1::VerifyManyRequest* request,
                          v1::VerifyManyResponse* response) override;
  grpc::Status GetSpecies(grpc::ServerContext*, const v1::GetSpeciesRequest* request,
                          v1::CitesTaxon* response) override;

 private:
  grpc::Status VerifyNow(const v1::VerifyRequest& request, v1::VerifyResponse* response);
  std::mutex mutex_;  ///< last_verify, written by concurrent calls
};

class FakeTimber final : public v1::TimberService::Service {
 public:
  std::map<std::string, v1::TimberLineage> lineages;  ///< by certificate number; others NOT_FOUND
  std::chrono::milliseconds delay{0};

  grpc::Status GetLineages(grpc::ServerContext*, const v1::TimberGetLineagesRequest* request,
                           v1::TimberGetLineagesResponse* response) override;

 private:
  grpc::Status LineageNow(const v1::TimberGetLineageRequest& request, v1::TimberLineage* response);
};

/// One fake service listening on 127.0.0.1 with the server certificate of `name`; requires and
/// verifies a client certificate.
class FakeServer {
 public:
  FakeServer(const std::string& name, grpc::Service* service);
  ~FakeServer();
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

/// Settings pointing risk's clients at `cites` and `timber` ("" = not configured) with
/// clients/service-risk.crt, as production main() reads them.
risk::RiskSettings ClientSettings(const std::string& cites, const std::string& timber);

/// A certificate as timber's GetLineage answers it: issued, `species`, `volume_dm3`, HS 440729,
/// pieces LOT-1 and LOG-1, one waybill.
v1::TimberLineage Certificate(const std::string& number, const std::string& species, std::int64_t volume_dm3,
                              const std::string& state = "issued");

}  // namespace risk_test
