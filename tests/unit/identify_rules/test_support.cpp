#include "test_support.h"

#include <catch2/catch.hpp>
#include <fstream>

namespace greenlane::identify::testing {

nlohmann::json ShippedData(const std::string& name) {
  const std::string path = std::string(GREENLANE_SOURCE_DIR) + "/services/identify/data/" + name;
  std::ifstream file(path);
  REQUIRE(file.good());
  return nlohmann::json::parse(file);
}

instruments::Decimal D(std::string_view text) {
  const auto value = instruments::Decimal::Parse(text);
  REQUIRE(value.has_value());
  return *value;
}

}  // namespace greenlane::identify::testing
