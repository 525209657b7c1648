#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domain/checks.h"
#include "domain/document_checks.h"

namespace greenlane::risk {

/// The checkers by owner ("cites", "timber"; see OwnerOfCategory).
using DocumentCheckers = std::map<std::string, std::shared_ptr<DocumentChecker>, std::less<>>;

/// Runs the document checks of a declaration, and the CITES listing look-ups of its species, all in
/// flight at once under one deadline, without a thread of its own: the checkers answer on gRPC's
/// threads. A checker that has not answered by the deadline, or throws, is recorded as not
/// answered, with the reason, and the assessment goes on without waiting: a slow service delays a
/// declaration by at most the timeout and can never make it green.
class DocumentCheckRunner {
 public:
  /// `listings` may be null: then goods items keep an empty cites_appendix.
  DocumentCheckRunner(DocumentCheckers checkers, std::chrono::milliseconds timeout,
                      std::shared_ptr<SpeciesListings> listings = nullptr);

  struct Outcome {
    /// One per document whose category has a checker, then one not-answered check (category
    /// kListingCategory, id the scientific name) per goods item whose species' listing cites did
    /// not give in time.
    std::vector<DocumentCheck> checks;
    std::vector<std::string> subjects;  ///< timber barcodes the documents cover
    /// CITES appendix ("" = not listed) per declared species that cites answered for.
    std::map<std::string, std::string, std::less<>> appendices;
  };

  /// The checks of one declaration, in flight. Dropping it abandons them: late answers go nowhere.
  class Started {
   public:
    /// `done` gets the outcome once, without a thread waiting for it: when every answer has come
    /// (on the thread of the last, or this one when they all have), or else at the deadline (on a
    /// gRPC thread), when whatever has not come is not answered.
    static void WhenDone(Started started, std::function<void(Outcome)> done);

   private:
    friend class DocumentCheckRunner;
    struct Answers;
    std::shared_ptr<Answers> answers_;
    std::vector<DocumentQuery> queries_;
    std::vector<std::string> owners_;
    std::vector<std::string> species_;
    std::vector<std::pair<int, std::string>> species_items_;  ///< (item sequence, scientific name)
    core::TimePoint deadline_;
    std::chrono::milliseconds timeout_{};
    /// The outcome from what has come so far.
    Outcome Collect() const;
  };

  /// Starts every check and look-up of `declaration` and returns at once, so the caller can do
  /// other work (its own reads) while they run.
  Started Start(const Declaration& declaration);

 private:
  DocumentCheckers checkers_;
  std::shared_ptr<SpeciesListings> listings_;
  std::chrono::milliseconds timeout_;
};

}  // namespace greenlane::risk
