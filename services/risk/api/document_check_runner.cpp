#include "api/document_check_runner.h"

#include <condition_variable>
#include <mutex>
#include <optional>

#include "greenlane/core/log.h"

namespace greenlane::risk {
namespace {

// Answers arrive on pool threads, possibly after Run gave up on them: the state outlives Run.
struct Pending {
  std::mutex mutex;
  std::condition_variable answered;
  std::vector<std::optional<DocumentAnswer>> answers;
  std::size_t remaining = 0;
};

}  // namespace

DocumentCheckRunner::DocumentCheckRunner(DocumentCheckers checkers, std::chrono::milliseconds timeout,
                                         std::size_t threads)
    : checkers_(std::move(checkers)), timeout_(timeout), pool_("risk-document-checks", threads, threads * 64) {}

DocumentCheckRunner::Outcome DocumentCheckRunner::Run(const Declaration& declaration) {
  std::vector<DocumentQuery> queries;
  std::vector<std::string> owners;
  for (auto& query : DocumentQueriesOf(declaration)) {
    const auto owner = OwnerOfCategory(query.document.category);
    if (owner.empty() || checkers_.find(owner) == checkers_.end()) continue;
    owners.emplace_back(owner);
    queries.push_back(std::move(query));
  }
  Outcome outcome;
  if (queries.empty()) return outcome;
  auto pending = std::make_shared<Pending>();
  pending->answers.resize(queries.size());
  pending->remaining = queries.size();
  const auto deadline = std::chrono::system_clock::now() + timeout_;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    auto checker = checkers_.find(owners[i])->second;
    const bool queued = pool_.TrySubmit([pending, checker, query = queries[i], deadline, i] {
      DocumentAnswer answer;
      try {
        answer = checker->Check(query, deadline);
      } catch (const std::exception& e) {
        answer = {DocumentStatus::kNotAnswered, std::string("the check failed: ") + e.what(), {}};
      }
      std::lock_guard lock(pending->mutex);
      pending->answers[i] = std::move(answer);
      --pending->remaining;
      pending->answered.notify_all();
    });
    if (!queued) {
      std::lock_guard lock(pending->mutex);
      pending->answers[i] = DocumentAnswer{DocumentStatus::kNotAnswered, "too many checks in flight", {}};
      --pending->remaining;
    }
  }
  std::unique_lock lock(pending->mutex);
  pending->answered.wait_until(lock, deadline, [&] { return pending->remaining == 0; });
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const auto& query = queries[i];
    auto answer = pending->answers[i].value_or(
        DocumentAnswer{DocumentStatus::kNotAnswered,
                       owners[i] + " did not answer within " + std::to_string(timeout_.count()) + " ms",
                       {}});
    if (answer.status == DocumentStatus::kNotAnswered) {
      log::Warn("document check not answered", {{"document", query.document.id}, {"reason", answer.detail}});
    }
    outcome.subjects.insert(outcome.subjects.end(), answer.subjects.begin(), answer.subjects.end());
    outcome.checks.push_back(
        {query.item_sequence, query.document.category, query.document.id, answer.status, std::move(answer.detail)});
  }
  return outcome;
}

}  // namespace greenlane::risk
