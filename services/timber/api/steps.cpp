#include "api/steps.h"

#include "api/convert.h"
#include "api/document_tokens.h"
#include "greenlane/core/log.h"

namespace greenlane::timber {
namespace {

std::vector<std::string> Strings(const google::protobuf::RepeatedPtrField<std::string>& values) {
  return {values.begin(), values.end()};
}

template <typename T>
void AddWarnings(const std::vector<RuleOutcome>& warnings, T* response) {
  for (const auto& warning : warnings) ToProto(warning, response->add_anomalies());
}

}  // namespace

bool TraderOnly(const rpc::Caller& caller) {
  return caller.HasRole("trader") && !caller.HasRole("officer") && !caller.HasRole("admin");
}

store::Caller StoreCaller(const rpc::Caller& caller) { return {caller.AuditName(), log::CurrentRequestId()}; }

core::Result<store::DocumentView> Steps::Visible(const std::string& number, const rpc::Caller& caller) {
  auto document = documents_.Get(number);
  if (document.ok() && TraderOnly(caller) && document->owner != caller.actor) {
    return core::Error::NotFound("no document with number '" + number + "' visible to client '" + caller.actor + "'");
  }
  return document;
}

core::Status Steps::AnswerDocument(const std::string& number, const std::vector<RuleOutcome>& warnings,
                                   v1::TimberDocumentResponse* response) {
  auto document = documents_.Get(number);
  if (!document.ok()) return document.error();
  ToProto(*document, tokens_.Sign(*document), response->mutable_document());
  AddWarnings(warnings, response);
  return core::Status::Ok();
}

core::Status Steps::RegisterTree(const v1::TimberRegisterTreeRequest& q, const store::Caller& store_caller,
                                 v1::TimberStepResponse* r) {
  auto tree = felling_.RegisterTree({.barcode = q.barcode(),
                                     .concession_id = q.concession_id(),
                                     .species = q.species(),
                                     .dbh_cm = q.dbh_cm(),
                                     .bole_height_cm = q.bole_height_cm(),
                                     .location = FromProto(q.location())},
                                    store_caller);
  if (!tree.ok()) return tree.error();
  for (const auto& piece : documents_.GetPieces({tree->value.barcode})) ToProto(piece, r->add_pieces());
  AddWarnings(tree->anomalies, r);
  return core::Status::Ok();
}

std::vector<core::Status> Steps::RegisterTrees(const std::vector<v1::TimberRegisterTreeRequest>& q,
                                               const store::BatchCaller& caller) {
  std::vector<store::NewTree> trees;
  trees.reserve(q.size());
  for (const auto& request : q) {
    trees.push_back({.barcode = request.barcode(),
                     .concession_id = request.concession_id(),
                     .species = request.species(),
                     .dbh_cm = request.dbh_cm(),
                     .bole_height_cm = request.bole_height_cm(),
                     .location = FromProto(request.location())});
  }
  std::vector<core::Status> statuses;
  for (auto& tree : felling_.RegisterTrees(trees, caller)) {
    statuses.push_back(tree.ok() ? core::Status::Ok() : core::Status(tree.error()));
  }
  return statuses;
}

core::Status Steps::FellTree(const v1::TimberFellTreeRequest& q, const store::Caller& store_caller,
                             v1::TimberStepResponse* r) {
  auto stump = felling_.Fell({.tree = q.tree(),
                              .stump = q.stump(),
                              .felled_at = FromProto(q.felled_at()),
                              .location = FromProto(q.location())},
                             store_caller);
  if (!stump.ok()) return stump.error();
  for (const auto& piece : documents_.GetPieces({stump->value.tree, stump->value.barcode})) {
    ToProto(piece, r->add_pieces());
  }
  AddWarnings(stump->anomalies, r);
  return core::Status::Ok();
}

core::Status Steps::CutLogs(const v1::TimberCutLogsRequest& q, const store::Caller& store_caller,
                            v1::TimberStepResponse* r) {
  store::CrossCut cut{.parent = q.parent(), .site_id = q.site_id(), .logs = {}};
  for (const auto& log : q.logs()) {
    cut.logs.push_back(
        {log.barcode(), log.species(), {log.butt_diameter_cm(), log.top_diameter_cm(), log.length_cm()}});
  }
  auto logs = felling_.CutLogs(cut, store_caller);
  if (!logs.ok()) return logs.error();
  std::vector<Barcode> barcodes;
  for (const auto& log : logs->value) barcodes.push_back(log.barcode);
  for (const auto& piece : documents_.GetPieces(barcodes)) ToProto(piece, r->add_pieces());
  AddWarnings(logs->anomalies, r);
  return core::Status::Ok();
}

core::Status Steps::IssueWaybill(const v1::TimberIssueWaybillRequest& q, const rpc::Caller& caller,
                                 const store::Caller& store_caller, v1::TimberDocumentResponse* r) {
  auto waybill = waybills_.Issue({.barcode = q.number(),
                                  .origin_site_id = q.origin_site_id(),
                                  .destination_site_id = q.destination_site_id(),
                                  .vehicle = q.vehicle(),
                                  .driver = q.driver(),
                                  .items = Strings(q.items()),
                                  .issued_at = FromProto(q.issued_at()),
                                  .photo_refs = Strings(q.photo_refs()),
                                  .owner = TraderOnly(caller) ? caller.actor : std::string()},
                                 store_caller);
  if (!waybill.ok()) return waybill.error();
  return AnswerDocument(waybill->value.barcode.text(), waybill->anomalies, r);
}

core::Status Steps::DepartWaybill(const v1::TimberDepartWaybillRequest& q, const rpc::Caller& caller,
                                  const store::Caller& store_caller, v1::TimberDocumentResponse* r) {
  if (auto visible = Visible(q.number(), caller); !visible.ok()) return visible.error();
  auto waybill = waybills_.Depart(q.number(), FromProto(q.departed_at()), store_caller);
  if (!waybill.ok()) return waybill.error();
  return AnswerDocument(q.number(), {}, r);
}

core::Status Steps::DeliverWaybill(const v1::TimberDeliverWaybillRequest& q, const rpc::Caller& caller,
                                   const store::Caller& store_caller, v1::TimberDocumentResponse* r) {
  if (auto visible = Visible(q.number(), caller); !visible.ok()) return visible.error();
  std::vector<TrackPoint> track;
  for (const auto& point : q.track()) track.push_back({FromProto(point.at()), FromProto(point.position())});
  auto waybill = waybills_.Deliver(q.number(), FromProto(q.arrived_at()), std::move(track), store_caller);
  if (!waybill.ok()) return waybill.error();
  return AnswerDocument(q.number(), waybill->anomalies, r);
}

core::Status Steps::CancelWaybill(const v1::TimberCancelWaybillRequest& q, const rpc::Caller& caller,
                                  const store::Caller& store_caller, v1::TimberDocumentResponse* r) {
  if (auto visible = Visible(q.number(), caller); !visible.ok()) return visible.error();
  auto waybill = waybills_.Cancel(q.number(), store_caller);
  if (!waybill.ok()) return waybill.error();
  return AnswerDocument(q.number(), {}, r);
}

}  // namespace greenlane::timber
