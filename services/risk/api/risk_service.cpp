#include "api/risk_service.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "api/convert.h"
#include "greenlane/core/fixed_point.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/offload.h"
#include "greenlane/rpc/status.h"

namespace greenlane::risk {
namespace {

const std::vector<std::string> kServiceCallers = {"service-api", "service-risk"};
// Customs staff see how selection works; everyone else (traders) sees the trader view.
const std::vector<std::string> kCustomsRoles = {"officer", "analyst", "lab", "admin"};
constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr int kDefaultRecent = 1000;
constexpr int kMaxRecent = 10000;
constexpr std::size_t kMinJustification = 10;
constexpr std::size_t kMaxText = 2000;
constexpr std::size_t kMaxBytesStartedInPlace = 64 * 1024;

bool HasAnyRole(const rpc::Caller& caller, const std::vector<std::string>& roles) {
  return std::any_of(roles.begin(), roles.end(), [&](const std::string& role) { return caller.HasRole(role); });
}

Audience AudienceOf(const rpc::Caller& caller) {
  return HasAnyRole(caller, kCustomsRoles) ? Audience::kOfficer : Audience::kTrader;
}

// The peer check, then the end client's roles.
grpc::Status Authorize(const grpc::CallbackServerContext& context, const rpc::Caller& caller,
                       const std::vector<std::string>& roles, const char* method) {
  if (auto status = rpc::RequirePeer(context, kServiceCallers); !status.ok()) return status;
  if (HasAnyRole(caller, roles)) return grpc::Status::OK;
  std::string allowed;
  for (const auto& role : roles) allowed.append(allowed.empty() ? "" : ", ").append(role);
  return {grpc::StatusCode::PERMISSION_DENIED,
          std::string(method) + " needs one of the roles " + allowed + "; " + caller.actor + " has none of them"};
}

Actor ActorOf(const rpc::Caller& caller) { return {caller.AuditName(), log::CurrentRequestId()}; }

grpc::Status Invalid(const std::string& field, const std::string& message) {
  return rpc::ToGrpcStatus(core::Error::InvalidArgument(field, message));
}

core::Result<InspectionInput> InspectionOf(const v1::RecordInspectionRequest& request) {
  InspectionInput input;
  input.declaration = request.declaration();
  if (input.declaration.empty()) return core::Error::InvalidArgument("declaration", "is required");
  const auto result = ParseInspectionResult(request.result());
  if (!result) {
    return core::Error::InvalidArgument("result", "'" + request.result() +
                                                      "' is not one of no_discrepancy, documentary_discrepancy, "
                                                      "revenue_correction, seizure, prohibited_goods");
  }
  input.result = *result;
  if (request.has_seized_quantity() && !request.seized_quantity().value().empty()) {
    const auto quantity = core::ParseFixedPoint(request.seized_quantity().value(), 3, "seized_quantity.value");
    if (!quantity) return quantity.error();
    if (request.seized_quantity().unit().empty() || request.seized_quantity().unit().size() > 16) {
      return core::Error::InvalidArgument("seized_quantity.unit", "a unit code such as KGM is required");
    }
    input.seized_quantity = request.seized_quantity().value();
    input.seized_unit = request.seized_quantity().unit();
  }
  if (request.has_revenue()) {
    const auto& currency = request.revenue().currency();
    if (currency.size() != 3 ||
        !std::all_of(currency.begin(), currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      return core::Error::InvalidArgument("revenue.currency", "an ISO 4217 code such as XAF");
    }
    if (request.revenue().minor_units() < 0) {
      return core::Error::InvalidArgument("revenue.minor_units", "recovered revenue cannot be negative");
    }
    input.revenue_currency = currency;
    input.revenue_minor = request.revenue().minor_units();
  }
  if (request.notes().size() > kMaxText) return core::Error::InvalidArgument("notes", "at most 2000 characters");
  input.notes = request.notes();
  return input;
}

}  // namespace

grpc::ServerUnaryReactor* RiskService::Assess(grpc::CallbackServerContext* context, const v1::AssessRequest* request,
                                              v1::Assessment* response) {
  auto start = [=, this](const rpc::Finisher& finish) {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"trader", "officer", "admin"}, "Assess"); !status.ok()) {
      return finish(status);
    }
    auto document = DeclarationDocument(*request);
    if (!document) return finish(rpc::ToGrpcStatus(document.error()));
    const auto audience = AudienceOf(caller);
    pipeline_.Assess(*std::move(document), {caller.actor, audience == Audience::kTrader, ActorOf(caller)},
                     [finish, audience, response](core::Result<StoredAssessment> stored) {
                       if (!stored) return finish(rpc::ToGrpcStatus(stored.error()));
                       ToProto(*stored, audience, response);
                       finish(grpc::Status::OK);
                     });
  };
  // Nothing in `start` blocks (the pipeline's reads and commit run on workers), so it runs on
  // gRPC's thread without a hop to a worker; but a large document's parsing would hold that
  // thread, one of few serving every call, for milliseconds.
  if (request->ByteSizeLong() > kMaxBytesStartedInPlace) return rpc::OffloadAsync(context, pool_, start);
  return rpc::StartInPlace(context, start);
}

// A batch's declarations are assessed one after the other, in order (a reference twice in a batch
// is a resend or an amendment of its first), none waiting for another on a thread.
struct RiskService::BatchRun {
  const v1::AssessBatchRequest* request;
  v1::AssessBatchResponse* response;
  Submitter submitter;
  Audience audience;
  rpc::Finisher finish;
  std::string request_id = log::CurrentRequestId();
};

void RiskService::AssessFrom(const std::shared_ptr<BatchRun>& run, int index) {
  for (; index < run->request->declarations_size(); ++index) {
    auto document = DeclarationDocument(run->request->declarations(index));
    if (document) {
      pipeline_.Assess(*std::move(document), run->submitter, [this, run, index](core::Result<StoredAssessment> stored) {
        Record(*run, index, stored);
        // The next one starts on a worker of its own, not inside the group commit that answered
        // this one (nor deeper in the stack of one answered at once, as a malformed one is).
        if (!pool_.TrySubmit([this, run, index] {
              log::RequestScope scope(run->request_id);
              try {
                AssessFrom(run, index + 1);
              } catch (...) {
                run->finish(rpc::ToGrpcStatus(core::ErrorOfException(std::current_exception())));
              }
            })) {
          run->finish(rpc::ToGrpcStatus(core::WorkerPool::QueueFullError()));
        }
      });
      return;
    }
    Record(*run, index, document.error());
  }
  run->finish(grpc::Status::OK);
}

void RiskService::Record(BatchRun& run, int index, const core::Result<StoredAssessment>& stored) {
  auto* item = run.response->mutable_results(index);
  if (!stored) {
    const auto status = rpc::ToGrpcStatus(stored.error());
    item->set_code(status.error_code());
    item->set_message(status.error_message());
    return;
  }
  ToProto(*stored, run.audience, item->mutable_assessment());
}

grpc::ServerUnaryReactor* RiskService::AssessBatch(grpc::CallbackServerContext* context,
                                                   const v1::AssessBatchRequest* request,
                                                   v1::AssessBatchResponse* response) {
  return rpc::OffloadAsync(context, pool_, [=, this](const rpc::Finisher& finish) {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"trader", "officer", "admin"}, "AssessBatch"); !status.ok()) {
      return finish(status);
    }
    if (request->declarations_size() > max_batch_declarations_) {
      return finish(Invalid("declarations", "at most " + std::to_string(max_batch_declarations_) + " per batch"));
    }
    for (int i = 0; i < request->declarations_size(); ++i) response->add_results()->set_index(i);
    const auto audience = AudienceOf(caller);
    AssessFrom(
        std::make_shared<BatchRun>(BatchRun{
            request, response, {caller.actor, audience == Audience::kTrader, ActorOf(caller)}, audience, finish}),
        0);
  });
}

grpc::ServerUnaryReactor* RiskService::GetAssessment(grpc::CallbackServerContext* context,
                                                     const v1::GetAssessmentRequest* request,
                                                     v1::Assessment* response) {
  return rpc::Offload(context, pool_, [=, this] {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"trader", "officer", "analyst", "lab", "admin"}, "GetAssessment");
        !status.ok()) {
      return status;
    }
    if (request->declaration().empty()) return Invalid("declaration", "is required");
    const auto stored = assessments_.Current(request->declaration());
    const auto audience = AudienceOf(caller);
    // A trader cannot tell someone else's declaration from one that does not exist.
    if (!stored || (audience == Audience::kTrader &&
                    std::find(stored->owners.begin(), stored->owners.end(), caller.actor) == stored->owners.end())) {
      return rpc::ToGrpcStatus(core::Error::NotFound("no assessed declaration '" + request->declaration() + "'"));
    }
    ToProto(*stored, audience, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RiskService::RecordInspection(grpc::CallbackServerContext* context,
                                                        const v1::RecordInspectionRequest* request,
                                                        v1::Inspection* response) {
  return rpc::Offload(context, pool_, [=, this] {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"officer", "lab", "admin"}, "RecordInspection"); !status.ok()) {
      return status;
    }
    const auto input = InspectionOf(*request);
    if (!input) return rpc::ToGrpcStatus(input.error());
    const auto record = learning_.RecordInspection(*input, ActorOf(caller));
    if (!record) return rpc::ToGrpcStatus(record.error());
    ToProto(*record, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RiskService::Reroute(grpc::CallbackServerContext* context, const v1::RerouteRequest* request,
                                               v1::Assessment* response) {
  return rpc::Offload(context, pool_, [=, this] {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"officer", "admin"}, "Reroute"); !status.ok()) return status;
    if (request->declaration().empty()) return Invalid("declaration", "is required");
    const auto lane = ParseLane(request->lane());
    if (!lane) return Invalid("lane", "'" + request->lane() + "' is not one of green, blue, yellow, red");
    if (request->justification().size() < kMinJustification || request->justification().size() > kMaxText) {
      return Invalid("justification", "say why, in 10 to 2000 characters: a reroute is audited");
    }
    const auto stored = assessments_.Reroute(request->declaration(), *lane, request->justification(), ActorOf(caller));
    if (!stored) return rpc::ToGrpcStatus(stored.error());
    ToProto(*stored, Audience::kOfficer, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RiskService::ListRulePerformance(grpc::CallbackServerContext* context,
                                                           const v1::ListRulePerformanceRequest* request,
                                                           v1::ListRulePerformanceResponse* response) {
  return rpc::Offload(context, pool_, [=, this] {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"officer", "analyst", "admin"}, "ListRulePerformance");
        !status.ok()) {
      return status;
    }
    const int requested = request->page().page_size();
    if (requested < 0 || requested > kMaxPageSize) return Invalid("page.page_size", "from 0 to 1000");
    const int page_size = requested == 0 ? kDefaultPageSize : requested;
    auto rows = learning_.ListPerformance(request->page().page_token(), page_size + 1);
    if (static_cast<int>(rows.size()) > page_size) {
      rows.pop_back();
      response->mutable_page()->set_next_page_token(rows.back().rule_id);
    }
    for (const auto& row : rows) ToProto(row, response->add_rules());
    response->mutable_page()->set_total_size(-1);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RiskService::DryRunRuleSet(grpc::CallbackServerContext* context,
                                                     const v1::DryRunRuleSetRequest* request,
                                                     v1::DryRunReport* response) {
  return rpc::Offload(context, pool_, [=, this] {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"officer", "analyst", "admin"}, "DryRunRuleSet"); !status.ok()) {
      return status;
    }
    const int recent = request->recent_declarations() == 0 ? kDefaultRecent : request->recent_declarations();
    if (recent < 1 || recent > kMaxRecent) return Invalid("recent_declarations", "from 1 to 10000");
    const auto candidate = nlohmann::json::parse(request->rule_set_json(), nullptr, false);
    if (candidate.is_discarded()) return Invalid("rule_set_json", "is not well-formed JSON");
    const auto at = request->has_at() ? core::TimePoint(std::chrono::microseconds(
                                            google::protobuf::util::TimeUtil::TimestampToMicroseconds(request->at())))
                                      : clock_.Now();
    const auto report = pipeline_.DryRun(candidate, recent, at);
    if (!report) return rpc::ToGrpcStatus(report.error());
    ToProto(*report, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RiskService::ActivateRuleSet(grpc::CallbackServerContext* context,
                                                       const v1::ActivateRuleSetRequest* request,
                                                       v1::RuleSetInfo* response) {
  return rpc::Offload(context, pool_, [=, this] {
    const auto caller = rpc::CallerOf(*context);
    if (auto status = Authorize(*context, caller, {"admin"}, "ActivateRuleSet"); !status.ok()) return status;
    if (request->justification().size() < kMinJustification || request->justification().size() > kMaxText) {
      return Invalid("justification", "say why, in 10 to 2000 characters: an activation is audited");
    }
    std::optional<std::pair<RuleSet, nlohmann::json>> candidate;
    std::string version = request->version();
    if (!request->rule_set_json().empty()) {
      auto document = nlohmann::json::parse(request->rule_set_json(), nullptr, false);
      if (document.is_discarded()) return Invalid("rule_set_json", "is not well-formed JSON");
      auto rules = LoadRuleSet(document);
      if (!rules) return Invalid("rule_set_json" + rules.error().field, rules.error().message);
      if (!version.empty() && version != rules->version) {
        return Invalid("version", "'" + version + "' differs from the rule set's own version '" + rules->version + "'");
      }
      version = rules->version;
      candidate.emplace(*std::move(rules), std::move(document));
    }
    if (version.empty()) return Invalid("version", "give rule_set_json or the version of a stored rule set");
    const auto stored = rule_sets_.Activate(candidate, version, request->justification(), ActorOf(caller));
    if (!stored) return rpc::ToGrpcStatus(stored.error());
    ToProto(*stored, response);
    return grpc::Status::OK;
  });
}

}  // namespace greenlane::risk
