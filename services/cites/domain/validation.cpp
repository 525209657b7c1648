#include "domain/validation.h"

#include <cctype>
#include <map>

namespace greenlane::cites {

namespace {
constexpr std::size_t kMaxNumberLength = 35;  // box 1, UN/CEFACT ID

bool IsCountryCode(const std::string& code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
         std::isupper(static_cast<unsigned char>(code[1]));
}

/// Collects problems for one permit; each Check* method covers one group of rules.
class Validator {
 public:
  Validator(const Permit& permit, const ValidationContext& context) : permit_(permit), context_(context) {}

  Problems Run() {
    CheckHeader();
    CheckParties();
    CheckValidity();
    if (permit_.lines.empty()) Add("lines", "lines.empty", "a permit needs at least one line of specimens");
    for (std::size_t i = 0; i < permit_.lines.size(); ++i) CheckLine(i);
    CheckImportPermit();
    CheckQuotas();
    return std::move(problems_);
  }

 private:
  void Add(std::string field, std::string rule, std::string message) {
    problems_.push_back({std::move(field), std::move(rule), std::move(message)});
  }

  bool Required(const std::string& value, const std::string& field, const std::string& what) {
    if (!value.empty()) return true;
    Add(field, "required", what + " is required");
    return false;
  }

  void Country(const std::string& value, const std::string& field, const std::string& what) {
    if (!Required(value, field, what)) return;
    if (!IsCountryCode(value)) {
      Add(field, "code.country", what + " '" + value + "' is not an ISO 3166-1 alpha-2 code such as BR or DE");
    }
  }

  template <typename Entry>
  const Entry* Code(const Entry* entry, const std::string& value, const std::string& field, const std::string& rule,
                    const std::string& what, const std::vector<std::string>& allowed) {
    if (!Required(value, field, what)) return nullptr;
    if (entry == nullptr) Add(field, rule, what + " '" + value + "' is not a CITES code: use " + JoinCodes(allowed));
    return entry;
  }

  void CheckHeader() {
    if (Required(permit_.number, "number", "the permit number") && permit_.number.size() > kMaxNumberLength) {
      Add("number", "number.length",
          "the permit number has " + std::to_string(permit_.number.size()) + " characters; at most 35 are allowed");
    }
    purpose_ = Code(context_.codes.Purpose(permit_.purpose), permit_.purpose, "purpose", "code.purpose", "the purpose",
                    context_.codes.PurposeCodes());
    Required(permit_.security_stamp, "security_stamp", "the security stamp number");
    Required(permit_.issuer.name, "issuer.name", "the issuing management authority");
  }

  void CheckParties() {
    Required(permit_.exporter.name, "exporter.name", "the exporter's name");
    Required(permit_.importer.name, "importer.name", "the importer's name");
    Country(permit_.exporter.country, "exporter.country", "the exporter's country");
    Country(permit_.importer.country, "importer.country", "the importer's country");
    if (!permit_.exporter.country.empty() && permit_.exporter.country == permit_.importer.country) {
      Add("importer.country", "parties.same_country",
          "exporter and importer are both in " + permit_.exporter.country +
              ": a CITES permit is for trade between two countries");
    }
  }

  void CheckValidity() {
    const DocumentRule& rule = context_.codes.Document(permit_.type);
    if (permit_.valid_from < permit_.issued) {
      Add("valid_from", "validity.start_before_issue",
          "validity starts " + FormatDate(permit_.valid_from) + ", before the issue date " +
              FormatDate(permit_.issued));
    }
    if (permit_.valid_until < permit_.valid_from) {
      Add("valid_until", "validity.end_before_start",
          "validity ends " + FormatDate(permit_.valid_until) + ", before it starts " + FormatDate(permit_.valid_from));
    }
    const Date latest = AddMonths(permit_.issued, rule.validity_months);
    if (permit_.valid_until > latest) {
      Add("valid_until", "validity.too_long",
          "validity ends " + FormatDate(permit_.valid_until) + " but the " + rule.name + " may be valid at most " +
              std::to_string(rule.validity_months) + " months from issue: end on or before " + FormatDate(latest));
    }
  }

  void CheckLine(std::size_t index) {
    const PermitLine& line = permit_.lines[index];
    const auto path = [index](const char* field) { return LinePath(index, field); };
    if (line.quantity <= Quantity{}) {
      Add(path("quantity"), "quantity.positive", "quantity " + line.quantity.ToString() + " must be more than 0");
    }
    const TermCode* term = Code(context_.codes.Term(line.term), line.term, path("term"), "code.term", "the term",
                                context_.codes.TermCodes());
    const UnitCode* unit = Code(context_.codes.Unit(line.unit), line.unit, path("unit"), "code.unit", "the unit",
                                context_.codes.UnitCodes());
    if (term != nullptr && unit != nullptr && !context_.codes.TermAllowsUnit(line.term, line.unit)) {
      Add(path("unit"), "term_unit.pair",
          "term " + line.term + " (" + term->meaning + ") is not counted in " + line.unit + ": use " +
              JoinCodes(term->units));
    }
    const SourceCode* source = Code(context_.codes.Source(line.source), line.source, path("source"), "code.source",
                                    "the source", context_.codes.SourceCodes());
    std::optional<Appendix> declared;
    if (Required(line.appendix, path("appendix"), "the appendix")) {
      declared = ParseAppendix(line.appendix);
      if (!declared) Add(path("appendix"), "code.appendix", "appendix '" + line.appendix + "' is not I, II or III");
    }
    if (!line.origin_country.empty() && !IsCountryCode(line.origin_country)) {
      Add(path("origin_country"), "code.country",
          "the country of origin '" + line.origin_country + "' is not an ISO 3166-1 alpha-2 code such as BR or DE");
    }
    if (permit_.type == DocumentType::kReExport) CheckReExportLine(index);

    const std::optional<Appendix> listed = CheckSpecies(index, declared, source);
    const std::optional<Appendix> appendix = listed ? listed : declared;
    if (!appendix) return;
    const DocumentRule& document = context_.codes.Document(permit_.type);
    if (document.appendices.count(*appendix) == 0) {
      Add(path("appendix"), "document.appendix",
          "the " + document.name + " cannot cover Appendix " + std::string(ToString(*appendix)) + " specimens (" +
              line.scientific_name + ")");
    }
    const bool appendix_i = *appendix == Appendix::kI &&
                            (source == nullptr || source->appendix_i_treated_as.value_or(Appendix::kI) == Appendix::kI);
    if (!appendix_i) return;
    appendix_i_lines_.push_back(index);
    if (purpose_ != nullptr && purpose_->commercial && source != nullptr && !source->appendix_i_commercial) {
      Add("purpose", "appendix_i.commercial",
          LinePath(index) + " (" + line.scientific_name + ") is Appendix I from source " + line.source +
              "; such specimens may not be traded for primarily commercial purposes (" + permit_.purpose + ")");
    }
  }

  // Returns the appendix in force on the issue date, when the species is listed.
  std::optional<Appendix> CheckSpecies(std::size_t index, std::optional<Appendix> declared, const SourceCode* source) {
    const PermitLine& line = permit_.lines[index];
    if (!Required(line.scientific_name, LinePath(index, "scientific_name"), "the scientific name")) return std::nullopt;
    const auto listing = context_.species.ListingOn(line.scientific_name, permit_.issued);
    if (!listing) {
      Add(LinePath(index, "scientific_name"), "species.unknown",
          "'" + line.scientific_name + "' is not in the species list: check the spelling or import current listings");
      return std::nullopt;
    }
    if (!listing->appendix) {
      Add(LinePath(index, "scientific_name"), "species.not_listed",
          "'" + line.scientific_name + "' is not listed in the CITES Appendices on " + FormatDate(permit_.issued) +
              ": no CITES document applies");
      return std::nullopt;
    }
    const std::string in_force = std::string(ToString(*listing->appendix));
    if (declared && *declared != *listing->appendix) {
      Add(LinePath(index, "appendix"), "species.appendix_mismatch",
          "declared Appendix " + line.appendix + " but '" + line.scientific_name + "' is in Appendix " + in_force +
              " on " + FormatDate(permit_.issued) + " (listed as " + listing->taxon->scientific_name + " since " +
              FormatDate(*listing->since) + ")");
    }
    if (source != nullptr && source->kingdoms.count(listing->taxon->kingdom) == 0) {
      Add(LinePath(index, "source"), "source.kingdom",
          "source " + line.source + " (" + source->meaning + ") cannot be used for " + listing->taxon->kingdom + " (" +
              line.scientific_name + ")");
    }
    return listing->appendix;
  }

  void CheckReExportLine(std::size_t index) {
    const PermitLine& line = permit_.lines[index];
    if (line.origin_country.empty()) {
      Add(LinePath(index, "origin_country"), "reexport.origin_required",
          "a re-export line must name the country of origin (box 12)");
    } else if (line.origin_country == permit_.exporter.country) {
      Add(LinePath(index, "origin_country"), "reexport.origin_is_exporter",
          "the re-exporting country " + permit_.exporter.country +
              " is also the country of origin: issue an export permit instead");
    }
    if (line.export_permit.empty()) {
      Add(LinePath(index, "export_permit"), "reexport.origin_required",
          "a re-export line must name the export permit or re-export certificate it entered under (box 12a)");
    }
  }

  void CheckImportPermit() {
    if (appendix_i_lines_.empty() || permit_.type == DocumentType::kImport || permit_.type == DocumentType::kOrigin)
      return;
    const Permit* import = context_.import_permit;
    if (permit_.import_permit_number.empty() || import == nullptr) {
      Add("import_permit_number", "appendix_i.import_permit_missing",
          permit_.import_permit_number.empty()
              ? "Appendix I specimens need the importing country's import permit, granted first: give its number"
              : "import permit " + permit_.import_permit_number +
                    " was not found: the importing country must grant it first");
      return;
    }
    if (import->type != DocumentType::kImport || import->number != permit_.import_permit_number) {
      Add("import_permit_number", "appendix_i.import_permit_mismatch",
          "document " + import->number + " (" + std::string(ToString(import->type)) + ") is not import permit " +
              permit_.import_permit_number);
      return;
    }
    if (import->importer.country != permit_.importer.country) {
      Add("importer.country", "appendix_i.import_permit_mismatch",
          "import permit " + import->number + " is for imports into " + import->importer.country + ", not " +
              permit_.importer.country);
    }
    if (import->issued > permit_.issued) {
      Add("import_permit_number", "appendix_i.import_permit_not_first",
          "import permit " + import->number + " was issued " + FormatDate(import->issued) + ", after this permit (" +
              FormatDate(permit_.issued) + "): it must be granted first (Art. III)");
    } else if (permit_.issued < import->valid_from || permit_.issued > import->valid_until) {
      Add("import_permit_number", "appendix_i.import_permit_expired",
          "import permit " + import->number + " is valid " + FormatDate(import->valid_from) + " to " +
              FormatDate(import->valid_until) + ", not on " + FormatDate(permit_.issued));
    }
    for (std::size_t index : appendix_i_lines_) CheckCoveredByImport(index, *import);
  }

  void CheckCoveredByImport(std::size_t index, const Permit& import) {
    const PermitLine& line = permit_.lines[index];
    const PermitLine* covering = nullptr;
    for (const PermitLine& candidate : import.lines) {
      if (NormalizedName(candidate.scientific_name) == NormalizedName(line.scientific_name) &&
          candidate.term == line.term && candidate.unit == line.unit) {
        covering = &candidate;
        break;
      }
    }
    if (covering == nullptr) {
      Add(LinePath(index, "scientific_name"), "appendix_i.import_permit_species",
          "import permit " + import.number + " does not cover " + line.scientific_name + " " + line.term + " in " +
              line.unit);
    } else if (line.quantity > covering->quantity) {
      Add(LinePath(index, "quantity"), "appendix_i.import_permit_quantity",
          line.quantity.ToString() + " " + line.unit + " is more than the " + covering->quantity.ToString() + " " +
              line.unit + " import permit " + import.number + " allows");
    }
  }

  void CheckQuotas() {
    if (context_.quotas == nullptr || permit_.type != DocumentType::kExport) return;
    struct Demand {
      Quantity total;
      std::size_t first_line;
    };
    std::map<QuotaKey, Demand> demands;
    for (std::size_t i = 0; i < permit_.lines.size(); ++i) {
      const PermitLine& line = permit_.lines[i];
      const QuotaKey key{NormalizedName(line.scientific_name), permit_.exporter.country, YearOf(permit_.issued)};
      const Quota* quota = context_.quotas->Find(key);
      if (quota == nullptr) continue;
      if (quota->unit != line.unit) {
        Add(LinePath(i, "unit"), "quota.unit",
            "the " + std::to_string(key.year) + " export quota of " + line.scientific_name + " for " + key.country +
                " is counted in " + quota->unit + ": state the quantity in " + quota->unit);
        continue;
      }
      demands.try_emplace(key, Demand{Quantity{}, i}).first->second.total += line.quantity;
    }
    for (const auto& [key, demand] : demands) {
      const Quota& quota = *context_.quotas->Find(key);
      if (demand.total <= quota.Remaining()) continue;
      const PermitLine& line = permit_.lines[demand.first_line];
      Add(LinePath(demand.first_line, "quantity"), "quota.exceeded",
          demand.total.ToString() + " " + quota.unit + " of " + line.scientific_name + " exceeds the remaining " +
              std::to_string(key.year) + " export quota for " + key.country + " (" + quota.Remaining().ToString() +
              " of " + quota.annual.ToString() + " " + quota.unit + ")");
    }
  }

  const Permit& permit_;
  const ValidationContext& context_;
  const PurposeCode* purpose_ = nullptr;
  std::vector<std::size_t> appendix_i_lines_;
  Problems problems_;
};
}  // namespace

Problems Validate(const Permit& permit, const ValidationContext& context) { return Validator(permit, context).Run(); }

}  // namespace greenlane::cites
