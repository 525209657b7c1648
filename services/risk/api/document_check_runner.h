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

/// Runs the document checks of a declaration in parallel on its own threads under one deadline.
/// A checker that has not answered by the deadline, throws, or finds the pool full is recorded as
/// not answered, with the reason, and the assessment goes on without waiting: a slow service delays
/// a declaration by at most the timeout and can never make it green.
class DocumentCheckRunner {
 public:
  DocumentCheckRunner(DocumentCheckers checkers, std::chrono::milliseconds timeout, std::size_t threads);

  struct Outcome {
    std::vector<DocumentCheck> checks;  ///< one per document whose category has a checker
    std::vector<std::string> subjects;  ///< timber barcodes the documents cover
  };
  Outcome Run(const Declaration& declaration);

 private:
  DocumentCheckers checkers_;
  std::chrono::milliseconds timeout_;
  core::WorkerPool pool_;
};

}  // namespace greenlane::risk
