#include "identify_fixture.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "greenlane/core/uuid.h"
#include "greenlane/events/outbox.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/channel.h"

namespace identify_test {
namespace {

std::string PkiDir() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (dir == nullptr || *dir == '\0') {
    FAIL(
        "GREENLANE_TEST_PKI_DIR is not set: run the tests through scripts/test (or eval \"$(scripts/test-services "
        "start DIR)\"), which makes a development PKI");
  }
  return dir;
}

std::string UniqueTopic() {
  return std::string("test")
      .append(std::to_string(::getpid()))
      .append("x")
      .append(std::to_string(std::random_device{}()))
      .append(".reading.accepted");
}

}  // namespace

void FakeIngest::Put(const v1::Reading& reading) {
  std::lock_guard lock(mutex_);
  readings_[reading.id()] = reading;
}

grpc::Status FakeIngest::GetReading(grpc::ServerContext*, const v1::GetReadingRequest* request, v1::Reading* response) {
  std::lock_guard lock(mutex_);
  ++get_calls_;
  const auto it = readings_.find(request->id());
  if (it == readings_.end())
    return {grpc::StatusCode::NOT_FOUND, std::string("no reading with id ").append(request->id())};
  *response = it->second;
  return grpc::Status::OK;
}

grpc::Status FakeIngest::ListReadings(grpc::ServerContext*, const v1::ListReadingsRequest* request,
                                      v1::ListReadingsResponse* response) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, reading] : readings_) {
    if (reading.kind() != request->kind() || reading.device_serial() != request->device_serial()) continue;
    if (reading.captured_at().seconds() < request->captured_from().seconds() ||
        reading.captured_at().seconds() >= request->captured_until().seconds()) {
      continue;
    }
    *response->add_readings() = reading;
  }
  return grpc::Status::OK;
}

int FakeIngest::get_calls() const {
  std::lock_guard lock(mutex_);
  return get_calls_;
}

IdentifyFixture::IdentifyFixture()
    : clock(*core::ParseRfc3339("2026-11-21T00:00:00Z")),
      topic(UniqueTopic()),
      pki_(PkiDir()),
      redis_({.url = redis::TestServerUrl(), .size = 1, .timeout = std::chrono::milliseconds(2000)}) {
  {
    pqxx::connection connection(db.url());
    const auto migrations = pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/identify");
    const auto report = pg::ApplyMigrations(connection, "identify", migrations);
    if (!report.ok()) FAIL("migrations failed: " << report.error().message);
  }
  ingest_server_ = std::make_unique<rpc::Server>(rpc::ServerOptions{
      .port = 0,
      .tls = rpc::TlsFiles{pki_ + "/ca.crt", pki_ + "/servers/ingest.crt", pki_ + "/servers/ingest.key"},
      .service_name = "fake-ingest",
      .registry = std::make_shared<prometheus::Registry>()});
  ingest_server_->AddService(&ingest);
  ingest_port_ = ingest_server_->Start();
  StartIdentify();
}

IdentifyFixture::~IdentifyFixture() {
  StopIdentify();
  ingest_server_->Shutdown(std::chrono::milliseconds(100));
  redis_.Acquire()->Command({"DEL", events::StreamName(topic)});
}

void IdentifyFixture::StartIdentify() {
  identify::IdentifySettings settings;
  settings.port = 0;
  settings.tls_cert_file = pki_ + "/servers/identify.crt";
  settings.tls_key_file = pki_ + "/servers/identify.key";
  settings.tls_client_ca_file = pki_ + "/ca.crt";
  settings.workers = 4;
  settings.pg_url = db.url();
  settings.pg_pool_size = 4;
  settings.redis_url = redis::TestServerUrl();
  settings.data_dir = std::string(GREENLANE_SOURCE_DIR) + "/services/identify/data";
  settings.ingest_target = "127.0.0.1:" + std::to_string(ingest_port_);
  settings.ingest_tls_cert_file = pki_ + "/clients/service-identify.crt";
  settings.ingest_tls_key_file = pki_ + "/clients/service-identify.key";
  settings.ingest_tls_ca_file = pki_ + "/ca.crt";
  settings.reading_topic = topic;
  settings.max_add_spectra = 100;
  settings.shutdown_grace = std::chrono::milliseconds(1000);
  server_ = std::make_unique<identify::IdentifyServer>(settings, clock, std::make_shared<prometheus::Registry>());
  port_ = server_->Start();
}

void IdentifyFixture::StopIdentify() {
  if (server_) server_->Stop();
  server_.reset();
}

std::unique_ptr<v1::IdentifyService::Stub> IdentifyFixture::Stub(const std::string& client) const {
  rpc::TlsFiles tls{pki_ + "/ca.crt", pki_ + "/clients/" + client + ".crt", pki_ + "/clients/" + client + ".key"};
  return v1::IdentifyService::NewStub(rpc::MakeChannel(
      {.target = "127.0.0.1:" + std::to_string(port_), .tls = tls, .server_name_override = "identify"}));
}

std::string IdentifyFixture::Accept(const v1::Reading& reading, std::string event_id) {
  ingest.Put(reading);
  if (event_id.empty()) event_id = core::Uuid::NewV7().ToString();
  const nlohmann::json payload = {{"reading_id", reading.id()},
                                  {"kind", reading.kind()},
                                  {"device_serial", reading.device_serial()},
                                  {"gateway_id", "gateway-demo"},
                                  {"consignment",
                                   {{"declaration", reading.consignment().declaration()},
                                    {"container", reading.consignment().container()},
                                    {"item", reading.consignment().item()}}},
                                  {"captured_at", "2026-11-20T08:00:00Z"},
                                  {"flags", nlohmann::json::array()}};
  redis_.Acquire()->Command({"XADD", events::StreamName(topic), "*", "event_id", event_id, "topic", topic, "payload",
                             payload.dump(), "created_at", "2026-11-20T08:00:01Z"});
  return event_id;
}

long long IdentifyFixture::Count(const std::string& sql) const {
  pqxx::connection connection(db.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<long long>();
}

long long IdentifyFixture::WaitFor(const std::string& sql, long long expected) const {
  long long value = 0;
  for (int i = 0; i < 200; ++i) {
    value = Count(sql);
    if (value >= expected) return value;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return value;
}

v1::Reading MakeReading(const std::string& kind, const nlohmann::json& payload, const std::string& device,
                        std::int64_t captured_seconds) {
  v1::Reading reading;
  reading.set_id(core::Uuid::NewV7().ToString());
  reading.set_kind(kind);
  reading.set_device_serial(device);
  reading.mutable_captured_at()->set_seconds(captured_seconds);
  reading.mutable_consignment()->set_declaration("PE-2026-000123");
  reading.mutable_consignment()->set_container("MSKU4421908");
  reading.mutable_consignment()->set_item("3");
  reading.set_payload_json(payload.dump());
  return reading;
}

}  // namespace identify_test
