#pragma once

#include <string>
#include <vector>

#include "domain/outcome.h"
#include "greenlane/core/error.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/v1/timber.pb.h"
#include "store/context.h"
#include "store/document_repository.h"
#include "store/felling_repository.h"
#include "store/waybill_repository.h"

namespace greenlane::timber {

class DocumentTokens;

/// A facade client acting as a trader and nothing more: scoped to the documents it owns.
bool TraderOnly(const rpc::Caller& caller);

/// The store's view of a caller: the audit name and the request id of the running call.
store::Caller StoreCaller(const rpc::Caller& caller);

/// The forest and transport steps a field crew captures, shared by their RPCs and by offline sync so
/// a synced record is judged by exactly the rules of the online call. `caller` decides trader scoping
/// and ownership; `store_caller` is who the audit names and may carry an in-transaction hook.
class Steps {
 public:
  Steps(store::FellingRepository& felling, store::WaybillRepository& waybills, store::DocumentRepository& documents,
        const DocumentTokens& tokens)
      : felling_(felling), waybills_(waybills), documents_(documents), tokens_(tokens) {}

  core::Status RegisterTree(const v1::TimberRegisterTreeRequest& q, const store::Caller& store_caller,
                            v1::TimberStepResponse* r);
  /// RegisterTree for many requests in one transaction (store::FellingRepository::RegisterTrees): per
  /// request OK, or the error RegisterTree would answer. Trees raise no warnings.
  std::vector<core::Status> RegisterTrees(const std::vector<v1::TimberRegisterTreeRequest>& q,
                                          const store::BatchCaller& caller);
  core::Status FellTree(const v1::TimberFellTreeRequest& q, const store::Caller& store_caller,
                        v1::TimberStepResponse* r);
  core::Status CutLogs(const v1::TimberCutLogsRequest& q, const store::Caller& store_caller, v1::TimberStepResponse* r);
  core::Status IssueWaybill(const v1::TimberIssueWaybillRequest& q, const rpc::Caller& caller,
                            const store::Caller& store_caller, v1::TimberDocumentResponse* r);
  core::Status DepartWaybill(const v1::TimberDepartWaybillRequest& q, const rpc::Caller& caller,
                             const store::Caller& store_caller, v1::TimberDocumentResponse* r);
  core::Status DeliverWaybill(const v1::TimberDeliverWaybillRequest& q, const rpc::Caller& caller,
                              const store::Caller& store_caller, v1::TimberDocumentResponse* r);
  core::Status CancelWaybill(const v1::TimberCancelWaybillRequest& q, const rpc::Caller& caller,
                             const store::Caller& store_caller, v1::TimberDocumentResponse* r);

  /// The document, or kNotFound when a trader-only caller does not own it (existence is not leaked).
  core::Result<store::DocumentView> Visible(const std::string& number, const rpc::Caller& caller);
  /// Writes the document (with its token) and the step's warnings.
  core::Status AnswerDocument(const std::string& number, const std::vector<RuleOutcome>& warnings,
                              v1::TimberDocumentResponse* response);

 private:
  store::FellingRepository& felling_;
  store::WaybillRepository& waybills_;
  store::DocumentRepository& documents_;
  const DocumentTokens& tokens_;
};

}  // namespace greenlane::timber
