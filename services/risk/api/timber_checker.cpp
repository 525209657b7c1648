#include "api/timber_checker.h"

#include <algorithm>
#include <set>

#include "api/call_answer.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::risk {
namespace {

// The HS subheading (first six digits) whatever the notation: timber writes "4407.29", the
// single window "4407290000".
std::string Subheading(const std::string& hs_code) {
  std::string digits;
  for (const char c : hs_code) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.substr(0, 6);
}

void Add(std::string& problems, const std::string& problem) {
  if (!problems.empty()) problems += "; ";
  problems += problem;
}

// Every problem of the certificate for this item, "" when it fits.
std::string ProblemsOf(const v1::TimberDocument& certificate, const DocumentQuery& query, const QuantityUnits& units) {
  const auto& number = certificate.number();
  if (certificate.kind() != "certificate")
    return number + " is a " + certificate.kind() + ", not an export certificate";
  std::string problems;
  if (certificate.state() != "issued" && certificate.state() != "shipped") {
    Add(problems, number + " is " + certificate.state() + ", not issued or shipped");
  }
  const auto& species = certificate.species();
  if (!query.scientific_name.empty() &&
      std::find(species.begin(), species.end(), query.scientific_name) == species.end()) {
    Add(problems, number + " covers no " + query.scientific_name);
  }
  if (!certificate.hs_code().empty() && !query.hs_code.empty() &&
      Subheading(certificate.hs_code()) != Subheading(query.hs_code)) {
    Add(problems, number + " is for HS " + certificate.hs_code() + ", the item is HS " + query.hs_code);
  }
  // Thousandths of a cubic metre are cubic decimetres, the certificate's unit.
  const auto volume = query.document.write_off_quantity.value_or(query.quantity);
  if (units.CodeOf(query.quantity_unit) == "MTQ" && volume > certificate.volume_dm3()) {
    Add(problems, core::FormatFixedPoint(volume, 3) + " m3 exceeds the " +
                      core::FormatFixedPoint(certificate.volume_dm3(), 3) + " m3 " + number + " covers");
  }
  return problems;
}

// What timber anomalies behind the certificate may be linked by: the certificate, the waybills that
// carried its wood, and each piece an anomaly was raised on. The summary lineage lists every anomaly
// on the way, so the pieces without one (thousands for a big certificate) need not travel; anomalies
// on concessions and sawmill runs are left out, as they were when every piece was listed.
std::vector<std::string> EvidenceSubjects(const v1::TimberLineage& lineage) {
  std::set<std::string> others;
  for (const auto& concession : lineage.concessions()) others.insert(concession.id());
  for (const auto& processing : lineage.processings()) others.insert(processing.id());
  std::set<std::string> subjects = {lineage.certificate().number()};
  for (const auto& waybill : lineage.waybills()) subjects.insert(waybill.number());
  for (const auto& anomaly : lineage.anomalies()) {
    if (!others.contains(anomaly.subject())) subjects.insert(anomaly.subject());
  }
  return {subjects.begin(), subjects.end()};
}

}  // namespace

TimberCertificateChecker::TimberCertificateChecker(const std::shared_ptr<grpc::Channel>& channel,
                                                   std::shared_ptr<const QuantityUnits> units, int calls_in_flight)
    : units_(std::move(units)),
      calls_([stub = std::shared_ptr(v1::TimberService::NewStub(channel))](
                 auto* context, auto* request, auto* response,
                 auto done) { stub->async()->GetLineages(context, request, response, std::move(done)); },
             rpc::kMaxRequestsPerCall, calls_in_flight) {}

void TimberCertificateChecker::Check(const DocumentQuery& query, core::TimePoint deadline, DocumentAnswered answered) {
  v1::TimberGetLineageRequest request;
  request.set_certificate(query.document.id);
  request.set_summary(true);
  calls_.Call(
      std::move(request), deadline,
      [query, units = units_, answered](const grpc::Status& status, const v1::TimberLineage& lineage) {
        if (!status.ok()) return answered(AnswerOfFailedCall("timber", query.document.id, status));
        DocumentAnswer answer;
        answer.detail = ProblemsOf(lineage.certificate(), query, *units);
        answer.status = answer.detail.empty() ? DocumentStatus::kValid : DocumentStatus::kInvalid;
        answer.subjects = EvidenceSubjects(lineage);
        answered(std::move(answer));
      },
      UnreadableDocumentAnswer("timber", answered));
}

}  // namespace greenlane::risk
