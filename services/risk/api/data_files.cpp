#include "api/data_files.h"

#include <fstream>

namespace greenlane::risk {

nlohmann::json ReadDataFile(const RiskSettings& settings, const std::string& name) {
  const auto path = settings.data_dir + "/" + name;
  std::ifstream in(path);
  if (!in) throw core::ConfigError("cannot read " + path + " (GREENLANE_RISK_DATA_DIR)");
  auto document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded()) throw core::ConfigError(path + " is not well-formed JSON");
  return document;
}

}  // namespace greenlane::risk
