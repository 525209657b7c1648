#include "api/reference_data.h"

#include <fstream>

#include "greenlane/core/config.h"

namespace greenlane::identify {
namespace {

template <typename Loader>
auto LoadFile(const std::string& data_dir, const char* file, Loader&& load) {
  const auto path = std::string(data_dir).append("/").append(file);
  std::ifstream in(path);
  if (!in)
    throw core::ConfigError(std::string("cannot read ").append(path).append(": check GREENLANE_IDENTIFY_DATA_DIR"));
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw core::ConfigError(path + " is not JSON: " + error.what());
  }
  auto table = load(document);
  if (!table.ok()) {
    throw core::ConfigError(path + ": " + table.error().field + " " + table.error().message);
  }
  return std::move(table).value();
}

}  // namespace

ReferenceTables LoadReferenceTables(const std::string& data_dir) {
  return {LoadFile(data_dir, "refrigerants.json", refrigerant::LoadRefrigerantTable),
          LoadFile(data_dir, "xrf_action_levels.json", xrf::LoadActionLevels),
          LoadFile(data_dir, "wood_classes.json", wood::LoadWoodClasses),
          LoadFile(data_dir, "qpcr_assays.json", qpcr::LoadQpcrAssays),
          LoadFile(data_dir, "cites_species.json", LoadCitesSpecies)};
}

}  // namespace greenlane::identify
