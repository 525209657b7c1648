#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/quantity.h"
#include "greenlane/core/error.h"

namespace greenlane::cites {

/// Which annual export quota: species, exporting country (ISO 3166-1 alpha-2) and calendar year.
struct QuotaKey {
  std::string scientific_name;
  std::string country;
  int year = 0;
  friend auto operator<=>(const QuotaKey&, const QuotaKey&) = default;
};

/// An annual export quota and how much of it endorsed exports have used.
struct Quota {
  Quantity annual;
  std::string unit;  ///< the unit code the quota is counted in; other units cannot draw on it
  Quantity used;
  Quantity Remaining() const { return annual - used; }
};

/// Annual export quotas, drawn down by endorsed quantities (Res. Conf. 14.7). A value: drawing
/// returns the new book, so a caller can apply an endorsement and its drawdown together or not at all.
class QuotaBook {
 public:
  /// Reads {"quotas": [{"scientific_name", "country", "year", "quantity", "unit", "used"?}]}.
  static core::Result<QuotaBook> FromJson(const nlohmann::json& document);

  /// Sets a quota (replacing any for the same key) with nothing used yet.
  void Set(const QuotaKey& key, Quantity annual, std::string unit);

  /// The quota for `key` (species name matched exactly as written in the book), or nullptr when
  /// there is none: then no quota limits this trade.
  const Quota* Find(const QuotaKey& key) const;

  /// The book after `quantity` in `unit` is drawn from `key`'s quota; unchanged when there is no
  /// quota. Refused (rule quota.exceeded / quota.unit, naming `field`) when it would overdraw or the
  /// unit differs.
  core::Result<QuotaBook> Draw(const QuotaKey& key, Quantity quantity, const std::string& unit,
                               const std::string& field = "quantity") const;

 private:
  std::map<QuotaKey, Quota> quotas_;
};

}  // namespace greenlane::cites
