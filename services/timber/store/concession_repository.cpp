#include "store/concession_repository.h"

#include "greenlane/core/uuid.h"
#include "store/codes.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kInsertOperator = "timber_operator_insert";
constexpr const char* kInsertOperatorSql =
    "INSERT INTO timber.operators (id, name, country, registration_number, created_at) "
    "VALUES ($1::uuid, $2, $3, $4, $5::timestamptz) ON CONFLICT (country, registration_number) DO NOTHING "
    "RETURNING id";

constexpr const char* kOperatorExists = "timber_operator_exists";
constexpr const char* kOperatorExistsSql = "SELECT EXISTS (SELECT 1 FROM timber.operators WHERE id = $1::uuid)";

constexpr const char* kInsertSite = "timber_site_insert";
constexpr const char* kInsertSiteSql =
    "INSERT INTO timber.sites (id, operator_id, name, kind, longitude, latitude, utc_offset_minutes, created_at) "
    "VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::timestamptz)";

constexpr const char* kFindSite = "timber_site_find";
constexpr const char* kFindSiteSql =
    "SELECT id::text, name, kind, longitude, latitude, utc_offset_minutes FROM timber.sites WHERE id = $1::uuid";

constexpr const char* kInsertConcession = "timber_concession_insert";
constexpr const char* kInsertConcessionSql =
    "INSERT INTO timber.concessions (id, operator_id, name, geometry, valid_from, valid_until, created_at) "
    "VALUES ($1::uuid, $2::uuid, $3, $4, $5::timestamptz, $6::timestamptz, $7::timestamptz) "
    "ON CONFLICT (name) DO NOTHING RETURNING id";

constexpr const char* kInsertCut = "timber_allowable_cut_insert";
constexpr const char* kInsertCutSql =
    "INSERT INTO timber.allowable_cuts (concession_id, year, species, volume_dm3) VALUES ($1::uuid, $2, $3, $4)";

constexpr const char* kLockConcession = "timber_concession_lock";
constexpr const char* kLockConcessionSql =
    "SELECT id::text, operator_id::text, name, geometry, (extract(epoch FROM valid_from) * 1000000)::bigint, "
    "(extract(epoch FROM valid_until) * 1000000)::bigint FROM timber.concessions WHERE id = $1::uuid FOR UPDATE";

constexpr const char* kConcessionCuts = "timber_concession_cuts";
constexpr const char* kConcessionCutsSql =
    "SELECT year, species, volume_dm3 FROM timber.allowable_cuts WHERE concession_id = $1::uuid ORDER BY year, species";

bool IsCountryCode(const std::string& text) {
  return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

core::Status RequireText(const std::string& value, const std::string& field, std::size_t max_size) {
  if (value.empty() || value.size() > max_size) {
    return core::Error::InvalidArgument(field, field + " must be 1 to " + std::to_string(max_size) + " characters");
  }
  return core::Status::Ok();
}

bool OperatorExists(pqxx::work& tx, const std::string& id) {
  return core::Uuid::Parse(id) && tx.exec_prepared(kOperatorExists, id)[0][0].as<bool>();
}

core::Error UnknownOperator(const std::string& id) {
  return core::Error::NotFound("no operator with id '" + id + "'; register the operator first");
}

nlohmann::json SiteJson(const Site& site) {
  return {{"id", site.id},
          {"name", site.name},
          {"kind", SiteKindCode(site.kind)},
          {"longitude", site.location.longitude},
          {"latitude", site.location.latitude},
          {"utc_offset_minutes", site.utc_offset_minutes}};
}

nlohmann::json ConcessionJson(const Concession& concession) {
  auto cuts = nlohmann::json::array();
  for (const auto& cut : concession.allowable_cuts) {
    cuts.push_back({{"year", cut.year}, {"species", cut.species}, {"volume_dm3", cut.volume.dm3}});
  }
  return {{"id", concession.id},
          {"operator_id", concession.operator_id},
          {"name", concession.name},
          {"valid_from", core::FormatRfc3339(concession.valid_from, 0)},
          {"valid_until", core::FormatRfc3339(concession.valid_until, 0)},
          {"allowable_cuts", cuts}};
}

core::Status ValidateCuts(const std::vector<AllowableCut>& cuts, const SpeciesCatalog& catalog) {
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const auto field = "allowable_cuts/" + std::to_string(i);
    if (catalog.Find(cuts[i].species) == nullptr) {
      return core::Error::InvalidArgument(field + "/species", "'" + cuts[i].species +
                                                                  "' is not a timber species the service knows; "
                                                                  "use a scientific name from the species list");
    }
    if (cuts[i].year < 1900 || cuts[i].year > 2200) {
      return core::Error::InvalidArgument(field + "/year",
                                          std::to_string(cuts[i].year) + " is not a year in 1900..2200");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (cuts[j].year == cuts[i].year && cuts[j].species == cuts[i].species) {
        return core::Error::InvalidArgument(field, "a second allowable cut for " + cuts[i].species + " in " +
                                                       std::to_string(cuts[i].year) +
                                                       "; give one per species and year");
      }
    }
  }
  return core::Status::Ok();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ConcessionRepository::PreparedStatements() {
  return {{kInsertOperator, kInsertOperatorSql},
          {kOperatorExists, kOperatorExistsSql},
          {kInsertSite, kInsertSiteSql},
          {kFindSite, kFindSiteSql},
          {kInsertConcession, kInsertConcessionSql},
          {kInsertCut, kInsertCutSql},
          {kLockConcession, kLockConcessionSql},
          {kConcessionCuts, kConcessionCutsSql}};
}

core::Result<Operator> ConcessionRepository::CreateOperator(Operator fields, const Caller& caller) {
  if (auto s = RequireText(fields.name, "name", 200); !s.ok()) return s.error();
  if (auto s = RequireText(fields.registration_number, "registration_number", 100); !s.ok()) return s.error();
  if (!IsCountryCode(fields.country)) {
    return core::Error::InvalidArgument("country", "'" + fields.country + "' is not an ISO 3166-1 alpha-2 code");
  }
  fields.id = core::Uuid::NewV7(context_.clock).ToString();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  if (tx.exec_prepared(kInsertOperator, fields.id, fields.name, fields.country, fields.registration_number,
                       SqlTime(now))
          .empty()) {
    return core::Error{core::ErrorKind::kAlreadyExists,
                       "an operator with registration number " + fields.registration_number + " in " + fields.country +
                           " is already registered",
                       "registration_number"};
  }
  context_.audit.Append(
      tx,
      {caller.actor, "operator.created", "operator", fields.id, std::nullopt,
       nlohmann::json{
           {"name", fields.name}, {"country", fields.country}, {"registration_number", fields.registration_number}},
       caller.request_id},
      now);
  CommitStep(tx, caller);
  return fields;
}

core::Result<Site> ConcessionRepository::CreateSite(const std::string& operator_id, Site fields, const Caller& caller) {
  if (auto s = RequireText(fields.name, "name", 200); !s.ok()) return s.error();
  if (fields.location.longitude < -180 || fields.location.longitude > 180 || fields.location.latitude < -90 ||
      fields.location.latitude > 90) {
    return core::Error::InvalidArgument("location", "longitude must lie in [-180, 180] and latitude in [-90, 90]");
  }
  if (fields.utc_offset_minutes < -840 || fields.utc_offset_minutes > 840) {
    return core::Error::InvalidArgument("utc_offset_minutes", std::to_string(fields.utc_offset_minutes) +
                                                                  " is outside -840..840 (UTC-14:00 to UTC+14:00)");
  }
  fields.id = core::Uuid::NewV7(context_.clock).ToString();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  if (!OperatorExists(tx, operator_id)) return UnknownOperator(operator_id);
  tx.exec_prepared(kInsertSite, fields.id, operator_id, fields.name, std::string(SiteKindCode(fields.kind)),
                   fields.location.longitude, fields.location.latitude, fields.utc_offset_minutes, SqlTime(now));
  context_.audit.Append(
      tx, {caller.actor, "site.created", "site", fields.id, std::nullopt, SiteJson(fields), caller.request_id}, now);
  CommitStep(tx, caller);
  return fields;
}

core::Result<Concession> ConcessionRepository::CreateConcession(const NewConcession& fields, const Caller& caller) {
  if (auto s = RequireText(fields.name, "name", 200); !s.ok()) return s.error();
  auto area = ParseGeoJsonArea(fields.geometry);
  if (!area.ok()) return area.error();
  if (fields.valid_until <= fields.valid_from) {
    return core::Error::InvalidArgument("valid_until",
                                        "must be after valid_from " + core::FormatRfc3339(fields.valid_from, 0));
  }
  if (auto s = ValidateCuts(fields.allowable_cuts, context_.species); !s.ok()) return s.error();
  Concession concession{.id = core::Uuid::NewV7(context_.clock).ToString(),
                        .operator_id = fields.operator_id,
                        .name = fields.name,
                        .area = std::move(*area),
                        .valid_from = fields.valid_from,
                        .valid_until = fields.valid_until,
                        .allowable_cuts = fields.allowable_cuts};
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  if (!OperatorExists(tx, fields.operator_id)) return UnknownOperator(fields.operator_id);
  if (tx.exec_prepared(kInsertConcession, concession.id, concession.operator_id, concession.name,
                       fields.geometry.dump(), SqlTime(concession.valid_from), SqlTime(concession.valid_until),
                       SqlTime(now))
          .empty()) {
    return core::Error{core::ErrorKind::kAlreadyExists, "a concession named '" + fields.name + "' already exists",
                       "name"};
  }
  for (const auto& cut : concession.allowable_cuts) {
    tx.exec_prepared(kInsertCut, concession.id, cut.year, cut.species, cut.volume.dm3);
  }
  context_.audit.Append(tx,
                        {caller.actor, "concession.created", "concession", concession.id, std::nullopt,
                         ConcessionJson(concession), caller.request_id},
                        now);
  CommitStep(tx, caller);
  return concession;
}

std::optional<Concession> LockConcession(pqxx::work& tx, const std::string& id) {
  if (!core::Uuid::Parse(id)) return std::nullopt;
  const auto rows = tx.exec_prepared(kLockConcession, id);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  auto area = ParseGeoJsonArea(nlohmann::json::parse(row[3].as<std::string>()));
  if (!area.ok()) {
    throw core::GreenlaneException(
        core::Error::Internal("stored geometry of concession " + id + " does not parse: " + area.error().message));
  }
  Concession concession{.id = row[0].as<std::string>(),
                        .operator_id = row[1].as<std::string>(),
                        .name = row[2].as<std::string>(),
                        .area = std::move(*area),
                        .valid_from = TimeFromMicros(row[4].as<std::int64_t>()),
                        .valid_until = TimeFromMicros(row[5].as<std::int64_t>()),
                        .allowable_cuts = {}};
  for (const auto& cut : tx.exec_prepared(kConcessionCuts, id)) {
    concession.allowable_cuts.push_back({cut[0].as<int>(), cut[1].as<std::string>(), {cut[2].as<std::int64_t>()}});
  }
  return concession;
}

std::optional<Site> FindSite(pqxx::work& tx, const std::string& id) {
  if (!core::Uuid::Parse(id)) return std::nullopt;
  const auto rows = tx.exec_prepared(kFindSite, id);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  const auto kind_code = row[2].as<std::string>();
  const auto kind = ParseSiteKindCode(kind_code);
  if (!kind) throw core::GreenlaneException(core::Error::Internal("site " + id + " has unknown kind " + kind_code));
  return Site{.id = row[0].as<std::string>(),
              .name = row[1].as<std::string>(),
              .kind = *kind,
              .location = {row[3].as<double>(), row[4].as<double>()},
              .utc_offset_minutes = row[5].as<int>()};
}

}  // namespace greenlane::timber::store
