#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/declaration.h"

namespace greenlane::risk {

/// The entities and crosses whose inspection history predicts a declaration's risk (the BACUDA
/// risk profiles). Crosses catch what each side alone hides: a clean importer that is only ever
/// caught on one HS6, an origin that is only risky for one commodity.
enum class ProfileDimension : std::uint8_t {
  kImporter,
  kDeclarant,
  kHs6,
  kOrigin,
  kOffice,
  kHs6Origin,
  kImporterHs6,
};
inline constexpr std::size_t kProfileDimensionCount = 7;

/// "importer", "declarant", "hs6", "origin", "office", "hs6_origin", "importer_hs6".
std::string_view ProfileDimensionName(ProfileDimension dimension);
std::optional<ProfileDimension> ParseProfileDimension(std::string_view name);

/// Inspections recorded for one key and how many found the declaration illicit.
struct ProfileCounts {
  std::int64_t inspected = 0;
  std::int64_t positives = 0;
};

/// Additive (Beta-binomial) smoothing of an illicit rate towards the base rate b:
///   rate = (positives + m·b) / (inspected + m)
/// which is the posterior mean under a Beta(m·b, m·(1−b)) prior: an importer seen twice and caught
/// once is not a 50 % risk, it is pulled towards b until its own history outweighs m pseudo-inspections.
double SmoothedRate(ProfileCounts counts, double base_rate, double prior_strength);

/// One profile key a declaration falls under, e.g. {kHs6Origin, "440729|CM"}.
struct ProfileKey {
  ProfileDimension dimension;
  std::string key;
  bool operator==(const ProfileKey&) const = default;
};

/// The distinct keys of `declaration`: one per party dimension (none for an empty importer), one per
/// distinct HS6, origin and cross over its items.
std::vector<ProfileKey> ProfileKeysOf(const Declaration& declaration);

/// Inspection counts per dimension and key, learned from inspection outcomes. Not thread-safe: the
/// service keeps one per scoring thread or guards it; the store persists the counts.
class ProfileStore {
 public:
  /// Adds one inspection of `declaration` to every key it falls under; `illicit` is the graded
  /// outcome reduced to the label the profiles learn (a seizure or a revenue correction).
  void Record(const Declaration& declaration, bool illicit);

  /// Replaces the counts of one key, e.g. when loading persisted profiles.
  void Set(const ProfileKey& key, ProfileCounts counts);

  /// Counts of one key; zero when never inspected.
  ProfileCounts Counts(ProfileDimension dimension, std::string_view key) const;

 private:
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Table = std::unordered_map<std::string, ProfileCounts, KeyHash, std::equal_to<>>;
  std::array<Table, kProfileDimensionCount> tables_;
};

}  // namespace greenlane::risk
