#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/checks.h"
#include "domain/document_checks.h"
#include "greenlane/core/worker_pool.h"

namespace greenlane::risk {

/// The checkers by owner ("cites", "timber"; see OwnerOfCategory).
using DocumentCheckers = std::map<std::string, std::shared_ptr<DocumentChecker>, std::less<>>;

/// Runs the document checks of a declaration, and the CITES listing look-ups of its species, in
/// parallel on its own threads under one deadline. A checker that has not answered by the deadline,
/// throws, or finds the pool full is recorded as not answered, with the reason, and the assessment
/// goes on without waiting: a slow service delays a declaration by at most the timeout and can
/// never make it green.
class DocumentCheckRunner {
 public:
  /// `listings` may be null: then goods items keep an empty cites_appendix.
  DocumentCheckRunner(DocumentCheckers checkers, std::chrono::milliseconds timeout, std::size_t threads,
                      std::shared_ptr<SpeciesListings> listings = nullptr);

  struct Outcome {
    /// One per document whose category has a checker, then one not-answered check (category
    /// kListingCategory, id the scientific name) per species whose listing cites did not give in time.
    std::vector<DocumentCheck> checks;
    std::vector<std::string> subjects;  ///< timber barcodes the documents cover
    /// CITES appendix ("" = not listed) per declared species that cites answered for.
    std::map<std::string, std::string, std::less<>> appendices;
  };
  Outcome Run(const Declaration& declaration);

 private:
  DocumentCheckers checkers_;
  std::shared_ptr<SpeciesListings> listings_;
  std::chrono::milliseconds timeout_;
  core::WorkerPool pool_;
};

}  // namespace greenlane::risk
