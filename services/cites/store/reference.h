#pragma once

#include <memory>
#include <mutex>

#include "domain/code_tables.h"
#include "domain/species.h"

namespace greenlane::cites {

/// The code tables (fixed for the process) and the species listings (replaced after each Species+
/// import) that validation reads. A call takes a snapshot, so an import never changes the listings
/// under a validation that is running.
class Reference {
 public:
  Reference(CodeTables codes, SpeciesRegistry species)
      : codes_(std::move(codes)), species_(std::make_shared<const SpeciesRegistry>(std::move(species))) {}

  const CodeTables& codes() const { return codes_; }
  std::shared_ptr<const SpeciesRegistry> species() const {
    std::lock_guard lock(mutex_);
    return species_;
  }
  void ReplaceSpecies(SpeciesRegistry species) {
    auto next = std::make_shared<const SpeciesRegistry>(std::move(species));
    std::lock_guard lock(mutex_);
    species_ = std::move(next);
  }

 private:
  const CodeTables codes_;
  mutable std::mutex mutex_;
  std::shared_ptr<const SpeciesRegistry> species_;
};

}  // namespace greenlane::cites
