// Readings per second one gateway's Upload stream commits (validate, COPY, de-duplicate, outbox,
// commit, ack), with batches of --batch readings, against a fresh database on GREENLANE_TEST_PG_URL.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>

#include "api/ingest_server.h"
#include "greenlane/core/log.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/v1/ingest.grpc.pb.h"

namespace {

using namespace greenlane;

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

// The anchor: the same rows COPYed by the server from a file into an empty table with the same
// columns, indexes and constraints, timed on its own (no validation, de-duplication, outbox or
// network). The file is written first by COPY ... TO, so both sides store identical rows.
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("greenlane-ingest upload throughput");
  int batches = 50;
  int batch_size = 1000;
  app.add_option("--batches", batches, "batches to send");
  app.add_option("--batch", batch_size, "readings per batch");
  CLI11_PARSE(app, argc, argv);
  const char* pki = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (pki == nullptr) {
    std::cerr << "GREENLANE_TEST_PKI_DIR is not set: run through scripts/bench or scripts/test-services\n";
    return 2;
  }
  log::Init("bench", log::Level::kWarn);
  pg::TestDatabase db("gl_ingest_bench");
  {
    pqxx::connection connection(db.url());
    auto report = pg::ApplyMigrations(connection, "ingest",
                                      pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/ingest"));
    if (!report.ok()) throw std::runtime_error(report.error().message);
  }
  ingest::IngestSettings settings;
  settings.port = 0;
  settings.tls_cert_file = std::string(pki) + "/servers/ingest.crt";
  settings.tls_key_file = std::string(pki) + "/servers/ingest.key";
  settings.tls_client_ca_file = std::string(pki) + "/ca.crt";
  settings.pg_url = db.url();
  settings.redis_url = redis::TestServerUrl();
  ingest::IngestServer server(settings, core::SystemClock::Instance(), std::make_shared<prometheus::Registry>());
  const auto port = server.Start();
  auto stub = v1::IngestService::NewStub(rpc::MakeChannel(
      {.target = "127.0.0.1:" + std::to_string(port),
       .tls = rpc::TlsFiles{std::string(pki) + "/ca.crt", std::string(pki) + "/clients/gateway-demo.crt",
                            std::string(pki) + "/clients/gateway-demo.key"},
       .server_name_override = "ingest"}));
  std::vector<v1::UploadBatch> payload;
  for (int b = 0; b < batches; ++b) payload.push_back(MakeBatch(1 + std::int64_t{b} * batch_size, batch_size));

  grpc::ClientContext context;
  auto stream = stub->Upload(&context);
  std::int64_t accepted = 0;
  std::vector<double> ack_ms;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& batch : payload) {
    const auto sent = std::chrono::steady_clock::now();
    v1::UploadAck ack;
    if (!stream->Write(batch) || !stream->Read(&ack)) break;
    ack_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count());
    accepted += ack.accepted();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stream->WritesDone();
  const auto status = stream->Finish();
  server.Stop();
  std::sort(ack_ms.begin(), ack_ms.end());
  const auto percentile = [&](double p) {
    return ack_ms.empty() ? 0.0 : ack_ms[std::min(ack_ms.size() - 1, static_cast<std::size_t>(p * ack_ms.size()))];
  };
  std::int64_t anchor_rows = 0;
  const double anchor = RawCopyRowsPerSecond(db.url(), anchor_rows);
  const double rate = accepted / seconds;
  std::cout << "batches=" << ack_ms.size() << " batch=" << batch_size << " accepted=" << accepted
            << " seconds=" << seconds << " readings_per_s=" << static_cast<long>(rate)
            << " ack_ms_p50=" << percentile(0.5) << " ack_ms_p99=" << percentile(0.99)
            << " ack_ms_max=" << (ack_ms.empty() ? 0 : ack_ms.back()) << " status=" << status.error_code() << "\n"
            << "anchor_raw_copy_rows=" << anchor_rows << " anchor_rows_per_s=" << static_cast<long>(anchor)
            << " ratio=" << rate / anchor << "\n";
  return status.ok() && accepted == std::int64_t{batches} * batch_size ? 0 : 1;
}
