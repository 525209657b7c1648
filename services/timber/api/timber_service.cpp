#include "api/timber_service.h"

#include <nlohmann/json.hpp>

#include "api/convert.h"
#include "api/geo_features.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/answer_each.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/offload.h"
#include "greenlane/rpc/status.h"
#include "store/codes.h"

namespace greenlane::timber {
namespace {

const std::vector<std::string> kServiceCallers = {"service-"};
constexpr int kDefaultPageSize = 50;

core::Status RequireOfficer(const rpc::Caller& caller, std::string_view what) {
  if (!TraderOnly(caller)) return core::Status::Ok();
  return core::Error::PermissionDenied(std::string(what) + " is for officers; client '" + caller.actor +
                                       "' has only the trader role");
}

std::vector<std::string> Strings(const google::protobuf::RepeatedPtrField<std::string>& values) {
  return {values.begin(), values.end()};
}

template <typename T>
void AddWarnings(const std::vector<RuleOutcome>& warnings, T* response) {
  for (const auto& warning : warnings) ToProto(warning, response->add_anomalies());
}

}  // namespace

TimberService::Reactor* TimberService::Run(Context* context, std::function<core::Status(const rpc::Caller&)> work) {
  return rpc::Offload(context, pool_, [context, work = std::move(work)] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto status = work(rpc::CallerOf(*context));
    return status.ok() ? grpc::Status::OK : rpc::ToGrpcStatus(status.error());
  });
}

TimberService::Reactor* TimberService::CreateOperator(Context* c, const v1::TimberCreateOperatorRequest* q,
                                                      v1::TimberOperator* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    if (auto s = RequireOfficer(caller, "registering an operator"); !s.ok()) return s;
    const auto& in = q->operator_();
    auto created = stores_.concessions.CreateOperator(
        {.name = in.name(), .country = in.country(), .registration_number = in.registration_number()},
        StoreCaller(caller));
    if (!created.ok()) return created.error();
    ToProto(*created, r);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::CreateSite(Context* c, const v1::TimberCreateSiteRequest* q, v1::TimberSite* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    if (auto s = RequireOfficer(caller, "registering a site"); !s.ok()) return s;
    const auto& in = q->site();
    const auto kind = store::ParseSiteKindCode(in.kind());
    if (!kind)
      return core::Error::InvalidArgument("site.kind", "'" + in.kind() + "' is not forest, log_yard, sawmill or port");
    auto created = stores_.concessions.CreateSite(in.operator_id(),
                                                  {.name = in.name(),
                                                   .kind = *kind,
                                                   .location = FromProto(in.location()),
                                                   .utc_offset_minutes = in.utc_offset_minutes()},
                                                  StoreCaller(caller));
    if (!created.ok()) return created.error();
    ToProto(*created, in.operator_id(), r);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::CreateConcession(Context* c, const v1::TimberCreateConcessionRequest* q,
                                                        v1::TimberConcession* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    if (auto s = RequireOfficer(caller, "granting a concession"); !s.ok()) return s;
    const auto& in = q->concession();
    auto geometry = nlohmann::json::parse(in.geometry_geojson(), nullptr, false);
    if (geometry.is_discarded()) {
      return core::Error::InvalidArgument("concession.geometry_geojson", "is not JSON; send a GeoJSON Polygon");
    }
    store::NewConcession fields{.operator_id = in.operator_id(),
                                .name = in.name(),
                                .geometry = std::move(geometry),
                                .valid_from = FromProto(in.valid_from()),
                                .valid_until = FromProto(in.valid_until()),
                                .allowable_cuts = {}};
    for (const auto& cut : in.allowable_cuts()) {
      fields.allowable_cuts.push_back({cut.year(), cut.species(), {cut.volume_dm3()}});
    }
    auto created = stores_.concessions.CreateConcession(fields, StoreCaller(caller));
    if (!created.ok()) return created.error();
    *r = in;
    r->set_id(created->id);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::ListSpecies(Context* c, const v1::TimberListSpeciesRequest*,
                                                   v1::TimberListSpeciesResponse* r) {
  return Run(c, [=, this](const rpc::Caller&) -> core::Status {
    for (const auto& species : stores_.context.species.species()) ToProto(species, r->add_species());
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::RegisterTree(Context* c, const v1::TimberRegisterTreeRequest* q,
                                                    v1::TimberStepResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) { return steps_.RegisterTree(*q, StoreCaller(caller), r); });
}

TimberService::Reactor* TimberService::FellTree(Context* c, const v1::TimberFellTreeRequest* q,
                                                v1::TimberStepResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) { return steps_.FellTree(*q, StoreCaller(caller), r); });
}

TimberService::Reactor* TimberService::CutLogs(Context* c, const v1::TimberCutLogsRequest* q,
                                               v1::TimberStepResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) { return steps_.CutLogs(*q, StoreCaller(caller), r); });
}

TimberService::Reactor* TimberService::IssueWaybill(Context* c, const v1::TimberIssueWaybillRequest* q,
                                                    v1::TimberDocumentResponse* r) {
  return Run(c,
             [=, this](const rpc::Caller& caller) { return steps_.IssueWaybill(*q, caller, StoreCaller(caller), r); });
}

TimberService::Reactor* TimberService::DepartWaybill(Context* c, const v1::TimberDepartWaybillRequest* q,
                                                     v1::TimberDocumentResponse* r) {
  return Run(c,
             [=, this](const rpc::Caller& caller) { return steps_.DepartWaybill(*q, caller, StoreCaller(caller), r); });
}

TimberService::Reactor* TimberService::DeliverWaybill(Context* c, const v1::TimberDeliverWaybillRequest* q,
                                                      v1::TimberDocumentResponse* r) {
  return Run(
      c, [=, this](const rpc::Caller& caller) { return steps_.DeliverWaybill(*q, caller, StoreCaller(caller), r); });
}

TimberService::Reactor* TimberService::CancelWaybill(Context* c, const v1::TimberCancelWaybillRequest* q,
                                                     v1::TimberDocumentResponse* r) {
  return Run(c,
             [=, this](const rpc::Caller& caller) { return steps_.CancelWaybill(*q, caller, StoreCaller(caller), r); });
}

TimberService::Reactor* TimberService::RecordProcessing(Context* c, const v1::TimberRecordProcessingRequest* q,
                                                        v1::TimberStepResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    store::NewProcessing fields{.sawmill_site_id = q->sawmill_site_id(),
                                .processed_at = FromProto(q->processed_at()),
                                .input_logs = Strings(q->input_logs()),
                                .outputs = {}};
    for (const auto& lot : q->outputs()) {
      fields.outputs.push_back({lot.barcode(), lot.species(), lot.product(), {lot.volume_dm3()}});
    }
    auto run = stores_.processing.Record(fields, StoreCaller(caller));
    if (!run.ok()) return run.error();
    r->set_processing_id(run->value.id);
    for (const auto& piece : stores_.documents.GetPieces(run->value.output_lots)) ToProto(piece, r->add_pieces());
    AddWarnings(run->anomalies, r);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::IssueCertificate(Context* c, const v1::TimberIssueCertificateRequest* q,
                                                        v1::TimberDocumentResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    auto certificate = stores_.certificates.Issue(
        {.barcode = q->number(),
         .items = Strings(q->items()),
         .hs_code = q->hs_code(),
         .destination_country = q->destination_country(),
         .container = q->container(),
         .cites_permit = q->cites_permit().empty() ? std::nullopt : std::optional(q->cites_permit()),
         .issued_at = FromProto(q->issued_at()),
         .owner = TraderOnly(caller) ? caller.actor : std::string()},
        StoreCaller(caller));
    if (!certificate.ok()) return certificate.error();
    return steps_.AnswerDocument(certificate->barcode.text(), {}, r);
  });
}

TimberService::Reactor* TimberService::ShipCertificate(Context* c, const v1::TimberShipCertificateRequest* q,
                                                       v1::TimberDocumentResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    if (auto visible = steps_.Visible(q->number(), caller); !visible.ok()) return visible.error();
    auto certificate = stores_.certificates.Ship(q->number(), FromProto(q->shipped_at()), StoreCaller(caller));
    if (!certificate.ok()) return certificate.error();
    return steps_.AnswerDocument(q->number(), {}, r);
  });
}

TimberService::Reactor* TimberService::ListAnomalies(Context* c, const v1::TimberListAnomaliesRequest* q,
                                                     v1::TimberListAnomaliesResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    if (auto s = RequireOfficer(caller, "listing anomalies"); !s.ok()) return s;
    const int page_size = q->page().page_size();
    if (page_size < 0 || page_size > store::AnomalyRepository::kMaxLimit) {
      return core::Error::InvalidArgument(
          "page.page_size", "must be 0 (default 50) to " + std::to_string(store::AnomalyRepository::kMaxLimit));
    }
    const int limit = page_size == 0 ? kDefaultPageSize : page_size;
    auto anomalies = stores_.anomalies.List(
        {.subject = q->subject(), .rule = q->rule(), .after_id = q->page().page_token(), .limit = limit + 1});
    if (!anomalies.ok()) {
      return core::Error::InvalidArgument("page.page_token", "'" + q->page().page_token() + "' is not a page token");
    }
    if (static_cast<int>(anomalies->size()) > limit) {
      anomalies->pop_back();
      r->mutable_page()->set_next_page_token(anomalies->back().id);
    }
    for (const auto& anomaly : *anomalies) ToProto(anomaly, r->add_anomalies());
    r->mutable_page()->set_total_size(-1);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::GetPiece(Context* c, const v1::TimberGetPieceRequest* q, v1::TimberPiece* r) {
  return Run(c, [=, this](const rpc::Caller&) -> core::Status {
    auto piece = stores_.documents.GetPiece(q->barcode());
    if (!piece.ok()) return piece.error();
    ToProto(*piece, r);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::GetDocument(Context* c, const v1::TimberGetDocumentRequest* q,
                                                   v1::TimberDocument* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    auto document = steps_.Visible(q->number(), caller);
    if (!document.ok()) return document.error();
    ToProto(*document, stores_.tokens.Sign(*document), r);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::GetLineage(Context* c, const v1::TimberGetLineageRequest* q,
                                                  v1::TimberLineage* r) {
  return Run(c, [=, this](const rpc::Caller& caller) { return LineageOf(*q, caller, r); });
}

TimberService::Reactor* TimberService::GetLineages(Context* c, const v1::TimberGetLineagesRequest* q,
                                                   v1::TimberGetLineagesResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) {
    return rpc::AnswerEach(q->requests(), r->mutable_answers(),
                           [&](const v1::TimberGetLineageRequest& one, v1::TimberLineage* lineage) {
                             return LineageOf(one, caller, lineage);
                           });
  });
}

core::Status TimberService::LineageOf(const v1::TimberGetLineageRequest& q, const rpc::Caller& caller,
                                      v1::TimberLineage* r) {
  auto lineage = stores_.lineage.Trace(q.certificate(), !q.summary());
  if (!lineage.ok()) return lineage.error();
  if (TraderOnly(caller) && lineage->certificate.owner != caller.actor) {
    return core::Error::NotFound("no export certificate with number '" + q.certificate() + "' visible to client '" +
                                 caller.actor + "'");
  }
  ToProto(*lineage, stores_.tokens.Sign(lineage->certificate), r);
  return core::Status::Ok();
}

void TimberService::Verification(const store::DocumentView& document, core::TimePoint valid_until,
                                 v1::TimberVerification* out) {
  const auto status = AssessDocument(document, valid_until, stores_.context.clock.Now());
  out->set_status(std::string(DocumentStatusName(status)));
  switch (status) {
    case DocumentStatus::kValid:
      out->set_reason("the document is genuine and in force");
      break;
    case DocumentStatus::kCancelled:
      out->set_reason("the waybill was cancelled; the load it names may not travel on it");
      break;
    case DocumentStatus::kDelivered:
      out->set_reason("the waybill was already delivered; a second trip on it is the reuse fraud");
      break;
    case DocumentStatus::kExpired:
      out->set_reason("the document's validity ended at " + core::FormatRfc3339(valid_until, 0));
      break;
  }
  ToProto(document, valid_until, out->mutable_document());
}

TimberService::Reactor* TimberService::VerifyToken(Context* c, const v1::TimberVerifyTokenRequest* q,
                                                   v1::TimberVerification* r) {
  return Run(c, [=, this](const rpc::Caller&) -> core::Status {
    auto claims = stores_.tokens.Verify(q->token());
    if (!claims.ok()) {
      r->set_signature_ok(false);
      r->set_status("invalid_signature");
      r->set_reason(claims.error().message);
      return core::Status::Ok();
    }
    r->set_signature_ok(true);
    const auto number = (*claims)["num"].get<std::string>();
    auto document = stores_.documents.Get(number);
    if (!document.ok()) {
      r->set_status("unknown_document");
      r->set_reason("the token is signed by greenlane-timber but names no document it holds: " + number);
      return core::Status::Ok();
    }
    const auto valid_until = core::TimePoint(std::chrono::seconds((*claims)["exp"].get<std::int64_t>()));
    Verification(*document, valid_until, r);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::LookupWaybill(Context* c, const v1::TimberLookupWaybillRequest* q,
                                                     v1::TimberVerification* r) {
  return Run(c, [=, this](const rpc::Caller&) -> core::Status {
    auto barcode = Barcode::Parse(q->number());
    if (!barcode.ok() || barcode->kind() != BarcodeKind::kWaybill) {
      return core::Error::InvalidArgument("number",
                                          "'" + q->number() + "' is not a waybill number (WB-CC-NNNNNNNNN-X)");
    }
    auto document = stores_.documents.Get(q->number());
    if (!document.ok()) return document.error();
    r->set_signature_ok(true);
    Verification(*document, stores_.tokens.ValidUntil(*document), r);
    return core::Status::Ok();
  });
}

TimberService::Reactor* TimberService::RegisterDevice(Context* c, const v1::TimberRegisterDeviceRequest* q,
                                                      v1::TimberDevice* r) {
  return Run(c, [=, this](const rpc::Caller& caller) -> core::Status {
    if (auto s = RequireOfficer(caller, "registering a field device"); !s.ok()) return s;
    return field_sync_.RegisterDevice(*q, caller, r);
  });
}

TimberService::Reactor* TimberService::Sync(Context* c, const v1::TimberSyncRequest* q, v1::TimberSyncResponse* r) {
  return Run(c, [=, this](const rpc::Caller& caller) { return field_sync_.Sync(*q, caller, r); });
}

TimberService::Reactor* TimberService::ListGeoFeatures(Context* c, const v1::TimberGeoFeaturesRequest* q,
                                                       v1::TimberGeoFeatures* r) {
  return Run(c, [=, this](const rpc::Caller& caller) { return timber::ListGeoFeatures(stores_.geo, *q, caller, r); });
}

}  // namespace greenlane::timber
