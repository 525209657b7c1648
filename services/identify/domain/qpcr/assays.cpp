#include "domain/qpcr/assays.h"

#include <set>

#include "domain/rule_support/exact.h"
#include "domain/rule_support/json_fields.h"

namespace greenlane::identify::qpcr {
namespace {

using instruments::Decimal;
using rule_support::Fail;
using rule_support::ObjectReader;

Decimal Bounded(const ObjectReader& reader, std::string_view key, std::int64_t max, std::string_view unit) {
  const Decimal value = reader.Decimal(key);
  if (!rule_support::Within(value, Decimal(0, 0), Decimal(max, 0))) {
    Fail(reader.PathOf(key),
         "must be from 0 to " + std::to_string(max) + " " + std::string(unit) + ", is " + value.ToString());
  }
  return value;
}

}  // namespace

const Assay* AssayTable::Find(std::string_view target) const {
  for (const auto& assay : assays_) {
    if (assay.target == target) return &assay;
  }
  return nullptr;
}

core::Result<AssayTable> LoadQpcrAssays(const nlohmann::json& document) {
  return rule_support::Catching([&] {
    const ObjectReader root(document, "", {"source", "assays"});
    AssayTable table;
    std::set<std::string> targets;
    for (const auto& reader : root.Objects(
             "assays", {"target", "description", "cq_max", "tm_min_celsius", "tm_max_celsius", "positive_finding"})) {
      Assay assay{reader.String("target"),
                  reader.OptionalString("description"),
                  Bounded(reader, "cq_max", 60, "cycles"),
                  Bounded(reader, "tm_min_celsius", 120, "°C"),
                  Bounded(reader, "tm_max_celsius", 120, "°C"),
                  reader.String("positive_finding")};
      if (!targets.insert(assay.target).second) Fail(reader.PathOf("target"), "repeats " + assay.target);
      if (assay.tm_max_celsius < assay.tm_min_celsius) {
        Fail(reader.PathOf("tm_max_celsius"), "is below tm_min_celsius " + assay.tm_min_celsius.ToString());
      }
      table.assays_.push_back(std::move(assay));
    }
    return table;
  });
}

}  // namespace greenlane::identify::qpcr
