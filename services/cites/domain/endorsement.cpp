#include "domain/endorsement.h"

namespace greenlane::cites {

namespace {
std::string QuantityPath(const char* what, std::size_t index) {
  return std::string(what) + ".quantities[" + std::to_string(index) + "]";
}

std::optional<core::Error> OutsideValidity(const Permit& permit, Date date, std::string_view rule, const char* field) {
  if (date >= permit.valid_from && date <= permit.valid_until) return std::nullopt;
  return RuleError(rule, field,
                   FormatDate(date) + " is outside the validity of " + permit.number + " (" +
                       FormatDate(permit.valid_from) + " to " + FormatDate(permit.valid_until) + ")");
}

std::optional<core::Error> LineCountMismatch(const Permit& permit, std::size_t given, std::string_view rule,
                                             const char* what) {
  if (given == permit.lines.size()) return std::nullopt;
  return RuleError(rule, std::string(what) + ".quantities",
                   std::to_string(given) + " quantities given for the " + std::to_string(permit.lines.size()) +
                       " lines of " + permit.number + ": give one per line, 0 for a line not shipped");
}
}  // namespace

Quantity RemainingPermitted(const PermitRecord& record, std::size_t line) {
  Quantity remaining = record.permit.lines.at(line).quantity;
  if (record.endorsement && line < record.endorsement->quantities.size()) {
    remaining -= record.endorsement->quantities[line];
  }
  return remaining;
}

core::Result<Endorsed> Endorse(const PermitRecord& record, const Endorsement& endorsement, const QuotaBook& quotas) {
  const Permit& permit = record.permit;
  const auto next = NextState(record.state, PermitEvent::kEndorse, permit.type);
  if (!next.ok()) return next.error();
  if (auto error = OutsideValidity(permit, endorsement.date, "endorsement.outside_validity", "endorsement.date")) {
    return *error;
  }
  if (auto error = LineCountMismatch(permit, endorsement.quantities.size(), "endorsement.lines", "endorsement")) {
    return *error;
  }
  QuotaBook drawn = quotas;
  bool any_exported = false;
  for (std::size_t i = 0; i < permit.lines.size(); ++i) {
    const Quantity quantity = endorsement.quantities[i];
    const PermitLine& line = permit.lines[i];
    if (quantity.IsNegative()) {
      return RuleError("endorsement.quantity", QuantityPath("endorsement", i),
                       "quantity " + quantity.ToString() + " is negative: endorse 0 for a line not shipped");
    }
    const Quantity remaining = RemainingPermitted(record, i);
    if (quantity > remaining) {
      return RuleError("endorsement.exceeds_permitted", QuantityPath("endorsement", i),
                       quantity.ToString() + " " + line.unit + " of " + line.scientific_name + " exceeds the " +
                           remaining.ToString() + " " + line.unit + " that remain permitted on " + permit.number);
    }
    if (quantity.IsZero()) continue;
    any_exported = true;
    if (permit.type != DocumentType::kExport) continue;  // quotas count exports of the country's own specimens
    auto after = drawn.Draw({line.scientific_name, permit.exporter.country, YearOf(permit.issued)}, quantity, line.unit,
                            QuantityPath("endorsement", i));
    if (!after.ok()) return after.error();
    drawn = std::move(*after);
  }
  if (!any_exported) {
    return RuleError("endorsement.empty", "endorsement.quantities",
                     "every quantity is 0: nothing left the country, so there is nothing to endorse");
  }
  PermitRecord endorsed = record;
  endorsed.state = *next;
  endorsed.endorsement = endorsement;
  return Endorsed{std::move(endorsed), std::move(drawn)};
}

core::Result<PermitRecord> AcceptAtImport(const PermitRecord& record, const ImportRecord& import) {
  const Permit& permit = record.permit;
  if (record.state == PermitState::kUsed && record.import) {
    return RuleError("lifecycle.single_use", "number",
                     permit.number + " was already accepted for import on " + FormatDate(record.import->date) + " in " +
                         record.import->country + (record.import->port.empty() ? "" : " at " + record.import->port) +
                         ": a CITES document is valid for one import only; hold the consignment and alert the "
                         "management authority");
  }
  const auto next = NextState(record.state, PermitEvent::kAcceptAtImport, permit.type);
  if (!next.ok()) return next.error();
  if (import.country != permit.importer.country) {
    return RuleError("import.wrong_country", "import.country",
                     permit.number + " is for import into " + permit.importer.country + ", not " + import.country);
  }
  if (auto error = OutsideValidity(permit, import.date, "import.outside_validity", "import.date")) return *error;
  if (auto error = LineCountMismatch(permit, import.quantities.size(), "import.lines", "import")) return *error;
  for (std::size_t i = 0; i < permit.lines.size(); ++i) {
    const bool endorsed = LeavesCountry(permit.type) && record.endorsement;
    const Quantity limit = endorsed ? record.endorsement->quantities[i] : permit.lines[i].quantity;
    if (import.quantities[i].IsNegative() || import.quantities[i] > limit) {
      return RuleError("import.exceeds_permitted", QuantityPath("import", i),
                       import.quantities[i].ToString() + " " + permit.lines[i].unit + " of " +
                           permit.lines[i].scientific_name + " is not between 0 and the " + limit.ToString() + " " +
                           permit.lines[i].unit + (endorsed ? " endorsed at export" : " permitted"));
    }
  }
  PermitRecord used = record;
  used.state = *next;
  used.import = import;
  return used;
}

}  // namespace greenlane::cites
