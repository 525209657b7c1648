// The single window's routes (issue 7): declarations in, lanes and reasons out, inspection
// results and re-routing back; relayed to greenlane-risk. POST /v1/declarations answers
// synchronously, or with `Prefer: respond-async` 202 and a conversation whose answer goes to the
// client's webhook and stays available to pull.
#include "api/declaration_routes.h"

#include "api/json_body.h"
#include "api/proto_json.h"
#include "api/query_params.h"
#include "api/routes.h"
#include "api/service_call.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/rpc/status.h"
#include "greenlane/v1/risk.grpc.pb.h"

namespace greenlane::api {
namespace {

using Stub = v1::RiskService::Stub;
constexpr const char* kAssessmentKind = "declaration.assessment";
constexpr std::size_t kMaxBatch = 500;

bool WantsAsync(const http::Request& request) {
  return request.Header("Prefer").find("respond-async") != std::string_view::npos;
}

http::Response SubmitAsync(ApiContext& context, http::Request& request) {
  auto body = ParseJsonObject(request.body);
  if (!body.ok()) return http::Problem(body.error(), request.path);
  auto reference = RequiredString(*body, "functional_reference_id", 64);
  if (!reference.ok()) return http::Problem(reference.error(), request.path);
  const auto conversation =
      context.conversations.Create(request.principal, request.roles, kAssessmentKind, *reference, request.body);
  auto response = http::Response::Json(202, {{"conversation_id", conversation.id},
                                             {"reference", conversation.reference},
                                             {"status", "/v1/conversations/" + conversation.id}});
  response.headers.emplace_back("Location", "/v1/conversations/" + conversation.id);
  response.headers.emplace_back("Preference-Applied", "respond-async");
  return response;
}

// The synchronous answer, started on the I/O thread: no worker waits while risk assesses. A
// respond-async submission writes its conversation, which blocks: it is declined to SubmitAsync.
bool StartDeclaration(ApiContext& context, http::Request& request, http::Responder& respond) {
  if (WantsAsync(request)) return false;
  v1::AssessRequest assess;
  assess.set_declaration_json(request.body);
  RelayAsync<Stub>(context.downstream, context.downstream.risk, request, &Stub::async::Assess, std::move(assess),
                   std::move(respond));
  return true;
}

http::Response SubmitBatch(ApiContext& context, http::Request& request) {
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::exception&) {
    return http::Problem(core::Error::InvalidArgument("body", "the body is not valid JSON"), request.path);
  }
  const auto declarations = body.find("declarations");
  if (!body.is_object() || declarations == body.end() || !declarations->is_array() || declarations->empty() ||
      declarations->size() > kMaxBatch) {
    return http::Problem(core::Error::InvalidArgument("declarations", "send {\"declarations\": [...]} with 1 to " +
                                                                          std::to_string(kMaxBatch) + " declarations"),
                         request.path);
  }
  v1::AssessBatchRequest batch;
  for (const auto& declaration : *declarations) batch.add_declarations()->set_declaration_json(declaration.dump());
  return Relay(context.downstream, context.downstream.risk, request, &Stub::AssessBatch, batch);
}

http::Response GetAssessment(ApiContext& context, http::Request& request) {
  v1::GetAssessmentRequest get;
  get.set_declaration(request.path_params.at("ref"));
  return Relay(context.downstream, context.downstream.risk, request, &Stub::GetAssessment, get);
}

http::Response RecordInspection(ApiContext& context, http::Request& request) {
  v1::RecordInspectionRequest record;
  if (auto status = ParseProtoBody(request, record); !status.ok()) return http::Problem(status.error(), request.path);
  record.set_declaration(request.path_params.at("ref"));
  return Relay(context.downstream, context.downstream.risk, request, &Stub::RecordInspection, record, 201);
}

http::Response Reroute(ApiContext& context, http::Request& request) {
  v1::RerouteRequest reroute;
  if (auto status = ParseProtoBody(request, reroute); !status.ok()) return http::Problem(status.error(), request.path);
  reroute.set_declaration(request.path_params.at("ref"));
  return Relay(context.downstream, context.downstream.risk, request, &Stub::Reroute, reroute);
}

http::Response ListRulePerformance(ApiContext& context, http::Request& request) {
  if (auto status = RejectUnknown(request.query, {"page_size", "page_token"}); !status.ok()) {
    return http::Problem(status.error(), request.path);
  }
  auto page = PageParams(request.query, 1000);
  if (!page.ok()) return http::Problem(page.error(), request.path);
  v1::ListRulePerformanceRequest list;
  *list.mutable_page() = *page;
  return Relay(context.downstream, context.downstream.risk, request, &Stub::ListRulePerformance, list);
}

http::Response DryRunRuleSet(ApiContext& context, http::Request& request) {
  v1::DryRunRuleSetRequest dry_run;
  if (auto status = ParseProtoBody(request, dry_run); !status.ok()) return http::Problem(status.error(), request.path);
  return Relay(context.downstream, context.downstream.risk, request, &Stub::DryRunRuleSet, dry_run);
}

http::Response ActivateRuleSet(ApiContext& context, http::Request& request) {
  v1::ActivateRuleSetRequest activate;
  if (auto status = ParseProtoBody(request, activate); !status.ok()) {
    return http::Problem(status.error(), request.path);
  }
  return Relay(context.downstream, context.downstream.risk, request, &Stub::ActivateRuleSet, activate);
}

// A problem object for a conversation's result, as the synchronous route would have answered.
nlohmann::json ProblemJson(const grpc::Status& status) {
  return nlohmann::json::parse(http::Problem(rpc::FromGrpcStatus(status)).body);
}

}  // namespace

Processor AssessmentProcessor(const Downstream& downstream) {
  return [&downstream](const Conversation& conversation) {
    if (!downstream.risk.channel) {
      return ProcessOutcome{ProcessOutcome::Kind::kRetry,
                            {{"detail", "the risk service is not connected: set GREENLANE_API_RISK_ADDRESS"}}};
    }
    grpc::ClientContext call;
    rpc::SetDeadline(call, downstream.timeout);
    call.AddMetadata("x-request-id", conversation.id);
    rpc::ActFor(call, conversation.client_id, conversation.roles);
    v1::AssessRequest assess;
    assess.set_declaration_json(conversation.request);
    v1::Assessment assessment;
    const auto status = Stub(downstream.risk.channel).Assess(&call, assess, &assessment);
    if (status.ok()) return ProcessOutcome{ProcessOutcome::Kind::kDone, nlohmann::json::parse(ProtoToJson(assessment))};
    // The service being down or slow passes; a refused declaration does not.
    const bool transient = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                           status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                           status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
    return ProcessOutcome{transient ? ProcessOutcome::Kind::kRetry : ProcessOutcome::Kind::kFailed,
                          ProblemJson(status)};
  };
}

std::string AssessmentKind() { return kAssessmentKind; }

std::vector<http::Route> DeclarationRoutes(ApiContext& context) {
  const std::vector<std::string> submitters = {"trader", "officer", "admin"};
  const std::vector<std::string> readers = {"trader", "officer", "analyst", "lab", "admin"};
  auto submit = BindRoute(context, "POST", "/v1/declarations",
                          "Submit a declaration: its lane and reasons now, or 202 with Prefer: respond-async",
                          submitters, SubmitAsync);
  submit.start = [&context](http::Request& request, http::Responder& respond) {
    return StartDeclaration(context, request, respond);
  };
  return {
      std::move(submit),
      BindRoute(context, "POST", "/v1/declarations/batch", "Assess up to 500 declarations, each with its own status",
                submitters, SubmitBatch),
      BindRoute(context, "GET", "/v1/declarations/{ref}/assessment",
                "The current lane and reasons (officer view, or the trader view of one's own)", readers, GetAssessment),
      BindRoute(context, "POST", "/v1/declarations/{ref}/inspection-result",
                "Record what the inspection found; feeds profiles and rule performance", {"officer", "lab", "admin"},
                RecordInspection),
      BindRoute(context, "POST", "/v1/declarations/{ref}/reroute", "Move a declaration to another lane, with a reason",
                {"officer", "admin"}, Reroute),
      BindRoute(context, "GET", "/v1/risk/rules/performance", "Hits, inspections, positives and hit rate per rule",
                {"officer", "analyst", "admin"}, ListRulePerformance),
      BindRoute(context, "POST", "/v1/risk/rule-sets/dry-run",
                "How recent declarations' lanes would change under a candidate rule set",
                {"officer", "analyst", "admin"}, DryRunRuleSet),
      BindRoute(context, "POST", "/v1/risk/rule-sets/activate", "Store and activate a rule set (audited)", {"admin"},
                ActivateRuleSet),
  };
}

}  // namespace greenlane::api
