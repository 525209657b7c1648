#include "domain/rules/cites_permit.h"

namespace greenlane::timber {

RuleOutcome CheckCitesPermit(const Barcode& certificate, const std::vector<const Species*>& species,
                             const std::optional<std::string>& cites_permit) {
  constexpr std::string_view kRule = "certificate.cites_permit";
  const bool has_permit = cites_permit && !cites_permit->empty();
  for (const auto* one : species) {
    if (one->cites_listed() && !has_permit) {
      return Reject(kRule, certificate.text(), "no permit", "a CITES export permit",
                    "certificate " + certificate.text() + " carries " + one->scientific_name +
                        ", listed by CITES; give the number of the CITES export permit that covers it");
    }
  }
  return Pass(kRule, certificate.text(), has_permit ? *cites_permit : "no permit needed");
}

}  // namespace greenlane::timber
