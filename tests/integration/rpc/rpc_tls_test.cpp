#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"
#include "testing_service.h"

using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using greenlane::testing::ClientTls;
using greenlane::testing::PkiDir;
using greenlane::testing::ServerTls;
using greenlane::testing::TestingServer;
using greenlane::testing::v1::EchoReply;
using greenlane::testing::v1::EchoRequest;
using greenlane::testing::v1::Testing;
namespace rpc = greenlane::rpc;

namespace {

struct CallResult {
  grpc::Status status;
  EchoReply reply;
};

CallResult Call(const TestingServer& server, std::optional<rpc::TlsFiles> client_tls, bool gateway_only = false,
                const std::string& server_name = "", const std::string& act_for = "") {
  auto stub = Testing::NewStub(
      rpc::MakeChannel({.target = server.Target(), .tls = std::move(client_tls), .server_name_override = server_name}));
  grpc::ClientContext context;
  rpc::SetDeadline(context, 5s);
  if (!act_for.empty()) rpc::ActFor(context, act_for, {"trader"});
  EchoRequest request;
  request.set_text("reading 42");
  CallResult result;
  result.status =
      gateway_only ? stub->GatewayOnly(&context, request, &result.reply) : stub->Echo(&context, request, &result.reply);
  return result;
}

// A second, unrelated development PKI: certificates that look right but chain to another CA.
class OtherPki {
 public:
  OtherPki() {
    char pattern[] = "/tmp/gl-rpc-other-pki-XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    dir_ = pattern;
    const std::string command = std::string(GREENLANE_MAKE_DEV_PKI) + " -q " + dir_.string() + "/pki";
    REQUIRE(std::system(command.c_str()) == 0);
  }
  ~OtherPki() { std::filesystem::remove_all(dir_); }
  std::string dir() const { return (dir_ / "pki").string(); }

 private:
  std::filesystem::path dir_;
};

}  // namespace

TEST_CASE("a gateway echoes over mutual TLS and the server knows who it is") {
  const auto pki = PkiDir();
  TestingServer server(ServerTls(pki, "ingest"));
  const auto result = Call(server, ClientTls(pki, "gateway-demo", pki));
  REQUIRE(result.status.ok());
  CHECK(result.reply.text() == "reading 42");
  CHECK(result.reply.caller() == "gateway-demo");
}

TEST_CASE("the server name can be overridden to match the certificate when dialling an address") {
  const auto pki = PkiDir();
  TestingServer server(ServerTls(pki, "ingest"));
  CHECK(Call(server, ClientTls(pki, "service-risk", pki), false, "greenlane-ingest").status.ok());
  // The ingest certificate does not name the timber service: TLS must refuse it.
  CHECK(Call(server, ClientTls(pki, "service-risk", pki), false, "timber").status.error_code() ==
        grpc::StatusCode::UNAVAILABLE);
}

TEST_CASE("a client without a client certificate is refused by a mutual-TLS server") {
  const auto pki = PkiDir();
  TestingServer server(ServerTls(pki, "ingest"));
  const auto result = Call(server, rpc::TlsFiles{.ca_file = pki + "/ca.crt"});
  CHECK(result.status.error_code() == grpc::StatusCode::UNAVAILABLE);
}

TEST_CASE("a client with a certificate from another CA is refused") {
  const auto pki = PkiDir();
  OtherPki other;
  TestingServer server(ServerTls(pki, "ingest"));
  // Same CN as a real gateway, trusts the real server: only the issuing CA differs.
  const auto result = Call(server, ClientTls(other.dir(), "gateway-demo", pki));
  CHECK(result.status.error_code() == grpc::StatusCode::UNAVAILABLE);
}

TEST_CASE("an insecure client cannot talk to a TLS server") {
  const auto pki = PkiDir();
  TestingServer server(ServerTls(pki, "ingest"));
  CHECK(Call(server, std::nullopt).status.error_code() == grpc::StatusCode::UNAVAILABLE);
}

TEST_CASE("RequirePeer lets allowed certificate names through and names the refused one") {
  const auto pki = PkiDir();
  TestingServer server(ServerTls(pki, "ingest"));

  const auto gateway = Call(server, ClientTls(pki, "gateway-callao", pki), /*gateway_only=*/true);
  REQUIRE(gateway.status.ok());
  CHECK(gateway.reply.caller() == "gateway-callao");

  const auto partner = Call(server, ClientTls(pki, "partner-pe", pki), /*gateway_only=*/true);
  CHECK(partner.status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK_THAT(partner.status.error_message(), Contains("partner-pe"));
  CHECK_THAT(partner.status.error_message(), Contains("gateway-*"));
}

TEST_CASE("RequirePeer answers UNAUTHENTICATED when the caller has no certificate") {
  TestingServer server;  // insecure: nobody is identified
  const auto result = Call(server, std::nullopt, /*gateway_only=*/true);
  CHECK(result.status.error_code() == grpc::StatusCode::UNAUTHENTICATED);
}

TEST_CASE("TLS without required client certificates still identifies a client that presents one") {
  const auto pki = PkiDir();
  greenlane::core::WorkerPool pool("rpc-test", 1, 16);
  greenlane::testing::TestingService service(pool);
  rpc::Server server({.tls = ServerTls(pki, "api"),
                      .require_client_cert = false,
                      .service_name = "rpc-test",
                      .registry = std::make_shared<prometheus::Registry>()});
  server.AddService(&service);
  const auto port = server.Start();
  auto call = [&](std::optional<rpc::TlsFiles> tls) {
    auto stub = Testing::NewStub(rpc::MakeChannel({.target = "127.0.0.1:" + std::to_string(port), .tls = tls}));
    grpc::ClientContext context;
    rpc::SetDeadline(context, 5s);
    CallResult result;
    result.status = stub->GatewayOnly(&context, EchoRequest(), &result.reply);
    return result;
  };
  CHECK(call(rpc::TlsFiles{.ca_file = pki + "/ca.crt"}).status.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(call(ClientTls(pki, "gateway-demo", pki)).status.ok());
  server.Shutdown(0ms);
}

TEST_CASE("a service may act for its client, a gateway or partner cannot claim to") {
  const auto pki = PkiDir();
  TestingServer server(ServerTls(pki, "ingest"));
  CHECK(Call(server, ClientTls(pki, "service-api", pki), false, "", "trader-42").reply.caller() ==
        "trader-42 via service-api");
  CHECK(Call(server, ClientTls(pki, "service-api", pki)).reply.caller() == "service-api");
  CHECK(Call(server, ClientTls(pki, "gateway-demo", pki), false, "", "trader-42").reply.caller() == "gateway-demo");
  CHECK(Call(server, ClientTls(pki, "partner-pe", pki), false, "", "admin").reply.caller() == "partner-pe");
}
