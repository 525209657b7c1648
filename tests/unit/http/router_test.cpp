#include "greenlane/http/router.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using greenlane::http::Request;
using greenlane::http::Response;
using greenlane::http::Route;
using greenlane::http::Router;

namespace {

Route MakeRoute(std::string method, std::string pattern) {
  return Route{
      std::move(method), std::move(pattern), "", {}, {}, false, [](Request&) { return Response::Text(200, "ok"); }};
}

}  // namespace

TEST_CASE("the router extracts {params} as percent-decoded segments") {
  Router router;
  router.Add(MakeRoute("GET", "/v1/cites/permits/{number}/verify"));
  auto match = router.Find("GET", "/v1/cites/permits/GA%2F2026%20001/verify");
  REQUIRE(match.route != nullptr);
  CHECK(match.route->pattern == "/v1/cites/permits/{number}/verify");
  CHECK(match.params.at("number") == "GA/2026 001");
}

TEST_CASE("a {param} matches exactly one non-empty segment") {
  Router router;
  router.Add(MakeRoute("GET", "/v1/items/{id}"));
  CHECK(router.Find("GET", "/v1/items/").route == nullptr);
  CHECK(router.Find("GET", "/v1/items/a/b").route == nullptr);
  CHECK(router.Find("GET", "/v1/items").route == nullptr);
  CHECK(router.Find("GET", "/v1/items/%zz").route == nullptr);
}

TEST_CASE("literal segments win over {params} whatever the order routes were added") {
  Router router;
  router.Add(MakeRoute("GET", "/v1/permits/{number}"));
  router.Add(MakeRoute("GET", "/v1/permits/search"));
  router.Add(MakeRoute("GET", "/v1/{kind}/latest"));
  CHECK(router.Find("GET", "/v1/permits/search").route->pattern == "/v1/permits/search");
  CHECK(router.Find("GET", "/v1/permits/GA-1").route->pattern == "/v1/permits/{number}");
  // The earlier literal segment decides: /v1/permits/{number} beats /v1/{kind}/latest.
  CHECK(router.Find("GET", "/v1/permits/latest").route->pattern == "/v1/permits/{number}");
  CHECK(router.Find("GET", "/v1/waybills/latest").route->pattern == "/v1/{kind}/latest");
}

TEST_CASE("an unknown path matches nothing and lists no methods (404)") {
  Router router;
  router.Add(MakeRoute("GET", "/v1/items"));
  auto match = router.Find("GET", "/v1/nothing");
  CHECK(match.route == nullptr);
  CHECK(match.allowed_methods.empty());
}

TEST_CASE("a known path with another method lists the allowed methods (405)") {
  Router router;
  router.Add(MakeRoute("GET", "/v1/items"));
  router.Add(MakeRoute("POST", "/v1/items"));
  auto match = router.Find("DELETE", "/v1/items");
  CHECK(match.route == nullptr);
  CHECK(match.allowed_methods == std::vector<std::string>{"GET", "HEAD", "POST"});
}

TEST_CASE("a method mismatch on the literal route falls back to a matching {param} route") {
  Router router;
  router.Add(MakeRoute("POST", "/v1/items/search"));
  router.Add(MakeRoute("GET", "/v1/items/{id}"));
  auto match = router.Find("GET", "/v1/items/search");
  REQUIRE(match.route != nullptr);
  CHECK(match.route->pattern == "/v1/items/{id}");
  CHECK(match.params.at("id") == "search");
}

TEST_CASE("HEAD is answered by the GET route unless a HEAD route exists") {
  Router router;
  router.Add(MakeRoute("GET", "/v1/items"));
  router.Add(MakeRoute("GET", "/v1/files"));
  router.Add(MakeRoute("HEAD", "/v1/files"));
  auto head = router.Find("HEAD", "/v1/items");
  REQUIRE(head.route != nullptr);
  CHECK(head.route->method == "GET");
  CHECK(router.Find("HEAD", "/v1/files").route->method == "HEAD");
}

TEST_CASE("the router refuses malformed and ambiguous routes at start-up") {
  Router router;
  router.Add(MakeRoute("GET", "/v1/items/{id}"));
  CHECK_THROWS_AS(router.Add(MakeRoute("GET", "/v1/items/{other}")), std::invalid_argument);
  CHECK_THROWS_AS(router.Add(MakeRoute("GET", "v1/items")), std::invalid_argument);
  CHECK_THROWS_AS(router.Add(MakeRoute("GET", "/v1/items/{id")), std::invalid_argument);
  CHECK_THROWS_AS(router.Add(MakeRoute("GET", "/v1/items/{}")), std::invalid_argument);
  CHECK_THROWS_AS(router.Add(MakeRoute("GET", "/v1/x{id}")), std::invalid_argument);
  Route no_handler = MakeRoute("GET", "/v1/other");
  no_handler.handler = nullptr;
  CHECK_THROWS_AS(router.Add(no_handler), std::invalid_argument);
  router.Add(MakeRoute("PUT", "/v1/items/{id}"));  // same shape, other method: fine
  CHECK(router.routes().size() == 2);
}
