#include "domain/quota.h"

#include "domain/json_reader.h"
#include "domain/problem.h"
#include "domain/species.h"

namespace greenlane::cites {

namespace jr = json_reader;

namespace {
QuotaKey Normalized(const QuotaKey& key) { return {NormalizedName(key.scientific_name), key.country, key.year}; }

std::string Describe(const QuotaKey& key) {
  return key.scientific_name + " from " + key.country + " in " + std::to_string(key.year);
}
}  // namespace

core::Result<QuotaBook> QuotaBook::FromJson(const nlohmann::json& document) {
  return jr::Catching([&] {
    QuotaBook book;
    const nlohmann::json& quotas = jr::Array(document, "quotas", "");
    for (std::size_t i = 0; i < quotas.size(); ++i) {
      const std::string path = jr::Path("quotas", i);
      const QuotaKey key{jr::String(quotas[i], "scientific_name", path), jr::String(quotas[i], "country", path),
                         jr::Int(quotas[i], "year", path, 1975, 9999)};
      Quota quota{jr::QuantityField(quotas[i], "quantity", path), jr::String(quotas[i], "unit", path), Quantity{}};
      if (quotas[i].contains("used")) quota.used = jr::QuantityField(quotas[i], "used", path);
      if (quota.annual.IsNegative()) jr::Fail(jr::Path(path, "quantity"), "must not be negative");
      if (quota.used.IsNegative() || quota.used > quota.annual) {
        jr::Fail(jr::Path(path, "used"), "must be between 0 and the annual quantity " + quota.annual.ToString());
      }
      if (!book.quotas_.emplace(Normalized(key), std::move(quota)).second) {
        jr::Fail(path, "repeats the quota of " + Describe(key));
      }
    }
    return book;
  });
}

void QuotaBook::Set(const QuotaKey& key, Quantity annual, std::string unit) {
  quotas_[Normalized(key)] = Quota{annual, std::move(unit), Quantity{}};
}

const Quota* QuotaBook::Find(const QuotaKey& key) const {
  const auto it = quotas_.find(Normalized(key));
  return it == quotas_.end() ? nullptr : &it->second;
}

core::Result<QuotaBook> QuotaBook::Draw(const QuotaKey& key, Quantity quantity, const std::string& unit,
                                        const std::string& field) const {
  const Quota* quota = Find(key);
  if (quota == nullptr) return *this;
  if (quota->unit != unit) {
    return RuleError("quota.unit", field,
                     "the quota of " + Describe(key) + " is counted in " + quota->unit + ", not " + unit +
                         ": state the quantity in " + quota->unit);
  }
  if (quantity > quota->Remaining()) {
    return RuleError("quota.exceeded", field,
                     quantity.ToString() + " " + unit + " exceeds the remaining quota of " + Describe(key) + " (" +
                         quota->Remaining().ToString() + " of " + quota->annual.ToString() + " " + unit + ")");
  }
  QuotaBook next = *this;
  next.quotas_[Normalized(key)].used += quantity;
  return next;
}

}  // namespace greenlane::cites
