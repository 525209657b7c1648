#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <thread>

#include "greenlane/core/error.h"
#include "test_service.h"

using namespace greenlane;
using http::Client;
using http::testing::TestService;

namespace {

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string BodyOf(const std::string& raw_answer) { return raw_answer.substr(raw_answer.find("\r\n\r\n") + 4); }

}  // namespace

TEST_CASE("a 50 MB Content-Length is refused with 413 before any of the body is sent") {
  TestService service;  // default read_timeout of 30 s: waiting for the body would time the client out
  auto options = service.ClientFor();
  options.timeout = std::chrono::seconds(5);
  Client client(options);
  std::string answer = client.SendRaw(
      "POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n"
      "X-Request-Id: big-upload-1\r\n\r\n");
  REQUIRE(StartsWith(answer, "HTTP/1.1 413 Payload Too Large"));
  CHECK(answer.find("Connection: close") != std::string::npos);
  auto body = nlohmann::json::parse(BodyOf(answer));
  CHECK(body["detail"] == "request body exceeds the limit of 1048576 bytes");
  CHECK(body["request_id"] == "big-upload-1");
  auto seen = service.seen();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].status == 413);
  CHECK_FALSE(seen[0].routed);
}

TEST_CASE("a chunked body growing past the limit is refused with 413") {
  http::ServerOptions options;
  options.body_limit = 1024;
  TestService service(options);
  Client client(service.ClientFor());
  std::string chunk = "3e8\r\n" + std::string(1000, 'a') + "\r\n";
  std::string answer = client.SendRaw(
      "POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
      chunk + chunk + chunk + "0\r\n\r\n");
  CHECK(StartsWith(answer, "HTTP/1.1 413"));
}

TEST_CASE("endless chunk extensions or trailers are refused with 400 instead of buffered") {
  TestService service;
  auto options = service.ClientFor();
  options.timeout = std::chrono::seconds(10);
  Client client(options);
  const std::string head =
      "POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  // Beast limits neither of these itself; only the bounded read buffer stops them.
  CHECK(StartsWith(client.SendRaw(head + "1;" + std::string(4 << 20, 'a')), "HTTP/1.1 400"));
  CHECK(StartsWith(client.SendRaw(head + "0\r\nX-Trailer: " + std::string(4 << 20, 'b')), "HTTP/1.1 400"));
}

TEST_CASE("a header flood is refused with 431 and the connection closed") {
  TestService service;
  Client client(service.ClientFor());
  std::string request = "GET /hello HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 400; ++i) request += "X-Flood-" + std::to_string(i) + ": " + std::string(100, 'f') + "\r\n";
  std::string answer = client.SendRaw(request + "\r\n");
  REQUIRE(StartsWith(answer, "HTTP/1.1 431"));
  CHECK(answer.find("Connection: close") != std::string::npos);
  CHECK(nlohmann::json::parse(BodyOf(answer))["type"] == "urn:greenlane:problem:header-too-large");
  auto seen = service.seen();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].status == 431);
}

TEST_CASE("garbage instead of HTTP is refused with 400 and the connection closed") {
  TestService service;
  Client client(service.ClientFor());
  std::string answer = client.SendRaw(std::string("\x16\x03\x01\x02\x00 NOT HTTP AT ALL\r\n\r\n", 25));
  REQUIRE(StartsWith(answer, "HTTP/1.1 400 Bad Request"));
  auto body = nlohmann::json::parse(BodyOf(answer));
  CHECK(body["detail"].get<std::string>().find("malformed HTTP/1.1 request") == 0);
  CHECK_FALSE(body["request_id"].get<std::string>().empty());
  CHECK(StartsWith(client.SendRaw("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"), "HTTP/1.1 400"));
  CHECK(StartsWith(client.SendRaw("GET /hello\x01 HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 400"));
  auto seen = service.seen();
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].status == 400);
  CHECK_FALSE(seen[0].routed);
}

TEST_CASE("a malformed query is a 400 naming the parameter and the connection stays usable") {
  TestService service;
  Client client(service.ClientFor());
  auto response = client.Send("GET", "/v1/items/1?page=%G1");
  CHECK(response.status == 400);
  CHECK(nlohmann::json::parse(response.body)["field"] == "query.page");
  CHECK(client.Send("GET", "/hello").status == 200);
  CHECK(service.server().stats().accepted_connections == 1);
}

TEST_CASE("a client trickling its request is cut off after the read timeout (slowloris)") {
  http::ServerOptions options;
  options.read_timeout = std::chrono::seconds(1);
  TestService service(options);
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), service.server().port()});
  socket.non_blocking(true);
  const std::string request = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(200, 'p');
  bool closed = false;
  // One byte every 50 ms (about 11 s for the whole request) never leaves the connection idle; only
  // a deadline counted from the first byte closes it before the request is complete.
  for (std::size_t i = 0; i < request.size() && !closed; ++i) {
    boost::system::error_code ec;
    net::write(socket, net::buffer(&request[i], 1), ec);
    char byte;
    socket.read_some(net::buffer(&byte, 1), ec);
    closed = ec && ec != net::error::would_block;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(closed);
}

TEST_CASE("connections beyond max_connections are closed at accept") {
  http::ServerOptions options;
  options.max_connections = 1;
  TestService service(options);
  Client first(service.ClientFor());
  REQUIRE(first.Send("GET", "/hello").status == 200);
  Client second(service.ClientFor());
  CHECK_THROWS_AS(second.Send("GET", "/hello"), core::GreenlaneException);
  CHECK(service.server().stats().refused_connections == 1);
  CHECK(first.Send("GET", "/hello").status == 200);
}
