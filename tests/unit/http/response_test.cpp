#include "greenlane/http/response.h"

#include <catch2/catch.hpp>

using greenlane::core::Error;
using greenlane::core::ErrorKind;
using greenlane::http::Problem;
using greenlane::http::Response;

TEST_CASE("a problem carries the RFC 9457 fields of its error kind") {
  Response response = Problem(Error::InvalidArgument("quantity", "must be positive, got -3"), "/v1/declarations");
  CHECK(response.status == 400);
  CHECK(response.content_type == "application/problem+json");
  auto body = nlohmann::json::parse(response.body);
  CHECK(body["type"] == "urn:greenlane:problem:invalid-argument");
  CHECK(body["title"] == "Invalid argument");
  CHECK(body["status"] == 400);
  CHECK(body["detail"] == "must be positive, got -3");
  CHECK(body["field"] == "quantity");
  CHECK(body["instance"] == "/v1/declarations");
}

TEST_CASE("a problem leaves out field and instance when they are empty") {
  auto body = nlohmann::json::parse(Problem(Error::NotFound("permit GA-1 does not exist")).body);
  CHECK(body["status"] == 404);
  CHECK(body["type"] == "urn:greenlane:problem:not-found");
  CHECK_FALSE(body.contains("field"));
  CHECK_FALSE(body.contains("instance"));
}

TEST_CASE("the status of a problem follows the shared error table") {
  CHECK(Problem(Error{ErrorKind::kRateLimited, "slow down", ""}).status == 429);
  CHECK(Problem(Error{ErrorKind::kUnsupportedMediaType, "json only", ""}).status == 415);
  CHECK(Problem(Error::Internal("boom")).status == 500);
}

TEST_CASE("an HTTP-level problem uses the given status, type and title") {
  Response response = Problem(405, "method-not-allowed", "Method not allowed", "PUT is not allowed on /x");
  CHECK(response.status == 405);
  auto body = nlohmann::json::parse(response.body);
  CHECK(body["type"] == "urn:greenlane:problem:method-not-allowed");
  CHECK(body["detail"] == "PUT is not allowed on /x");
}

TEST_CASE("Json and Text responses set status, type and body") {
  Response json = Response::Json(201, {{"id", "GA-1"}});
  CHECK(json.status == 201);
  CHECK(json.content_type == "application/json");
  CHECK(nlohmann::json::parse(json.body)["id"] == "GA-1");
  Response text = Response::Text(200, "pong");
  CHECK(text.content_type == "text/plain; charset=utf-8");
  CHECK(text.body == "pong");
}

TEST_CASE("a Json response replaces invalid UTF-8 instead of throwing") {
  Response response = Response::Json(200, {{"echo", std::string("bad \xff byte")}});
  CHECK(nlohmann::json::parse(response.body)["echo"].get<std::string>().find("bad ") == 0);
}
