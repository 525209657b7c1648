#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "greenlane/http/request.h"
#include "greenlane/http/response.h"
#include "greenlane/http/router.h"
#include "server_context.h"

// The protocol-independent half of a connection: turning a parsed message into a Request, routing
// it, running the handler and turning its Response into a wire message. Kept out of the session
// template so plain and TLS connections share one copy.
namespace greenlane::http::detail {

using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;
using WireResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct PeerInfo {
  std::string remote_ip;
  std::string peer_subject;
};

/// One request from the moment its first byte arrived until its answer is ready.
struct Exchange {
  Request request;
  const Route* route = nullptr;
  unsigned version = 11;
  bool keep_alive = false;
  bool head = false;
  std::chrono::steady_clock::time_point started;
};

/// Takes what is known of a request: the whole message, only its header (413) or nothing (400,
/// 431 before the header was complete). Assigns the request id.
Exchange Begin(WireRequest&& message, const PeerInfo& peer, std::chrono::steady_clock::time_point started);

/// Splits the target, routes and checks the body type. Returns the server's own answer (400, 404,
/// 405, 415) when the request cannot reach a handler; otherwise sets exchange.route.
std::optional<Response> Resolve(const ServerContext& context, Exchange& exchange);

/// Runs the before hook and the handler, mapping exceptions to problems. Call on the thread the
/// handler is meant for.
Response Execute(const ServerContext& context, Exchange& exchange);

/// For a route with `start`, on the I/O thread: runs the before hook, then start. Answers through
/// `respond` (a refusal or an exception at once, else whenever start's work ends) unless start
/// declined the request: then it returns false, `respond` is untouched and Handle must answer it.
bool Start(const ServerContext& context, Exchange& exchange, Responder& respond);

/// The handler alone, for a request Start admitted and declined, mapping exceptions to problems.
Response Handle(Exchange& exchange);

/// The answer when the worker queue is full.
Response Busy();

/// Calls the after hook and builds the wire answer (X-Request-Id, request_id in problems, HEAD
/// without a body). `close` forces Connection: close.
WireResponse Finish(const ServerContext& context, const Exchange& exchange, Response response, bool close);

}  // namespace greenlane::http::detail
