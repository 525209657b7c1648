#include "bench_stack.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <pqxx/pqxx>
#include <stdexcept>

#include "greenlane/core/log.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/channel.h"

namespace greenlane::bench {
namespace {

std::string PkiDir() {
  const char* pki = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (pki == nullptr || *pki == '\0') {
    throw std::runtime_error("GREENLANE_TEST_PKI_DIR is not set: run through scripts/bench or scripts/test-services");
  }
  return pki;
}

}  // namespace

BenchIngest::BenchIngest() {
  const std::string pki = PkiDir();
  log::Init("bench", log::Level::kWarn);
  {
    pqxx::connection connection(db_.url());
    auto report = pg::ApplyMigrations(connection, "ingest",
                                      pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/ingest"));
    if (!report.ok()) throw std::runtime_error(report.error().message);
  }
  ingest::IngestSettings settings;
  settings.port = 0;
  settings.metrics_port = 0;
  settings.tls_cert_file = pki + "/servers/ingest.crt";
  settings.tls_key_file = pki + "/servers/ingest.key";
  settings.tls_client_ca_file = pki + "/ca.crt";
  settings.pg_url = db_.url();
  settings.redis_url = redis::TestServerUrl();
  server_ = std::make_unique<ingest::IngestServer>(settings, core::SystemClock::Instance(),
                                                   std::make_shared<prometheus::Registry>());
  const auto port = server_->Start();
  gateway_channel_ = {
      .target = "127.0.0.1:" + std::to_string(port),
      .tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/clients/gateway-demo.crt", pki + "/clients/gateway-demo.key"},
      .server_name_override = "ingest"};
  stub_ = v1::IngestService::NewStub(rpc::MakeChannel(gateway_channel_));
}

double RawCopyRowsPerSecond(const std::string& url, std::int64_t& rows) {
  pqxx::connection connection(url);
  const std::string file = "/tmp/greenlane_ingest_anchor_" + std::to_string(::getpid()) + ".copy";
  {
    pqxx::work tx(connection);
    tx.exec0("CREATE TABLE ingest.readings_anchor (LIKE ingest.readings INCLUDING ALL)");
    tx.exec0("COPY ingest.readings TO " + tx.quote(file));
    tx.commit();
  }
  const auto start = std::chrono::steady_clock::now();
  {
    pqxx::work tx(connection);
    rows = tx.exec("COPY ingest.readings_anchor FROM " + tx.quote(file)).affected_rows();
    tx.commit();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::remove(file.c_str());
  return rows / seconds;
}

BenchIngest::~BenchIngest() { server_->Stop(); }

v1::UploadBatch MakeBatch(std::int64_t first_sequence, int size) {
  v1::UploadBatch batch;
  const auto base = core::ToUnixSeconds(core::SystemClock::Instance().Now()) - 86400;
  for (int i = 0; i < size; ++i) {
    const auto sequence = first_sequence + i;
    auto* s = batch.add_readings();
    s->set_sequence(sequence);
    auto* r = s->mutable_reading();
    r->set_kind("xrf");
    r->set_device_serial("VAN-800123");
    r->mutable_captured_at()->set_seconds(base + sequence);
    r->set_operator_id("officer-17");
    r->set_sample_label("CNT-MSKU4421908 item 3");
    r->mutable_consignment()->set_container("MSKU4421908");
    r->mutable_consignment()->set_item("3");
    r->set_reading_number(std::to_string(sequence));
    r->set_source_file("vanta.csv");
    r->set_source_line(static_cast<int>(sequence));
    r->set_raw("2026-11-20 08:15:30,VAN-800123," + std::to_string(sequence) + ",Pb,412.5,12.1,Br,33.0,2.2");
    r->set_payload_json(R"({"mode":"Soil","elements":[{"symbol":"Pb","ppm":"412.5","sigma":"12.1"},)"
                        R"({"symbol":"Br","ppm":"33.0","sigma":"2.2"}]})");
  }
  return batch;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0.0;
  return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted.size())))];
}

}  // namespace greenlane::bench
