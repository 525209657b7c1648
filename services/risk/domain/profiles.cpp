#include "domain/profiles.h"

#include <algorithm>

namespace greenlane::risk {
namespace {

constexpr std::array<std::string_view, kProfileDimensionCount> kDimensionNames = {
    "importer", "declarant", "hs6", "origin", "office", "hs6_origin", "importer_hs6"};

// Joins the parts of a cross; never part of an id, HS code or country code.
constexpr char kCrossSeparator = '|';

std::string Cross(std::string_view a, std::string_view b) {
  std::string key;
  key.reserve(a.size() + b.size() + 1);
  key.append(a).push_back(kCrossSeparator);
  key.append(b);
  return key;
}

}  // namespace

std::string_view ProfileDimensionName(ProfileDimension dimension) {
  return kDimensionNames[static_cast<std::size_t>(dimension)];
}

std::optional<ProfileDimension> ParseProfileDimension(std::string_view name) {
  for (std::size_t i = 0; i < kDimensionNames.size(); ++i) {
    if (kDimensionNames[i] == name) return static_cast<ProfileDimension>(i);
  }
  return std::nullopt;
}

double SmoothedRate(ProfileCounts counts, double base_rate, double prior_strength) {
  return (static_cast<double>(counts.positives) + prior_strength * base_rate) /
         (static_cast<double>(counts.inspected) + prior_strength);
}

std::vector<ProfileKey> ProfileKeysOf(const Declaration& declaration) {
  std::vector<ProfileKey> keys;
  const auto add = [&](ProfileDimension dimension, std::string key) { keys.push_back({dimension, std::move(key)}); };
  if (!declaration.importer.empty()) add(ProfileDimension::kImporter, declaration.importer);
  add(ProfileDimension::kDeclarant, declaration.declarant);
  add(ProfileDimension::kOffice, declaration.customs_office);
  for (const auto& item : declaration.goods_items) {
    const auto hs6 = Hs6(item);
    add(ProfileDimension::kHs6, std::string(hs6));
    add(ProfileDimension::kOrigin, item.origin_country);
    add(ProfileDimension::kHs6Origin, Cross(hs6, item.origin_country));
    if (!declaration.importer.empty()) add(ProfileDimension::kImporterHs6, Cross(declaration.importer, hs6));
  }
  // Items often share an HS6 or an origin; each key counts once per declaration.
  const auto order = [](const ProfileKey& a, const ProfileKey& b) {
    return a.dimension != b.dimension ? a.dimension < b.dimension : a.key < b.key;
  };
  std::sort(keys.begin(), keys.end(), order);
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void ProfileStore::Record(const Declaration& declaration, bool illicit) {
  for (auto& [dimension, key] : ProfileKeysOf(declaration)) {
    auto& counts = tables_[static_cast<std::size_t>(dimension)][std::move(key)];
    ++counts.inspected;
    if (illicit) ++counts.positives;
  }
}

void ProfileStore::Set(const ProfileKey& key, ProfileCounts counts) {
  tables_[static_cast<std::size_t>(key.dimension)][key.key] = counts;
}

ProfileCounts ProfileStore::Counts(ProfileDimension dimension, std::string_view key) const {
  const auto& table = tables_[static_cast<std::size_t>(dimension)];
  const auto found = table.find(key);
  return found == table.end() ? ProfileCounts{} : found->second;
}

}  // namespace greenlane::risk
