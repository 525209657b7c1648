#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api/ingest_server.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/rpc/channel.h"
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
  /// How a gateway (the dev PKI's gateway-demo) reaches this ingest.
  const rpc::ChannelOptions& gateway_channel() const { return gateway_channel_; }
  std::string database_url() const { return db_.url(); }
  void Stop() { server_->Stop(); }

 private:
  pg::TestDatabase db_{"gl_ingest_bench"};
  std::unique_ptr<ingest::IngestServer> server_;
  rpc::ChannelOptions gateway_channel_;
  std::unique_ptr<v1::IngestService::Stub> stub_;
};

/// The anchor of the throughput figures: the rows ingest stored, COPYed by the server from a file
/// into an empty table with the same columns, indexes and constraints, timed on its own (no
/// validation, de-duplication, outbox or network). The file is written first by COPY ... TO, so
/// both sides store identical rows. Sets `rows` to how many were copied.
double RawCopyRowsPerSecond(const std::string& url, std::int64_t& rows);

/// `size` valid XRF readings with sequences (and reading numbers) from `first_sequence`, captured
/// one second apart a day ago.
v1::UploadBatch MakeBatch(std::int64_t first_sequence, int size);

/// The `p` quantile (0..1) of `sorted` (ascending); 0 when empty.
double Percentile(const std::vector<double>& sorted, double p);

}  // namespace greenlane::bench
