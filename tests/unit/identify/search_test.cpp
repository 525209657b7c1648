#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "domain/spectral/entropy.h"
#include "domain/spectral/library.h"
#include "domain/spectral/synthetic.h"

using namespace greenlane::identify::spectral;
using Catch::Matchers::WithinAbs;

namespace {

// Small spectra and small segments, so a test library spans several sealed segments and a delta.
SyntheticOptions SmallSpectra(std::uint64_t seed) {
  SyntheticOptions options;
  options.seed = seed;
  options.species = 25;
  options.min_peaks = 5;
  options.max_peaks = 60;
  return options;
}

LibraryOptions SmallSegments() {
  LibraryOptions options;
  options.delta_spectra = 70;
  return options;
}

// The direct evaluation: every library spectrum scored pair by pair, ranked like the library.
std::vector<Match> BruteForce(const SpectralLibrary& library, const QuerySpectrum& query,
                              const SearchOptions& options) {
  const auto prepared = PrepareSpectrum(query.peaks, query.precursor_mz, library.Options().cleaning);
  std::vector<Match> all;
  for (SpectrumId id = 0; id < library.Size(); ++id) {
    if (options.mode == SearchMode::kIdentity) {
      const auto precursor = library.Info(id).precursor_mz;
      if (!precursor || std::abs(*precursor - *query.precursor_mz) > options.precursor_tolerance) continue;
    }
    const double score = EntropySimilarity(prepared, library.StoredPeaks(id), library.Options().cleaning.tolerance);
    if (score > 0) all.push_back({id, score});
  }
  std::sort(all.begin(), all.end(),
            [](const Match& a, const Match& b) { return a.score > b.score || (a.score == b.score && a.id < b.id); });
  if (all.size() > options.top_k) all.resize(options.top_k);
  return all;
}

void RequireSameMatches(const std::vector<Match>& index, const std::vector<Match>& direct) {
  REQUIRE(index.size() == direct.size());
  for (std::size_t i = 0; i < index.size(); ++i) {
    INFO("rank " << i);
    CHECK(index[i].id == direct[i].id);
    CHECK_THAT(index[i].score, WithinAbs(direct[i].score, 1e-6));
  }
}

}  // namespace

TEST_CASE("index scores equal a direct pairwise evaluation of the formula on random libraries") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const SyntheticSpectra synthetic(SmallSpectra(seed));
    SpectralLibrary library(SmallSegments());
    REQUIRE(library.Add(synthetic.References(0, 300)).ok());
    SearchScratch scratch;
    SearchOptions options;
    options.top_k = 300;  // every spectrum that shares a peak
    for (std::uint64_t q = 0; q < 10; ++q) {
      const QuerySpectrum query = q % 3 == 2 ? synthetic.Unrelated(q) : synthetic.Query(q, q);
      const auto result = library.Search(query, options, scratch);
      REQUIRE(result.ok());
      const auto prepared = PrepareSpectrum(query.peaks, query.precursor_mz, library.Options().cleaning);
      for (const Match& match : result->matches) {
        const double direct = EntropySimilarity(prepared, library.StoredPeaks(match.id), 0.02);
        REQUIRE_THAT(match.score, WithinAbs(direct, 1e-6));
      }
    }
  }
}

TEST_CASE("open search returns the same top-k with the same scores as brute force") {
  for (std::uint64_t seed : {11, 12}) {
    const SyntheticSpectra synthetic(SmallSpectra(seed));
    SpectralLibrary library(SmallSegments());
    REQUIRE(library.Add(synthetic.References(0, 400)).ok());
    SearchScratch scratch;
    SearchOptions options;
    options.top_k = 15;
    for (std::uint64_t q = 0; q < 12; ++q) {
      const QuerySpectrum query = q % 4 == 3 ? synthetic.Unrelated(q) : synthetic.Query(q * 7, q);
      const auto result = library.Search(query, options, scratch);
      REQUIRE(result.ok());
      RequireSameMatches(result->matches, BruteForce(library, query, options));
    }
  }
}

TEST_CASE("identity search returns the same top-k as brute force over the precursor window") {
  const SyntheticSpectra synthetic(SmallSpectra(21));
  SpectralLibrary library(SmallSegments());
  REQUIRE(library.Add(synthetic.References(0, 400)).ok());
  SearchScratch scratch;
  SearchOptions options;
  options.mode = SearchMode::kIdentity;
  options.top_k = 10;
  std::size_t non_empty = 0;
  for (std::uint64_t q = 0; q < 20; ++q) {
    const QuerySpectrum query = synthetic.Query(q, q);
    const auto result = library.Search(query, options, scratch);
    REQUIRE(result.ok());
    const auto direct = BruteForce(library, query, options);
    RequireSameMatches(result->matches, direct);
    non_empty += direct.empty() ? 0 : 1;
    for (const Match& match : result->matches) {
      CHECK(std::abs(*library.Info(match.id).precursor_mz - *query.precursor_mz) <= 0.01);
    }
  }
  CHECK(non_empty > 10);  // the comparison is not vacuous
}

TEST_CASE("identity search needs the query's precursor") {
  SpectralLibrary library;
  SearchScratch scratch;
  SearchOptions options;
  options.mode = SearchMode::kIdentity;
  const auto result = library.Search(QuerySpectrum{std::nullopt, {{100, 1}}}, options, scratch);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().field == "precursor_mz");
}

TEST_CASE("the library stores spectra to within 1e-6 Da and 1e-4 of the highest peak") {
  const SyntheticSpectra synthetic(SmallSpectra(5));
  SpectralLibrary library;
  const auto references = synthetic.References(0, 20);
  REQUIRE(library.Add(references).ok());
  for (SpectrumId id = 0; id < references.size(); ++id) {
    const auto prepared = PrepareSpectrum(references[id].peaks, references[id].precursor_mz, {});
    const auto stored = library.StoredPeaks(id);
    REQUIRE(stored.size() == prepared.size());
    double highest = 0;
    for (const Peak& p : prepared) highest = std::max(highest, p.intensity);
    double total = 0;
    for (std::size_t i = 0; i < stored.size(); ++i) {
      CHECK_THAT(stored[i].mz, WithinAbs(prepared[i].mz, 1e-6));
      CHECK_THAT(stored[i].intensity, WithinAbs(prepared[i].intensity, 1e-4 * highest));
      total += stored[i].intensity;
    }
    CHECK_THAT(total, WithinAbs(1.0, 1e-12));
    CHECK_THAT(EntropySimilarity(stored, prepared, 0.02), WithinAbs(1.0, 1e-4));
  }
}

TEST_CASE("added spectra are searchable at once, before and after their segment is sealed") {
  const SyntheticSpectra synthetic(SmallSpectra(8));
  LibraryOptions library_options;
  library_options.delta_spectra = 4;
  SpectralLibrary library(library_options);
  SearchScratch scratch;
  const QuerySpectrum query = synthetic.Query(3, 99);
  REQUIRE(library.Search(query, {}, scratch)->matches.empty());
  for (std::uint64_t i = 0; i < 10; ++i) {
    // Reference r is a replicate of species r mod 25: species 0 except the sixth, species 3.
    const std::uint64_t reference = i == 5 ? 3 : i * 25;
    const auto ids = library.Add(synthetic.References(reference, 1));
    REQUIRE(ids.ok());
    CHECK(ids->front() == i);
    const auto result = library.Search(query, {}, scratch);
    REQUIRE(result.ok());
    const bool found = !result->species.empty() && result->species.front().species == synthetic.SpeciesName(3);
    CHECK(found == (i >= 5));
  }
  CHECK(library.Footprint().segments == 3);  // two sealed segments of 4 and a delta of 2
}

TEST_CASE("compaction merges segments without changing any search result") {
  const SyntheticSpectra synthetic(SmallSpectra(31));
  LibraryOptions options = SmallSegments();
  options.segment_spectra = 150;
  SpectralLibrary library(options);
  REQUIRE(library.Add(synthetic.References(0, 320)).ok());
  REQUIRE(library.Footprint().segments == 5);  // 4 sealed of 70, a delta of 40
  SearchScratch scratch;
  SearchOptions search;
  search.top_k = 30;
  std::vector<SearchResult> before;
  for (std::uint64_t q = 0; q < 5; ++q) before.push_back(*library.Search(synthetic.Query(q, q), search, scratch));

  const auto stored_before = library.StoredPeaks(100);
  library.Compact();
  CHECK(library.StoredPeaks(100) == stored_before);
  const LibraryFootprint footprint = library.Footprint();
  CHECK(footprint.segments == 3);  // 140 + 140 + 40: merging never exceeds segment_spectra
  CHECK(footprint.spectra == 320);
  for (std::uint64_t q = 0; q < 5; ++q) {
    const SearchResult after = *library.Search(synthetic.Query(q, q), search, scratch);
    REQUIRE(after.matches.size() == before[q].matches.size());
    for (std::size_t i = 0; i < after.matches.size(); ++i) {
      CHECK(after.matches[i].id == before[q].matches[i].id);
      CHECK(after.matches[i].score == before[q].matches[i].score);
    }
  }
  REQUIRE(library.Add(synthetic.References(320, 1)).ok());  // adds still work after compaction
  CHECK(library.Footprint().segments == 4);
}

TEST_CASE("species scores hold the best score of each species, best first") {
  const SyntheticSpectra synthetic(SmallSpectra(9));
  SpectralLibrary library(SmallSegments());
  REQUIRE(library.Add(synthetic.References(0, 250)).ok());
  SearchScratch scratch;
  SearchOptions options;
  options.top_k = 250;
  options.top_species = 25;
  const auto result = library.Search(synthetic.Query(4, 1), options, scratch);
  REQUIRE(result.ok());
  REQUIRE_FALSE(result->species.empty());
  CHECK(result->species.front().species == synthetic.SpeciesName(4));
  for (const SpeciesScore& species : result->species) {
    double best = 0;
    for (const Match& match : result->matches) {
      if (library.Info(match.id).species == species.species) best = std::max(best, match.score);
    }
    CHECK(species.score == best);
    CHECK(library.Info(species.best_match).species == species.species);
  }
  CHECK(std::is_sorted(result->species.begin(), result->species.end(),
                       [](const SpeciesScore& a, const SpeciesScore& b) { return a.score > b.score; }));
}

TEST_CASE("a batch with a spectrum that cannot be indexed is rejected whole, naming it") {
  SpectralLibrary library;
  std::vector<ReferenceSpectrum> batch(2);
  batch[0] = {"good", "Dalbergia nigra", "test", Polarity::kPositive, std::nullopt, {{100, 1}}};
  batch[1] = {"no species", "", "test", Polarity::kPositive, std::nullopt, {{100, 1}}};
  auto added = library.Add(batch);
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().field == "spectra[1].species");
  CHECK(library.Size() == 0);

  batch[1] = {"noise only", "Dalbergia nigra", "test", Polarity::kPositive, std::nullopt, {{-1, 1}, {100, 0}}};
  added = library.Add(batch);
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().field == "spectra[1].peaks");

  batch[1] = {"too heavy", "Dalbergia nigra", "test", Polarity::kPositive, std::nullopt, {{5000, 1}}};
  added = library.Add(batch);
  REQUIRE_FALSE(added.ok());
  CHECK(added.error().message.find("5000") != std::string::npos);
}
