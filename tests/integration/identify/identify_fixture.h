#pragma once

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "api/identify_server.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/redis/pool.h"
#include "greenlane/rpc/server.h"
#include "greenlane/v1/identify.grpc.pb.h"
#include "greenlane/v1/ingest.grpc.pb.h"

namespace identify_test {

using namespace greenlane;

/// Stands in for greenlane-ingest: answers GetReading and ListReadings from readings the test
/// put, behind mutual TLS with ingest's server certificate. Not the store under test.
class FakeIngest final : public v1::IngestService::Service {
 public:
  void Put(const v1::Reading& reading);
  grpc::Status GetReading(grpc::ServerContext* context, const v1::GetReadingRequest* request,
                          v1::Reading* response) override;
  grpc::Status ListReadings(grpc::ServerContext* context, const v1::ListReadingsRequest* request,
                            v1::ListReadingsResponse* response) override;
  int get_calls() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, v1::Reading> readings_;
  int get_calls_ = 0;
};

/// A fresh database migrated with migrations/identify, a fake ingest, and greenlane-identify serving
/// in-process on port 0 with the test PKI, consuming a reading topic of its own.
class IdentifyFixture {
 public:
  IdentifyFixture();
  ~IdentifyFixture();

  /// (Re)starts greenlane-identify on the same database, as a restart of the process would.
  void StartIdentify();
  void StopIdentify();

  /// A stub whose channel presents clients/<client>.crt.
  std::unique_ptr<v1::IdentifyService::Stub> Stub(const std::string& client = "service-api") const;

  /// Stores `reading` in the fake ingest and publishes its ingest.reading.accepted event (the
  /// stream entry ingest's relay would write) with event id `event_id` (a new one when empty).
  /// Returns the event id.
  std::string Accept(const v1::Reading& reading, std::string event_id = "");

  /// Waits up to 10 s until `sql` (one integer) returns at least `expected`; returns the last value.
  long long WaitFor(const std::string& sql, long long expected) const;
  long long Count(const std::string& sql) const;

  core::ManualClock clock;
  pg::TestDatabase db{"gl_identify"};
  FakeIngest ingest;
  std::string topic;

 private:
  std::string pki_;
  std::unique_ptr<rpc::Server> ingest_server_;
  unsigned short ingest_port_ = 0;
  redis::Pool redis_;
  std::unique_ptr<identify::IdentifyServer> server_;
  unsigned short port_ = 0;
};

/// A reading of `kind` with `payload`, from container MSKU4421908 of declaration PE-2026-000123.
v1::Reading MakeReading(const std::string& kind, const nlohmann::json& payload, const std::string& device = "DEV-1",
                        std::int64_t captured_seconds = 1795500000);

}  // namespace identify_test
