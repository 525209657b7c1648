#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/appendix.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// A purpose code (box 5a). `commercial` marks the primarily commercial purpose that Appendix I
/// forbids for most sources (Art. III.3(c)).
struct PurposeCode {
  std::string code;
  std::string meaning;
  bool commercial = false;
};

/// A source code (box 10). Kingdoms it may be used for; whether Appendix I specimens of this source
/// may be traded commercially; and the appendix Appendix I specimens of this source are treated as
/// (source D: registered captive breeding / artificial propagation counts as Appendix II, Art. VII.4).
struct SourceCode {
  std::string code;
  std::string meaning;
  std::set<std::string> kingdoms;
  bool appendix_i_commercial = false;
  std::optional<Appendix> appendix_i_treated_as;
};

/// A unit (UN/ECE Rec. 20, as in the e-permit XML) and its code in the annual report, where
/// "number of specimens" is written as an empty unit.
struct UnitCode {
  std::string code;
  std::string meaning;
  std::string report_code;
};

/// A term code (box 9) with the units it may be counted in.
struct TermCode {
  std::string code;
  std::string meaning;
  std::vector<std::string> units;
};

/// A document type with how long it may be valid and which appendices it may cover.
struct DocumentRule {
  DocumentType type = DocumentType::kExport;
  std::string name;
  int validity_months = 0;
  std::set<Appendix> appendices;
};

/// The CITES code lists Greenlane validates against. They are data (services/cites/data/codes.json)
/// so a new CoP's changes are an edit of that file, not of code.
class CodeTables {
 public:
  /// Reads the codes.json shape; an error names the first bad field, e.g. "terms[3].units[1]".
  static core::Result<CodeTables> FromJson(const nlohmann::json& document);

  const PurposeCode* Purpose(const std::string& code) const;
  const SourceCode* Source(const std::string& code) const;
  const UnitCode* Unit(const std::string& code) const;
  const TermCode* Term(const std::string& code) const;
  /// Always present: the loader refuses a file missing a document type.
  const DocumentRule& Document(DocumentType type) const;
  bool TermAllowsUnit(const std::string& term, const std::string& unit) const;

  /// Sorted codes, for messages listing what is allowed.
  std::vector<std::string> PurposeCodes() const;
  std::vector<std::string> SourceCodes() const;
  std::vector<std::string> UnitCodes() const;
  std::vector<std::string> TermCodes() const;

 private:
  std::map<std::string, PurposeCode> purposes_;
  std::map<std::string, SourceCode> sources_;
  std::map<std::string, UnitCode> units_;
  std::map<std::string, TermCode> terms_;
  std::map<DocumentType, DocumentRule> documents_;
};

/// "A, B or C" for messages.
std::string JoinCodes(const std::vector<std::string>& codes);

}  // namespace greenlane::cites
