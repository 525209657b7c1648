#include "domain/quantity_units.h"

#include <algorithm>
#include <cctype>

#include "domain/json_read.h"

namespace greenlane::risk {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

}  // namespace

std::optional<std::string> QuantityUnits::CodeOf(std::string_view declared) const {
  const auto found = codes_.find(Lower(declared));
  if (found == codes_.end()) return std::nullopt;
  return found->second;
}

core::Result<QuantityUnits> LoadQuantityUnits(const nlohmann::json& document) {
  if (auto ok = CheckObject(document, "", {"version", "units"}, {"version", "units"}); !ok) return ok.error();
  QuantityUnits units;
  auto version = ReadString(document, "", "version", std::nullopt, 64);
  if (!version) return version.error();
  units.version = *std::move(version);
  const auto& table = document.at("units");
  if (!table.is_object()) return FieldError("/units", "an object of Rec. 20 codes to lists of aliases");
  for (const auto& entry : table.items()) {
    const auto& code = entry.key();
    const auto path = "/units/" + code;
    auto names = ReadStringList(table, "/units", code);
    if (!names) return names.error();
    names->push_back(code);
    for (const auto& name : *names) {
      const auto [at, added] = units.codes_.emplace(Lower(name), code);
      if (!added && at->second != code) {
        return FieldError(path, "aliases not already given to " + at->second + " ('" + name + "')");
      }
    }
  }
  return units;
}

}  // namespace greenlane::risk
