#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "greenlane/core/error.h"
#include "store/context.h"
#include "store/findings.h"

namespace greenlane::timber::store {

/// One lot a sawmill run produces, with the species and product the mill declares.
struct NewLot {
  std::string barcode;
  std::string species;
  std::string product;
  Volume volume;
};

/// A sawmill run as the mill reports it (barcodes as printed).
struct NewProcessing {
  std::string sawmill_site_id;
  core::TimePoint processed_at;
  std::vector<std::string> input_logs;
  std::vector<NewLot> outputs;
};

/// Sawmill processing: logs resting at the mill become lots. The input logs are locked in barcode
/// order and consumed, so a log is sawn once (processing_inputs.piece is unique as the last line).
class ProcessingRepository {
 public:
  static constexpr std::size_t kMaxInputs = 2000;
  static constexpr std::size_t kMaxOutputs = 500;

  explicit ProcessingRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Records the run. Rules: lineage.parent per input log, barcode.new and lineage.species per lot,
  /// sawmill.yield over the run. kInvalidArgument for a site that is no sawmill, empty or oversized
  /// lists, a barcode listed twice, an input that is no log tag, an unknown species or an empty lot;
  /// kFailedPrecondition for an input resting elsewhere than at the mill.
  core::Result<Accepted<Processing>> Record(const NewProcessing& fields, const Caller& caller);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
