#include "domain/annual_report.h"

namespace greenlane::cites {

namespace {
std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}
}  // namespace

std::vector<AnnualReportRow> AnnualReportRows(const std::vector<PermitRecord>& records, int year,
                                              const CodeTables& codes) {
  std::vector<AnnualReportRow> rows;
  for (const PermitRecord& record : records) {
    const Permit& permit = record.permit;
    if (!LeavesCountry(permit.type) || !record.endorsement || YearOf(record.endorsement->date) != year) continue;
    for (std::size_t i = 0; i < permit.lines.size() && i < record.endorsement->quantities.size(); ++i) {
      const Quantity quantity = record.endorsement->quantities[i];
      if (quantity <= Quantity{}) continue;
      const PermitLine& line = permit.lines[i];
      const UnitCode* unit = codes.Unit(line.unit);
      rows.push_back({permit.importer.country, year, line.scientific_name, line.appendix, line.term, quantity,
                      unit != nullptr ? unit->report_code : line.unit, line.source, permit.purpose, line.origin_country,
                      line.origin_permit, permit.number, permit.import_permit_number});
    }
  }
  return rows;
}

std::string AnnualReportCsv(const std::vector<AnnualReportRow>& rows) {
  std::string csv =
      "TradingPartnerId,Year,ScientificName,Appendix,TermCode,Quantity,UnitCode,SourceCode,PurposeCode,"
      "OriginCountryId,OriginPermitId,ExportPermitId,ImportPermitId\r\n";
  for (const AnnualReportRow& row : rows) {
    const std::string fields[] = {row.trading_partner,
                                  std::to_string(row.year),
                                  row.scientific_name,
                                  row.appendix,
                                  row.term,
                                  row.quantity.ToString(),
                                  row.unit,
                                  row.source,
                                  row.purpose,
                                  row.origin_country,
                                  row.origin_permit,
                                  row.export_permit,
                                  row.import_permit};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      if (i > 0) csv += ',';
      csv += CsvField(fields[i]);
    }
    csv += "\r\n";
  }
  return csv;
}

}  // namespace greenlane::cites
