#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "api/call_batcher.h"
#include "domain/document_checks.h"
#include "domain/quantity_units.h"
#include "greenlane/rpc/answer_each.h"
#include "greenlane/v1/timber.grpc.pb.h"

namespace greenlane::risk {

/// Timber export certificates checked with greenlane-timber's GetLineage (one call: the certificate
/// and everything behind it; sent through GetLineages, batched with other declarations' checks when
/// calls are already out): it exists, is issued or shipped, lists the item's species, has the
/// item's HS subheading, and covers at least the cubic metres written off (or declared). The
/// answer's subjects are the certificate's pieces, waybills and the certificate itself, so timber
/// anomalies raised on any of them reach the declaration as evidence.
class TimberCertificateChecker final : public DocumentChecker {
 public:
  /// `calls_in_flight`: see CallBatcher.
  TimberCertificateChecker(const std::shared_ptr<grpc::Channel>& channel, std::shared_ptr<const QuantityUnits> units,
                           int calls_in_flight);
  void Check(const DocumentQuery& query, core::TimePoint deadline, DocumentAnswered answered) override;

 private:
  std::shared_ptr<const QuantityUnits> units_;
  CallBatcher<v1::TimberGetLineageRequest, v1::TimberLineage, v1::TimberGetLineagesRequest,
              v1::TimberGetLineagesResponse>
      calls_;
};

}  // namespace greenlane::risk
