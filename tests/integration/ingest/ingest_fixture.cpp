#include "ingest_fixture.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <pqxx/pqxx>

#include "greenlane/pg/migrations.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/channel.h"

namespace ingest_test {

std::string PkiDir() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (dir == nullptr || *dir == '\0') {
    FAIL(
        "GREENLANE_TEST_PKI_DIR is not set: run the tests through scripts/test (or eval \"$(scripts/test-services "
        "start DIR)\"), which makes a development PKI");
  }
  return dir;
}

IngestFixture::IngestFixture() : clock(*core::ParseRfc3339("2026-11-21T00:00:00Z")), pki_(PkiDir()) {
  {
    pqxx::connection connection(db.url());
    const auto migrations = pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/ingest");
    const auto report = pg::ApplyMigrations(connection, "ingest", migrations);
    if (!report.ok()) FAIL("migrations failed: " << report.error().message);
  }
  ingest::IngestSettings settings;
  settings.port = 0;
  settings.metrics_port = 0;
  settings.tls_cert_file = pki_ + "/servers/ingest.crt";
  settings.tls_key_file = pki_ + "/servers/ingest.key";
  settings.tls_client_ca_file = pki_ + "/ca.crt";
  settings.workers = 4;
  settings.pg_url = db.url();
  settings.pg_pool_size = 4;
  settings.redis_url = redis::TestServerUrl();
  settings.max_batch_readings = 2000;
  settings.shutdown_grace = std::chrono::milliseconds(2000);
  server_ = std::make_unique<ingest::IngestServer>(settings, clock, std::make_shared<prometheus::Registry>());
  port_ = server_->Start();
}

IngestFixture::~IngestFixture() { server_->Stop(); }

unsigned short IngestFixture::metrics_port() const { return server_->metrics_port(); }

std::unique_ptr<v1::IngestService::Stub> IngestFixture::Stub(const std::string& client) const {
  rpc::TlsFiles tls{pki_ + "/ca.crt", "", ""};
  if (!client.empty()) {
    tls.cert_file = pki_ + "/clients/" + client + ".crt";
    tls.key_file = pki_ + "/clients/" + client + ".key";
  }
  return v1::IngestService::NewStub(
      rpc::MakeChannel({.target = "127.0.0.1:" + std::to_string(port_), .tls = tls, .server_name_override = "ingest"}));
}

long long IngestFixture::Count(const std::string& sql) const {
  pqxx::connection connection(db.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<long long>();
}

v1::SequencedReading MakeReading(std::int64_t sequence, const std::string& number, int minute,
                                 const std::string& container, const std::string& device) {
  v1::SequencedReading s;
  s.set_sequence(sequence);
  auto* r = s.mutable_reading();
  r->set_kind("xrf");
  r->set_device_serial(device);
  r->mutable_captured_at()->set_seconds(core::ToUnixSeconds(*core::ParseRfc3339("2026-11-20T08:00:00Z")) + minute * 60);
  r->set_operator_id("officer-17");
  r->set_sample_label("CNT-" + container + " item 3");
  r->mutable_consignment()->set_container(container);
  r->mutable_consignment()->set_item("3");
  r->mutable_consignment()->set_declaration("PE-2026-000123");
  r->set_reading_number(number);
  r->set_source_file("vanta-2026-11-20.csv");
  r->set_source_line(static_cast<int>(sequence) + 1);
  r->set_raw("raw line " + number);
  r->set_payload_json(R"({"elements":[{"symbol":"Pb","ppm":"412.5"}]})");
  return s;
}

v1::UploadBatch Batch(std::vector<v1::SequencedReading> readings) {
  v1::UploadBatch batch;
  for (auto& reading : readings) *batch.add_readings() = std::move(reading);
  return batch;
}

UploadResult Upload(v1::IngestService::Stub& stub, const std::vector<v1::UploadBatch>& batches) {
  grpc::ClientContext context;
  rpc::SetDeadline(context, std::chrono::seconds(30));
  auto stream = stub.Upload(&context);
  UploadResult result;
  for (const auto& batch : batches) {
    if (!stream->Write(batch)) break;
    v1::UploadAck ack;
    if (!stream->Read(&ack)) break;
    result.acks.push_back(ack);
  }
  stream->WritesDone();
  result.status = stream->Finish();
  return result;
}

}  // namespace ingest_test
