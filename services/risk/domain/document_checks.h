#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/checks.h"
#include "domain/declaration.h"
#include "greenlane/core/clock.h"

namespace greenlane::risk {

/// Step 3 of selection: each LPCO document is checked with the service that owns it (CITES permits
/// with cites, timber export certificates with timber). The domain only states the question and
/// the answer; the service runs the checkers in parallel under one deadline.

/// What is asked about one document of one goods item.
struct DocumentQuery {
  DeclarationType type = DeclarationType::kImport;
  int item_sequence = 0;
  LpcoDocument document;
  std::string hs_code;
  std::string scientific_name;
  std::string origin_country;
  std::int64_t quantity = 0;  ///< thousandths of quantity_unit
  std::string quantity_unit;
  std::int64_t net_mass = 0;  ///< grams
};

/// The owning service's answer: valid (exists, in force, matches the species, HS code and quantity,
/// and enough is left to write off) or invalid with the check that failed in `detail`.
struct DocumentAnswer {
  DocumentStatus status = DocumentStatus::kNotAnswered;
  std::string detail;
  /// Timber barcodes the document covers, so anomalies raised on those pieces reach the declaration.
  std::vector<std::string> subjects;
};

/// Receives the answer of a check: called exactly once, from any thread, possibly before the call
/// that started the check has returned. It must not block.
using DocumentAnswered = std::function<void(DocumentAnswer)>;

/// One owning service. Check starts the question and returns without waiting, so that one thread can
/// have every check of a declaration in flight at once. Implementations give their call `deadline`;
/// an answer that comes later, or never, is counted as not answered, which never lets a declaration
/// go green.
class DocumentChecker {
 public:
  virtual ~DocumentChecker() = default;
  virtual void Check(const DocumentQuery& query, core::TimePoint deadline, DocumentAnswered answered) = 0;
};

/// Step 1 needs the CITES appendix of each declared species on the day the declaration was lodged,
/// which only cites knows (the trader never states it). `appendix` is nullopt when cites did not answer
/// in time, with the reason in `detail`; "" when the species is in no appendix that day.
struct ListingAnswer {
  std::optional<std::string> appendix;
  std::string detail;
};

/// Receives a listing look-up's answer, like DocumentAnswered.
using ListingAnswered = std::function<void(ListingAnswer)>;

/// The CITES species listings, asked like a DocumentChecker; implementations may cache, and then
/// answer before AppendixOf returns.
class SpeciesListings {
 public:
  virtual ~SpeciesListings() = default;
  virtual void AppendixOf(const std::string& scientific_name, core::TimePoint on, core::TimePoint deadline,
                          ListingAnswered answered) = 0;
};

/// The category under which a listing cites did not answer is reported, like a document not
/// answered, so the declaration cannot go green without the CITES mandatory rules having been asked.
inline constexpr std::string_view kListingCategory = "cites_listing";

/// The distinct scientific names of the goods items, in item order.
std::vector<std::string> DeclaredSpecies(const Declaration& declaration);

/// Sets each goods item's cites_appendix from `appendices` (scientific name -> appendix).
void ApplyCitesAppendices(Declaration& declaration, const std::map<std::string, std::string, std::less<>>& appendices);

/// Which checker owns a document category: "cites" for cites_*, "timber" for timber_*, "" for
/// categories no Greenlane service holds (ozone licences, Basel notifications), which are not checked.
std::string_view OwnerOfCategory(std::string_view category);

/// One query per LPCO document of every goods item, in item and document order.
std::vector<DocumentQuery> DocumentQueriesOf(const Declaration& declaration);

}  // namespace greenlane::risk
