#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "greenlane/core/error.h"
#include "store/context.h"

namespace greenlane::timber::store {

/// A concession as granted: the GeoJSON geometry is stored as received and parsed by the domain.
struct NewConcession {
  std::string operator_id;
  std::string name;
  nlohmann::json geometry;  ///< a GeoJSON Polygon or MultiPolygon
  core::TimePoint valid_from;
  core::TimePoint valid_until;  ///< exclusive
  std::vector<AllowableCut> allowable_cuts;
};

/// Operators, their sites and their concessions: the registry every later step points into.
/// Each creation is audited in its own transaction.
class ConcessionRepository {
 public:
  explicit ConcessionRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Registers a company; `fields.id` is ignored and a UUIDv7 assigned. kInvalidArgument naming the field
  /// for an empty name or registration number or a country that is not ISO 3166-1 alpha-2;
  /// kAlreadyExists when the country already has that registration number.
  core::Result<Operator> CreateOperator(Operator fields, const Caller& caller);

  /// Registers a site of `operator_id`; `fields.id` is ignored. kNotFound for an unknown operator.
  core::Result<Site> CreateSite(const std::string& operator_id, Site fields, const Caller& caller);

  /// Grants a concession. kInvalidArgument for a geometry the domain refuses (naming the JSON pointer),
  /// an empty validity, or an allowable cut of a species the catalog does not know; kNotFound for an
  /// unknown operator; kAlreadyExists for a name in use.
  core::Result<Concession> CreateConcession(const NewConcession& fields, const Caller& caller);

 private:
  const StoreContext& context_;
};

/// The concession with its allowable cuts, locked FOR UPDATE so fellings in one concession run one
/// at a time and each sees the volume felled before it. nullopt when `id` names none (or is no UUID).
std::optional<Concession> LockConcession(pqxx::work& tx, const std::string& id);

/// The site, or nullopt when `id` names none (or is no UUID).
std::optional<Site> FindSite(pqxx::work& tx, const std::string& id);

}  // namespace greenlane::timber::store
