#include "api/reference_library.h"

#include "greenlane/core/log.h"

namespace greenlane::identify {

ReferenceLibrary::ReferenceLibrary(pg::Pool& pool, security::AuditLog& audit, const core::Clock& clock,
                                   spectral::LibraryOptions options)
    : pool_(pool), audit_(audit), clock_(clock), store_(clock), index_(std::move(options)) {}

std::size_t ReferenceLibrary::Load(std::size_t batch) {
  std::size_t skipped = 0;
  store_.LoadAll(pool_, batch, [&](std::vector<spectral::ReferenceSpectrum>&& spectra) {
    if (index_.Add(spectra).ok()) return;
    for (const auto& spectrum : spectra) {
      const auto added = index_.Add({&spectrum, 1});
      if (added.ok()) continue;
      ++skipped;
      log::Warn("stored reference spectrum not indexed",
                {{"name", spectrum.name}, {"species", spectrum.species}, {"reason", added.error().message}});
    }
  });
  index_.Compact();
  log::Info("reference library loaded", {{"spectra", index_.Size()}, {"skipped", skipped}});
  return index_.Size();
}

core::Result<std::size_t> ReferenceLibrary::Add(const std::vector<spectral::ReferenceSpectrum>& spectra,
                                                const std::string& actor, const std::string& request_id) {
  if (spectra.empty()) return core::Error::InvalidArgument("spectra", "give at least one spectrum");
  std::lock_guard lock(add_mutex_);
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto before = index_.Size();
  store_.Insert(tx, spectra, actor);
  audit_.Append(tx,
                {actor, "library.add_spectra", "reference_library", "spectra", nlohmann::json{{"spectra", before}},
                 nlohmann::json{{"spectra", before + spectra.size()}, {"added", spectra.size()}}, request_id},
                clock_.Now());
  // The index validates (species, precursor, peaks left after cleaning): nothing commits if it refuses.
  const auto added = index_.Add(spectra);
  if (!added.ok()) return added.error();
  tx.commit();
  return spectra.size();
}

ReferenceLibrary::Stats ReferenceLibrary::GetStats() {
  Stats stats{index_.Footprint(), 0};
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  stats.species = SpectraStore::SpeciesCount(tx);
  return stats;
}

}  // namespace greenlane::identify
