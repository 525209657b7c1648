#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "api/call_batcher.h"
#include "domain/document_checks.h"
#include "domain/quantity_units.h"
#include "greenlane/rpc/answer_each.h"
#include "greenlane/v1/cites.grpc.pb.h"

namespace greenlane::risk {

/// CITES permits (cites_permit, cites_import_permit) checked with greenlane-cites' Verify (sent
/// through VerifyMany, batched with other declarations' checks when calls are already out): the
/// permit exists, is in force and covers the item's species, and the quantity written off (or the
/// item's quantity) fits what it still permits. Invalid answers carry cites' reasons
/// ("verify.expired: ...") so the officer reads why.
class CitesPermitChecker final : public DocumentChecker {
 public:
  /// `calls_in_flight`: see CallBatcher.
  CitesPermitChecker(const std::shared_ptr<grpc::Channel>& channel, std::shared_ptr<const QuantityUnits> units,
                     int calls_in_flight);
  void Check(const DocumentQuery& query, core::TimePoint deadline, DocumentAnswered answered) override;

 private:
  std::shared_ptr<const QuantityUnits> units_;
  CallBatcher<v1::VerifyRequest, v1::VerifyResponse, v1::VerifyManyRequest, v1::VerifyManyResponse> calls_;
};

}  // namespace greenlane::risk
