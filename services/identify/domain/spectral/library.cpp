#include "domain/spectral/library.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "domain/spectral/entropy.h"

namespace greenlane::identify::spectral {

struct SpectralLibrary::State {
  std::vector<std::shared_ptr<const Segment>> sealed;
  std::shared_ptr<const Segment> delta;  ///< null when every spectrum is in a sealed segment
};

namespace {

// Best first: higher score, then lower id, so that results are deterministic.
bool Better(const Match& a, const Match& b) { return a.score > b.score || (a.score == b.score && a.id < b.id); }

struct Prepared {
  std::vector<Peak> peaks;
  std::optional<double> precursor_mz;
};

core::Result<Prepared> PrepareReference(const ReferenceSpectrum& spectrum, std::size_t index,
                                        const CleaningOptions& cleaning) {
  const std::string field = "spectra[" + std::to_string(index) + "]";
  const std::string who = "reference spectrum '" + spectrum.name + "'";
  if (spectrum.species.empty()) return core::Error::InvalidArgument(field + ".species", who + " has no species");
  if (spectrum.precursor_mz && !(std::isfinite(*spectrum.precursor_mz) && *spectrum.precursor_mz > 0)) {
    return core::Error::InvalidArgument(
        field + ".precursor_mz",
        who + " has precursor m/z " + std::to_string(*spectrum.precursor_mz) + "; it must be a positive number");
  }
  Prepared prepared{PrepareSpectrum(spectrum.peaks, spectrum.precursor_mz, cleaning), spectrum.precursor_mz};
  if (prepared.peaks.empty()) {
    return core::Error::InvalidArgument(field + ".peaks", who + " has no peak left after cleaning (" +
                                                              std::to_string(spectrum.peaks.size()) + " raw peaks)");
  }
  if (prepared.peaks.back().mz >= kMaxLibraryMz) {
    return core::Error::InvalidArgument(field + ".peaks",
                                        who + " has a peak at m/z " + std::to_string(prepared.peaks.back().mz) +
                                            "; the library stores m/z below " + std::to_string(kMaxLibraryMz));
  }
  return prepared;
}

}  // namespace

std::uint32_t SpectralLibrary::Strings::Number(const std::string& text) {
  const auto [it, inserted] = numbers_.try_emplace(text, static_cast<std::uint32_t>(texts_.size()));
  if (inserted) texts_.push_back(text);
  return it->second;
}

std::size_t SpectralLibrary::Strings::Bytes() const {
  std::size_t bytes = 0;
  for (const std::string& text : texts_) bytes += 2 * (sizeof(std::string) + text.capacity()) + 32;
  return bytes;
}

SpectralLibrary::SpectralLibrary(LibraryOptions options) : options_(options), state_(std::make_shared<const State>()) {
  options_.segment_spectra = std::clamp<std::size_t>(options_.segment_spectra, 1, kMaxSegmentSpectra);
  options_.delta_spectra = std::clamp<std::size_t>(options_.delta_spectra, 1, options_.segment_spectra);
}

SpectralLibrary::~SpectralLibrary() = default;

std::shared_ptr<const SpectralLibrary::State> SpectralLibrary::Snapshot() const {
  std::lock_guard lock(mutex_);
  return state_;
}

core::Result<std::vector<SpectrumId>> SpectralLibrary::Add(std::span<const ReferenceSpectrum> spectra) {
  // Cleaning is the expensive part and needs no lock.
  std::vector<Prepared> prepared;
  prepared.reserve(spectra.size());
  for (std::size_t i = 0; i < spectra.size(); ++i) {
    auto one = PrepareReference(spectra[i], i, options_.cleaning);
    if (!one) return one.error();
    prepared.push_back(std::move(one).value());
  }

  std::lock_guard lock(mutex_);
  if (catalog_.size() + spectra.size() > std::numeric_limits<SpectrumId>::max()) {
    return core::Error::FailedPrecondition("the library is full: it numbers spectra in 32 bits");
  }
  auto state = std::make_shared<State>(*state_);
  std::vector<SpectrumId> ids;
  ids.reserve(spectra.size());
  for (std::size_t i = 0; i < spectra.size(); ++i) {
    const ReferenceSpectrum& spectrum = spectra[i];
    const auto id = static_cast<SpectrumId>(catalog_.size());
    const std::uint32_t species = species_.Number(spectrum.species);
    catalog_.push_back({names_.size(), static_cast<std::uint32_t>(spectrum.name.size()), species,
                        sources_.Number(spectrum.source), spectrum.polarity,
                        spectrum.precursor_mz.value_or(std::numeric_limits<double>::quiet_NaN())});
    names_ += spectrum.name;
    delta_builder_.Add(id, species, prepared[i].precursor_mz, prepared[i].peaks);
    ids.push_back(id);
    if (delta_builder_.Size() == options_.delta_spectra) {
      state->sealed.push_back(std::make_shared<const Segment>(delta_builder_.Build()));
      delta_builder_.Clear();
    }
  }
  state->delta = delta_builder_.Size() == 0 ? nullptr : std::make_shared<const Segment>(delta_builder_.Build());
  state_ = std::move(state);
  return ids;
}

void SpectralLibrary::Compact() {
  std::lock_guard compacting(compact_mutex_);
  std::vector<std::shared_ptr<const Segment>> merging;
  {
    std::lock_guard lock(mutex_);
    auto state = std::make_shared<State>(*state_);
    if (state->delta) {
      state->sealed.push_back(std::move(state->delta));
      delta_builder_.Clear();
    }
    merging = state->sealed;
    state_ = std::move(state);
  }
  // The slow part runs unlocked; segments sealed meanwhile stay as they are.
  std::vector<std::shared_ptr<const Segment>> merged;
  SegmentBuilder builder;
  for (const auto& segment : merging) {
    if (builder.Size() > 0 && builder.Size() + segment->Size() > options_.segment_spectra) {
      merged.push_back(std::make_shared<const Segment>(builder.Build()));
      builder.Clear();
    }
    segment->ExportTo(builder);
  }
  if (builder.Size() > 0) merged.push_back(std::make_shared<const Segment>(builder.Build()));

  std::lock_guard lock(mutex_);
  auto state = std::make_shared<State>(*state_);
  state->sealed.erase(state->sealed.begin(), state->sealed.begin() + static_cast<std::ptrdiff_t>(merging.size()));
  state->sealed.insert(state->sealed.begin(), merged.begin(), merged.end());
  state_ = std::move(state);
}

core::Result<SearchResult> SpectralLibrary::Search(const QuerySpectrum& query, const SearchOptions& options,
                                                   SearchScratch& scratch) const {
  if (options.mode == SearchMode::kIdentity && !query.precursor_mz) {
    return core::Error::InvalidArgument("precursor_mz", "identity search needs the query's precursor m/z");
  }
  if (query.precursor_mz && !(std::isfinite(*query.precursor_mz) && *query.precursor_mz > 0)) {
    return core::Error::InvalidArgument(
        "precursor_mz",
        "the query's precursor m/z " + std::to_string(*query.precursor_mz) + " must be a positive number");
  }
  if (!(options.precursor_tolerance >= 0)) {
    return core::Error::InvalidArgument("precursor_tolerance", "the precursor tolerance must be zero or more");
  }
  const std::vector<Peak> prepared = PrepareSpectrum(query.peaks, query.precursor_mz, options_.cleaning);
  const std::vector<QueryPeak> peaks = MakeQueryPeaks(prepared, options_.cleaning.tolerance);
  const std::shared_ptr<const State> state = Snapshot();

  Accumulator& acc = scratch.accumulator_;
  if (acc.sums.size() < kBlockMask + 1) acc.sums.assign(kBlockMask + 1, 0);
  std::vector<Match>& kept = scratch.kept_;  // a heap under Better: its front is the worst kept
  auto& species = scratch.species_;
  kept.clear();
  species.clear();

  // Most touched spectra score far below the k-th match and the last species kept: such a score
  // changes nothing. `above` is that floor in accumulator units, so the drain skips them unread.
  constexpr double kNone = -1;
  double floor = kNone;
  std::int32_t above = 0;
  auto update_floor = [&] {
    const double matches_floor = options.top_k == 0 ? 2.0 : kept.size() < options.top_k ? kNone : kept.front().score;
    const double species_floor = options.top_species == 0               ? 2.0
                                 : species.size() < options.top_species ? kNone
                                                                        : species.back().best.score;
    floor = std::min(matches_floor, species_floor);
    // Scores are multiples of 2⁻³⁰ (or 1): a sum can reach the floor only above floor·2³⁰ − 1.
    above = floor < 0   ? 0
            : floor > 1 ? std::numeric_limits<std::int32_t>::max()
                        : static_cast<std::int32_t>(floor * kScoreOne) - 1;
  };
  update_floor();
  // Keeps the best match of each species among the top_species best species. Exact: a species
  // dropped from the list only ever had matches worse than the one that displaced it.
  auto offer_species = [&](std::uint32_t number, const Match& match) {
    auto it = std::find_if(species.begin(), species.end(), [&](const auto& s) { return s.species == number; });
    if (it != species.end()) {
      if (!Better(match, it->best)) return;
      it->best = match;
    } else if (species.size() < options.top_species) {
      species.push_back({number, match});
      it = species.end() - 1;
    } else if (Better(match, species.back().best)) {
      species.back() = {number, match};
      it = species.end() - 1;
    } else {
      return;
    }
    for (; it != species.begin() && Better(it->best, (it - 1)->best); --it) std::iter_swap(it, it - 1);
  };
  auto offer = [&](const Match& match) {
    if (kept.size() < options.top_k) {
      kept.push_back(match);
      std::push_heap(kept.begin(), kept.end(), Better);
    } else if (options.top_k > 0 && Better(match, kept.front())) {
      std::pop_heap(kept.begin(), kept.end(), Better);
      kept.back() = match;
      std::push_heap(kept.begin(), kept.end(), Better);
    }
  };
  // Reads and clears the sums of one block's spectra numbered [first, last) within it.
  auto collect = [&](const Segment& segment, std::uint32_t block, std::uint32_t first, std::uint32_t last) {
    const std::uint32_t base = block << kBlockBits;
    pair_kernel::Drain(acc, first, last, above, [&](std::uint32_t local, std::int32_t sum) {
      const double score = std::min(1.0, std::ldexp(double(sum), -30));
      if (score < floor) return;
      const Match match{segment.GlobalId(base + local), score};
      offer(match);
      if (options.top_species > 0) offer_species(segment.Species(base + local), match);
      update_floor();
    });
  };
  auto score_segment = [&](const Segment& segment) {
    if (options.mode == SearchMode::kOpen) {
      segment.ScoreOpen(peaks, acc, [&](std::uint32_t block) {
        collect(segment, block, 0, std::min<std::uint32_t>(kBlockMask + 1, segment.Size() - (block << kBlockBits)));
      });
      return;
    }
    const auto [first, last] = segment.PrecursorRange(*query.precursor_mz - options.precursor_tolerance,
                                                      *query.precursor_mz + options.precursor_tolerance);
    for (std::uint32_t local = first; local < last; local = ((local >> kBlockBits) + 1) << kBlockBits) {
      const std::uint32_t block = local >> kBlockBits;
      const std::uint32_t block_last = std::min<std::uint32_t>(last - (block << kBlockBits), kBlockMask + 1);
      segment.ScoreIdentity(block, peaks, local & kBlockMask, block_last, acc);
      collect(segment, block, local & kBlockMask, block_last);
    }
  };
  for (const auto& segment : state->sealed) score_segment(*segment);
  if (state->delta) score_segment(*state->delta);

  SearchResult result;
  std::sort_heap(kept.begin(), kept.end(), Better);
  result.matches.assign(kept.begin(), kept.end());
  std::lock_guard lock(mutex_);
  for (const auto& s : species) result.species.push_back({species_.Text(s.species), s.best.score, s.best.id});
  return result;
}

std::size_t SpectralLibrary::Size() const {
  std::lock_guard lock(mutex_);
  return catalog_.size();
}

ReferenceInfo SpectralLibrary::Info(SpectrumId id) const {
  std::lock_guard lock(mutex_);
  const CatalogEntry& entry = catalog_.at(id);
  ReferenceInfo info{names_.substr(entry.name_begin, entry.name_size), species_.Text(entry.species),
                     sources_.Text(entry.source), entry.polarity, std::nullopt};
  if (!std::isnan(entry.precursor_mz)) info.precursor_mz = entry.precursor_mz;
  return info;
}

std::vector<Peak> SpectralLibrary::StoredPeaks(SpectrumId id) const {
  const std::shared_ptr<const State> state = Snapshot();
  auto from = [&](const Segment& segment) -> std::optional<std::vector<Peak>> {
    const auto local = segment.LocalOf(id);
    if (!local) return std::nullopt;
    return segment.StoredPeaks(*local);
  };
  for (const auto& segment : state->sealed) {
    if (auto peaks = from(*segment)) return *peaks;
  }
  if (state->delta) {
    if (auto peaks = from(*state->delta)) return *peaks;
  }
  return {};
}

LibraryFootprint SpectralLibrary::Footprint() const {
  const std::shared_ptr<const State> state = Snapshot();
  LibraryFootprint footprint;
  auto count = [&](const Segment& segment) {
    ++footprint.segments;
    footprint.spectra += segment.Size();
    footprint.peaks += segment.PeakCount();
    footprint.index_bytes += segment.MemoryBytes();
  };
  for (const auto& segment : state->sealed) count(*segment);
  if (state->delta) count(*state->delta);
  std::lock_guard lock(mutex_);
  footprint.catalog_bytes =
      catalog_.capacity() * sizeof(CatalogEntry) + names_.capacity() + species_.Bytes() + sources_.Bytes();
  return footprint;
}

}  // namespace greenlane::identify::spectral
