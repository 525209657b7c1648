#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "greenlane/core/uuid.h"
#include "test_service.h"

using namespace greenlane;
using http::Client;
using http::testing::TestService;

namespace {

nlohmann::json Json(const http::ClientResponse& response) { return nlohmann::json::parse(response.body); }

std::size_t Count(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("a handler's answer reaches the client with path params and query decoded") {
  TestService service;
  Client client(service.ClientFor());
  auto response = client.Send("GET", "/v1/items/GA%2F7?species=Dalbergia+nigra&species=other");
  CHECK(response.status == 200);
  CHECK(response.headers.at("content-type") == "application/json");
  CHECK(Json(response)["id"] == "GA/7");
  CHECK(Json(response)["query"]["species"] == "Dalbergia nigra");
}

TEST_CASE("one kept-alive connection serves many requests, on workers and on the I/O thread") {
  TestService service;
  Client client(service.ClientFor());
  for (int i = 0; i < 5; ++i) {
    CHECK(client.Send("GET", "/v1/items/" + std::to_string(i)).status == 200);
    CHECK(client.Send("GET", "/hello").body == "hello");
  }
  CHECK(service.server().stats().accepted_connections == 1);
}

TEST_CASE("pipelined requests are answered in order on one connection") {
  TestService service;
  Client client(service.ClientFor());
  std::string answer = client.SendRaw(
      "GET /v1/items/first HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /v1/items/third HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(Count(answer, "HTTP/1.1 200 OK") == 3);
  auto first = answer.find("\"first\"");
  auto hello = answer.find("hello");
  auto third = answer.find("\"third\"");
  REQUIRE(first != std::string::npos);
  CHECK(first < hello);
  CHECK(hello < third);
}

TEST_CASE("the client reconnects when the server closed an idle kept-alive connection") {
  http::ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  TestService service(options);
  Client client(service.ClientFor());
  CHECK(client.Send("GET", "/hello").status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past the idle timeout
  CHECK(client.Send("GET", "/hello").status == 200);
  CHECK(service.server().stats().accepted_connections == 2);
}

TEST_CASE("an unknown path is a 404 problem and the after hook sees it without a route") {
  TestService service;
  Client client(service.ClientFor());
  auto response = client.Send("GET", "/v1/nothing-here");
  CHECK(response.status == 404);
  CHECK(response.headers.at("content-type") == "application/problem+json");
  CHECK(Json(response)["detail"] == "no route matches GET /v1/nothing-here");
  auto seen = service.seen();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].status == 404);
  CHECK_FALSE(seen[0].routed);
}

TEST_CASE("a known path with another method is a 405 problem with an Allow header") {
  TestService service;
  Client client(service.ClientFor());
  auto response = client.Send("DELETE", "/v1/items");
  CHECK(response.status == 405);
  CHECK(response.headers.at("allow") == "POST");
  CHECK(Json(response)["type"] == "urn:greenlane:problem:method-not-allowed");
}

TEST_CASE("HEAD is answered like GET without a body") {
  TestService service;
  Client client(service.ClientFor());
  auto response = client.Send("HEAD", "/hello");
  CHECK(response.status == 200);
  CHECK(response.headers.at("content-length") == "5");
  CHECK(response.body.empty());
  CHECK(client.Send("GET", "/hello").body == "hello");  // the connection is still in step
}

TEST_CASE("a well-formed X-Request-Id is echoed, any other gets a fresh UUIDv7") {
  TestService service;
  Client client(service.ClientFor());
  auto echoed = client.Send("GET", "/fail/greenlane", "", {{"X-Request-Id", "sw-2026.abc_1"}});
  CHECK(echoed.headers.at("x-request-id") == "sw-2026.abc_1");
  CHECK(Json(echoed)["request_id"] == "sw-2026.abc_1");

  auto replaced = client.Send("GET", "/hello", "", {{"X-Request-Id", "has spaces; and more"}});
  auto id = core::Uuid::Parse(replaced.headers.at("x-request-id"));
  REQUIRE(id.has_value());
  CHECK(id->version() == 7);
  auto generated = client.Send("GET", "/hello");
  CHECK(generated.headers.at("x-request-id") != replaced.headers.at("x-request-id"));
}

TEST_CASE("a GreenlaneException from a handler becomes its mapped problem") {
  TestService service;
  Client client(service.ClientFor());
  auto response = client.Send("GET", "/fail/greenlane");
  CHECK(response.status == 404);
  CHECK(Json(response)["detail"] == "item 7 does not exist");
  CHECK(Json(response)["instance"] == "/fail/greenlane");
}

TEST_CASE("any other exception is a 500 problem that does not leak its message") {
  TestService service;
  Client client(service.ClientFor());
  auto response = client.Send("GET", "/fail/std");
  CHECK(response.status == 500);
  CHECK(response.body.find("hunter2") == std::string::npos);
  CHECK(response.body.find("postgres") == std::string::npos);
  std::string id = response.headers.at("x-request-id");
  CHECK(Json(response)["request_id"] == id);
  CHECK(Json(response)["detail"].get<std::string>().find(id) != std::string::npos);
  CHECK(client.Send("GET", "/hello").status == 200);  // the worker survived
}

TEST_CASE("a body of the wrong media type is a 415 naming the expected type") {
  TestService service;
  Client client(service.ClientFor());
  auto wrong = client.Send("POST", "/v1/items", "{\"a\":1}", {{"Content-Type", "text/plain"}});
  CHECK(wrong.status == 415);
  CHECK(Json(wrong)["detail"] == "Content-Type must be application/json, got 'text/plain'");
  CHECK(Json(wrong)["field"] == "Content-Type");
  CHECK(client.Send("POST", "/v1/items", "{\"a\":1}").status == 415);  // no Content-Type at all

  auto right = client.Send("POST", "/v1/items", "{\"a\":1}", {{"Content-Type", "Application/JSON; charset=utf-8"}});
  CHECK(right.status == 201);
  CHECK(Json(right)["received"]["a"] == 1);
  CHECK(client.Send("GET", "/hello", "unexpected", {{"Content-Type", "text/plain"}}).status == 415);
}

TEST_CASE("the before hook can refuse a request or say who is calling") {
  TestService service;
  Client client(service.ClientFor());
  auto refused = client.Send("GET", "/private");
  CHECK(refused.status == 401);
  CHECK(Json(refused)["type"] == "urn:greenlane:problem:unauthenticated");
  auto allowed = client.Send("GET", "/private", "", {{"Authorization", "Bearer officer-token"}});
  CHECK(allowed.status == 200);
  CHECK(Json(allowed)["principal"] == "officer-1");
  CHECK(Json(allowed)["roles"] == nlohmann::json::array({"officer"}));
}

TEST_CASE("a started route answers from another thread, after the before hook, without a worker") {
  TestService service({}, /*worker_threads=*/1, /*worker_queue=*/1);
  Client client(service.ClientFor());
  const std::vector<std::pair<std::string, std::string>> officer = {{"Authorization", "Bearer officer-token"}};

  CHECK(client.Send("GET", "/later/thread").status == 401);
  CHECK(service.started() == 0);  // refused by the before hook: start never ran

  // The only worker is held: an answer that needs no worker still comes.
  auto slow = std::async(std::launch::async, [&] { return Client(service.ClientFor()).Send("GET", "/slow").status; });
  REQUIRE(service.WaitForSlowStarted(1));
  auto later = client.Send("GET", "/later/thread", "", officer);
  CHECK(later.status == 200);
  CHECK(Json(later)["answered"] == "from another thread");
  CHECK(Json(later)["principal"] == "officer-1");
  service.Release();
  CHECK(slow.get() == 200);

  auto declined = client.Send("GET", "/later/decline", "", officer);
  CHECK(declined.status == 200);
  CHECK(declined.body == "declined, answered on a worker");
  CHECK(service.started() == 2);

  auto seen = service.seen();
  REQUIRE(seen.size() == 4);  // the after hook saw every answer, whichever thread gave it
  CHECK(seen[0].status == 401);
}

TEST_CASE("a started route that throws or drops its answer still answers, and the connection goes on") {
  TestService service;
  Client client(service.ClientFor());
  const std::vector<std::pair<std::string, std::string>> officer = {{"Authorization", "Bearer officer-token"}};
  auto thrown = client.Send("GET", "/later/throw", "", officer);
  CHECK(thrown.status == 404);
  CHECK(Json(thrown)["detail"] == "nothing to start");
  auto dropped = client.Send("GET", "/later/drop", "", officer);
  CHECK(dropped.status == 500);
  CHECK(Json(dropped)["type"] == "urn:greenlane:problem:internal");
  CHECK(client.Send("GET", "/later/thread", "", officer).status == 200);
  CHECK(service.server().stats().accepted_connections == 1);
}

TEST_CASE("a full worker queue answers 503 with Retry-After while non-blocking routes still work") {
  TestService service({}, /*worker_threads=*/1, /*worker_queue=*/1);
  auto slow = [&] { return Client(service.ClientFor()).Send("GET", "/slow").status; };
  auto running = std::async(std::launch::async, slow);
  REQUIRE(service.WaitForSlowStarted(1));  // the only worker is busy
  auto queued = std::async(std::launch::async, slow);
  for (int i = 0; i < 1000 && service.workers().QueueDepth() < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(service.workers().QueueDepth() == 1);  // the queue is full

  Client client(service.ClientFor());
  auto busy = client.Send("GET", "/v1/items/1");
  CHECK(busy.status == 503);
  CHECK(busy.headers.at("retry-after") == "1");
  CHECK(Json(busy)["type"] == "urn:greenlane:problem:unavailable");
  CHECK(client.Send("GET", "/hello").status == 200);

  service.Release();
  CHECK(running.get() == 200);
  CHECK(queued.get() == 200);
}

TEST_CASE("a client asking for 100-continue gets it before sending the body") {
  TestService service;
  Client client(service.ClientFor());
  std::string answer = client.SendRaw(
      "POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
      "Expect: 100-continue\r\nConnection: close\r\n\r\n{\"a\":1}");
  CHECK(answer.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created", 0) == 0);
}
