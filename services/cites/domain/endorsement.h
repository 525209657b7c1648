#pragma once

#include "domain/lifecycle.h"
#include "domain/quota.h"

namespace greenlane::cites {

/// How much of line `line` may still be endorsed: the permitted quantity less what was endorsed.
Quantity RemainingPermitted(const PermitRecord& record, std::size_t line);

/// An endorsed permit together with the quota book its endorsed quantities were drawn from, so a
/// caller stores both or neither.
struct Endorsed {
  PermitRecord record;
  QuotaBook quotas;
};

/// Customs at export records the actual quantities (box 14). Refused, naming the rule, when the
/// permit is not issued or is of the import type (lifecycle.transition), the date is outside its
/// validity (endorsement.outside_validity), the quantities do not match the lines
/// (endorsement.lines), a quantity is negative (endorsement.quantity), nothing is exported
/// (endorsement.empty), a line exceeds what remains permitted (endorsement.exceeds_permitted) or an
/// export overdraws the exporting country's annual quota for the issue year (quota.exceeded,
/// quota.unit).
core::Result<Endorsed> Endorse(const PermitRecord& record, const Endorsement& endorsement, const QuotaBook& quotas);

/// The importing country accepts the document once and keeps it (Art. VI.6). A second
/// presentation is refused with when and where it was used (lifecycle.single_use); also refused
/// outside the validity (import.outside_validity), in another country than the importer's
/// (import.wrong_country), with quantities not matching the lines (import.lines) or above what was
/// endorsed at export, or permitted for an import permit (import.exceeds_permitted).
core::Result<PermitRecord> AcceptAtImport(const PermitRecord& record, const ImportRecord& import);

}  // namespace greenlane::cites
