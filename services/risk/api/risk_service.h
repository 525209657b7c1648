#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <memory>

#include "api/pipeline.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/v1/risk.grpc.pb.h"
#include "store/assessment_store.h"
#include "store/learning_store.h"
#include "store/rule_set_store.h"

namespace greenlane::risk {

/// greenlane.v1.RiskService: the gRPC adapters. Callers are Greenlane services (the REST facade)
/// acting for their end clients, whose roles (rpc::CallerOf) decide what each method allows and
/// which view of an assessment comes back. All blocking work runs on the worker pool.
class RiskService final : public v1::RiskService::CallbackService {
 public:
  RiskService(core::WorkerPool& pool, Pipeline& pipeline, AssessmentStore& assessments, LearningStore& learning,
              RuleSetStore& rule_sets, const core::Clock& clock, int max_batch_declarations)
      : pool_(pool),
        pipeline_(pipeline),
        assessments_(assessments),
        learning_(learning),
        rule_sets_(rule_sets),
        clock_(clock),
        max_batch_declarations_(max_batch_declarations) {}

  grpc::ServerUnaryReactor* Assess(grpc::CallbackServerContext* context, const v1::AssessRequest* request,
                                   v1::Assessment* response) override;
  grpc::ServerUnaryReactor* AssessBatch(grpc::CallbackServerContext* context, const v1::AssessBatchRequest* request,
                                        v1::AssessBatchResponse* response) override;
  grpc::ServerUnaryReactor* GetAssessment(grpc::CallbackServerContext* context, const v1::GetAssessmentRequest* request,
                                          v1::Assessment* response) override;
  grpc::ServerUnaryReactor* RecordInspection(grpc::CallbackServerContext* context,
                                             const v1::RecordInspectionRequest* request,
                                             v1::Inspection* response) override;
  grpc::ServerUnaryReactor* Reroute(grpc::CallbackServerContext* context, const v1::RerouteRequest* request,
                                    v1::Assessment* response) override;
  grpc::ServerUnaryReactor* ListRulePerformance(grpc::CallbackServerContext* context,
                                                const v1::ListRulePerformanceRequest* request,
                                                v1::ListRulePerformanceResponse* response) override;
  grpc::ServerUnaryReactor* DryRunRuleSet(grpc::CallbackServerContext* context, const v1::DryRunRuleSetRequest* request,
                                          v1::DryRunReport* response) override;
  grpc::ServerUnaryReactor* ActivateRuleSet(grpc::CallbackServerContext* context,
                                            const v1::ActivateRuleSetRequest* request,
                                            v1::RuleSetInfo* response) override;

 private:
  struct BatchRun;
  /// Assesses the batch's declarations from `index` on.
  void AssessFrom(const std::shared_ptr<BatchRun>& run, int index);
  /// The answer for the batch's declaration `index`.
  static void Record(BatchRun& run, int index, const core::Result<StoredAssessment>& stored);

  core::WorkerPool& pool_;
  Pipeline& pipeline_;
  AssessmentStore& assessments_;
  LearningStore& learning_;
  RuleSetStore& rule_sets_;
  const core::Clock& clock_;
  int max_batch_declarations_;
};

}  // namespace greenlane::risk
