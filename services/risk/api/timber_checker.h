#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "domain/document_checks.h"
#include "domain/quantity_units.h"
#include "greenlane/v1/timber.grpc.pb.h"

namespace greenlane::risk {

/// Timber export certificates checked with greenlane-timber's GetLineage (one call: the certificate
/// and everything behind it): it exists, is issued or shipped, lists the item's species, has the
/// item's HS subheading, and covers at least the cubic metres written off (or declared). The
/// answer's subjects are the certificate's pieces, waybills and the certificate itself, so timber
/// anomalies raised on any of them reach the declaration as evidence.
class TimberCertificateChecker final : public DocumentChecker {
 public:
  TimberCertificateChecker(const std::shared_ptr<grpc::Channel>& channel, std::shared_ptr<const QuantityUnits> units);
  void Check(const DocumentQuery& query, core::TimePoint deadline, DocumentAnswered answered) override;

 private:
  std::unique_ptr<v1::TimberService::Stub> stub_;
  std::shared_ptr<const QuantityUnits> units_;
};

}  // namespace greenlane::risk
