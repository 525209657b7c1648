#pragma once

#include "domain/code_tables.h"
#include "domain/permit.h"
#include "domain/problem.h"
#include "domain/quota.h"
#include "domain/species.h"

namespace greenlane::cites {

/// What validation reads besides the permit. All pure data, looked up by the caller.
struct ValidationContext {
  const CodeTables& codes;
  const SpeciesRegistry& species;
  /// The import permit named by Permit::import_permit_number, when the caller found one. An
  /// Appendix I export or re-export is refused without it (Art. III.2(d), III.4(c)).
  const Permit* import_permit = nullptr;
  /// Annual export quotas with what endorsements have used so far; nullptr skips the quota rule.
  const QuotaBook* quotas = nullptr;
};

/// Checks a permit against the Convention and returns every problem at once (empty: valid).
///
/// Rule ids (Problem::rule):
/// - required, number.length, lines.empty, quantity.positive
/// - code.purpose, code.source, code.term, code.unit, code.appendix, code.country
/// - species.unknown, species.not_listed, species.appendix_mismatch (declared vs in force on the
///   issue date), document.appendix (e.g. a certificate of origin only covers Appendix III)
/// - term_unit.pair, source.kingdom (animals not A; plants not C or R: the source table's kingdoms)
/// - parties.same_country (exporter = importer), reexport.origin_required, reexport.origin_is_exporter
/// - validity.start_before_issue, validity.end_before_start, validity.too_long (per document type)
/// - appendix_i.commercial: purpose T with a source the table forbids for Appendix I (W, X, F, R,
///   U); source D counts as Appendix II
/// - appendix_i.import_permit_missing, appendix_i.import_permit_mismatch,
///   appendix_i.import_permit_not_first, appendix_i.import_permit_expired,
///   appendix_i.import_permit_species, appendix_i.import_permit_quantity
/// - quota.unit, quota.exceeded: an export's lines per species against the remaining annual quota
///   of the exporting country for the issue year
Problems Validate(const Permit& permit, const ValidationContext& context);

}  // namespace greenlane::cites
