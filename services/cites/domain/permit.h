#pragma once

#include <string>
#include <vector>

#include "domain/appendix.h"
#include "domain/date.h"
#include "domain/quantity.h"

namespace greenlane::cites {

/// Exporter (box 4) or importer (box 3). Country as ISO 3166-1 alpha-2.
struct Party {
  std::string name;
  std::string address;
  std::string country;
};

/// The management authority that issues the document (box 6).
struct ManagementAuthority {
  std::string name;
  std::string country;
};

/// One line of specimens (boxes 7-12b). Codes stay text as received, so validation can name a
/// wrong code instead of the parser dropping it.
struct PermitLine {
  std::string scientific_name;  ///< box 7
  std::string common_name;      ///< box 8
  std::string term;             ///< box 9, e.g. "SAW"
  std::string unit;             ///< box 11 unit, e.g. "MTQ"; "NAR" for a number of specimens
  Quantity quantity;            ///< box 11, the quantity permitted
  std::string appendix;         ///< box 10, "I", "II" or "III" as declared
  std::string source;           ///< box 10, e.g. "W"
  std::string origin_country;   ///< box 12, country of origin
  std::string origin_permit;    ///< box 12, the origin country's export permit
  /// box 12a: the export permit or re-export certificate under which the specimens entered the
  /// re-exporting country; required on a re-export.
  std::string export_permit;
};

/// A CITES permit or certificate as in Res. Conf. 12.3 and the UN/CEFACT e-permit (box numbers in
/// the field comments). One document per consignment (Art. VI.5).
struct Permit {
  DocumentType type = DocumentType::kExport;  ///< box 1
  std::string number;                         ///< box 1, at most 35 characters
  Date issued;                                ///< box 13, the day the appendix in force is read
  Date valid_from;                            ///< box 2
  Date valid_until;                           ///< box 2, inclusive
  Party importer;                             ///< box 3
  Party exporter;                             ///< box 4
  std::string special_conditions;             ///< box 5
  std::string purpose;                        ///< box 5a
  std::string security_stamp;                 ///< box 5b
  ManagementAuthority issuer;                 ///< box 6
  /// The importing country's import permit an Appendix I export relies on (Art. III.2(d)).
  std::string import_permit_number;
  std::vector<PermitLine> lines;
};

/// "lines[2]" and "lines[2].unit": the field paths problems and refusals use.
std::string LinePath(std::size_t index);
std::string LinePath(std::size_t index, const char* field);

}  // namespace greenlane::cites
