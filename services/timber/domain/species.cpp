#include "domain/species.h"

#include "domain/json_read.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::timber {
namespace {

constexpr int kYieldDigits = 2;
constexpr std::int64_t kHundredPercent = 100 * 100;
constexpr std::int64_t kMaxMinimumDiameterCm = 300;

core::Result<CitesAppendix> ReadAppendix(const nlohmann::json& value, const std::string& path) {
  if (value.is_null()) return CitesAppendix::kNotListed;
  static const std::map<std::string, CitesAppendix, std::less<>> kAppendices = {
      {"I", CitesAppendix::kI}, {"II", CitesAppendix::kII}, {"III", CitesAppendix::kIII}};
  if (value.is_string()) {
    if (auto found = kAppendices.find(value.get<std::string>()); found != kAppendices.end()) return found->second;
  }
  return FieldError(path, "expected \"I\", \"II\", \"III\" or null (not listed), got " + value.dump());
}

core::Result<std::map<std::string, std::int64_t, std::less<>>> ReadYields(const nlohmann::json& value,
                                                                          const std::string& path) {
  if (!value.is_object() || value.empty()) return FieldError(path, "expected an object of product: percent");
  std::map<std::string, std::int64_t, std::less<>> yields;
  for (const auto& [product, percent] : value.items()) {
    const auto product_path = path + "/" + product;
    auto hundredths = core::ReadFixedPoint(percent, kYieldDigits, product_path);
    if (!hundredths.ok()) return hundredths.error();
    if (*hundredths == 0 || *hundredths > kHundredPercent) {
      return FieldError(product_path,
                        core::FormatFixedPoint(*hundredths, kYieldDigits) + " is outside (0, 100] percent");
    }
    yields.emplace(product, *hundredths);
  }
  return yields;
}

core::Result<Species> ReadSpecies(const nlohmann::json& value, const std::string& path) {
  if (auto s = CheckObject(
          value, path, {"scientific_name", "common_name", "cites_appendix", "minimum_diameter_cm", "max_yield_percent"},
          {"scientific_name", "common_name", "cites_appendix", "minimum_diameter_cm", "max_yield_percent"});
      !s.ok()) {
    return s.error();
  }
  Species species;
  auto name = ReadString(value["scientific_name"], path + "/scientific_name");
  if (!name.ok()) return name.error();
  species.scientific_name = *name;
  auto common = ReadString(value["common_name"], path + "/common_name");
  if (!common.ok()) return common.error();
  species.common_name = *common;
  auto appendix = ReadAppendix(value["cites_appendix"], path + "/cites_appendix");
  if (!appendix.ok()) return appendix.error();
  species.cites_appendix = *appendix;
  auto diameter = ReadInteger(value["minimum_diameter_cm"], path + "/minimum_diameter_cm", 1, kMaxMinimumDiameterCm);
  if (!diameter.ok()) return diameter.error();
  species.minimum_diameter_cm = static_cast<int>(*diameter);
  auto yields = ReadYields(value["max_yield_percent"], path + "/max_yield_percent");
  if (!yields.ok()) return yields.error();
  species.max_yield_hundredths = std::move(*yields);
  return species;
}

}  // namespace

std::optional<std::int64_t> Species::MaxYield(std::string_view product) const {
  if (auto found = max_yield_hundredths.find(product); found != max_yield_hundredths.end()) return found->second;
  return std::nullopt;
}

SpeciesCatalog::SpeciesCatalog(std::vector<Species> species) : species_(std::move(species)) {
  for (std::size_t i = 0; i < species_.size(); ++i) by_name_.emplace(species_[i].scientific_name, i);
}

const Species* SpeciesCatalog::Find(std::string_view scientific_name) const {
  auto found = by_name_.find(scientific_name);
  return found == by_name_.end() ? nullptr : &species_[found->second];
}

core::Result<SpeciesCatalog> LoadSpeciesCatalog(const nlohmann::json& document) {
  if (auto s = CheckObject(document, "", {"source", "species"}, {"source", "species"}); !s.ok()) return s.error();
  if (auto source = ReadString(document["source"], "/source"); !source.ok()) return source.error();
  const auto& list = document["species"];
  if (!list.is_array() || list.empty()) return FieldError("/species", "expected a non-empty array");
  std::vector<Species> species;
  std::map<std::string, std::size_t, std::less<>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto path = "/species/" + std::to_string(i);
    auto one = ReadSpecies(list[i], path);
    if (!one.ok()) return one.error();
    if (auto [it, inserted] = seen.emplace(one->scientific_name, i); !inserted) {
      return FieldError(path + "/scientific_name",
                        "'" + one->scientific_name + "' is already listed at /species/" + std::to_string(it->second));
    }
    species.push_back(std::move(*one));
  }
  return SpeciesCatalog(std::move(species));
}

}  // namespace greenlane::timber
