#include "domain/wood/wood_classes.h"

#include <algorithm>
#include <set>

#include "domain/rule_support/exact.h"
#include "domain/rule_support/json_fields.h"

namespace greenlane::identify::wood {
namespace {

using instruments::Decimal;
using rule_support::Fail;
using rule_support::ObjectReader;

Appendix ReadAppendix(const ObjectReader& reader, std::string_view key) {
  const std::string text = reader.String(key);
  if (text == "I") return Appendix::kI;
  if (text == "II") return Appendix::kII;
  if (text == "III") return Appendix::kIII;
  Fail(reader.PathOf(key), "'" + text + "' is not a CITES appendix: write I, II or III");
}

Decimal Fraction(const ObjectReader& reader, std::string_view key) {
  const Decimal value = reader.Decimal(key);
  if (!rule_support::Within(value, Decimal(0, 0), Decimal(1, 0))) {
    Fail(reader.PathOf(key), "must be a score from 0 to 1, is " + value.ToString());
  }
  return value;
}

}  // namespace

std::string_view AppendixName(Appendix appendix) {
  switch (appendix) {
    case Appendix::kNotListed:
      return "not listed";
    case Appendix::kIII:
      return "III";
    case Appendix::kII:
      return "II";
    case Appendix::kI:
      return "I";
  }
  return "not listed";
}

Appendix WoodClass::Strictest() const {
  Appendix strictest = other_species;
  for (const auto& listed : species) strictest = std::max(strictest, listed.appendix);
  return strictest;
}

bool WoodClass::DependsOnSpecies() const {
  return std::any_of(species.begin(), species.end(),
                     [&](const ListedSpecies& listed) { return listed.appendix != other_species; });
}

const WoodClass* WoodClassTable::Find(std::string_view name) const {
  for (const auto& wood_class : classes_) {
    if (wood_class.name == name) return &wood_class;
  }
  return nullptr;
}

core::Result<WoodClassTable> LoadWoodClasses(const nlohmann::json& document) {
  return rule_support::Catching([&] {
    const ObjectReader root(document, "", {"source", "thresholds", "classes"});
    WoodClassTable table;
    const ObjectReader thresholds = root.Object("thresholds", {"min_top_score", "min_margin"});
    table.defaults_ = {Fraction(thresholds, "min_top_score"), Fraction(thresholds, "min_margin")};
    std::set<std::string> names;
    for (const auto& reader : root.Objects("classes", {"class", "species", "other_species_appendix", "note"})) {
      WoodClass wood_class;
      wood_class.name = reader.String("class");
      if (!names.insert(wood_class.name).second) Fail(reader.PathOf("class"), "repeats " + wood_class.name);
      for (const auto& species : reader.Objects("species", {"name", "appendix", "note"})) {
        wood_class.species.push_back(
            {species.String("name"), ReadAppendix(species, "appendix"), species.OptionalString("note")});
      }
      if (reader.Has("other_species_appendix"))
        wood_class.other_species = ReadAppendix(reader, "other_species_appendix");
      wood_class.note = reader.OptionalString("note");
      table.classes_.push_back(std::move(wood_class));
    }
    return table;
  });
}

}  // namespace greenlane::identify::wood
