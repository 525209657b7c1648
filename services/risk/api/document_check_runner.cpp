#include "api/document_check_runner.h"

#include <grpcpp/alarm.h>

#include <mutex>
#include <optional>

#include "greenlane/core/log.h"

namespace greenlane::risk {
namespace {

std::string Late(std::string_view owner, std::chrono::milliseconds timeout) {
  return std::string(owner) + " did not answer within " + std::to_string(timeout.count()) + " ms";
}

}  // namespace

// The answers arrive on gRPC's threads, possibly after the deadline: they outlive Started.
struct DocumentCheckRunner::Started::Answers {
  std::mutex mutex;
  std::vector<std::optional<DocumentAnswer>> documents;
  std::vector<std::optional<ListingAnswer>> listings;
  std::size_t remaining = 0;
  std::function<void()> complete;       ///< WhenDone's continuation, until it runs
  std::optional<grpc::Alarm> deadline;  ///< WhenDone's (only then: an alarm holds gRPC initialised)

  template <typename Answer>
  void Give(std::vector<std::optional<Answer>> Answers::*slots, std::size_t i, Answer answer) {
    std::function<void()> run;
    {
      std::lock_guard lock(mutex);
      auto& slot = (this->*slots)[i];
      if (slot) return;  // a checker that threw after answering: its first answer stands
      slot = std::move(answer);
      if (--remaining > 0) return;
      run = std::exchange(complete, nullptr);
    }
    if (!run) return;
    deadline->Cancel();  // set with `complete`, under the mutex
    run();
  }

  // The deadline passed: the continuation runs with what has come.
  void Expire() {
    std::function<void()> run;
    {
      std::lock_guard lock(mutex);
      run = std::exchange(complete, nullptr);
    }
    if (run) run();
  }
};

DocumentCheckRunner::DocumentCheckRunner(DocumentCheckers checkers, std::chrono::milliseconds timeout,
                                         std::shared_ptr<SpeciesListings> listings)
    : checkers_(std::move(checkers)), listings_(std::move(listings)), timeout_(timeout) {}

DocumentCheckRunner::Started DocumentCheckRunner::Start(const Declaration& declaration) {
  Started started;
  started.deadline_ = std::chrono::system_clock::now() + timeout_;
  started.timeout_ = timeout_;
  for (auto& query : DocumentQueriesOf(declaration)) {
    const auto owner = OwnerOfCategory(query.document.category);
    if (owner.empty() || checkers_.find(owner) == checkers_.end()) continue;
    started.owners_.emplace_back(owner);
    started.queries_.push_back(std::move(query));
  }
  if (listings_) {
    started.species_ = DeclaredSpecies(declaration);
    for (const auto& item : declaration.goods_items) {
      if (!item.scientific_name.empty()) started.species_items_.emplace_back(item.sequence, item.scientific_name);
    }
  }
  using Answers = Started::Answers;
  auto answers = std::make_shared<Answers>();
  answers->documents.resize(started.queries_.size());
  answers->listings.resize(started.species_.size());
  answers->remaining = started.queries_.size() + started.species_.size();
  started.answers_ = answers;

  for (std::size_t i = 0; i < started.queries_.size(); ++i) {
    DocumentAnswered answered = [answers, i](DocumentAnswer answer) {
      answers->Give(&Answers::documents, i, std::move(answer));
    };
    try {
      checkers_.find(started.owners_[i])->second->Check(started.queries_[i], started.deadline_, answered);
    } catch (const std::exception& e) {
      answered({DocumentStatus::kNotAnswered, std::string("the check failed: ") + e.what(), {}});
    }
  }
  for (std::size_t i = 0; i < started.species_.size(); ++i) {
    ListingAnswered answered = [answers, i](ListingAnswer answer) {
      answers->Give(&Answers::listings, i, std::move(answer));
    };
    try {
      listings_->AppendixOf(started.species_[i], declaration.lodged_at, started.deadline_, answered);
    } catch (const std::exception& e) {
      answered({std::nullopt, std::string("the listing look-up failed: ") + e.what()});
    }
  }
  return started;
}

void DocumentCheckRunner::Started::WhenDone(Started started, std::function<void(Outcome)> done) {
  auto self = std::make_shared<Started>(std::move(started));
  const auto answers = self->answers_;
  {
    std::lock_guard lock(answers->mutex);
    if (answers->remaining > 0) {
      // The continuation holds the answers until it runs (then it is dropped), the alarm only
      // a weak reference: the answers go with the last checker's callback once the call is done.
      answers->complete = [self, done = std::move(done)] { done(self->Collect()); };
      answers->deadline.emplace();
      // Fired or cancelled (by the last answer: then nothing is left to run; or by gRPC shutting
      // down: then the outcome goes on with what has come, rather than never).
      answers->deadline->Set(self->deadline_, [weak = std::weak_ptr(answers)](bool /*fired*/) {
        if (auto alive = weak.lock()) alive->Expire();
      });
      return;
    }
  }
  done(self->Collect());
}

DocumentCheckRunner::Outcome DocumentCheckRunner::Started::Collect() const {
  std::vector<std::optional<DocumentAnswer>> documents;
  std::vector<std::optional<ListingAnswer>> listings;
  {
    std::lock_guard lock(answers_->mutex);
    documents = answers_->documents;
    listings = answers_->listings;
  }

  Outcome outcome;
  for (std::size_t i = 0; i < queries_.size(); ++i) {
    const auto& query = queries_[i];
    auto answer = documents[i].value_or(DocumentAnswer{DocumentStatus::kNotAnswered, Late(owners_[i], timeout_), {}});
    if (answer.status == DocumentStatus::kNotAnswered) {
      log::Warn("document check not answered", {{"document", query.document.id}, {"reason", answer.detail}});
    }
    outcome.subjects.insert(outcome.subjects.end(), answer.subjects.begin(), answer.subjects.end());
    outcome.checks.push_back(
        {query.item_sequence, query.document.category, query.document.id, answer.status, std::move(answer.detail)});
  }
  for (std::size_t i = 0; i < species_.size(); ++i) {
    auto answer = listings[i].value_or(ListingAnswer{std::nullopt, Late("cites", timeout_)});
    if (answer.appendix) {
      outcome.appendices.emplace(species_[i], *answer.appendix);
      continue;
    }
    log::Warn("CITES listing not answered", {{"scientific_name", species_[i]}, {"reason", answer.detail}});
    for (const auto& [sequence, name] : species_items_) {
      if (name == species_[i]) {
        outcome.checks.push_back(
            {sequence, std::string(kListingCategory), name, DocumentStatus::kNotAnswered, answer.detail});
      }
    }
  }
  return outcome;
}

}  // namespace greenlane::risk
