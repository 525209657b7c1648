#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "domain/document_checks.h"
#include "domain/quantity_units.h"
#include "greenlane/v1/cites.grpc.pb.h"

namespace greenlane::risk {

/// CITES permits (cites_permit, cites_import_permit) checked with greenlane-cites' Verify: the
/// permit exists, is in force and covers the item's species, and the quantity written off (or the
/// item's quantity) fits what it still permits. Invalid answers carry cites' reasons
/// ("verify.expired: ...") so the officer reads why.
class CitesPermitChecker final : public DocumentChecker {
 public:
  CitesPermitChecker(const std::shared_ptr<grpc::Channel>& channel, std::shared_ptr<const QuantityUnits> units);
  void Check(const DocumentQuery& query, core::TimePoint deadline, DocumentAnswered answered) override;

 private:
  std::unique_ptr<v1::CitesService::Stub> stub_;
  std::shared_ptr<const QuantityUnits> units_;
};

}  // namespace greenlane::risk
