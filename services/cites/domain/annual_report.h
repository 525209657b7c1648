#pragma once

#include <string>
#include <vector>

#include "domain/code_tables.h"
#include "domain/lifecycle.h"

namespace greenlane::cites {

/// One row of the CITES annual report (the trade database's 13 fields), for one permit line.
struct AnnualReportRow {
  std::string trading_partner;  ///< TradingPartnerId: the importing country
  int year = 0;                 ///< Year: of the endorsement, when the specimens left
  std::string scientific_name;
  std::string appendix;
  std::string term;
  Quantity quantity;  ///< endorsed, not permitted
  std::string unit;   ///< the report's unit: empty for a number of specimens
  std::string source;
  std::string purpose;
  std::string origin_country;
  std::string origin_permit;
  std::string export_permit;  ///< the export permit or re-export certificate itself
  std::string import_permit;
};

/// The exporting country's rows for `year`: every line endorsed at export in that year with a
/// quantity above 0 (a later revocation does not undo a shipment), in the order of `records`.
std::vector<AnnualReportRow> AnnualReportRows(const std::vector<PermitRecord>& records, int year,
                                              const CodeTables& codes);

/// The rows as CSV (RFC 4180) with the header TradingPartnerId,Year,...,ImportPermitId.
std::string AnnualReportCsv(const std::vector<AnnualReportRow>& rows);

}  // namespace greenlane::cites
