#include "fake_owners.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "greenlane/rpc/answer_each.h"

namespace risk_test {
namespace {

std::string Pki() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (dir == nullptr || *dir == '\0') FAIL("GREENLANE_TEST_PKI_DIR is not set: run the tests through scripts/test");
  return dir;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) FAIL("cannot read " << path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

grpc::Status FakeCites::VerifyMany(grpc::ServerContext*, const v1::VerifyManyRequest* request,
                                   v1::VerifyManyResponse* response) {
  std::this_thread::sleep_for(delay);
  ++verify_many_calls;
  return rpc::AsGrpcStatus(rpc::AnswerEach(
      request->requests(), response->mutable_answers(),
      [this](const v1::VerifyRequest& one, v1::VerifyResponse* answer) { return VerifyNow(one, answer); }));
}

grpc::Status FakeCites::VerifyNow(const v1::VerifyRequest& request, v1::VerifyResponse* response) {
  std::lock_guard lock(mutex_);
  last_verify = request;
  response->set_number(request.number());
  const auto found = permits.find(request.number());
  if (found == permits.end()) {
    auto* reason = response->add_reasons();
    reason->set_rule("verify.unknown");
    reason->set_message("no permit numbered '" + request.number() + "' was issued here");
    return grpc::Status::OK;
  }
  response->set_valid(found->second.valid);
  for (const auto& [rule, message] : found->second.reasons) {
    auto* reason = response->add_reasons();
    reason->set_rule(rule);
    reason->set_message(message);
  }
  return grpc::Status::OK;
}

grpc::Status FakeCites::GetSpecies(grpc::ServerContext*, const v1::GetSpeciesRequest* request,
                                   v1::CitesTaxon* response) {
  std::this_thread::sleep_for(delay);
  ++species_calls;
  const auto found = listings.find(request->scientific_name());
  if (found == listings.end()) return {grpc::StatusCode::NOT_FOUND, "not in the species listings"};
  response->set_scientific_name(found->first);
  response->set_appendix_on_date(found->second);
  return grpc::Status::OK;
}

grpc::Status FakeTimber::GetLineages(grpc::ServerContext*, const v1::TimberGetLineagesRequest* request,
                                     v1::TimberGetLineagesResponse* response) {
  std::this_thread::sleep_for(delay);
  return rpc::AsGrpcStatus(rpc::AnswerEach(
      request->requests(), response->mutable_answers(),
      [this](const v1::TimberGetLineageRequest& one, v1::TimberLineage* lineage) { return LineageNow(one, lineage); }));
}

grpc::Status FakeTimber::LineageNow(const v1::TimberGetLineageRequest& request, v1::TimberLineage* response) {
  const auto found = lineages.find(request.certificate());
  if (found == lineages.end()) {
    return {grpc::StatusCode::NOT_FOUND, "no export certificate with number '" + request.certificate() + "'"};
  }
  *response = found->second;
  if (request.summary()) response->clear_pieces();  // as greenlane-timber answers a summary
  return grpc::Status::OK;
}

FakeServer::FakeServer(const std::string& name, grpc::Service* service) {
  const auto pki = Pki();
  grpc::SslServerCredentialsOptions tls(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  tls.pem_root_certs = ReadFile(pki + "/ca.crt");
  tls.pem_key_cert_pairs.push_back(
      {ReadFile(pki + "/servers/" + name + ".key"), ReadFile(pki + "/servers/" + name + ".crt")});
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(tls), &port_);
  builder.RegisterService(service);
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) FAIL("the fake " << name << " server did not start");
}

FakeServer::~FakeServer() { server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1)); }

risk::RiskSettings ClientSettings(const std::string& cites, const std::string& timber) {
  const auto pki = Pki();
  risk::RiskSettings settings;
  settings.cites_address = cites;
  settings.timber_address = timber;
  settings.services_cert_file = pki + "/clients/service-risk.crt";
  settings.services_key_file = pki + "/clients/service-risk.key";
  settings.services_ca_file = pki + "/ca.crt";
  settings.data_dir = std::string(GREENLANE_SOURCE_DIR) + "/services/risk/data";
  return settings;
}

v1::TimberLineage Certificate(const std::string& number, const std::string& species, std::int64_t volume_dm3,
                              const std::string& state) {
  v1::TimberLineage lineage;
  auto* certificate = lineage.mutable_certificate();
  certificate->set_number(number);
  certificate->set_kind("certificate");
  certificate->set_state(state);
  certificate->add_species(species);
  certificate->set_volume_dm3(volume_dm3);
  certificate->set_hs_code("4407.29");  // as greenlane-timber writes it
  for (const char* barcode : {"GA-LOT-000001", "GA-LOG-000001"}) lineage.add_pieces()->set_barcode(barcode);
  lineage.add_waybills()->set_number("WB-2026-000001");
  return lineage;
}

}  // namespace risk_test
