#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "api/ingest_server.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/v1/ingest.grpc.pb.h"

namespace ingest_test {

using namespace greenlane;

/// GREENLANE_TEST_PKI_DIR; fails the test when it is not set.
std::string PkiDir();

/// A fresh database migrated with migrations/ingest, and greenlane-ingest serving it in-process on
/// port 0 with the test PKI, its clock fixed at 2026-11-21T00:00:00Z.
class IngestFixture {
 public:
  IngestFixture();
  ~IngestFixture();

  /// A stub whose channel presents clients/<client>.crt; "" presents no certificate.
  std::unique_ptr<v1::IngestService::Stub> Stub(const std::string& client = "gateway-demo") const;

  /// The port of /metrics and /healthz, which serve this fixture's own metrics registry.
  unsigned short metrics_port() const;

  /// SELECT of one integer, on the test database.
  long long Count(const std::string& sql) const;

  core::ManualClock clock;
  pg::TestDatabase db{"gl_ingest"};

 private:
  std::string pki_;
  std::unique_ptr<ingest::IngestServer> server_;
  unsigned short port_ = 0;
};

/// A valid XRF reading numbered `number` (also its sequence), captured `minute` minutes after
/// 2026-11-20T08:00:00Z, from container `container`.
v1::SequencedReading MakeReading(std::int64_t sequence, const std::string& number, int minute = 0,
                                 const std::string& container = "MSKU4421908",
                                 const std::string& device = "VAN-800123");

v1::UploadBatch Batch(std::vector<v1::SequencedReading> readings);

/// Sends `batches` on one Upload stream, reading each ack before the next batch; returns the acks
/// and the stream's final status.
struct UploadResult {
  std::vector<v1::UploadAck> acks;
  grpc::Status status;
};
UploadResult Upload(v1::IngestService::Stub& stub, const std::vector<v1::UploadBatch>& batches);

}  // namespace ingest_test
