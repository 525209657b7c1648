#include "api/cites_checker.h"

#include "api/call_answer.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::risk {

CitesPermitChecker::CitesPermitChecker(const std::shared_ptr<grpc::Channel>& channel,
                                       std::shared_ptr<const QuantityUnits> units, int calls_in_flight)
    : units_(std::move(units)),
      calls_([stub = std::shared_ptr(v1::CitesService::NewStub(channel))](
                 auto* context, auto* request, auto* response,
                 auto done) { stub->async()->VerifyMany(context, request, response, std::move(done)); },
             rpc::kMaxRequestsPerCall, calls_in_flight) {}

namespace {

DocumentAnswer AnswerOf(const std::string& number, const grpc::Status& status, const v1::VerifyResponse& response) {
  if (!status.ok()) return AnswerOfFailedCall("cites", number, status);
  if (response.valid()) return {DocumentStatus::kValid, "", {}};
  std::string detail;
  for (const auto& reason : response.reasons()) {
    if (!detail.empty()) detail += "; ";
    detail.append(reason.rule()).append(": ").append(reason.message());
  }
  return {DocumentStatus::kInvalid, detail.empty() ? "cites found the permit not valid" : detail, {}};
}

}  // namespace

void CitesPermitChecker::Check(const DocumentQuery& query, core::TimePoint deadline, DocumentAnswered answered) {
  v1::VerifyRequest request;
  request.set_number(query.document.id);
  request.set_scientific_name(query.scientific_name);
  // cites compares quantities only in the permit's Rec. 20 unit: an item whose unit the table does
  // not know is checked for species and validity alone rather than refused for a spelling.
  const auto quantity = query.document.write_off_quantity.value_or(query.quantity);
  const auto unit = units_->CodeOf(query.quantity_unit);
  if (!query.scientific_name.empty() && quantity > 0 && unit) {
    request.set_quantity(core::FormatFixedPoint(quantity, 3));
    request.set_unit(*unit);
  }
  calls_.Call(
      std::move(request), deadline,
      [number = query.document.id, answered](const grpc::Status& status, const v1::VerifyResponse& response) {
        answered(AnswerOf(number, status, response));
      },
      UnreadableDocumentAnswer("cites", answered));
}

}  // namespace greenlane::risk
