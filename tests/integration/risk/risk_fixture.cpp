#include "risk_fixture.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "greenlane/events/outbox.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/redis/pool.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"

namespace risk_test {
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

std::string Unique() { return std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()); }

// The shipped data files with random selection off, so lanes in these tests are deterministic.
std::string DataDirWithoutRandom() {
  const std::string source = std::string(GREENLANE_SOURCE_DIR) + "/services/risk/data";
  const auto dir = std::filesystem::temp_directory_path() / ("gl-risk-data-" + Unique());
  std::filesystem::create_directories(dir);
  for (const char* name : {"rules.json", "evidence.json"}) std::filesystem::copy_file(source + "/" + name, dir / name);
  std::ifstream in(source + "/model.json");
  auto model = nlohmann::json::parse(in);
  model["random"]["rate"] = 0;
  std::ofstream(dir / "model.json") << model.dump();
  return dir.string();
}

}  // namespace

RiskFixture::RiskFixture(risk::DocumentServices document_services,
                         const std::function<void(risk::RiskSettings&)>& adjust)
    : clock(*core::ParseRfc3339("2026-03-02T10:00:00Z")), pki_(PkiDir()), data_dir_(DataDirWithoutRandom()) {
  {
    pqxx::connection connection(db.url());
    const auto migrations = pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/risk");
    const auto report = pg::ApplyMigrations(connection, "risk", migrations);
    if (!report.ok()) FAIL("migrations failed: " << report.error().message);
  }
  risk::RiskSettings settings;
  settings.port = 0;
  settings.tls_cert_file = pki_ + "/servers/risk.crt";
  settings.tls_key_file = pki_ + "/servers/risk.key";
  settings.tls_client_ca_file = pki_ + "/ca.crt";
  settings.workers = 4;
  settings.pg_url = db.url();
  settings.pg_pool_size = 4;
  settings.redis_url = redis::TestServerUrl();
  settings.consumer_group = "risk-test-" + Unique();
  settings.data_dir = data_dir_;
  settings.document_check_timeout = std::chrono::milliseconds(300);
  settings.random_seed = 7;
  settings.shutdown_grace = std::chrono::milliseconds(2000);
  if (adjust) adjust(settings);
  server_ = std::make_unique<risk::RiskServer>(settings, clock, std::make_shared<prometheus::Registry>(),
                                               std::move(document_services));
  port_ = server_->Start();
}

RiskFixture::~RiskFixture() {
  server_->Stop();
  std::filesystem::remove_all(data_dir_);
}

std::unique_ptr<v1::RiskService::Stub> RiskFixture::Stub() const {
  rpc::TlsFiles tls{pki_ + "/ca.crt", pki_ + "/clients/service-api.crt", pki_ + "/clients/service-api.key"};
  return v1::RiskService::NewStub(
      rpc::MakeChannel({.target = "127.0.0.1:" + std::to_string(port_), .tls = tls, .server_name_override = "risk"}));
}

std::unique_ptr<grpc::ClientContext> RiskFixture::As(const std::string& actor, const std::vector<std::string>& roles) {
  auto context = std::make_unique<grpc::ClientContext>();
  rpc::SetDeadline(*context, std::chrono::seconds(20));
  rpc::ActFor(*context, actor, roles);
  return context;
}

std::string UniqueHex() {
  std::mt19937_64 random(std::random_device{}());
  char hex[11];
  std::snprintf(hex, sizeof hex, "%010llx", static_cast<unsigned long long>(random() & 0xffffffffffULL));
  return hex;
}

void PublishEvidence(const RiskFixture& fixture, const std::string& topic, const std::string& event_id,
                     const nlohmann::json& payload) {
  redis::Pool redis({.url = redis::TestServerUrl(), .size = 1});
  redis.Acquire()->Command({"XADD", events::StreamName(topic), "*", "event_id", event_id, "topic", topic, "payload",
                            payload.dump(), "created_at", "2026-03-02T10:05:00Z"});
  for (int i = 0; i < 200; ++i) {
    if (fixture.Count("SELECT count(*) FROM risk.evidence WHERE event_id = '" + event_id + "'") > 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("the service did not store the evidence of " << event_id);
}

long long RiskFixture::Count(const std::string& sql) const {
  pqxx::connection connection(db.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<long long>();
}

std::string RiskFixture::Text(const std::string& sql) const {
  pqxx::connection connection(db.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<std::string>();
}

v1::AssessRequest JsonRequest(const nlohmann::json& declaration) {
  v1::AssessRequest request;
  request.set_declaration_json(declaration.dump());
  return request;
}

}  // namespace risk_test
