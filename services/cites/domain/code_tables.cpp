#include "domain/code_tables.h"

#include <algorithm>

#include "domain/json_reader.h"
#include "domain/kingdom.h"

namespace greenlane::cites {

namespace jr = json_reader;

namespace {
template <typename Entry>
void InsertUnique(std::map<std::string, Entry>& table, Entry entry, const std::string& path) {
  const std::string code = entry.code;
  if (!table.emplace(code, std::move(entry)).second) jr::Fail(jr::Path(path, "code"), "'" + code + "' is listed twice");
}

template <typename Entry>
const Entry* FindIn(const std::map<std::string, Entry>& table, const std::string& code) {
  const auto it = table.find(code);
  return it == table.end() ? nullptr : &it->second;
}

template <typename Entry>
std::vector<std::string> KeysOf(const std::map<std::string, Entry>& table) {
  std::vector<std::string> keys;
  for (const auto& [code, entry] : table) keys.push_back(code);
  return keys;
}

Appendix AppendixField(const std::string& text, const std::string& path) {
  const auto appendix = ParseAppendix(text);
  if (!appendix) jr::Fail(path, "'" + text + "' is not an appendix: use I, II or III");
  return *appendix;
}
}  // namespace

core::Result<CodeTables> CodeTables::FromJson(const nlohmann::json& document) {
  return jr::Catching([&] {
    CodeTables tables;
    const nlohmann::json& purposes = jr::Array(document, "purposes", "");
    for (std::size_t i = 0; i < purposes.size(); ++i) {
      const std::string path = jr::Path("purposes", i);
      InsertUnique(tables.purposes_,
                   PurposeCode{jr::String(purposes[i], "code", path), jr::String(purposes[i], "meaning", path),
                               jr::OptionalBool(purposes[i], "commercial", path, false)},
                   path);
    }
    const nlohmann::json& sources = jr::Array(document, "sources", "");
    for (std::size_t i = 0; i < sources.size(); ++i) {
      const std::string path = jr::Path("sources", i);
      SourceCode source{jr::String(sources[i], "code", path), jr::String(sources[i], "meaning", path), {}, false, {}};
      const std::vector<std::string> kingdoms = jr::Strings(sources[i], "kingdoms", path);
      for (std::size_t k = 0; k < kingdoms.size(); ++k) {
        if (!IsKingdom(kingdoms[k])) {
          jr::Fail(jr::Path(jr::Path(path, "kingdoms"), k),
                   "'" + kingdoms[k] + "' is not a kingdom: use Animalia or Plantae");
        }
        source.kingdoms.insert(kingdoms[k]);
      }
      if (source.kingdoms.empty()) jr::Fail(jr::Path(path, "kingdoms"), "must name at least one kingdom");
      source.appendix_i_commercial = jr::OptionalBool(sources[i], "appendix_i_commercial", path, false);
      const std::string treated_as = jr::OptionalString(sources[i], "appendix_i_treated_as", path);
      if (!treated_as.empty())
        source.appendix_i_treated_as = AppendixField(treated_as, jr::Path(path, "appendix_i_treated_as"));
      InsertUnique(tables.sources_, std::move(source), path);
    }
    const nlohmann::json& units = jr::Array(document, "units", "");
    for (std::size_t i = 0; i < units.size(); ++i) {
      const std::string path = jr::Path("units", i);
      InsertUnique(tables.units_,
                   UnitCode{jr::String(units[i], "code", path), jr::String(units[i], "meaning", path),
                            jr::OptionalString(units[i], "report_code", path)},
                   path);
    }
    const nlohmann::json& terms = jr::Array(document, "terms", "");
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const std::string path = jr::Path("terms", i);
      TermCode term{jr::String(terms[i], "code", path), jr::String(terms[i], "meaning", path),
                    jr::Strings(terms[i], "units", path)};
      if (term.units.empty()) jr::Fail(jr::Path(path, "units"), "must list at least one unit");
      for (std::size_t u = 0; u < term.units.size(); ++u) {
        if (tables.units_.count(term.units[u]) == 0) {
          jr::Fail(jr::Path(jr::Path(path, "units"), u),
                   "'" + term.units[u] + "' is not a unit of the units table: use " + JoinCodes(tables.UnitCodes()));
        }
      }
      InsertUnique(tables.terms_, std::move(term), path);
    }
    const nlohmann::json& documents = jr::Array(document, "documents", "");
    for (std::size_t i = 0; i < documents.size(); ++i) {
      const std::string path = jr::Path("documents", i);
      const std::string type_name = jr::String(documents[i], "type", path);
      const auto type = ParseDocumentType(type_name);
      if (!type) {
        jr::Fail(jr::Path(path, "type"),
                 "'" + type_name + "' is not a document type: use export, re-export, import or origin");
      }
      DocumentRule rule{
          *type, jr::String(documents[i], "name", path), jr::Int(documents[i], "validity_months", path, 1, 120), {}};
      const std::vector<std::string> appendices = jr::Strings(documents[i], "appendices", path);
      for (std::size_t a = 0; a < appendices.size(); ++a) {
        rule.appendices.insert(AppendixField(appendices[a], jr::Path(jr::Path(path, "appendices"), a)));
      }
      if (!tables.documents_.emplace(*type, std::move(rule)).second) {
        jr::Fail(jr::Path(path, "type"), "'" + type_name + "' is listed twice");
      }
    }
    for (DocumentType type :
         {DocumentType::kExport, DocumentType::kReExport, DocumentType::kImport, DocumentType::kOrigin}) {
      if (tables.documents_.count(type) == 0)
        jr::Fail("documents", "has no entry for type '" + std::string(ToString(type)) + "'");
    }
    return tables;
  });
}

const PurposeCode* CodeTables::Purpose(const std::string& code) const { return FindIn(purposes_, code); }
const SourceCode* CodeTables::Source(const std::string& code) const { return FindIn(sources_, code); }
const UnitCode* CodeTables::Unit(const std::string& code) const { return FindIn(units_, code); }
const TermCode* CodeTables::Term(const std::string& code) const { return FindIn(terms_, code); }
const DocumentRule& CodeTables::Document(DocumentType type) const { return documents_.at(type); }

bool CodeTables::TermAllowsUnit(const std::string& term, const std::string& unit) const {
  const TermCode* entry = Term(term);
  return entry != nullptr && std::find(entry->units.begin(), entry->units.end(), unit) != entry->units.end();
}

std::vector<std::string> CodeTables::PurposeCodes() const { return KeysOf(purposes_); }
std::vector<std::string> CodeTables::SourceCodes() const { return KeysOf(sources_); }
std::vector<std::string> CodeTables::UnitCodes() const { return KeysOf(units_); }
std::vector<std::string> CodeTables::TermCodes() const { return KeysOf(terms_); }

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string text;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) text += i + 1 == codes.size() ? " or " : ", ";
    text += codes[i];
  }
  return text;
}

}  // namespace greenlane::cites
