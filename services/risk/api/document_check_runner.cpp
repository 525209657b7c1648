#include "api/document_check_runner.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

#include "greenlane/core/log.h"

namespace greenlane::risk {
namespace {

// Answers arrive on pool threads, possibly after Run gave up on them: the state outlives Run.
template <typename Answer>
struct Pending {
  std::mutex mutex;
  std::condition_variable answered;
  std::vector<std::optional<Answer>> answers;
  std::size_t remaining = 0;
};

// Starts every job on `pool`; a job the pool refuses answers `refused` at once. Jobs catch their own
// exceptions, so each one that runs leaves an answer.
template <typename Answer>
std::shared_ptr<Pending<Answer>> Launch(core::WorkerPool& pool, std::vector<std::function<Answer()>> jobs,
                                        const Answer& refused) {
  auto pending = std::make_shared<Pending<Answer>>();
  pending->answers.resize(jobs.size());
  pending->remaining = jobs.size();
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const bool queued = pool.TrySubmit([pending, job = std::move(jobs[i]), i] {
      auto answer = job();
      std::lock_guard lock(pending->mutex);
      pending->answers[i] = std::move(answer);
      --pending->remaining;
      pending->answered.notify_all();
    });
    if (!queued) {
      std::lock_guard lock(pending->mutex);
      pending->answers[i] = refused;
      --pending->remaining;
    }
  }
  return pending;
}

// What arrived by `deadline`; nullopt for the jobs still running.
template <typename Answer>
std::vector<std::optional<Answer>> Collect(Pending<Answer>& pending, core::TimePoint deadline) {
  std::unique_lock lock(pending.mutex);
  pending.answered.wait_until(lock, deadline, [&] { return pending.remaining == 0; });
  return pending.answers;
}

std::string Late(std::string_view owner, std::chrono::milliseconds timeout) {
  return std::string(owner) + " did not answer within " + std::to_string(timeout.count()) + " ms";
}

}  // namespace

DocumentCheckRunner::DocumentCheckRunner(DocumentCheckers checkers, std::chrono::milliseconds timeout,
                                         std::size_t threads, std::shared_ptr<SpeciesListings> listings)
    : checkers_(std::move(checkers)),
      listings_(std::move(listings)),
      timeout_(timeout),
      pool_("risk-document-checks", threads, threads * 64) {}

DocumentCheckRunner::Outcome DocumentCheckRunner::Run(const Declaration& declaration) {
  const auto deadline = std::chrono::system_clock::now() + timeout_;
  std::vector<DocumentQuery> queries;
  std::vector<std::string> owners;
  std::vector<std::function<DocumentAnswer()>> checks;
  for (auto& query : DocumentQueriesOf(declaration)) {
    const auto owner = OwnerOfCategory(query.document.category);
    const auto checker = owner.empty() ? checkers_.end() : checkers_.find(owner);
    if (checker == checkers_.end()) continue;
    checks.push_back([checker = checker->second, query, deadline]() -> DocumentAnswer {
      try {
        return checker->Check(query, deadline);
      } catch (const std::exception& e) {
        return {DocumentStatus::kNotAnswered, std::string("the check failed: ") + e.what(), {}};
      }
    });
    owners.emplace_back(owner);
    queries.push_back(std::move(query));
  }
  const auto species = listings_ ? DeclaredSpecies(declaration) : std::vector<std::string>{};
  std::vector<std::function<ListingAnswer()>> lookups;
  for (const auto& name : species) {
    lookups.push_back([listings = listings_, name, on = declaration.lodged_at, deadline]() -> ListingAnswer {
      try {
        return listings->AppendixOf(name, on, deadline);
      } catch (const std::exception& e) {
        return {std::nullopt, std::string("the listing look-up failed: ") + e.what()};
      }
    });
  }

  Outcome outcome;
  if (checks.empty() && lookups.empty()) return outcome;
  const auto document_answers =
      Launch(pool_, std::move(checks), DocumentAnswer{DocumentStatus::kNotAnswered, "too many checks in flight", {}});
  const auto listing_answers =
      Launch(pool_, std::move(lookups), ListingAnswer{std::nullopt, "too many checks in flight"});
  // Both sets were started before either is awaited: together they wait no longer than the deadline.
  const auto answers = Collect(*document_answers, deadline);
  const auto listings = Collect(*listing_answers, deadline);

  for (std::size_t i = 0; i < queries.size(); ++i) {
    const auto& query = queries[i];
    auto answer = answers[i].value_or(DocumentAnswer{DocumentStatus::kNotAnswered, Late(owners[i], timeout_), {}});
    if (answer.status == DocumentStatus::kNotAnswered) {
      log::Warn("document check not answered", {{"document", query.document.id}, {"reason", answer.detail}});
    }
    outcome.subjects.insert(outcome.subjects.end(), answer.subjects.begin(), answer.subjects.end());
    outcome.checks.push_back(
        {query.item_sequence, query.document.category, query.document.id, answer.status, std::move(answer.detail)});
  }
  for (std::size_t i = 0; i < species.size(); ++i) {
    auto answer = listings[i].value_or(ListingAnswer{std::nullopt, Late("cites", timeout_)});
    if (answer.appendix) {
      outcome.appendices.emplace(species[i], *answer.appendix);
      continue;
    }
    log::Warn("CITES listing not answered", {{"scientific_name", species[i]}, {"reason", answer.detail}});
    for (const auto& item : declaration.goods_items) {
      if (item.scientific_name != species[i]) continue;
      outcome.checks.push_back(
          {item.sequence, std::string(kListingCategory), species[i], DocumentStatus::kNotAnswered, answer.detail});
    }
  }
  return outcome;
}

}  // namespace greenlane::risk
