// Webhook registration and the conversations of asynchronous requests (Prefer: respond-async):
// where a client says how it wants answers delivered, pulls them, and replays failed deliveries.
#include "api/json_body.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "domain/webhook.h"
#include "greenlane/core/uuid.h"
#include "greenlane/http/url.h"
#include "greenlane/security/secret_hash.h"

namespace greenlane::api {
namespace {

constexpr std::int64_t kMaxConversationPage = 200;

bool IsAdmin(const http::Request& request) {
  return std::find(request.roles.begin(), request.roles.end(), "admin") != request.roles.end();
}

// Admins see every client's conversations; everyone else only their own.
std::string OwnerFilter(const http::Request& request) { return IsAdmin(request) ? "" : request.principal; }

http::Response PutWebhook(ApiContext& context, http::Request& request) {
  auto body = ParseJsonObject(request.body);
  if (!body.ok()) return http::Problem(body.error(), request.path);
  auto url = RequiredString(*body, "url", 2000);
  if (!url.ok()) return http::Problem(url.error(), request.path);
  if (auto parsed = http::ParseUrl(*url, context.settings.conversations.allow_http, "url"); !parsed.ok()) {
    return http::Problem(parsed.error(), request.path);
  }
  // A new secret on every registration: re-registering is how a client rotates it.
  const auto webhook = context.conversations.PutWebhook(request.principal, *url, security::RandomToken(32));
  return http::Response::Json(200,
                              {{"url", webhook.url},
                               {"secret", webhook.secret},
                               {"signature", "Greenlane-Signature: t=<unix>,v1=hex(HMAC-SHA256(secret, t.body))"}});
}

http::Response GetWebhook(ApiContext& context, http::Request& request) {
  const auto webhook = context.conversations.GetWebhook(request.principal);
  if (!webhook) return http::Problem(core::Error::NotFound("no webhook is registered for this client"), request.path);
  return http::Response::Json(200, {{"url", webhook->url}});
}

http::Response DeleteWebhook(ApiContext& context, http::Request& request) {
  if (!context.conversations.DeleteWebhook(request.principal)) {
    return http::Problem(core::Error::NotFound("no webhook is registered for this client"), request.path);
  }
  return http::Response::Text(204, "");
}

http::Response GetConversation(ApiContext& context, http::Request& request) {
  const auto& id = request.path_params.at("id");
  const auto conversation = context.conversations.Get(id, OwnerFilter(request));
  if (!conversation)
    return http::Problem(core::Error::NotFound("conversation " + id + " does not exist"), request.path);
  return http::Response::Json(200, conversation->ToJson());
}

http::Response ListConversations(ApiContext& context, http::Request& request) {
  if (auto status = RejectUnknown(request.query, {"delivery_state", "before", "limit"}); !status.ok()) {
    return http::Problem(status.error(), request.path);
  }
  const auto state = StringParam(request.query, "delivery_state");
  if (!state.empty() && state != "none" && state != "pending" && state != "delivered" && state != "failed") {
    return http::Problem(core::Error::InvalidArgument("delivery_state", "use none, pending, delivered or failed"),
                         request.path);
  }
  std::int64_t limit = 50;
  if (request.query.count("limit")) {
    auto parsed = ParseInteger("limit", request.query.at("limit"), 1, kMaxConversationPage);
    if (!parsed.ok()) return http::Problem(parsed.error(), request.path);
    limit = *parsed;
  }
  const auto before = StringParam(request.query, "before");
  if (!before.empty() && !core::Uuid::Parse(before)) {
    return http::Problem(core::Error::InvalidArgument("before", "before must be a conversation id"), request.path);
  }
  const auto list = context.conversations.List(OwnerFilter(request), state, before, static_cast<int>(limit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& conversation : list) items.push_back(conversation.ToJson());
  nlohmann::json body = {{"items", items}};
  if (static_cast<std::int64_t>(list.size()) == limit) {
    std::string next = "/v1/conversations?before=" + list.back().id + "&limit=" + std::to_string(limit);
    if (!state.empty()) next.append("&delivery_state=").append(state);
    body["next"] = next;
  }
  return http::Response::Json(200, body);
}

http::Response Redeliver(ApiContext& context, http::Request& request) {
  auto conversation = context.conversations.Redeliver(request.path_params.at("id"), OwnerFilter(request));
  if (!conversation.ok()) return http::Problem(conversation.error(), request.path);
  return http::Response::Json(200, conversation->ToJson());
}

}  // namespace

std::vector<http::Route> ConversationRoutes(ApiContext& context) {
  const std::vector<std::string> callers = {"trader", "officer", "partner", "admin"};
  return {
      BindRoute(context, "PUT", "/v1/webhook", "Register (or replace) the webhook receiving asynchronous answers",
                callers, PutWebhook),
      BindRoute(context, "GET", "/v1/webhook", "The webhook registered for the calling client", callers, GetWebhook),
      BindRoute(context, "DELETE", "/v1/webhook", "Stop webhook deliveries; answers stay available to pull", callers,
                DeleteWebhook),
      BindRoute(context, "GET", "/v1/conversations", "Asynchronous requests, newest first, by delivery state", callers,
                ListConversations),
      BindRoute(context, "GET", "/v1/conversations/{id}", "One asynchronous request and its answer (pull)", callers,
                GetConversation),
      BindRoute(context, "POST", "/v1/conversations/{id}/redeliver",
                "Deliver a failed (or delivered) answer to the webhook again", callers, Redeliver),
  };
}

}  // namespace greenlane::api
