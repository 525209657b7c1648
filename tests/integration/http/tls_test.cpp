#include <catch2/catch.hpp>

#include "greenlane/core/config.h"
#include "greenlane/core/error.h"
#include "test_pki.h"
#include "test_service.h"

using namespace greenlane;
using http::Client;
using http::testing::TestPki;
using http::testing::TestService;

namespace {

const TestPki& Pki() {
  static TestPki pki;
  return pki;
}

http::ServerOptions TlsServer(bool verify_clients, bool require_client_cert) {
  http::ServerOptions options;
  options.tls =
      http::TlsOptions{Pki().server_cert(), Pki().server_key(), verify_clients ? Pki().ca() : "", require_client_cert};
  return options;
}

http::ClientOptions TlsClient(const TestService& service, const std::string& cert = "", const std::string& key = "") {
  auto options = service.ClientFor();
  options.tls = true;
  options.ca_file = Pki().ca();
  options.cert_file = cert;
  options.key_file = key;
  return options;
}

std::string PeerSubject(Client& client) {
  auto response = client.Send("GET", "/whoami");
  REQUIRE(response.status == 200);
  return nlohmann::json::parse(response.body)["peer_subject"];
}

}  // namespace

TEST_CASE("HTTPS serves requests over a kept-alive TLS connection") {
  TestService service(TlsServer(false, false));
  Client client(TlsClient(service));
  CHECK(client.Send("GET", "/hello").body == "hello");
  CHECK(client.Send("GET", "/v1/items/7").status == 200);
  CHECK(service.server().stats().accepted_connections == 1);
}

TEST_CASE("a client that does not trust the server's CA refuses the connection") {
  TestService service(TlsServer(false, false));
  auto options = TlsClient(service);
  options.ca_file = Pki().intruder_cert();  // some other CA
  Client client(options);
  CHECK_THROWS_AS(client.Send("GET", "/hello"), core::GreenlaneException);
}

TEST_CASE("mutual TLS accepts a client certificate signed by the CA and names its subject") {
  TestService service(TlsServer(true, true));
  Client client(TlsClient(service, Pki().client_cert(), Pki().client_key()));
  CHECK(PeerSubject(client) == "gateway-01");
}

TEST_CASE("mutual TLS refuses a client without a certificate") {
  TestService service(TlsServer(true, true));
  Client client(TlsClient(service));
  CHECK_THROWS_AS(client.Send("GET", "/hello"), core::GreenlaneException);
  CHECK(service.seen().empty());  // no request reached the server
}

TEST_CASE("mutual TLS refuses a client certificate the CA did not sign") {
  TestService service(TlsServer(true, true));
  Client client(TlsClient(service, Pki().intruder_cert(), Pki().intruder_key()));
  CHECK_THROWS_AS(client.Send("GET", "/hello"), core::GreenlaneException);
  CHECK(service.seen().empty());
}

TEST_CASE("optional client certificates: with one the subject is known, without one it is empty") {
  TestService service(TlsServer(true, false));
  Client with_cert(TlsClient(service, Pki().client_cert(), Pki().client_key()));
  CHECK(PeerSubject(with_cert) == "gateway-01");
  Client without_cert(TlsClient(service));
  CHECK(PeerSubject(without_cert).empty());
}

TEST_CASE("a plain client gets no answer from a TLS port") {
  TestService service(TlsServer(false, false));
  Client client(service.ClientFor());
  CHECK_THROWS_AS(client.Send("GET", "/hello"), core::GreenlaneException);
}

TEST_CASE("an unreadable certificate file stops start-up with the file named") {
  http::ServerOptions options;
  options.tls = http::TlsOptions{"/nonexistent/server.pem", Pki().server_key(), "", false};
  CHECK_THROWS_WITH(TestService(options), Catch::Contains("/nonexistent/server.pem"));
}
