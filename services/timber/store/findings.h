#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/outcome.h"
#include "greenlane/core/error.h"
#include "store/context.h"

namespace greenlane::timber::store {

/// A step accepted by the rules, with the warnings it raised as anomalies.
template <typename T>
struct Accepted {
  T value;
  std::vector<RuleOutcome> anomalies;
};

/// The error a rejecting rule gives the caller: kFailedPrecondition whose message names the rule,
/// the subject, the value seen and the limit, then the rule's own explanation of what to do.
core::Error RejectionError(const RuleOutcome& outcome);

/// The rule and subject a RejectionError names.
struct Rejection {
  std::string rule;
  std::string subject;
};

/// Reads back what RejectionError wrote, for callers that act on which rule refused (offline sync
/// tells a double spend from other refusals); nullopt for any other error.
std::optional<Rejection> RejectedBy(const core::Error& error);

/// The outcomes of the rules one write runs. Rejections stop the write before anything is stored;
/// warnings are kept and, once the write is done, stored as anomalies with their events in the same
/// transaction, so an accepted step and its anomalies commit together.
class Findings {
 public:
  /// Keeps a warning; returns RejectionError for an error; passes are forgotten.
  core::Status Judge(RuleOutcome outcome);

  /// Inserts one timber.anomalies row and one timber.anomaly.raised outbox event per warning.
  void Raise(pqxx::work& tx, const StoreContext& context, const Caller& caller) const;

  const std::vector<RuleOutcome>& warnings() const { return warnings_; }

  template <typename T>
  Accepted<T> Accept(T value) && {
    return {std::move(value), std::move(warnings_)};
  }

 private:
  std::vector<RuleOutcome> warnings_;
};

/// Statements Findings runs, for pg::PoolOptions::prepared.
std::vector<std::pair<std::string, std::string>> FindingsStatements();

}  // namespace greenlane::timber::store
