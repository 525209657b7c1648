#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/code_tables.h"
#include "domain/date.h"
#include "domain/lifecycle.h"
#include "domain/permit.h"
#include "domain/quantity.h"
#include "domain/species.h"

namespace greenlane::cites::testing {

/// The project's own data files (services/cites/data), loaded once.
const CodeTables& Codes();
const SpeciesRegistry& Species();
nlohmann::json ReadDataFile(const std::string& name);

Date D(const char* text);
Quantity Q(const char* text);

/// A valid Appendix II export: 12.5 m3 of wild bigleaf mahogany sawn wood, Brazil to Germany,
/// commercial, issued 2025-03-10 and valid six months.
Permit MahoganyExport();

/// A valid Appendix I export for science: 3 wild ocelot specimens, Brazil to Germany, relying on
/// import permit DE-IMP-2025-0007 (see OcelotImportPermit).
Permit OcelotExport();
/// Germany's import permit for those ocelot specimens, issued before the export.
Permit OcelotImportPermit();

/// `permit` as an issued record.
PermitRecord IssuedRecord(Permit permit);

}  // namespace greenlane::cites::testing

namespace Catch {
template <>
struct StringMaker<greenlane::cites::Quantity> {
  static std::string convert(const greenlane::cites::Quantity& quantity) { return quantity.ToString(); }
};
}  // namespace Catch
