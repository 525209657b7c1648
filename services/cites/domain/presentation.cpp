#include "domain/presentation.h"

#include "domain/endorsement.h"
#include "domain/species.h"

namespace greenlane::cites {

namespace {

void CheckState(const PermitRecord& record, Problems& reasons) {
  const std::string& number = record.permit.number;
  switch (record.state) {
    case PermitState::kDraft:
      reasons.push_back({"state", "verify.not_issued", number + " is a draft: it was never issued"});
      break;
    case PermitState::kCancelled:
      reasons.push_back({"state", "verify.cancelled", number + " was cancelled: " + record.reason});
      break;
    case PermitState::kRevoked:
      reasons.push_back({"state", "verify.revoked", number + " was revoked: " + record.reason});
      break;
    case PermitState::kReplaced:
      reasons.push_back({"state", "verify.replaced", number + " was replaced by " + record.replaced_by});
      break;
    case PermitState::kUsed: {
      std::string where =
          record.import ? " on " + FormatDate(record.import->date) + " in " + record.import->country : "";
      reasons.push_back(
          {"state", "verify.used",
           number + " was already accepted for import" + where + ": a CITES document is valid for one import only"});
      break;
    }
    case PermitState::kIssued:
    case PermitState::kEndorsed:
      break;
  }
}

// What may still cross a border under line `index`: once endorsed, what left the exporting country.
Quantity Presentable(const PermitRecord& record, std::size_t index) {
  if (record.endorsement && index < record.endorsement->quantities.size()) {
    return record.endorsement->quantities[index];
  }
  return RemainingPermitted(record, index);
}

void CheckGoods(const PermitRecord& record, const PresentedGoods& goods, Problems& reasons) {
  if (goods.scientific_name.empty()) return;
  const std::string wanted = NormalizedName(goods.scientific_name);
  bool species_found = false;
  bool unit_found = false;
  Quantity available;
  std::string unit = goods.unit;
  for (std::size_t i = 0; i < record.permit.lines.size(); ++i) {
    const PermitLine& line = record.permit.lines[i];
    if (NormalizedName(line.scientific_name) != wanted) continue;
    species_found = true;
    if (!goods.unit.empty() && line.unit != goods.unit) continue;
    if (unit.empty()) unit = line.unit;
    if (line.unit != unit) continue;  // several units for one species: compare with the first only
    unit_found = true;
    available += Presentable(record, i);
  }
  if (!species_found) {
    reasons.push_back({"scientific_name", "verify.species",
                       record.permit.number + " covers no specimens of " + goods.scientific_name});
    return;
  }
  if (!unit_found) {
    reasons.push_back({"unit", "verify.unit",
                       record.permit.number + " counts " + goods.scientific_name + " in another unit than " + unit});
    return;
  }
  if (goods.quantity && *goods.quantity > available) {
    reasons.push_back({"quantity", "verify.quantity",
                       goods.quantity->ToString() + " " + unit + " of " + goods.scientific_name + " exceeds the " +
                           available.ToString() + " " + unit + " that " + record.permit.number +
                           (record.endorsement ? " was endorsed for at export" : " still permits")});
  }
}

}  // namespace

Problems CheckPresentation(const PermitRecord& record, Date today, const PresentedGoods& goods) {
  Problems reasons;
  CheckState(record, reasons);
  const Permit& permit = record.permit;
  if (today < permit.valid_from) {
    reasons.push_back(
        {"valid_from", "verify.not_yet_valid", permit.number + " is valid only from " + FormatDate(permit.valid_from)});
  } else if (today > permit.valid_until) {
    reasons.push_back(
        {"valid_until", "verify.expired", permit.number + " expired on " + FormatDate(permit.valid_until)});
  }
  CheckGoods(record, goods, reasons);
  return reasons;
}

}  // namespace greenlane::cites
