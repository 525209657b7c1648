#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api/ingest_server.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/v1/ingest.grpc.pb.h"

namespace greenlane::bench {

/// greenlane-ingest in this process on a loopback port, over mutual TLS with the test PKI, against a
/// fresh migrated database on GREENLANE_TEST_PG_URL, and a gateway's stub to it: what both ingest
/// load drivers measure against. Throws std::runtime_error naming what is missing.
class BenchIngest {
 public:
  BenchIngest();
  ~BenchIngest();

  v1::IngestService::Stub& stub() { return *stub_; }
  std::string database_url() const { return db_.url(); }
  void Stop() { server_->Stop(); }

 private:
  pg::TestDatabase db_{"gl_ingest_bench"};
  std::unique_ptr<ingest::IngestServer> server_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

/// `size` valid XRF readings with sequences (and reading numbers) from `first_sequence`, captured
/// one second apart a day ago.
v1::UploadBatch MakeBatch(std::int64_t first_sequence, int size);

/// The `p` quantile (0..1) of `sorted` (ascending); 0 when empty.
double Percentile(const std::vector<double>& sorted, double p);

}  // namespace greenlane::bench
