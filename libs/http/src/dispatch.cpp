#include "dispatch.h"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <type_traits>

#include "greenlane/core/log.h"
#include "greenlane/core/uuid.h"
#include "greenlane/http/wire.h"

namespace greenlane::http::detail {
namespace {

namespace beast = boost::beast;

std::string ToString(beast::string_view text) { return {text.data(), text.size()}; }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::optional<Response> CheckBody(const Exchange& exchange) {
  const Request& request = exchange.request;
  const auto& accepted = exchange.route->content_types;
  if (request.body.empty()) return std::nullopt;
  if (accepted.empty()) {
    return Problem(core::Error{core::ErrorKind::kUnsupportedMediaType,
                               request.method + " " + request.path + " takes no request body; send none", "body"},
                   request.path);
  }
  std::string type = wire::MediaType(request.Header("Content-Type"));
  if (std::find(accepted.begin(), accepted.end(), type) != accepted.end()) return std::nullopt;
  return Problem(core::Error{core::ErrorKind::kUnsupportedMediaType,
                             "Content-Type must be " + Join(accepted) + ", got '" +
                                 wire::Excerpt(type.empty() ? "(none)" : type) + "'",
                             "Content-Type"},
                 request.path);
}

// The one place where a handler's exceptions become problems (DESIGN §5).
template <class Step>
std::invoke_result_t<Step> Guarded(const Request& request, Step&& step) {
  try {
    return step();
  } catch (const core::GreenlaneException& e) {
    if (core::MappingOf(e.error().kind).http_status >= 500) {
      log::Warn("request failed", {{"method", request.method}, {"path", request.path}, {"error", e.what()}});
    }
    return Problem(e.error(), request.path);
  } catch (const std::exception& e) {
    // The message may carry internals (SQL, file names, secrets): it goes to the log only.
    log::Error("handler threw", {{"method", request.method}, {"path", request.path}, {"error", e.what()}});
    return Problem(core::Error::Internal("unexpected server error; it was logged with request id " +
                                         request.request_id + ", quote it when reporting the problem"),
                   request.path);
  }
}

std::optional<Response> Admit(const ServerContext& context, Exchange& exchange) {
  if (!context.hooks.before) return std::nullopt;
  return context.hooks.before(exchange.request, *exchange.route);
}

}  // namespace

Exchange Begin(WireRequest&& message, const PeerInfo& peer, std::chrono::steady_clock::time_point started) {
  Exchange exchange;
  exchange.started = started;
  exchange.version = message.version() == 10 ? 10 : 11;
  exchange.keep_alive = message.keep_alive();
  exchange.head = message.method() == beast::http::verb::head;
  Request& request = exchange.request;
  request.method = ToString(message.method_string());
  request.target = ToString(message.target());
  request.headers = std::move(message.base());
  request.body = std::move(message.body());
  request.remote_ip = peer.remote_ip;
  request.peer_subject = peer.peer_subject;
  std::string_view incoming_id = request.Header("X-Request-Id");
  request.request_id = wire::IsValidRequestId(incoming_id) ? std::string(incoming_id) : core::Uuid::NewV7().ToString();
  return exchange;
}

std::optional<Response> Resolve(const ServerContext& context, Exchange& exchange) {
  Request& request = exchange.request;
  auto target = wire::ParseTarget(request.target);
  if (!target.ok()) return Problem(target.error());
  request.path = std::move(target->path);
  request.query = std::move(target->query);

  auto match = context.router.Find(request.method, request.path);
  if (match.route == nullptr) {
    std::string shown_path = wire::Excerpt(request.path, 200);
    if (match.allowed_methods.empty()) {
      return Problem(core::Error::NotFound("no route matches " + wire::Excerpt(request.method) + " " + shown_path),
                     request.path);
    }
    std::string allowed = Join(match.allowed_methods);
    Response response =
        Problem(405, "method-not-allowed", "Method not allowed",
                wire::Excerpt(request.method) + " is not allowed on " + shown_path + "; allowed: " + allowed);
    response.headers.emplace_back("Allow", std::move(allowed));
    return response;
  }
  exchange.route = match.route;
  request.path_params = std::move(match.params);
  return CheckBody(exchange);
}

Response Execute(const ServerContext& context, Exchange& exchange) {
  Request& request = exchange.request;
  log::RequestScope scope(request.request_id);
  return Guarded(request, [&] {
    if (auto answer = Admit(context, exchange)) return std::move(*answer);
    return exchange.route->handler(request);
  });
}

bool Start(const ServerContext& context, Exchange& exchange, Responder& respond) {
  Request& request = exchange.request;
  log::RequestScope scope(request.request_id);
  bool declined = false;
  auto answer = Guarded(request, [&]() -> std::optional<Response> {
    if (auto refusal = Admit(context, exchange)) return refusal;
    declined = !exchange.route->start(request, respond);
    return std::nullopt;
  });
  // Does nothing when start took `respond` before it threw: its new owner answers.
  if (answer) respond(std::move(*answer));
  return !declined;
}

Response Handle(Exchange& exchange) {
  Request& request = exchange.request;
  log::RequestScope scope(request.request_id);
  return Guarded(request, [&] { return exchange.route->handler(request); });
}

Response Busy() {
  Response response = Problem(core::Error{core::ErrorKind::kUnavailable,
                                          "the server is busy: every worker is occupied; retry after 1 second", ""});
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

WireResponse Finish(const ServerContext& context, const Exchange& exchange, Response response, bool close) {
  const Request& request = exchange.request;
  if (response.content_type == kProblemContentType) {
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_object()) {
      body["request_id"] = request.request_id;
      response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  if (context.hooks.after) {
    try {
      context.hooks.after(request, exchange.route, response, std::chrono::steady_clock::now() - exchange.started);
    } catch (const std::exception& e) {
      // The answer is ready; a failing access log or metric must not lose it.
      log::Error("after hook threw", {{"request_id", request.request_id}, {"error", e.what()}});
    }
  }

  WireResponse wire{static_cast<beast::http::status>(response.status), exchange.version};
  bool bodyless_status = response.status == 204 || response.status == 304;
  if (!bodyless_status && !response.content_type.empty()) {
    wire.set(beast::http::field::content_type, response.content_type);
  }
  wire.set("X-Request-Id", request.request_id);
  wire.set("X-Content-Type-Options", "nosniff");
  for (auto& [name, value] : response.headers) wire.insert(name, value);
  wire.keep_alive(exchange.keep_alive && !close);
  if (exchange.head) {
    wire.content_length(response.body.size());  // what GET would send, without sending it
  } else {
    wire.body() = std::move(response.body);
    wire.prepare_payload();
  }
  return wire;
}

}  // namespace greenlane::http::detail
