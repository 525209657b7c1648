#include "cites_fixture.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <pqxx/pqxx>

#include "api/convert.h"
#include "greenlane/pg/migrations.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"

namespace cites_test {

std::string PkiDir() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (dir == nullptr || *dir == '\0') {
    FAIL(
        "GREENLANE_TEST_PKI_DIR is not set: run the tests through scripts/test (or eval \"$(scripts/test-services "
        "start DIR)\"), which makes a development PKI");
  }
  return dir;
}

CitesFixture::CitesFixture() : clock(*core::ParseRfc3339("2025-03-10T09:00:00Z")), pki(PkiDir()) {
  {
    pqxx::connection connection(db.url());
    const auto migrations = pg::LoadMigrations(std::string(GREENLANE_SOURCE_DIR) + "/migrations/cites");
    const auto report = pg::ApplyMigrations(connection, "cites", migrations);
    if (!report.ok()) FAIL("migrations failed: " << report.error().message);
  }
  cites::CitesSettings settings;
  settings.port = 0;
  settings.tls_cert_file = pki + "/servers/cites.crt";
  settings.tls_key_file = pki + "/servers/cites.key";
  settings.tls_client_ca_file = pki + "/ca.crt";
  settings.signing_key_file = pki + "/signing/cites.pem";
  settings.workers = 20;
  settings.pg_url = db.url();
  settings.pg_pool_size = 20;
  settings.redis_url = redis::TestServerUrl();
  settings.delivery_max_attempts = 3;
  // The tests drive DeliveryStore::RunOnce themselves with their own senders.
  settings.delivery_interval = std::chrono::milliseconds(0);
  settings.shutdown_grace = std::chrono::milliseconds(2000);
  server_ = std::make_unique<cites::CitesServer>(settings, clock, std::make_shared<prometheus::Registry>());
  port_ = server_->Start();
}

CitesFixture::~CitesFixture() { server_->Stop(); }

std::unique_ptr<v1::CitesService::Stub> CitesFixture::Stub(const std::string& client) const {
  rpc::TlsFiles tls{pki + "/ca.crt", pki + "/clients/" + client + ".crt", pki + "/clients/" + client + ".key"};
  return v1::CitesService::NewStub(
      rpc::MakeChannel({.target = "127.0.0.1:" + std::to_string(port_), .tls = tls, .server_name_override = "cites"}));
}

long long CitesFixture::Count(const std::string& sql) const {
  pqxx::connection connection(db.url());
  pqxx::nontransaction tx(connection);
  return tx.exec1(sql)[0].as<long long>();
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& actor, const std::vector<std::string>& roles) {
  auto context = std::make_unique<grpc::ClientContext>();
  rpc::SetDeadline(*context, std::chrono::seconds(30));
  rpc::ActFor(*context, actor, roles);
  return context;
}

v1::CitesPermit ProtoOf(const cites::Permit& permit, bool keep_number) {
  cites::StoredPermit stored;
  stored.record.permit = permit;
  v1::CitesPermit proto;
  cites::ToProto(stored, false, &proto);
  proto.clear_id();
  proto.clear_state();
  proto.clear_created_at();
  proto.clear_updated_at();
  if (!keep_number) proto.clear_number();
  return proto;
}

v1::CitesPermit DraftAndIssue(v1::CitesService::Stub& stub, const cites::Permit& permit, const std::string& applicant) {
  v1::CreateDraftRequest draft;
  *draft.mutable_permit() = ProtoOf(permit);
  draft.mutable_permit()->set_applicant(applicant);
  v1::CitesPermit created;
  const auto created_status = stub.CreateDraft(Context().get(), draft, &created);
  INFO(created_status.error_message());
  REQUIRE(created_status.ok());
  v1::PermitAction issue;
  issue.set_number(created.number());
  v1::CitesPermit issued;
  const auto issued_status = stub.Issue(Context().get(), issue, &issued);
  INFO(issued_status.error_message());
  REQUIRE(issued_status.ok());
  return issued;
}

}  // namespace cites_test
