// Inbound exchange with partner economies' CITES authorities (issue 5): mutual TLS plus a signed
// body, relayed to greenlane-cites which checks signature, message id and timestamp window.
// The facade only insists on the client certificate and the three headers, and passes the body on
// byte for byte: the signature covers those exact bytes, so nothing here may parse and re-print it.
#include "api/routes.h"
#include "api/service_call.h"
#include "greenlane/v1/cites.grpc.pb.h"

namespace greenlane::api {
namespace {

using Stub = v1::CitesService::Stub;

constexpr const char* kMessageIdHeader = "X-Greenlane-Message-Id";
constexpr const char* kTimestampHeader = "X-Greenlane-Timestamp";
constexpr const char* kSignatureHeader = "X-Greenlane-Signature";

http::Response Exchange(ApiContext& context, http::Request& request, const char* operation) {
  const auto& cites = context.downstream.cites;
  if (!cites.channel) return NotConfigured(cites, request);
  if (request.peer_subject.empty()) {
    return http::Problem(core::Error::Unauthenticated(
                             "the partner exchange needs mutual TLS: present the client certificate your partner "
                             "registration names (its CN)"),
                         request.path);
  }
  v1::PartnerMessage message;
  message.set_client_cn(request.peer_subject);
  message.set_operation(operation);
  message.set_body(request.body);
  for (const auto& [header, field] : {std::pair{kMessageIdHeader, message.mutable_message_id()},
                                      std::pair{kTimestampHeader, message.mutable_timestamp()},
                                      std::pair{kSignatureHeader, message.mutable_signature()}}) {
    const auto value = request.Header(header);
    if (value.empty()) {
      return http::Problem(
          core::Error::InvalidArgument(header, std::string("the signed exchange needs the ") + header + " header"),
          request.path);
    }
    field->assign(value);
  }
  grpc::ClientContext call;
  PrepareCall(call, context.downstream, request);
  v1::PartnerMessageResponse reply;
  const auto status = Stub(cites.channel).ReceivePartnerMessage(&call, message, &reply);
  if (!status.ok()) return Answer(status, reply, request.path);
  // body_json is the service's answer for the partner (e.g. the fetched permit), already JSON.
  auto response = http::Response::Text(200, reply.body_json(), "application/json");
  response.headers.emplace_back("X-Greenlane-Partner-Country", reply.partner_country());
  return response;
}

http::Response DeliverPermit(ApiContext& context, http::Request& request) {
  return Exchange(context, request, "permit.deliver");
}
http::Response FetchPermit(ApiContext& context, http::Request& request) {
  return Exchange(context, request, "permit.fetch");
}
http::Response ConfirmQuantities(ApiContext& context, http::Request& request) {
  auto answer = Exchange(context, request, "quantities.confirm");
  // A confirmation uses one of our permits: verifications this facade kept of it are stale.
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_object() && body.contains("number") && body["number"].is_string()) {
    context.cites_verify_cache.Forget(body["number"].get<std::string>());
  }
  return answer;
}

}  // namespace

std::vector<http::Route> CitesExchangeRoutes(ApiContext& context) {
  const std::vector<std::string> partners = {"partner"};
  return {
      BindRoute(context, "POST", "/v1/exchange/cites/permits",
                "A partner delivers a permit it issued for our importers (signed, mutual TLS)", partners,
                DeliverPermit),
      BindRoute(context, "POST", "/v1/exchange/cites/permits/fetch",
                "A partner fetches one of our permits in its own trade by number (signed, mutual TLS)", partners,
                FetchPermit),
      BindRoute(context, "POST", "/v1/exchange/cites/quantities",
                "A partner confirms the quantities it received under our permit (signed, mutual TLS)", partners,
                ConfirmQuantities),
  };
}

}  // namespace greenlane::api
